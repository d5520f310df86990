package io.github.ndarray.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.stream.Stream;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API reductions ({@link LoopFold} templates): against sequential folds, the
 * pairwise sum's error bound on an ill-conditioned sum, and results that do not depend on the
 * thread count.
 */
class VectorReductionTest {
    private static final int SAVED_THREADS = Parallel.threads();
    private static final double U = 0x1p-53;

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(SAVED_THREADS);
    }

    static Stream<Arguments> folds() {
        List<Arguments> out = new ArrayList<>();
        String[] ops = {"add", "multiply", "maximum", "minimum", "fmax", "fmin", "bitwise_and", "bitwise_or", "bitwise_xor"};
        for (DType t : SimdKernelsTest.TYPES) {
            for (String op : ops) {
                if (SimdKernels.fold(id(op), t) != null) {
                    out.add(Arguments.of(op, t));
                }
            }
        }
        return out.stream();
    }

    /**
     * uint8 max/min with every value on one side of 128: {@code reduceLanes(UMAX)} returned the
     * type's minimum on JDK 25, which random data over the whole range hides (the tail fixes it).
     */
    @ParameterizedTest(name = "values in [{0}, {1})")
    @org.junit.jupiter.params.provider.CsvSource({"0, 128", "128, 256", "0, 1", "255, 256", "100, 140"})
    void uint8MaxAndMinOnOneSideOf128(int lo, int hi) {
        SplittableRandom rng = new SplittableRandom(lo * 1000L + hi);
        for (int n : new int[] {64, 65, 127, 128, 129, 1000, 4099, 300_001}) {
            int[] v = new int[n];
            int max = 0;
            int min = 255;
            for (int i = 0; i < n; i++) {
                int x = rng.nextInt(lo, hi);
                v[i] = x;
                max = Math.max(max, x);
                min = Math.min(min, x);
            }
            try (NDArray i32 = ND.array(v); NDArray a = i32.astype(DType.UINT8); NDArray mx = a.max(); NDArray mn = a.min()) {
                assertEquals(max, mx.getLong(), "max n=" + n);
                assertEquals(min, mn.getLong(), "min n=" + n);
            }
        }
    }

    /** Each template against a sequential fold with the generic arithmetic, serial and split over threads. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("folds")
    void foldMatchesSequentialFold(String op, DType t) {
        LoopFold fold = SimdKernels.fold(id(op), t);
        int[] lengths = {1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256, 257, 511, 513, 1000, 4099, 300_001};
        for (int n : lengths) {
            try (NDArray a = data(op, t, n, 977L * n + op.hashCode())) {
                MemorySegment s = CpuBackend.segment(a.storage());
                for (boolean parallel : new boolean[] {false, true}) {
                    String where = op + " " + t + " n=" + n + (parallel ? " parallel" : "");
                    if (t.isFloating()) {
                        double got = fold.foldDouble(s, 0, n, parallel);
                        double[] x = a.toDoubleArray();
                        if (op.equals("add")) {
                            double sumAbs = 0;
                            for (double v : x) {
                                sumAbs += Math.abs(v);
                            }
                            assertTrue(Math.abs(got - exactSum(x)) <= pairwiseBound(n) * sumAbs, where);
                        } else {
                            DoubleBinaryOperator f = Kernels.binaryDouble(id(op));
                            double want = x[0];
                            for (int i = 1; i < n; i++) {
                                want = ScalarMath.round(f.applyAsDouble(want, x[i]), t);
                            }
                            if (op.equals("multiply")) {
                                double tol = (t == DType.FLOAT32 ? 0x1p-24 : U) * 2 * n * Math.abs(want);
                                assertTrue(Math.abs(got - want) <= tol || Double.compare(got, want) == 0, where
                                        + ": " + got + " vs " + want);
                            } else {
                                assertEquals(want + 0.0, got + 0.0, 0.0, where); // NaN equals NaN; zeros' sign aside
                            }
                        }
                    } else {
                        long[] x = a.toLongArray();
                        LongBinaryOperator f = Kernels.binaryLong(id(op), t);
                        long want = x[0];
                        for (int i = 1; i < n; i++) {
                            want = ScalarMath.wrap(f.applyAsLong(want, x[i]), t);
                        }
                        assertEquals(want, ScalarMath.wrap(fold.foldLong(s, 0, n, parallel), t), where);
                    }
                }
            }
        }
    }

    /** Data for a fold: extrema see NaN and signed zeros; products stay near 1 so they neither overflow nor vanish. */
    static NDArray data(String op, DType t, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            if (!t.isFloating()) {
                v[i] = r.nextInt(-200, 200);
            } else if (op.equals("multiply")) {
                v[i] = 1 + r.nextDouble(-1, 1) / n;
            } else if (op.equals("add")) {
                v[i] = r.nextDouble(-1, 1) * Math.pow(2, r.nextInt(0, 30));
            } else {
                int k = r.nextInt(n + 40);
                v[i] = k == 0 ? Double.NaN : k == 1 ? -0.0 : k == 2 ? 0.0 : r.nextDouble(-1e6, 1e6);
            }
        }
        try (NDArray d = ND.array(v)) {
            return d.astype(t);
        }
    }

    static double exactSum(double[] x) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) {
            s = s.add(new BigDecimal(v));
        }
        return s.round(MathContext.DECIMAL128).doubleValue();
    }

    /**
     * The pairwise sum's bound, in units of {@code sum|x|}: a term passes through at most
     * 16 (its lane's partial sum) + 1 (the two accumulators) + log2(L) (the lanes) + L (the
     * leaf's scalar tail) + ceil(log2(n / leaf)) (the halving tree) roundings.
     */
    static double pairwiseBound(long n) {
        int lanes = DoubleVector.SPECIES_PREFERRED.length();
        long leaf = 32L * lanes;
        int depth = n <= leaf ? 0 : 64 - Long.numberOfLeadingZeros((n - 1) / leaf);
        int log2Lanes = Integer.numberOfTrailingZeros(lanes);
        return (16 + 1 + log2Lanes + lanes + depth + 1) * U;
    }

    /**
     * An ill-conditioned sum (terms up to 2^40 that cancel to a sum about 10^-7 of sum|x|): the
     * pairwise sum stays within its bound of the exact sum; a sequential sum's error is far
     * larger on the same data.
     */
    @Test
    void illConditionedSumStaysWithinThePairwiseBound() {
        int n = 1_000_003;
        SplittableRandom r = new SplittableRandom(5);
        double[] x = new double[n];
        for (int i = 0; i < n / 2; i++) {
            x[i] = r.nextDouble(0, 1) * Math.pow(2, r.nextInt(0, 41));
            x[n / 2 + i] = -x[i] * (1 + r.nextDouble(-1e-9, 1e-9));
        }
        x[n - 1] = 1.0;
        for (int i = n - 1; i > 0; i--) { // shuffle
            int j = r.nextInt(i + 1);
            double tmp = x[i];
            x[i] = x[j];
            x[j] = tmp;
        }
        double exact = exactSum(x);
        double sumAbs = 0;
        double sequential = 0;
        for (double v : x) {
            sumAbs += Math.abs(v);
            sequential += v;
        }
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            try (NDArray a = ND.array(x); NDArray s = a.sum()) {
                double err = Math.abs(s.item() - exact);
                double bound = pairwiseBound(n) * sumAbs;
                assertTrue(err <= bound, "pairwise error " + err + " > bound " + bound);
                // The measured error is a small fraction of the bound; the sequential sum's is not.
                assertTrue(Math.abs(sequential - exact) > 4 * err, "sequential " + Math.abs(sequential - exact)
                        + " vs pairwise " + err);
            }
        }
    }

    /** float32 sums accumulate in double: within one float32 rounding of the exact sum (plus the double bound). */
    @Test
    void float32SumRoundsOnce() {
        int n = 2_000_001;
        SplittableRandom r = new SplittableRandom(9);
        float[] x = new float[n];
        double[] xd = new double[n];
        double sumAbs = 0;
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
            xd[i] = x[i];
            sumAbs += Math.abs(x[i]);
        }
        double exact = exactSum(xd);
        try (NDArray a = ND.array(x); NDArray s = a.sum()) {
            assertEquals(DType.FLOAT32, s.dtype());
            double err = Math.abs(s.item() - exact);
            assertTrue(err <= Math.ulp((float) exact) / 2 + pairwiseBound(n) * sumAbs, "error " + err);
        }
    }

    /**
     * Reductions and exact elementwise ops give the same bits on 1, 2, 3 and 4 threads.
     * (Transcendental functions are left out: their last bits depend on whether the JIT has
     * compiled the loop yet, not on threads; {@link StridedWalkTest} checks that parallel walks
     * cut rows where serial ones put vector bodies and tails.)
     */
    @Test
    void resultsDoNotDependOnTheThreadCount() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 1031 * 2911;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1, 1) * Math.pow(2, r.nextInt(-20, 20));
        }
        List<byte[]> first = null;
        for (int threads = 1; threads <= 4; threads++) {
            Parallel.setThreads(threads);
            List<byte[]> results = new ArrayList<>();
            try (NDArray a = ND.array(x); NDArray f = a.astype(DType.FLOAT32); NDArray i = a.mul(1e6).astype(DType.INT64);
                    NDArray m = a.reshape(1031, 2911); NDArray row = m.get("0")) {
                results.add(bytesOf(a.sum()));
                results.add(bytesOf(f.sum()));
                results.add(bytesOf(a.max()));
                results.add(bytesOf(f.min()));
                results.add(bytesOf(i.sum()));
                results.add(bytesOf(i.max()));
                results.add(bytesOf(m.sum(1)));
                results.add(bytesOf(m.sum(0)));
                results.add(bytesOf(ND.sqrt(a)));
                results.add(bytesOf(f.mul(f)));
                results.add(bytesOf(m.add(row)));
                results.add(bytesOf(m.T().mul(2.0)));
                results.add(bytesOf(Ufunc.LESS.call(m, row)));
                results.add(bytesOf(Ufunc.MAXIMUM.call(i, 7L)));
            }
            if (first == null) {
                first = results;
            } else {
                for (int k = 0; k < first.size(); k++) {
                    assertArrayEquals(first.get(k), results.get(k), "result " + k + " on " + threads + " threads");
                }
            }
        }
    }

    private static byte[] bytesOf(NDArray a) {
        try (a) {
            return SimdKernelsTest.bytes(a);
        }
    }

    /** Sums over each axis of a 2-d array, and over strided views, against a sequential double sum. */
    @Test
    void axisSumsMatchReference() {
        int rows = 300;
        int cols = 4001;
        SplittableRandom r = new SplittableRandom(11);
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextDouble(-1, 1);
            }
        }
        try (NDArray a = ND.array(x); NDArray s1 = a.sum(1); NDArray s0 = a.sum(0); NDArray v = a.get(":, 1::3");
                NDArray sv = v.sum(1); NDArray mx = a.max(1)) {
            for (int i = 0; i < rows; i++) {
                double want = 0;
                double want3 = 0;
                double wantMax = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    want += x[i][j];
                    want3 += j % 3 == 1 ? x[i][j] : 0;
                    wantMax = Math.max(wantMax, x[i][j]);
                }
                assertEquals(want, s1.getDouble(i), 1e-12 * cols);
                assertEquals(want3, sv.getDouble(i), 1e-12 * cols);
                assertEquals(wantMax, mx.getDouble(i));
            }
            for (int j = 0; j < cols; j++) {
                double want = 0;
                for (int i = 0; i < rows; i++) {
                    want += x[i][j];
                }
                assertEquals(want, s0.getDouble(j), 1e-12 * rows);
            }
        }
    }

    /** The id of a ufunc named as NumPy names it ({@code bitwise_and} is {@code BITWISE_AND}). */
    private static Ufunc.Id id(String numpyName) {
        return Ufunc.Id.valueOf(numpyName.toUpperCase(java.util.Locale.ROOT));
    }
}
