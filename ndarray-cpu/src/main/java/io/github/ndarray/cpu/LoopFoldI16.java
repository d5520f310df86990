package io.github.ndarray.cpu;

import static io.github.ndarray.cpu.SimdKernels.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * int16 reductions of contiguous elements (sum, product, maximum, minimum, and, or, xor), a
 * template specialized per op by {@link SimdKernels#fold}. Two vector accumulators start
 * from the first {@code 2L} elements, then their lanes are reduced and the tail folded in
 * order. Every op here is exact in any order (sums and products wrap like C, modulo 2^16), so
 * a large fold splits over threads by chunks with the same result.
 *
 * <p>This file is {@link LoopFoldI64} with short for long (a mechanical substitution); keep the
 * two in step.
 */
final class LoopFoldI16 implements LoopFold {
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int STEP = 2 * L;
    private static final int W = Short.BYTES;
    private static final ValueLayout.OfShort E = ValueLayout.JAVA_SHORT_UNALIGNED;
    /** The type's bits, to compare as unsigned in the scalar loop. */
    private static final long BITS = 0xFFFFL;
    private static final ByteOrder O = ByteOrder.nativeOrder();
    private static final int OP = SimdKernels.opOf(MethodHandles.lookup());
    private static final VectorOperators.Associative ASSOCIATIVE = associative(OP);

    LoopFoldI16() {
    }

    @Override
    public double foldDouble(MemorySegment s, long off, long n, boolean parallel) {
        throw new UnsupportedOperationException("integer fold");
    }

    @Override
    public long foldLong(MemorySegment s, long off, long n, boolean parallel) {
        if (!parallel || Parallel.threads() == 1 || n / 2 < Kernels.GRAIN_MEMORY_BOUND) {
            return fold(s, off, n);
        }
        long[] part = SimdKernels.chunksParallelLong(off, n, STEP, (o, m) -> fold(s, o, m));
        long r = part[0];
        for (int k = 1; k < part.length; k++) {
            r = apply(r, part[k]);
        }
        return (short) r;
    }

    private static ShortVector load(MemorySegment m, long i) {
        return ShortVector.fromMemorySegment(S, m, i * W, O);
    }

    private static long fold(MemorySegment s, long off, long n) {
        long i;
        long r;
        if (n >= STEP) {
            ShortVector a0 = load(s, off);
            ShortVector a1 = load(s, off + L);
            for (i = STEP; i <= n - STEP; i += STEP) {
                a0 = a0.lanewise(ASSOCIATIVE, load(s, off + i));
                a1 = a1.lanewise(ASSOCIATIVE, load(s, off + i + L));
            }
            r = lanes(a0.lanewise(ASSOCIATIVE, a1));
        } else {
            r = s.getAtIndex(E, off);
            i = 1;
        }
        for (; i < n; i++) {
            r = apply(r, s.getAtIndex(E, off + i));
        }
        return (short) r;
    }

    /**
     * The fold of a vector's lanes. Unsigned max/min go lane by lane: on JDK 25
     * {@code reduceLanes(UMAX)} returned the type's minimum (uint8 max of 1000 zeros gave 128).
     */
    private static long lanes(ShortVector v) {
        if (OP != UMAX && OP != UMIN) {
            return v.reduceLanes(ASSOCIATIVE);
        }
        long r = v.lane(0);
        for (int k = 1; k < L; k++) {
            r = apply(r, v.lane(k));
        }
        return r;
    }

    private static long apply(long x, long y) {
        return ScalarMath.foldLong(OP, x, y, BITS);
    }
}
