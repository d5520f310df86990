package io.github.ndarray.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * argmax and argmin over a contiguous last axis ({@link ArgFoldF64} and its copies), every dtype,
 * against NumPy's rule written out here: the first occurrence of the extreme; for floats the first
 * NaN; -0.0 and 0.0 tie. Data with many ties, NaN at random places, signed zeros and infinities,
 * lengths around the block size.
 */
class ArgFoldTest {
    private static final DType[] TYPES = {DType.BOOL, DType.INT8, DType.UINT8, DType.INT16, DType.INT32, DType.INT64,
        DType.FLOAT32, DType.FLOAT64};

    private static double[] data(DType t, int n, SplittableRandom r, boolean nan) {
        double[] v = new double[n];
        int range = r.nextBoolean() ? 5 : 1000;
        for (int i = 0; i < n; i++) {
            v[i] = switch (t) {
                case BOOL -> r.nextInt(range == 5 ? 2 : 50) == 0 ? 1 : 0;
                case UINT8 -> r.nextInt(range == 5 ? 250 : 0, 256);
                case INT8 -> r.nextInt(-128, 128);
                case INT16 -> r.nextInt(-range, range);
                case INT32 -> r.nextInt(-range, range) * 1_000_003L;
                case INT64 -> r.nextInt(-range, range) * 0x1_0000_0001L;
                default -> {
                    int k = r.nextInt(100);
                    yield k == 0 ? -0.0 : k == 1 ? 0.0 : k == 2 ? Double.POSITIVE_INFINITY : k == 3 ? Double.NEGATIVE_INFINITY
                            : r.nextInt(-range, range) / 4.0;
                }
            };
        }
        if (t.isFloating() && nan) {
            for (int k = r.nextInt(3); k >= 0; k--) {
                v[r.nextInt(n)] = Double.NaN;
            }
        }
        return v;
    }

    private static NDArray array(DType t, double[] v) {
        try (NDArray d = ND.array(v)) {
            return d.astype(t);
        }
    }

    /** NumPy's argmax (argmin) of {@code x[off, off + n)}: the first NaN, else the first extreme. */
    static long want(boolean max, double[] x, int off, int n) {
        int at = 0;
        for (int i = 0; i < n; i++) {
            double v = x[off + i];
            if (Double.isNaN(v)) {
                return i;
            }
            if (max ? v > x[off + at] : v < x[off + at]) {
                at = i;
            }
        }
        return at;
    }

    @Test
    void stripsMatchNumPysRule() {
        SplittableRandom r = new SplittableRandom(42);
        int[] lengths = {1, 2, 3, 15, 16, 17, 255, 256, 257, 511, 512, 513, 1000, 2047, 2048, 2049, 5000, 70_000};
        for (DType t : TYPES) {
            for (int n : lengths) {
                for (int rep = 0; rep < 6; rep++) {
                    double[] x0 = data(t, n, r, rep % 2 == 1);
                    try (NDArray a = array(t, x0)) {
                        double[] x = a.toDoubleArray(); // as stored (wrapped, rounded)
                        for (boolean max : new boolean[] {true, false}) {
                            try (NDArray g = max ? a.argmax() : a.argmin()) {
                                assertEquals(DType.INT64, g.dtype());
                                assertEquals(want(max, x, 0, n), g.getLong(), (max ? "argmax " : "argmin ") + t + " n=" + n + " rep " + rep);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A long strip is split over threads; the answer must not depend on where the chunks meet:
     * ties on both sides of a boundary (the earlier wins), a NaN only in a late chunk.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} threads")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 5})
    void longStripsGiveTheSerialAnswerOnAnyThreadCount(int threads) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            SplittableRandom r = new SplittableRandom(threads);
            int n = 200_003;
            for (DType t : TYPES) {
                for (int rep = 0; rep < 4; rep++) {
                    double[] x = data(t, n, r, false);
                    double top = t == DType.BOOL ? 1 : t == DType.UINT8 ? 255 : t == DType.INT8 ? 127 : 1e7;
                    int cut = n / threads; // a chunk boundary (or near one)
                    x[Math.max(0, cut - 1 - rep)] = top;
                    x[Math.min(n - 1, cut + rep)] = top;
                    if (t.isFloating() && rep >= 2) {
                        x[n - 1 - rep] = Double.NaN;
                    }
                    try (NDArray a = array(t, x); NDArray mx = a.argmax(); NDArray mn = a.argmin()) {
                        double[] xs = a.toDoubleArray();
                        assertEquals(want(true, xs, 0, n), mx.getLong(), "argmax " + t + " rep " + rep);
                        assertEquals(want(false, xs, 0, n), mn.getLong(), "argmin " + t + " rep " + rep);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** The extreme (or NaN) planted at every position of a block-sized strip, after equal values. */
    @Test
    void plantedExtremes() {
        for (DType t : TYPES) {
            int n = 700;
            for (int p = 0; p < n; p += 3) {
                double[] x = new double[n];
                java.util.Arrays.fill(x, t == DType.BOOL ? 0 : 1);
                x[p] = t == DType.BOOL ? 1 : t == DType.UINT8 ? 200 : -2;
                if (p + 5 < n) {
                    x[p + 5] = x[p]; // a later tie must lose
                }
                try (NDArray a = array(t, x); NDArray mx = a.argmax(); NDArray mn = a.argmin()) {
                    double[] xs = a.toDoubleArray();
                    assertEquals(want(true, xs, 0, n), mx.getLong(), "argmax " + t + " at " + p);
                    assertEquals(want(false, xs, 0, n), mn.getLong(), "argmin " + t + " at " + p);
                }
                if (t.isFloating()) {
                    x[Math.min(n - 1, p + 2)] = Double.NaN;
                    x[n - 1 - p / 2] = Double.NaN;
                    try (NDArray a = array(t, x); NDArray mx = a.argmax(); NDArray mn = a.argmin()) {
                        long first = Math.min(Math.min(n - 1, p + 2), n - 1 - p / 2);
                        assertEquals(first, mx.getLong(), "argmax NaN " + t + " at " + p);
                        assertEquals(first, mn.getLong(), "argmin NaN " + t + " at " + p);
                    }
                }
            }
        }
    }

    @Test
    void signedZerosTie() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double[] x = new double[3000];
            x[0] = -1;
            x[2500] = -0.0; // all others +0.0: the first of them wins, whatever its sign
            java.util.Arrays.fill(x, 1, 1000, -0.0);
            try (NDArray a = array(t, x); NDArray mx = a.argmax(); NDArray b = ND.array(new double[] {0.0, -0.0, 0.0});
                    NDArray b2 = b.astype(t); NDArray mn = b2.argmin()) {
                assertEquals(1, mx.getLong());
                assertEquals(0, mn.getLong());
            }
        }
    }

    /** Rows of a matrix (the last axis), several thread counts' worth of rows; a strided view takes the other path. */
    @Test
    void rowsAndViews() {
        SplittableRandom r = new SplittableRandom(7);
        for (DType t : TYPES) {
            int rows = 37;
            int cols = 600;
            double[] x0 = data(t, rows * cols, r, true);
            try (NDArray a0 = array(t, x0); NDArray a = a0.reshape(rows, cols); NDArray mx = a.argmax(1);
                    NDArray mn = a.argmin(-1); NDArray v = a.get(":, ::2"); NDArray vx = v.argmax(1)) {
                double[] x = a.toDoubleArray();
                long[] wantMax = new long[rows];
                long[] wantMin = new long[rows];
                long[] wantView = new long[rows];
                for (int i = 0; i < rows; i++) {
                    wantMax[i] = want(true, x, i * cols, cols);
                    wantMin[i] = want(false, x, i * cols, cols);
                    double[] even = new double[cols / 2];
                    for (int k = 0; k < cols / 2; k++) {
                        even[k] = x[i * cols + 2 * k];
                    }
                    wantView[i] = want(true, even, 0, cols / 2);
                }
                assertArrayEquals(wantMax, mx.toLongArray(), "argmax rows " + t);
                assertArrayEquals(wantMin, mn.toLongArray(), "argmin rows " + t);
                assertArrayEquals(wantView, vx.toLongArray(), "argmax strided " + t);
            }
        }
    }
}
