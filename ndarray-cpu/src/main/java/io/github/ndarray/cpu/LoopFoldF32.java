package io.github.ndarray.cpu;

import static io.github.ndarray.cpu.SimdKernels.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 reductions of contiguous elements, a template specialized per op by
 * {@link SimdKernels#fold}: {@link LoopFoldF64} with float for double, except that sums
 * accumulate in double (each load of {@code L} floats widens to one double vector), as the
 * generic loops did: more accurate than NumPy's float32 accumulation, and as fast, since the
 * sum is bound by memory bandwidth. The other folds hold their running values in float, so
 * every step rounds to float32 as NumPy's loops do.
 *
 * <p><b>Sums</b> are pairwise like NumPy's: a strip longer than {@link #LEAF} elements is cut
 * in two halves (at a multiple of {@code 2L}, L the vector length) that are summed
 * recursively and added. A leaf sums with two vector accumulators, so each of its {@code 2L}
 * partial sums adds 16 terms in sequence (NumPy's partial sums add 16 terms too); the
 * partials are then added as a balanced tree ({@code ((p0+p1)+(p2+p3))+...}), then the
 * leaf's last {@code < L} terms one by one. A term so passes through at most
 * {@code 16 + 1 + log2(L) + L + ceil(log2(n / LEAF))} roundings, which bounds the error by that
 * many units in the last place of {@code sum|x|} (first order): about {@code 44 u sum|x|} for
 * n = 10^7 on AVX-512 (L = 8, u = 2^-53), where a sequential sum's bound is {@code n u sum|x|}.
 * The tree does not depend on the thread count: a parallel sum computes the same top
 * subtrees on different threads and adds them in the same order, so it is bit for bit the
 * serial sum.
 *
 * <p><b>Other folds</b> (product, maximum, minimum, fmax, fmin) keep four vector accumulators
 * started from the first {@code 4L} elements, combine them and their lanes as a balanced
 * tree, then fold the tail in order. Maximum and minimum are exact in any order (NaN
 * propagates; on ties the earlier operand of each step wins, so which zero of {@code -0.0} and
 * {@code 0.0} survives may differ from a sequential fold, as it does in NumPy); they split over
 * threads by chunks. Products round differently in another order, so they never split.
 */
final class LoopFoldF32 implements LoopFold {
    /** The sum's accumulator species, and the float species of as many lanes that feeds it. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> H =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final int DL = D.length();
    private static final int DSTEP = 2 * DL;
    /** Elements per pairwise leaf: 2 accumulators x DL lanes x 16 terms. */
    private static final int LEAF = 16 * DSTEP;
    private static final VectorShuffle<Double> DSWAP1 = xorShuffle(D, 1);
    private static final VectorShuffle<Double> DSWAP2 = xorShuffle(D, 2);
    private static final VectorShuffle<Double> DSWAP4 = xorShuffle(D, 4);
    private static final VectorShuffle<Double> DSWAP8 = xorShuffle(D, 8);
    private static final VectorShuffle<Double> DSWAP16 = xorShuffle(D, 16);
    /** The species of the other folds. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int STEP = 2 * L;
    /** Elements per step of the non-sum folds: four accumulators. */
    private static final int FOLD_STEP = 4 * L;
    private static final int W = Float.BYTES;
    private static final ValueLayout.OfFloat E = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder O = ByteOrder.nativeOrder();
    private static final VectorShuffle<Float> SWAP1 = xorShuffle(S, 1);
    private static final VectorShuffle<Float> SWAP2 = xorShuffle(S, 2);
    private static final VectorShuffle<Float> SWAP4 = xorShuffle(S, 4);
    private static final VectorShuffle<Float> SWAP8 = xorShuffle(S, 8);
    private static final VectorShuffle<Float> SWAP16 = xorShuffle(S, 16);
    private static final VectorShuffle<Float> SWAP32 = xorShuffle(S, 32);
    private static final int OP = SimdKernels.opOf(MethodHandles.lookup());

    LoopFoldF32() {
    }

    @Override
    public double foldDouble(MemorySegment s, long off, long n, boolean parallel) {
        int threads = Parallel.threads();
        if (!parallel || threads == 1 || n / 2 < (OP == ADD ? Kernels.GRAIN_SUM : Kernels.GRAIN_MEMORY_BOUND)
                || OP == MUL) {
            return OP == ADD ? sum(s, off, n) : fold(s, off, n);
        }
        if (OP == ADD) {
            int depth = 32 - Integer.numberOfLeadingZeros(threads - 1);
            return SimdKernels.pairwiseParallel(off, n, depth, LEAF, DSTEP, (o, m) -> sum(s, o, m));
        }
        double[] part = SimdKernels.chunksParallel(off, n, STEP, (o, m) -> fold(s, o, m));
        float r = (float) part[0];
        for (int k = 1; k < part.length; k++) {
            r = apply(r, (float) part[k]);
        }
        return r;
    }

    @Override
    public long foldLong(MemorySegment s, long off, long n, boolean parallel) {
        throw new UnsupportedOperationException("float32 fold");
    }

    private static FloatVector load(MemorySegment m, long i) {
        return FloatVector.fromMemorySegment(S, m, i * W, O);
    }

    /** {@code DL} floats from element {@code i}, widened to double. */
    private static DoubleVector loadWide(MemorySegment m, long i) {
        return (DoubleVector) FloatVector.fromMemorySegment(H, m, i * W, O).convertShape(VectorOperators.F2D, D, 0);
    }

    /** Pairwise sum in double; {@link SimdKernels#pairwiseParallel} splits at the same points. */
    private static double sum(MemorySegment s, long off, long n) {
        if (n <= LEAF) {
            return leaf(s, off, n);
        }
        long half = n / 2 / DSTEP * DSTEP;
        return sum(s, off, half) + sum(s, off + half, n - half);
    }

    private static double leaf(MemorySegment s, long off, long n) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        long i = 0;
        for (; i <= n - DSTEP; i += DSTEP) {
            a0 = a0.add(loadWide(s, off + i));
            a1 = a1.add(loadWide(s, off + i + DL));
        }
        if (i <= n - DL) {
            a0 = a0.add(loadWide(s, off + i));
            i += DL;
        }
        DoubleVector v = a0.add(a1);
        if (DL > 1) {
            v = v.add(v.rearrange(DSWAP1));
        }
        if (DL > 2) {
            v = v.add(v.rearrange(DSWAP2));
        }
        if (DL > 4) {
            v = v.add(v.rearrange(DSWAP4));
        }
        if (DL > 8) {
            v = v.add(v.rearrange(DSWAP8));
        }
        if (DL > 16) {
            v = v.add(v.rearrange(DSWAP16));
        }
        double r = v.lane(0);
        for (; i < n; i++) {
            r += s.getAtIndex(E, off + i);
        }
        return r;
    }

    private static float fold(MemorySegment s, long off, long n) {
        long i;
        float r;
        if (n >= FOLD_STEP) {
            i = n / FOLD_STEP * FOLD_STEP;
            FloatVector v = block(s, off, i);
            for (; i <= n - L; i += L) {
                v = apply(v, load(s, off + i));
            }
            if (L > 1) {
                v = apply(v, v.rearrange(SWAP1));
            }
            if (L > 2) {
                v = apply(v, v.rearrange(SWAP2));
            }
            if (L > 4) {
                v = apply(v, v.rearrange(SWAP4));
            }
            if (L > 8) {
                v = apply(v, v.rearrange(SWAP8));
            }
            if (L > 16) {
                v = apply(v, v.rearrange(SWAP16));
            }
            if (L > 32) {
                v = apply(v, v.rearrange(SWAP32));
            }
            r = v.lane(0);
        } else {
            r = s.getAtIndex(E, off);
            i = 1;
        }
        for (; i < n; i++) {
            r = apply(r, s.getAtIndex(E, off + i));
        }
        return r;
    }

    /**
     * The fold of {@code [off, off + n)}, n a positive multiple of {@link #FOLD_STEP}, lane by lane.
     * Four accumulators: each step's compare/test/blend chain is long, and with two the loop
     * read 10^7 float64 at ~19 GB/s, with four at ~31 GB/s (memory speed). A method of its own:
     * inlined into {@link #fold} with the lane tree, C2 compiled max (not min) into code ~10x
     * slower.
     */
    private static FloatVector block(MemorySegment s, long off, long n) {
        FloatVector a0 = load(s, off);
        FloatVector a1 = load(s, off + L);
        FloatVector a2 = load(s, off + 2 * L);
        FloatVector a3 = load(s, off + 3 * L);
        for (long i = FOLD_STEP; i < n; i += FOLD_STEP) {
            a0 = apply(a0, load(s, off + i));
            a1 = apply(a1, load(s, off + i + L));
            a2 = apply(a2, load(s, off + i + 2 * L));
            a3 = apply(a3, load(s, off + i + 3 * L));
        }
        return apply(apply(a0, a1), apply(a2, a3));
    }

    private static FloatVector apply(FloatVector x, FloatVector y) {
        return switch (OP) {
            case MUL -> x.mul(y);
            case MAXIMUM -> y.blend(x, x.compare(VectorOperators.GE, y).or(x.test(VectorOperators.IS_NAN)));
            case MINIMUM -> y.blend(x, x.compare(VectorOperators.LE, y).or(x.test(VectorOperators.IS_NAN)));
            case FMAX -> y.blend(x, x.compare(VectorOperators.GE, y).or(y.test(VectorOperators.IS_NAN)));
            case FMIN -> y.blend(x, x.compare(VectorOperators.LE, y).or(y.test(VectorOperators.IS_NAN)));
            default -> throw new AssertionError(OP);
        };
    }

    private static float apply(float x, float y) {
        return switch (OP) {
            case MUL -> x * y;
            case MAXIMUM -> (float) ScalarMath.maximum(x, y);
            case MINIMUM -> (float) ScalarMath.minimum(x, y);
            case FMAX -> (float) ScalarMath.fmax(x, y);
            case FMIN -> (float) ScalarMath.fmin(x, y);
            default -> throw new AssertionError(OP);
        };
    }
}
