package io.github.ndarray.bench;

/**
 * One line of the comparison: a workload, NumPy's result and ours.
 *
 * @param w the workload
 * @param work bytes or flops per call
 * @param numpy NumPy's result, or {@code null} when NumPy did not run
 * @param numpyDigest NumPy's checksum of its result, or NaN
 * @param ours our result
 * @param oursDigest our checksum, or NaN
 * @param roundRatios NumPy's time over ours in each round of an interleaved run where both
 *     sides measured it, in round order; empty for a single round
 */
public record Row(Workload w, Ops.Work work, Timer.Result numpy, double numpyDigest, Timer.Result ours, double oursDigest,
        double[] roundRatios) {
    /** A row of a single-round run. */
    public Row(Workload w, Ops.Work work, Timer.Result numpy, double numpyDigest, Timer.Result ours, double oursDigest) {
        this(w, work, numpy, numpyDigest, ours, oursDigest, new double[0]);
    }

    /**
     * {@return NumPy's time over ours (greater than 1: we are faster), or NaN}: the median of the
     * rounds' ratios when there were several, else the ratio of the two times
     */
    public double ratio() {
        if (roundRatios.length > 0) {
            return Timer.median(roundRatios, roundRatios.length);
        }
        return numpy != null && numpy.ok() && ours.ok() ? numpy.seconds() / ours.seconds() : Double.NaN;
    }

    /** {@return the smallest round's ratio, or NaN for a single round} */
    public double ratioMin() {
        return java.util.Arrays.stream(roundRatios).min().orElse(Double.NaN);
    }

    /** {@return the largest round's ratio, or NaN for a single round} */
    public double ratioMax() {
        return java.util.Arrays.stream(roundRatios).max().orElse(Double.NaN);
    }

    /** {@return our GB/s or GFLOP/s, or NaN} */
    public double oursRate() {
        return ours.ok() ? work.rate(ours.seconds()) : Double.NaN;
    }

    /** {@return NumPy's GB/s or GFLOP/s, or NaN} */
    public double numpyRate() {
        return numpy != null && numpy.ok() ? work.rate(numpy.seconds()) : Double.NaN;
    }

    /**
     * Whether both results agree (same inputs, so the checksums must match up to rounding).
     *
     * @return {@code ""} when either is missing, else {@code ok} or {@code MISMATCH}
     */
    public String check() {
        if (Double.isNaN(numpyDigest) || Double.isNaN(oursDigest)) {
            return "";
        }
        double tol = w.dtype().equals("float32") ? 1e-4 : 1e-8;
        double scale = Math.max(Math.abs(numpyDigest), Math.abs(oursDigest));
        return Math.abs(numpyDigest - oursDigest) <= tol * Math.max(scale, 1e-300) ? "ok" : "MISMATCH";
    }
}
