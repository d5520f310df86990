package io.github.ndarray.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of two contiguous float64 or float32 vectors ({@code sum x[i] * y[i]}), the
 * kernel behind a 1-D {@code matmul}/{@code vdot} and {@code linalg.norm}. It replaces BLAS
 * {@code ?dot} for contiguous operands: a native call costs a downcall and, from 10^4
 * elements, OpenBLAS's own thread hand-off, which dominated small and mid-size norms.
 *
 * <p>The sum is pairwise like {@link LoopFoldF64}'s: strips longer than {@link #LEAF64}
 * elements are halved (at multiples of the vector step) and the halves added; a leaf
 * accumulates with four vector accumulators using fused multiply-adds, whose lanes are then
 * added as a tree. So the result does not depend on the thread count: a large dot computes
 * the same top subtrees on the {@link Parallel} threads ({@link SimdKernels#pairwiseParallel})
 * and adds them in the same order. When {@code x} and {@code y} are the same memory (a
 * norm), each element is loaded once. float32 products are accumulated in double (exact
 * products, more accurate than BLAS {@code sdot}), and the caller rounds once.
 */
final class LoopDot {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int LD = D.length();
    /** Four accumulators of {@code LD} lanes. */
    private static final int STEP64 = 4 * LD;
    /**
     * Elements per pairwise leaf: each of the {@code STEP64} partial sums adds 64 products. With
     * 16 (512 elements on AVX-512) the lane tree and recursion at every leaf cost about as
     * much as the leaf's 64 FMAs; BLAS {@code ddot} has no tree at all.
     */
    private static final int LEAF64 = 64 * STEP64;
    /** float32 loads fill one float vector of the same width, widened to two double vectors. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int LF = F.length();
    private static final int STEP32 = 2 * LF;
    private static final int LEAF32 = 64 * STEP32;
    private static final ByteOrder O = ByteOrder.nativeOrder();
    private static final ValueLayout.OfDouble E64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfFloat E32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private static final VectorShuffle<Double> SWAP1 = SimdKernels.xorShuffle(D, 1);
    private static final VectorShuffle<Double> SWAP2 = SimdKernels.xorShuffle(D, 2);
    private static final VectorShuffle<Double> SWAP4 = SimdKernels.xorShuffle(D, 4);
    private static final VectorShuffle<Double> SWAP8 = SimdKernels.xorShuffle(D, 8);

    private LoopDot() {
    }

    /**
     * The lanes' sum as a fixed balanced tree. {@code reduceLanes(ADD)} leaves the order to the
     * implementation (it may differ between interpreted and compiled code), and the result must
     * not depend on that.
     */
    private static double lanes(DoubleVector v) {
        if (LD > 1) {
            v = v.add(v.rearrange(SWAP1));
        }
        if (LD > 2) {
            v = v.add(v.rearrange(SWAP2));
        }
        if (LD > 4) {
            v = v.add(v.rearrange(SWAP4));
        }
        if (LD > 8) {
            v = v.add(v.rearrange(SWAP8));
        }
        return v.lane(0);
    }

    /**
     * {@code sum x[xo + i] * y[yo + i]} over {@code i < n}, float64.
     *
     * @param parallel whether a large dot may use the {@link Parallel} threads (same result)
     */
    static double dot64(MemorySegment x, long xo, MemorySegment y, long yo, long n, boolean parallel) {
        boolean self = x.equals(y) && xo == yo;
        if (parallel && Parallel.threads() > 1 && n / 2 >= Kernels.GRAIN_SUM) {
            int depth = 32 - Integer.numberOfLeadingZeros(Parallel.threads() - 1);
            long shift = yo - xo;
            return SimdKernels.pairwiseParallel(xo, n, depth, LEAF64, STEP64,
                    (o, m) -> self ? tree64(x, o, x, o, m, true) : tree64(x, o, y, o + shift, m, false));
        }
        return tree64(x, xo, y, yo, n, self);
    }

    /**
     * {@code sum x[xo + i] * y[yo + i]} over {@code i < n}, float32 elements, products and sum in
     * double (the caller rounds the result to float32 once).
     *
     * @param parallel as for {@link #dot64}
     */
    static double dot32(MemorySegment x, long xo, MemorySegment y, long yo, long n, boolean parallel) {
        boolean self = x.equals(y) && xo == yo;
        if (parallel && Parallel.threads() > 1 && n / 2 >= Kernels.GRAIN_SUM) {
            int depth = 32 - Integer.numberOfLeadingZeros(Parallel.threads() - 1);
            long shift = yo - xo;
            return SimdKernels.pairwiseParallel(xo, n, depth, LEAF32, STEP32,
                    (o, m) -> self ? tree32(x, o, x, o, m, true) : tree32(x, o, y, o + shift, m, false));
        }
        return tree32(x, xo, y, yo, n, self);
    }

    private static double tree64(MemorySegment x, long xo, MemorySegment y, long yo, long n, boolean self) {
        if (n <= LEAF64) {
            return self ? leafSelf64(x, xo, n) : leaf64(x, xo, y, yo, n);
        }
        long half = n / 2 / STEP64 * STEP64;
        return tree64(x, xo, y, yo, half, self) + tree64(x, xo + half, y, yo + half, n - half, self);
    }

    private static DoubleVector load64(MemorySegment m, long i) {
        return DoubleVector.fromMemorySegment(D, m, i * Double.BYTES, O);
    }

    private static double leaf64(MemorySegment x, long xo, MemorySegment y, long yo, long n) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        long i = 0;
        for (; i <= n - STEP64; i += STEP64) {
            a0 = load64(x, xo + i).fma(load64(y, yo + i), a0);
            a1 = load64(x, xo + i + LD).fma(load64(y, yo + i + LD), a1);
            a2 = load64(x, xo + i + 2 * LD).fma(load64(y, yo + i + 2 * LD), a2);
            a3 = load64(x, xo + i + 3 * LD).fma(load64(y, yo + i + 3 * LD), a3);
        }
        for (; i <= n - LD; i += LD) {
            a0 = load64(x, xo + i).fma(load64(y, yo + i), a0);
        }
        double r = lanes(a0.add(a1).add(a2.add(a3)));
        for (; i < n; i++) {
            r = Math.fma(x.getAtIndex(E64, xo + i), y.getAtIndex(E64, yo + i), r);
        }
        return r;
    }

    /** {@link #leaf64} with {@code y == x}: one load per element. */
    private static double leafSelf64(MemorySegment x, long xo, long n) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        long i = 0;
        for (; i <= n - STEP64; i += STEP64) {
            DoubleVector v0 = load64(x, xo + i);
            DoubleVector v1 = load64(x, xo + i + LD);
            DoubleVector v2 = load64(x, xo + i + 2 * LD);
            DoubleVector v3 = load64(x, xo + i + 3 * LD);
            a0 = v0.fma(v0, a0);
            a1 = v1.fma(v1, a1);
            a2 = v2.fma(v2, a2);
            a3 = v3.fma(v3, a3);
        }
        for (; i <= n - LD; i += LD) {
            DoubleVector v = load64(x, xo + i);
            a0 = v.fma(v, a0);
        }
        double r = lanes(a0.add(a1).add(a2.add(a3)));
        for (; i < n; i++) {
            double v = x.getAtIndex(E64, xo + i);
            r = Math.fma(v, v, r);
        }
        return r;
    }

    private static double tree32(MemorySegment x, long xo, MemorySegment y, long yo, long n, boolean self) {
        if (n <= LEAF32) {
            return leaf32(x, xo, y, yo, n, self);
        }
        long half = n / 2 / STEP32 * STEP32;
        return tree32(x, xo, y, yo, half, self) + tree32(x, xo + half, y, yo + half, n - half, self);
    }

    private static FloatVector load32(MemorySegment m, long i) {
        return FloatVector.fromMemorySegment(F, m, i * Float.BYTES, O);
    }

    /** One float vector's products, widened: parts 0 and 1 of the lanes as two double vectors. */
    private static double leaf32(MemorySegment x, long xo, MemorySegment y, long yo, long n, boolean self) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        long i = 0;
        for (; i <= n - STEP32; i += STEP32) {
            FloatVector u0 = load32(x, xo + i);
            FloatVector u1 = load32(x, xo + i + LF);
            FloatVector w0 = self ? u0 : load32(y, yo + i);
            FloatVector w1 = self ? u1 : load32(y, yo + i + LF);
            DoubleVector p0 = (DoubleVector) u0.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector p1 = (DoubleVector) u0.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector p2 = (DoubleVector) u1.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector p3 = (DoubleVector) u1.convertShape(VectorOperators.F2D, D, 1);
            a0 = p0.fma(self ? p0 : (DoubleVector) w0.convertShape(VectorOperators.F2D, D, 0), a0);
            a1 = p1.fma(self ? p1 : (DoubleVector) w0.convertShape(VectorOperators.F2D, D, 1), a1);
            a2 = p2.fma(self ? p2 : (DoubleVector) w1.convertShape(VectorOperators.F2D, D, 0), a2);
            a3 = p3.fma(self ? p3 : (DoubleVector) w1.convertShape(VectorOperators.F2D, D, 1), a3);
        }
        double r = lanes(a0.add(a1).add(a2.add(a3)));
        for (; i < n; i++) {
            double u = x.getAtIndex(E32, xo + i);
            double w = y.getAtIndex(E32, yo + i);
            r = Math.fma(u, w, r);
        }
        return r;
    }
}
