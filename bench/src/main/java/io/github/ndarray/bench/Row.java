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
 */
public record Row(Workload w, Ops.Work work, Timer.Result numpy, double numpyDigest, Timer.Result ours, double oursDigest) {
    /** {@return NumPy's time over ours (greater than 1: we are faster), or NaN} */
    public double ratio() {
        return numpy != null && numpy.ok() && ours.ok() ? numpy.seconds() / ours.seconds() : Double.NaN;
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
