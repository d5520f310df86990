package io.github.ndarray.cpu;

import static io.github.ndarray.cpu.SimdKernels.ADD;
import static io.github.ndarray.cpu.SimdKernels.AND;
import static io.github.ndarray.cpu.SimdKernels.MAXIMUM;
import static io.github.ndarray.cpu.SimdKernels.MINIMUM;
import static io.github.ndarray.cpu.SimdKernels.MUL;
import static io.github.ndarray.cpu.SimdKernels.OR;
import static io.github.ndarray.cpu.SimdKernels.UMAX;
import static io.github.ndarray.cpu.SimdKernels.UMIN;
import static io.github.ndarray.cpu.SimdKernels.XOR;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * int32 reductions over a non-last axis, vectorized across outputs ({@link AxisFold}'s integer
 * half): whole rows are folded into a tile of outputs, which stays in L1, accumulating in the
 * output itself. Ops are {@link SimdKernels} codes (sum, product, maximum, minimum, and, or,
 * xor, unsigned maximum and minimum); every one is exact in any order (sums and products wrap
 * like C, modulo 2^32), so rows go in order four at a time.
 *
 * <p>This file is {@link AxisFoldI64} with int for long (a mechanical substitution); keep the
 * two in step.
 */
final class AxisFoldI32 {
    private static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int W = Integer.BYTES;
    private static final ValueLayout.OfInt E = ValueLayout.JAVA_INT_UNALIGNED;
    /** The type's bits, to compare as unsigned in the scalar loop. */
    private static final long BITS = 0xFFFF_FFFFL;
    private static final ByteOrder O = ByteOrder.nativeOrder();
    /** Output columns per tile: 4 KiB. */
    private static final int TILE = 4096 / W;

    private AxisFoldI32() {
    }

    /**
     * For every {@code j < m}: {@code out[outOff + j] = fold over r < rows of in[inOff + r * rs + j]}
     * (element indices; input and output contiguous along j, {@code rows >= 1}).
     */
    static void rows(int op, MemorySegment in, long inOff, long rs, long rows, MemorySegment out, long outOff, long m) {
        for (long j0 = 0; j0 < m; j0 += TILE) {
            int w = (int) Math.min(TILE, m - j0);
            long o = outOff + j0;
            MemorySegment.copy(in, (inOff + j0) * W, out, o * W, (long) w * W);
            long r = 1;
            for (; r + 4 <= rows; r += 4) {
                rows4(op, in, inOff + j0 + r * rs, rs, out, o, w);
            }
            for (; r < rows; r++) {
                row(op, in, inOff + j0 + r * rs, out, o, w);
            }
        }
    }

    private static IntVector load(MemorySegment m, long i) {
        return IntVector.fromMemorySegment(S, m, i * W, O);
    }

    /** {@code out[o + j] = op(op(op(op(out[o + j], row0[j]), row1[j]), row2[j]), row3[j])}: one load and store per four rows. */
    private static void rows4(int op, MemorySegment in, long i, long rs, MemorySegment out, long o, int w) {
        int k = 0;
        // One switch per call; each case is a monomorphic vector loop.
        switch (op) {
            case ADD -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).add(load(in, i + k)).add(load(in, i + rs + k)).add(load(in, i + 2 * rs + k))
                            .add(load(in, i + 3 * rs + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case MUL -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).mul(load(in, i + k)).mul(load(in, i + rs + k)).mul(load(in, i + 2 * rs + k))
                            .mul(load(in, i + 3 * rs + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case MAXIMUM -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).max(load(in, i + k)).max(load(in, i + rs + k)).max(load(in, i + 2 * rs + k))
                            .max(load(in, i + 3 * rs + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case MINIMUM -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).min(load(in, i + k)).min(load(in, i + rs + k)).min(load(in, i + 2 * rs + k))
                            .min(load(in, i + 3 * rs + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case AND -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).and(load(in, i + k)).and(load(in, i + rs + k)).and(load(in, i + 2 * rs + k))
                            .and(load(in, i + 3 * rs + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case OR -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).or(load(in, i + k)).or(load(in, i + rs + k)).or(load(in, i + 2 * rs + k))
                            .or(load(in, i + 3 * rs + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case XOR -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).lanewise(VectorOperators.XOR, load(in, i + k))
                            .lanewise(VectorOperators.XOR, load(in, i + rs + k))
                            .lanewise(VectorOperators.XOR, load(in, i + 2 * rs + k))
                            .lanewise(VectorOperators.XOR, load(in, i + 3 * rs + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case UMAX -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).lanewise(VectorOperators.UMAX, load(in, i + k))
                            .lanewise(VectorOperators.UMAX, load(in, i + rs + k))
                            .lanewise(VectorOperators.UMAX, load(in, i + 2 * rs + k))
                            .lanewise(VectorOperators.UMAX, load(in, i + 3 * rs + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case UMIN -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).lanewise(VectorOperators.UMIN, load(in, i + k))
                            .lanewise(VectorOperators.UMIN, load(in, i + rs + k))
                            .lanewise(VectorOperators.UMIN, load(in, i + 2 * rs + k))
                            .lanewise(VectorOperators.UMIN, load(in, i + 3 * rs + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            default -> throw new AssertionError(op);
        }
        for (; k < w; k++) {
            long a = out.getAtIndex(E, o + k);
            a = apply(op, a, in.getAtIndex(E, i + k));
            a = apply(op, a, in.getAtIndex(E, i + rs + k));
            a = apply(op, a, in.getAtIndex(E, i + 2 * rs + k));
            out.setAtIndex(E, o + k, (int) apply(op, a, in.getAtIndex(E, i + 3 * rs + k)));
        }
    }

    /** {@code out[o + j] = op(out[o + j], row[j])}. */
    private static void row(int op, MemorySegment in, long i, MemorySegment out, long o, int w) {
        int k = 0;
        switch (op) {
            case ADD -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).add(load(in, i + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case MUL -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).mul(load(in, i + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case MAXIMUM -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).max(load(in, i + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            case MINIMUM -> {
                for (; k <= w - L; k += L) {
                    load(out, o + k).min(load(in, i + k)).intoMemorySegment(out, (o + k) * W, O);
                }
            }
            default -> {
                // the bitwise and unsigned ops: rare here (bool and uint8), scalar
            }
        }
        for (; k < w; k++) {
            out.setAtIndex(E, o + k, (int) apply(op, out.getAtIndex(E, o + k), in.getAtIndex(E, i + k)));
        }
    }

    /**
     * Folds {@code count} short contiguous strips, in order from their first element:
     * {@code out[outOff + c * outStep] = fold of in[inOff + c * inStep + k], k < n}, {@code n >= 1}.
     */
    static void shortStrips(int op, MemorySegment in, long inOff, long inStep, long n, MemorySegment out, long outOff,
            long outStep, long count) {
        for (long c = 0; c < count; c++) {
            long s = inOff + c * inStep;
            long r = in.getAtIndex(E, s);
            for (long k = 1; k < n; k++) {
                r = apply(op, r, in.getAtIndex(E, s + k));
            }
            out.setAtIndex(E, outOff + c * outStep, (int) r);
        }
    }

    private static long apply(int op, long x, long y) {
        return ScalarMath.foldLong(op, x, y, BITS);
    }
}
