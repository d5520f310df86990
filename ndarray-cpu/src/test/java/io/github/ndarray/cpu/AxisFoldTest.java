package io.github.ndarray.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reductions that {@link AxisFold} vectorizes across outputs (a contiguous kept last axis, a
 * short reduced last axis), through the public API, against folds written out here in
 * NumPy's order: sums of up to 128 rows bit for bit, longer ones within the pairwise bound,
 * extrema and products exactly; float64 and float32, views, keepdims, NaN and signed zeros.
 */
class AxisFoldTest {
    private static final int SAVED_THREADS = Parallel.threads();
    private static final String[] OPS = {"add", "maximum", "minimum", "fmax", "fmin", "multiply"};

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(SAVED_THREADS);
    }

    /** Random values; extrema also see NaN, infinities and signed zeros; products stay near 1. */
    private static double[] data(String op, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            if (op.equals("multiply")) {
                v[i] = 1 + r.nextDouble(-0.01, 0.01);
            } else if (op.equals("add")) {
                v[i] = r.nextDouble(-1, 1) * Math.pow(2, r.nextInt(0, 20));
            } else {
                int k = r.nextInt(200);
                v[i] = k == 0 ? Double.NaN : k == 1 ? -0.0 : k == 2 ? 0.0 : k == 3 ? Double.NEGATIVE_INFINITY
                        : r.nextDouble(-1e6, 1e6);
            }
        }
        return v;
    }

    private static Ufunc ufunc(String op) {
        return switch (op) {
            case "add" -> Ufunc.ADD;
            case "multiply" -> Ufunc.MULTIPLY;
            case "maximum" -> Ufunc.MAXIMUM;
            case "minimum" -> Ufunc.MINIMUM;
            case "fmax" -> Ufunc.FMAX;
            default -> Ufunc.FMIN;
        };
    }

    private static DoubleBinaryOperator f(String op) {
        return Kernels.binaryDouble(ufunc(op).id());
    }

    /** {@code x[rows][cols]} folded over rows, NumPy's order: sums from +0.0, others from row 0. */
    private static double[] foldRows(String op, double[] x, int rows, int cols, DType t) {
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            double acc = op.equals("add") ? 0.0 : x[j];
            for (int i = op.equals("add") ? 0 : 1; i < rows; i++) {
                acc = f(op).applyAsDouble(acc, x[i * cols + j]);
            }
            out[j] = t == DType.FLOAT32 ? (float) acc : acc;
        }
        return out;
    }

    private static void check(String what, String op, double[] want, double[] got, double[] sumAbs, int rows) {
        for (int j = 0; j < want.length; j++) {
            if (op.equals("add") && rows > AxisFold.ROW_LEAF) {
                // pairwise over rows: within (depth + leaf) roundings of sum|x|, in either order
                double tol = 2 * (AxisFold.ROW_LEAF + 64) * 0x1p-53 * sumAbs[j];
                assertEquals(want[j], got[j], tol, what + " col " + j);
            } else if (op.equals("add") || op.equals("multiply")) {
                assertEquals(want[j], got[j], 0.0, what + " col " + j);
            } else {
                // extrema are exact; which zero survives a tie may differ (as in NumPy)
                assertEquals(want[j] + 0.0, got[j] + 0.0, 0.0, what + " col " + j);
            }
        }
    }

    @Test
    void rowsMatchTheSequentialFold() {
        int[] rowCounts = {1, 2, 3, 127, 128, 129, 300, 1000};
        int[] colCounts = {4, 5, 17, 512, 513, 1100};
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (String op : OPS) {
                for (int rows : rowCounts) {
                    for (int cols : colCounts) {
                        if ((long) rows * cols > 400_000) {
                            continue;
                        }
                        double[] x = data(op, rows * cols, 31L * rows + cols + op.hashCode());
                        try (NDArray d = ND.array(x); NDArray a0 = d.astype(t); NDArray a = a0.reshape(rows, cols);
                                NDArray s = ufunc(op).reduce(a, new int[] {0}, false)) {
                            double[] xt = a.toDoubleArray(); // the values as stored (float32 rounded)
                            double[] sumAbs = foldRows("add", abs(xt), rows, cols, DType.FLOAT64);
                            String what = op + " " + t + " " + rows + "x" + cols;
                            assertEquals(t, s.dtype(), what);
                            if (t == DType.FLOAT32 && op.equals("multiply")) {
                                // the generic loop: rounded to float32 at every step, as NumPy's
                                double[] want = foldRows(op, xt, rows, cols, t);
                                double[] got = s.toDoubleArray();
                                for (int j = 0; j < cols; j++) {
                                    assertEquals(want[j], got[j], Math.abs(want[j]) * rows * 0x1p-23, what);
                                }
                            } else {
                                check(what, op, foldRows(op, xt, rows, cols, t), s.toDoubleArray(), sumAbs, rows);
                            }
                        }
                    }
                }
            }
        }
    }

    private static double[] abs(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = Math.abs(x[i]);
        }
        return a;
    }

    /** Views that reach the row path: a transposed matrix, a middle axis of a 3-d array, strided rows, keepdims. */
    @Test
    void rowsOnViewsAndMiddleAxes() {
        int p = 3;
        int q = 50;
        int r = 70;
        for (String op : OPS) {
            double[] x = data(op, p * q * r, op.hashCode());
            try (NDArray a = ND.array(x).reshape(p, q, r); NDArray s1 = ufunc(op).reduce(a, new int[] {1}, false);
                    NDArray m = a.get("0"); NDArray mt = m.T(); NDArray st = ufunc(op).reduce(mt, new int[] {1}, false);
                    NDArray every2 = a.get("1, ::2, :"); NDArray s2 = ufunc(op).reduce(every2, new int[] {0}, false);
                    NDArray kd = ND.sum(a, true, 1); NDArray both = ND.sum(a, false, 0, 1)) {
                for (int i = 0; i < p; i++) {
                    double[] block = java.util.Arrays.copyOfRange(x, i * q * r, (i + 1) * q * r);
                    double[] want = foldRows(op, block, q, r, DType.FLOAT64);
                    for (int j = 0; j < r; j++) {
                        assertEquals(want[j] + 0.0, s1.getDouble(i, j) + 0.0, 0.0, op + " axis 1");
                    }
                }
                double[] first = java.util.Arrays.copyOfRange(x, 0, q * r);
                assertArrayEquals(plusZero(foldRows(op, first, q, r, DType.FLOAT64)), plusZero(st.toDoubleArray()), 0.0,
                        op + " transposed");
                double[] evenRows = new double[(q + 1) / 2 * r];
                for (int i = 0; i < q; i += 2) {
                    System.arraycopy(x, q * r + i * r, evenRows, i / 2 * r, r);
                }
                assertArrayEquals(plusZero(foldRows(op, evenRows, (q + 1) / 2, r, DType.FLOAT64)),
                        plusZero(s2.toDoubleArray()), 0.0, op + " strided rows");
                assertArrayEquals(new long[] {p, 1, r}, kd.shape());
                double[] all = foldRows("add", x, p * q, r, DType.FLOAT64);
                double[] got = both.toDoubleArray();
                for (int j = 0; j < r; j++) {
                    if (Double.isNaN(all[j])) {
                        assertTrue(Double.isNaN(got[j]), "sum over axes 0 and 1: NaN");
                    } else {
                        assertEquals(all[j], got[j], 1e-9 * Math.abs(all[j]) + 1e-9, "sum over axes 0 and 1");
                    }
                }
            }
        }
    }

    private static double[] plusZero(double[] x) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += 0.0;
        }
        return y;
    }

    @Test
    void shortLastAxis() {
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (String op : OPS) {
                for (int n = 1; n <= AxisFold.SHORT + 1; n++) {
                    int outer = 301;
                    double[] x = data(op, outer * n, 7L * n + op.hashCode());
                    try (NDArray d = ND.array(x); NDArray a0 = d.astype(t); NDArray a = a0.reshape(7, 43, n);
                            NDArray s = ufunc(op).reduce(a, new int[] {2}, false)) {
                        double[] xt = a.toDoubleArray();
                        double[] got = s.toDoubleArray();
                        for (int i = 0; i < outer; i++) {
                            double acc = op.equals("add") ? 0.0 : xt[i * n];
                            for (int k = op.equals("add") ? 0 : 1; k < n; k++) {
                                acc = f(op).applyAsDouble(acc, xt[i * n + k]);
                            }
                            double want = t == DType.FLOAT32 ? (float) acc : acc;
                            String what = op + " " + t + " n=" + n + " at " + i;
                            if ((t == DType.FLOAT32 && op.equals("multiply")) || (n > AxisFold.SHORT && op.equals("add"))) {
                                // the generic loops: float32 products round at every step; longer sums are pairwise
                                assertEquals(want, got[i], Math.abs(want) * 1e-6, what);
                            } else {
                                assertEquals(want + 0.0, got[i] + 0.0, 0.0, what);
                            }
                        }
                    }
                }
            }
        }
    }

    /** All -0.0: a sum starts from +0.0 like NumPy's; extrema keep -0.0. Empty outputs and 1-row inputs. */
    @Test
    void zerosAndEdges() {
        try (NDArray z = ND.full(-0.0, 3, 5); NDArray s = z.sum(0); NDArray m = z.max(0);
                NDArray z3 = ND.full(-0.0, 4, 2); NDArray s3 = z3.sum(1);
                NDArray e = ND.zeros(0, 6); NDArray se = e.sum(0); NDArray me = ND.zeros(5, 0).sum(1)) {
            for (double v : s.toDoubleArray()) {
                assertEquals(0x0L, Double.doubleToRawLongBits(v));
            }
            for (double v : s3.toDoubleArray()) {
                assertEquals(0x0L, Double.doubleToRawLongBits(v));
            }
            for (double v : m.toDoubleArray()) {
                assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v));
            }
            assertArrayEquals(new double[6], se.toDoubleArray());
            assertArrayEquals(new double[5], me.toDoubleArray());
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        double[] x = data("add", 3000 * 700, 5);
        double[] first = null;
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            try (NDArray a = ND.array(x).reshape(3000, 700); NDArray s = a.sum(0); NDArray b = ND.array(x).reshape(700, 1000, 3);
                    NDArray s3 = b.sum(2); NDArray c = ND.array(x).reshape(30, 100, 700); NDArray s1 = c.sum(1)) {
                double[] got = concat(s.toDoubleArray(), s3.toDoubleArray(), s1.toDoubleArray());
                if (first == null) {
                    first = got;
                } else {
                    assertArrayEquals(first, got, 0.0, threads + " threads");
                }
            }
        }
        assertTrue(first.length > 0);
    }

    private static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int k = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
