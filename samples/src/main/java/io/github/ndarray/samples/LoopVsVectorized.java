package io.github.ndarray.samples;

import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.util.Locale;
import java.util.function.LongSupplier;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Tutorial exercise "loop vs vectorized": {@code x*2} and {@code x**2 + 2x + 1} on the int64
 * {@code ND.arange(1_000_000)}, three ways: a plain Java loop over {@code long[]} (which C2 may
 * auto-vectorize), a hand-written Vector API loop ({@code LongVector}, preferred species,
 * {@code loopBound} plus a scalar tail), and the library ({@code x.mul(2)}, and
 * {@code x.pow(2).add(x.mul(2)).add(1)}: a fresh array per operation). Prints the best time of
 * each and checks that all three give the same numbers. (bench's {@code VectorizationVsLoop} is
 * the JMH version for float64 {@code x*2+1}.)
 *
 * <p>Run it with
 * {@code ./mvnw -q -pl samples -am compile exec:exec -Dtour.main=io.github.ndarray.samples.LoopVsVectorized}
 * (options: {@code -Dtour.args="--n 1000000 --reps 20"}; {@code --fast}, for CI: n = 10,000, 3 reps).
 */
public final class LoopVsVectorized {
    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;

    private LoopVsVectorized() {
    }

    static void timesTwoLoop(long[] x, long[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * 2;
        }
    }

    static void timesTwoVector(long[] x, long[] out) {
        int i = 0;
        for (int upper = SPECIES.loopBound(x.length); i < upper; i += SPECIES.length()) {
            LongVector.fromArray(SPECIES, x, i).mul(2L).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            out[i] = x[i] * 2;
        }
    }

    static void polynomialLoop(long[] x, long[] out) {
        for (int i = 0; i < x.length; i++) {
            long v = x[i];
            out[i] = v * v + 2 * v + 1;
        }
    }

    static void polynomialVector(long[] x, long[] out) {
        int i = 0;
        for (int upper = SPECIES.loopBound(x.length); i < upper; i += SPECIES.length()) {
            LongVector v = LongVector.fromArray(SPECIES, x, i);
            v.mul(v).add(v.mul(2L)).add(1L).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            long v = x[i];
            out[i] = v * v + 2 * v + 1;
        }
    }

    private static long checksum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    private static long checksum(NDArray a) {
        try (NDArray s = a.sum()) {
            return s.getLong();
        }
    }

    private static void row(String expression, String way, int reps, LongSupplier body, long expected) {
        long got = body.getAsLong();
        if (got != expected) {
            throw new IllegalStateException(way + " " + expression + ": checksum " + got + ", expected " + expected);
        }
        System.out.printf(Locale.ROOT, "%-14s %-22s %10s%n", expression, way, Exercises.time(Exercises.bestNanos(reps, body)));
    }

    /**
     * Runs the exercise.
     *
     * @param args {@code --n N} (default 1000000), {@code --reps R} (default 20), {@code --fast}
     */
    public static void main(String[] args) {
        Exercises opt = new Exercises(args);
        boolean fast = opt.flag("fast");
        int n = (int) opt.longOption("n", fast ? 10_000 : 1_000_000);
        int reps = (int) opt.longOption("reps", fast ? 3 : 20);
        try (NDArray xa = ND.arange(n)) {
            long[] x = new long[n];
            for (int i = 0; i < n; i++) {
                x[i] = xa.getLong(i);
            }
            long[] out = new long[n];
            long twice = (long) (n - 1) * n;
            long poly = 0;
            for (long v = 1; v <= n; v++) {
                poly += v * v; // (x+1)^2 summed over x in [0, n)
            }
            System.out.println("x = ND.arange(" + n + "), " + xa.dtype() + "; " + Exercises.cores() + " cores; Vector API "
                    + SPECIES.length() + " longs per vector; best of " + reps + "; checksums: sum(x*2) = " + twice
                    + ", sum(x**2+2x+1) = " + poly);
            System.out.printf(Locale.ROOT, "%-14s %-22s %10s%n", "expression", "way", "time");
            row("x*2", "Java loop", reps, () -> {
                timesTwoLoop(x, out);
                return checksum(out);
            }, twice);
            row("x*2", "Vector API loop", reps, () -> {
                timesTwoVector(x, out);
                return checksum(out);
            }, twice);
            row("x*2", "library x.mul(2)", reps, () -> {
                try (NDArray r = xa.mul(2L)) {
                    return checksum(r);
                }
            }, twice);
            row("x**2 + 2x + 1", "Java loop", reps, () -> {
                polynomialLoop(x, out);
                return checksum(out);
            }, poly);
            row("x**2 + 2x + 1", "Vector API loop", reps, () -> {
                polynomialVector(x, out);
                return checksum(out);
            }, poly);
            row("x**2 + 2x + 1", "library expression", reps, () -> {
                try (NDArray sq = xa.pow(2L); NDArray t = xa.mul(2L); NDArray s = sq.add(t); NDArray r = s.add(1L)) {
                    return checksum(r);
                }
            }, poly);
        }
        System.out.println("(times include a checksum pass over the result, the same for every way)");
    }
}
