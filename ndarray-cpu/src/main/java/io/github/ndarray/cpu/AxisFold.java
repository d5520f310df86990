package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.Ufunc;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reductions whose reduced elements are not contiguous, vectorized across outputs
 * instead of along the reduced axis (which the per-output {@link LoopFold}s do).
 *
 * <p><b>Rows</b> ({@link #rows}): the innermost kept axis is contiguous in the input and the
 * output, e.g. {@code a.sum(axis=0)} of a C-ordered matrix. Whole rows are combined into a
 * tile of outputs with vector operations, as NumPy does: outputs are cut into tiles of
 * {@link #TILE} columns (which stay in L1), each folding the reduced rows in order. Sums of up
 * to {@link #ROW_LEAF} rows start from {@code +0.0} and add the rows in order, which is
 * NumPy's order, bit for bit; longer reduced axes are halved pairwise over rows (leaves of
 * {@link #ROW_LEAF} rows summed in order, then added up the tree), so the error grows as
 * O(log n) instead of NumPy's O(n). The other folds (max, min, fmax, fmin, product) are
 * sequential over rows, NumPy's order. float32 sums accumulate in double (as every float32
 * sum here does) and round once; float32 extrema are exact in double. Integer and bool folds
 * (exact in any order) go to {@link AxisFoldI64} and its narrower copies, which fold the rows
 * in order straight into the output.
 *
 * <p><b>Short strips</b> ({@link #shortStrips}): a reduced contiguous last axis of at most
 * {@link #SHORT} elements (e.g. {@code d.sum(-1)} over {@code (n, n, 3)} in a distance matrix),
 * where a per-output call costs more than its few additions: one tight loop over outputs.
 */
final class AxisFold {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();
    /** float32 elements are loaded as half-width float vectors and widened to one double vector. */
    private static final VectorSpecies<Float> H = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final ByteOrder O = ByteOrder.nativeOrder();
    /** Output columns per tile: 4 KiB of double accumulators per pairwise level. */
    static final int TILE = 512;
    /** Rows summed in order before the sum is halved pairwise (NumPy's block size). */
    static final int ROW_LEAF = 128;
    /** The longest reduced last axis {@link #shortStrips} takes. */
    static final int SHORT = 8;
    private static final int ADD = 0;
    private static final int MUL = 1;
    private static final int MAX = 2;
    private static final int MIN = 3;
    private static final int FMAX = 4;
    private static final int FMIN = 5;

    private AxisFold() {
    }

    /**
     * {@return the op code of a fold this class computes, or -1}: for float64 and float32 one of
     * this class's codes; for integers and bool a {@link SimdKernels} code for {@link AxisFoldI64}
     * and its narrower copies (bool as bytes of 0 and 1: or, and, xor).
     */
    static int opOf(Ufunc.Id ufunc, DType t) {
        if (!Kernels.VECTOR_API) {
            return -1;
        }
        if (t == DType.BOOL) {
            return switch (ufunc) {
                case LOGICAL_OR, MAXIMUM, FMAX, BITWISE_OR -> SimdKernels.OR;
                case LOGICAL_AND, MINIMUM, FMIN, BITWISE_AND -> SimdKernels.AND;
                case LOGICAL_XOR, BITWISE_XOR -> SimdKernels.XOR;
                default -> -1;
            };
        }
        if (t != DType.FLOAT64 && t != DType.FLOAT32) {
            return SimdKernels.foldCode(ufunc, t);
        }
        return switch (ufunc) {
            case ADD -> ADD;
            case MULTIPLY -> t == DType.FLOAT64 ? MUL : -1; // float32 products round at every step
            case MAXIMUM -> MAX;
            case MINIMUM -> MIN;
            case FMAX -> FMAX;
            case FMIN -> FMIN;
            default -> -1;
        };
    }

    /**
     * Reduces rows: for every {@code j < m}, {@code out[outOff + j] = fold over r < rows of
     * in[inOff + r * rowStride + j]} (input and output contiguous along j).
     *
     * @param op an op code from {@link #opOf}
     * @param t the input and output type
     * @param rows the number of reduced rows, at least 1
     */
    static void rows(int op, DType t, MemorySegment in, long inOff, long rowStride, long rows, MemorySegment out,
            long outOff, long m) {
        switch (t) {
            case INT64 -> AxisFoldI64.rows(op, in, inOff, rowStride, rows, out, outOff, m);
            case INT32 -> AxisFoldI32.rows(op, in, inOff, rowStride, rows, out, outOff, m);
            case INT16 -> AxisFoldI16.rows(op, in, inOff, rowStride, rows, out, outOff, m);
            case INT8, UINT8, BOOL -> AxisFoldI8.rows(op, in, inOff, rowStride, rows, out, outOff, m);
            default -> floatRows(op, t, in, inOff, rowStride, rows, out, outOff, m);
        }
    }

    private static void floatRows(int op, DType t, MemorySegment in, long inOff, long rowStride, long rows,
            MemorySegment out, long outOff, long m) {
        int depth = 1;
        for (long r = rows; r > ROW_LEAF; r -= r / 2) {
            depth++;
        }
        double[][] acc = new double[op == ADD ? depth : 1][TILE];
        boolean f32 = t == DType.FLOAT32;
        for (long j0 = 0; j0 < m; j0 += TILE) {
            int w = (int) Math.min(TILE, m - j0);
            if (op == ADD) {
                sumRows(f32, in, inOff + j0, rowStride, rows, acc, 0, w);
            } else {
                foldRows(op, f32, in, inOff + j0, rowStride, rows, acc[0], w);
            }
            store(f32, acc[0], out, outOff + j0, w);
        }
    }

    /** Pairwise over rows: leaves of up to {@link #ROW_LEAF} rows in order, into {@code acc[level]}. */
    private static void sumRows(boolean f32, MemorySegment in, long off, long rs, long rows, double[][] acc, int level,
            int w) {
        double[] a = acc[level];
        if (rows <= ROW_LEAF) {
            java.util.Arrays.fill(a, 0, w, 0.0);
            long r = 0;
            for (; r + 4 <= rows; r += 4) {
                addRows4(f32, in, off + r * rs, rs, a, w);
            }
            for (; r < rows; r++) {
                addRow(f32, in, off + r * rs, a, w);
            }
            return;
        }
        long half = rows / 2;
        sumRows(f32, in, off, rs, half, acc, level, w);
        sumRows(f32, in, off + half * rs, rs, rows - half, acc, level + 1, w);
        double[] b = acc[level + 1];
        int j = 0;
        for (; j <= w - L; j += L) {
            DoubleVector.fromArray(D, a, j).add(DoubleVector.fromArray(D, b, j)).intoArray(a, j);
        }
        for (; j < w; j++) {
            a[j] += b[j];
        }
    }

    /**
     * Adds four rows in order, {@code (((a + r0) + r1) + r2) + r3}: the same roundings as four
     * {@link #addRow} calls, with one load and store of the accumulators instead of four.
     */
    private static void addRows4(boolean f32, MemorySegment in, long off, long rs, double[] a, int w) {
        int j = 0;
        if (f32) {
            for (; j <= w - L; j += L) {
                DoubleVector.fromArray(D, a, j).add(load32(in, off + j)).add(load32(in, off + rs + j))
                        .add(load32(in, off + 2 * rs + j)).add(load32(in, off + 3 * rs + j)).intoArray(a, j);
            }
        } else {
            for (; j <= w - L; j += L) {
                DoubleVector.fromArray(D, a, j).add(load64(in, off + j)).add(load64(in, off + rs + j))
                        .add(load64(in, off + 2 * rs + j)).add(load64(in, off + 3 * rs + j)).intoArray(a, j);
            }
        }
        for (; j < w; j++) {
            a[j] = (((a[j] + get(f32, in, off + j)) + get(f32, in, off + rs + j)) + get(f32, in, off + 2 * rs + j))
                    + get(f32, in, off + 3 * rs + j);
        }
    }

    private static void addRow(boolean f32, MemorySegment in, long off, double[] a, int w) {
        int j = 0;
        if (f32) {
            for (; j <= w - L; j += L) {
                DoubleVector.fromArray(D, a, j).add(load32(in, off + j)).intoArray(a, j);
            }
            for (; j < w; j++) {
                a[j] += in.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, off + j);
            }
        } else {
            for (; j <= w - L; j += L) {
                DoubleVector.fromArray(D, a, j).add(load64(in, off + j)).intoArray(a, j);
            }
            for (; j < w; j++) {
                a[j] += in.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, off + j);
            }
        }
    }

    private static DoubleVector load64(MemorySegment s, long i) {
        return DoubleVector.fromMemorySegment(D, s, i * Double.BYTES, O);
    }

    private static DoubleVector load32(MemorySegment s, long i) {
        return (DoubleVector) FloatVector.fromMemorySegment(H, s, i * Float.BYTES, O).convertShape(VectorOperators.F2D, D, 0);
    }

    private static double get(boolean f32, MemorySegment s, long i) {
        return f32 ? s.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i) : s.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
    }

    /** Sequential over rows, from the first row (NumPy's order; exact for the extrema). */
    private static void foldRows(int op, boolean f32, MemorySegment in, long off, long rs, long rows, double[] a, int w) {
        int j = 0;
        for (; j <= w - L; j += L) {
            (f32 ? load32(in, off + j) : load64(in, off + j)).intoArray(a, j);
        }
        for (; j < w; j++) {
            a[j] = get(f32, in, off + j);
        }
        for (long r = 1; r < rows; r++) {
            long o = off + r * rs;
            // One switch per row; each case is a monomorphic vector loop.
            switch (op) {
                case MUL -> {
                    int k = 0;
                    for (; k <= w - L; k += L) {
                        DoubleVector.fromArray(D, a, k).mul(load64(in, o + k)).intoArray(a, k);
                    }
                    for (; k < w; k++) {
                        a[k] *= in.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, o + k);
                    }
                }
                case MAX, MIN, FMAX, FMIN -> extremaRow(op, f32, in, o, a, w);
                default -> throw new AssertionError(op);
            }
        }
    }

    private static void extremaRow(int op, boolean f32, MemorySegment in, long o, double[] a, int w) {
        int k = 0;
        for (; k <= w - L; k += L) {
            DoubleVector x = DoubleVector.fromArray(D, a, k);
            DoubleVector y = f32 ? load32(in, o + k) : load64(in, o + k);
            // keep x where NumPy's maximum(x, y) / fmax(x, y) (and the min forms) return x
            var keep = switch (op) {
                case MAX -> x.compare(VectorOperators.GE, y).or(x.test(VectorOperators.IS_NAN));
                case MIN -> x.compare(VectorOperators.LE, y).or(x.test(VectorOperators.IS_NAN));
                case FMAX -> x.compare(VectorOperators.GE, y).or(y.test(VectorOperators.IS_NAN));
                default -> x.compare(VectorOperators.LE, y).or(y.test(VectorOperators.IS_NAN));
            };
            y.blend(x, keep).intoArray(a, k);
        }
        for (; k < w; k++) {
            double y = get(f32, in, o + k);
            a[k] = switch (op) {
                case MAX -> ScalarMath.maximum(a[k], y);
                case MIN -> ScalarMath.minimum(a[k], y);
                case FMAX -> ScalarMath.fmax(a[k], y);
                default -> ScalarMath.fmin(a[k], y);
            };
        }
    }

    private static void store(boolean f32, double[] a, MemorySegment out, long off, int w) {
        if (f32) {
            for (int j = 0; j < w; j++) {
                out.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, off + j, (float) a[j]);
            }
        } else {
            MemorySegment.copy(a, 0, out, ValueLayout.JAVA_DOUBLE_UNALIGNED, off * Double.BYTES, w);
        }
    }

    /**
     * Folds {@code count} short contiguous strips: {@code out[outOff + i * outStep] = fold of
     * in[inOff + i * inStep + k], k < n}, for {@code 1 <= n <= SHORT}. Sums start from {@code +0.0}
     * and add in order (NumPy's order for fewer than 8 elements); the others start from the first
     * element.
     */
    static void shortStrips(int op, DType t, MemorySegment in, long inOff, long inStep, long n, MemorySegment out,
            long outOff, long outStep, long count) {
        switch (t) {
            case INT64 -> AxisFoldI64.shortStrips(op, in, inOff, inStep, n, out, outOff, outStep, count);
            case INT32 -> AxisFoldI32.shortStrips(op, in, inOff, inStep, n, out, outOff, outStep, count);
            case INT16 -> AxisFoldI16.shortStrips(op, in, inOff, inStep, n, out, outOff, outStep, count);
            case INT8, UINT8, BOOL -> AxisFoldI8.shortStrips(op, in, inOff, inStep, n, out, outOff, outStep, count);
            default -> floatShortStrips(op, t, in, inOff, inStep, n, out, outOff, outStep, count);
        }
    }

    private static void floatShortStrips(int op, DType t, MemorySegment in, long inOff, long inStep, long n,
            MemorySegment out, long outOff, long outStep, long count) {
        boolean f32 = t == DType.FLOAT32;
        for (long i = 0; i < count; i++) {
            long s = inOff + i * inStep;
            double r;
            if (op == ADD) {
                r = 0.0;
                for (long k = 0; k < n; k++) {
                    r += get(f32, in, s + k);
                }
            } else {
                r = get(f32, in, s);
                for (long k = 1; k < n; k++) {
                    double y = get(f32, in, s + k);
                    r = switch (op) {
                        case MUL -> r * y;
                        case MAX -> ScalarMath.maximum(r, y);
                        case MIN -> ScalarMath.minimum(r, y);
                        case FMAX -> ScalarMath.fmax(r, y);
                        default -> ScalarMath.fmin(r, y);
                    };
                }
            }
            long o = outOff + i * outStep;
            if (f32) {
                out.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, o, (float) r);
            } else {
                out.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, o, r);
            }
        }
    }
}
