package io.github.ndarray.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Integer and bool reductions that {@link AxisFold} vectorizes across outputs ({@link AxisFoldI64}
 * and its narrower copies), through the public API, against folds written out here with NumPy's
 * rules: sum and prod of bool and integers accumulate in int64 (wrapping), max/min/bitwise ops keep
 * the type (uint8 compares unsigned), any/all of bool are bool.
 */
class AxisFoldIntTest {
    private static final int SAVED_THREADS = Parallel.threads();
    private static final DType[] TYPES = {DType.BOOL, DType.INT8, DType.UINT8, DType.INT16, DType.INT32, DType.INT64};

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(SAVED_THREADS);
    }

    /** Values in the type's range (near its ends, so that int64 sums and products wrap). */
    private static long[] data(DType t, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (t) {
                case BOOL -> r.nextInt(7) == 0 ? 1 : 0;
                case INT8 -> r.nextInt(-128, 128);
                case UINT8 -> r.nextInt(0, 256);
                case INT16 -> r.nextInt(-32768, 32768);
                case INT32 -> r.nextInt();
                default -> r.nextInt(4) == 0 ? r.nextLong() : r.nextLong(-1000, 1000);
            };
        }
        return v;
    }

    private static NDArray array(DType t, long[] v) {
        if (t == DType.BOOL) {
            boolean[] b = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                b[i] = v[i] != 0;
            }
            return ND.array(b);
        }
        try (NDArray a = ND.array(v)) {
            return a.astype(t);
        }
    }

    private static final String[] OPS = {"sum", "prod", "max", "min", "any", "all", "bitwise_and", "bitwise_or",
        "bitwise_xor"};

    private static NDArray reduce(String op, NDArray a, int axis, boolean keepdims) {
        return switch (op) {
            case "sum" -> ND.sum(a, keepdims, axis);
            case "prod" -> Ufunc.MULTIPLY.reduce(a, new int[] {axis}, keepdims);
            case "max" -> Ufunc.MAXIMUM.reduce(a, new int[] {axis}, keepdims);
            case "min" -> Ufunc.MINIMUM.reduce(a, new int[] {axis}, keepdims);
            case "any" -> ND.any(a, keepdims, axis);
            case "all" -> ND.all(a, keepdims, axis);
            case "bitwise_and" -> Ufunc.BITWISE_AND.reduce(a, new int[] {axis}, keepdims);
            case "bitwise_or" -> Ufunc.BITWISE_OR.reduce(a, new int[] {axis}, keepdims);
            default -> Ufunc.BITWISE_XOR.reduce(a, new int[] {axis}, keepdims);
        };
    }

    /** The result dtype NumPy gives. */
    private static DType outType(String op, DType t) {
        return switch (op) {
            case "sum", "prod" -> DType.INT64;
            case "any", "all" -> DType.BOOL;
            default -> t;
        };
    }

    /** One step of the fold, on values as read back (uint8 as 0..255); the result wrapped to {@code out}. */
    private static long apply(String op, DType t, long a, long b) {
        long r = switch (op) {
            case "sum" -> a + b;
            case "prod" -> a * b;
            case "max" -> Math.max(a, b);
            case "min" -> Math.min(a, b);
            case "any" -> (a != 0 || b != 0) ? 1 : 0;
            case "all" -> (a != 0 && b != 0) ? 1 : 0;
            case "bitwise_and" -> a & b;
            case "bitwise_or" -> a | b;
            default -> a ^ b;
        };
        return wrap(r, outType(op, t));
    }

    private static long wrap(long v, DType t) {
        return switch (t) {
            case BOOL -> v != 0 ? 1 : 0;
            case INT8 -> (byte) v;
            case UINT8 -> v & 0xFF;
            case INT16 -> (short) v;
            case INT32 -> (int) v;
            default -> v;
        };
    }

    /** {@code x[rows][cols]} folded over rows, from row 0. */
    private static long[] foldRows(String op, DType t, long[] x, int rows, int cols) {
        long[] out = new long[cols];
        for (int j = 0; j < cols; j++) {
            long acc = op.equals("any") || op.equals("all") ? wrap(x[j], DType.BOOL) : x[j];
            for (int i = 1; i < rows; i++) {
                acc = apply(op, t, acc, x[i * cols + j]);
            }
            out[j] = acc;
        }
        return out;
    }

    private static long[] values(NDArray a) {
        if (a.dtype() == DType.BOOL) {
            boolean[] b = a.toBooleanArray();
            long[] v = new long[b.length];
            for (int i = 0; i < b.length; i++) {
                v[i] = b[i] ? 1 : 0;
            }
            return v;
        }
        return a.toLongArray();
    }

    @Test
    void rowsMatchTheSequentialFold() {
        int[] rowCounts = {1, 2, 3, 4, 5, 8, 9, 130};
        int[] colCounts = {4, 5, 63, 65, 513, 4099};
        for (DType t : TYPES) {
            for (String op : OPS) {
                for (int rows : rowCounts) {
                    for (int cols : colCounts) {
                        if ((long) rows * cols > 200_000) {
                            continue;
                        }
                        long[] x = data(t, rows * cols, 31L * rows + cols + op.hashCode() + t.ordinal());
                        try (NDArray a0 = array(t, x); NDArray a = a0.reshape(rows, cols);
                                NDArray s = reduce(op, a, 0, false)) {
                            long[] xt = values(a);
                            String what = op + " " + t + " " + rows + "x" + cols;
                            assertEquals(outType(op, t), s.dtype(), what);
                            assertArrayEquals(foldRows(op, t, xt, rows, cols), values(s), what);
                        }
                    }
                }
            }
        }
    }

    /** A middle axis of a 3-d array, a transposed matrix, strided rows, keepdims; several thread counts. */
    @Test
    void viewsAndMiddleAxes() {
        int p = 3;
        int q = 21;
        int r = 70;
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            for (DType t : TYPES) {
                for (String op : OPS) {
                    long[] x = data(t, p * q * r, op.hashCode() + 7L * t.ordinal());
                    try (NDArray a0 = array(t, x); NDArray a = a0.reshape(p, q, r); NDArray s1 = reduce(op, a, 1, false);
                            NDArray m = a.get("0"); NDArray mt = m.T(); NDArray st = reduce(op, mt, 1, false);
                            NDArray every2 = a.get("1, ::2, :"); NDArray s2 = reduce(op, every2, 0, true)) {
                        long[] xt = values(a);
                        long[] got = values(s1);
                        for (int i = 0; i < p; i++) {
                            long[] block = java.util.Arrays.copyOfRange(xt, i * q * r, (i + 1) * q * r);
                            assertArrayEquals(foldRows(op, t, block, q, r), java.util.Arrays.copyOfRange(got, i * r, (i + 1) * r),
                                    op + " " + t + " axis 1");
                        }
                        assertArrayEquals(foldRows(op, t, java.util.Arrays.copyOfRange(xt, 0, q * r), q, r), values(st),
                                op + " " + t + " transposed");
                        long[] evenRows = new long[(q + 1) / 2 * r];
                        for (int i = 0; i < q; i += 2) {
                            System.arraycopy(xt, q * r + i * r, evenRows, i / 2 * r, r);
                        }
                        assertArrayEquals(new long[] {1, r}, s2.shape());
                        assertArrayEquals(foldRows(op, t, evenRows, (q + 1) / 2, r), values(s2), op + " " + t + " strided");
                    }
                }
            }
        }
    }

    @Test
    void shortLastAxis() {
        for (DType t : TYPES) {
            for (String op : OPS) {
                for (int n = 1; n <= AxisFold.SHORT + 1; n++) {
                    int outer = 301;
                    long[] x = data(t, outer * n, 7L * n + op.hashCode() + t.ordinal());
                    try (NDArray a0 = array(t, x); NDArray a = a0.reshape(7, 43, n); NDArray s = reduce(op, a, 2, false)) {
                        long[] xt = values(a);
                        long[] got = values(s);
                        for (int i = 0; i < outer; i++) {
                            long acc = op.equals("any") || op.equals("all") ? wrap(xt[i * n], DType.BOOL) : xt[i * n];
                            for (int k = 1; k < n; k++) {
                                acc = apply(op, t, acc, xt[i * n + k]);
                            }
                            assertEquals(acc, got[i], op + " " + t + " n=" + n + " at " + i);
                        }
                    }
                }
            }
        }
    }
}
