package io.github.ndarray.bench;

/**
 * The timing method both sides use ({@code scripts/bench_numpy.py} has the same code): one cold
 * call; warm-up calls until {@link Settings#warmupS()} has passed; then up to
 * {@link Settings#repeats()} samples, each {@code inner} back-to-back calls lasting at least
 * {@link Settings#minSampleS()}, within {@link Settings#budgetS()}; the result is the median
 * of the samples' time per call. A call slower than {@link Settings#maxCallS()} (the cold call
 * if over 3 times the limit, else a second call; or predicted from a smaller size of the same
 * op at over 10 times the limit) is not timed further: "too slow".
 */
public final class Timer {
    private Timer() {
    }

    /**
     * The knobs, the same on both sides.
     *
     * @param warmupS seconds of warm-up calls (after the first call)
     * @param minSampleS shortest sample: the number of calls per sample is chosen to reach it
     * @param repeats samples wanted
     * @param budgetS seconds a workload may take, warm-up included (at least 3 samples are taken)
     * @param maxCallS a workload whose single call takes longer is skipped as too slow
     */
    public record Settings(double warmupS, double minSampleS, int repeats, double budgetS, double maxCallS) {
        /** {@return the defaults: 0.5 s warm-up, 5 ms samples, 15 repeats, 3 s budget, 1 s per call} */
        public static Settings defaults() {
            return new Settings(0.5, 0.005, 15, 3.0, 1.0);
        }
    }

    /**
     * What came out.
     *
     * @param status {@code ok}, {@code too slow}, {@code unavailable} or {@code error}
     * @param seconds median time per call (for "too slow": the one call, or the prediction)
     * @param samples samples taken
     * @param inner calls per sample
     * @param note detail for the table
     */
    public record Result(String status, double seconds, int samples, long inner, String note) {
        /** {@return whether the time is a measurement} */
        public boolean ok() {
            return status.equals("ok");
        }
    }

    /** A call to time. */
    @FunctionalInterface
    public interface Call {
        /**
         * Runs once.
         *
         * @throws Throwable anything
         */
        void run() throws Throwable;
    }

    /**
     * Times a call.
     *
     * @param call the call
     * @param s the settings
     * @return the result
     * @throws Throwable what the call throws
     */
    public static Result time(Call call, Settings s) throws Throwable {
        long t0 = System.nanoTime();
        call.run();
        double first = (System.nanoTime() - t0) * 1e-9;
        if (first > s.maxCallS()) {
            // A cold call can be a few times slower than a warm one: within 3x the limit, a second call decides.
            if (first > 3 * s.maxCallS()) {
                return new Result("too slow", first, 0, 0, tooSlow(s.maxCallS(), "one call took " + seconds(first)));
            }
            long t1 = System.nanoTime();
            call.run();
            double second = (System.nanoTime() - t1) * 1e-9;
            if (second > s.maxCallS()) {
                return new Result("too slow", second, 0, 0,
                        tooSlow(s.maxCallS(), "two calls took " + seconds(first) + " and " + seconds(second)));
            }
        }
        // Warm-up: at least one more call, then until warmupS has passed (within a third of the budget).
        double warmLimit = Math.min(s.warmupS(), s.budgetS() / 3);
        double last = first;
        long start = System.nanoTime();
        do {
            long t = System.nanoTime();
            call.run();
            last = (System.nanoTime() - t) * 1e-9;
        } while ((System.nanoTime() - start) * 1e-9 < warmLimit);
        double warm = (System.nanoTime() - t0) * 1e-9;
        long inner = Math.max(1, (long) Math.ceil(s.minSampleS() / Math.max(last, 1e-9)));
        double[] samples = new double[s.repeats()];
        int k = 0;
        long sampling = System.nanoTime();
        while (k < s.repeats()) {
            long t = System.nanoTime();
            for (long i = 0; i < inner; i++) {
                call.run();
            }
            samples[k++] = (System.nanoTime() - t) * 1e-9 / inner;
            if (k >= 3 && warm + (System.nanoTime() - sampling) * 1e-9 > s.budgetS()) {
                break;
            }
        }
        return new Result("ok", median(samples, k), k, inner, "");
    }

    /**
     * The note for a skipped workload.
     *
     * @param maxCall the limit
     * @param why the measurement or prediction
     * @return the note
     */
    public static String tooSlow(double maxCall, String why) {
        return "skipped: too slow (>" + trim(maxCall) + "s per call; " + why + ")";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The median of the first {@code k} values.
     *
     * @param v values
     * @param k how many count
     * @return the median
     */
    public static double median(double[] v, int k) {
        double[] c = java.util.Arrays.copyOf(v, k);
        java.util.Arrays.sort(c);
        return k % 2 == 1 ? c[k / 2] : (c[k / 2 - 1] + c[k / 2]) / 2;
    }

    /**
     * A duration for people: {@code 812 ns}, {@code 12.3 µs}, {@code 4.56 ms}, {@code 1.23 s}.
     *
     * @param s seconds
     * @return the text
     */
    public static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "";
        }
        String[] units = {"ns", "µs", "ms", "s"};
        double v = s * 1e9;
        int u = 0;
        while (u < 3 && v >= 999.5) {
            v /= 1000;
            u++;
        }
        return sig3(v) + " " + units[u];
    }

    /**
     * Three significant digits, no exponent.
     *
     * @param v a value
     * @return the text
     */
    public static String sig3(double v) {
        if (v > 0 && v < 1) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).toPlainString();
        }
        if (v >= 99.95) {
            return String.format(java.util.Locale.ROOT, "%.0f", v);
        }
        if (v >= 9.995) {
            return String.format(java.util.Locale.ROOT, "%.1f", v);
        }
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
