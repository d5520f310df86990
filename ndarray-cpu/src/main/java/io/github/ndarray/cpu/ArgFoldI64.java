package io.github.ndarray.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * int64 reductions to an index (argmax, argmin) of a contiguous strip: the first occurrence
 * of the extreme. Blocks of {@link #B} elements are reduced with vector max (min); the first
 * block with a strictly better extreme is kept and, at the end, scanned once for the first
 * element equal to it; the tail is compared element by element.
 *
 * <p>{@link ArgFoldI32}, {@link ArgFoldI16} and {@link ArgFoldI8} are this file with the
 * narrower type; keep them in step.
 */
final class ArgFoldI64 {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per block. */
    private static final int B = 32 * L;
    private static final int W = Long.BYTES;
    private static final ValueLayout.OfLong E = ValueLayout.JAVA_LONG_UNALIGNED;
    /** The type's bits, to compare as unsigned. */
    private static final long BITS = -1L;
    private static final ByteOrder O = ByteOrder.nativeOrder();
    /**
     * The sign bit in every lane. Unsigned extremes are reduced across lanes as signed ones of
     * the values with it flipped: {@code reduceLanes(UMAX)} returns the type's minimum on JDK 25.
     */
    private static final LongVector SIGN = LongVector.zero(S).lanewise(VectorOperators.NOT).lanewise(VectorOperators.LSHL, W * 8 - 1);
    /** The sign bit of the type, within {@link #BITS}. */
    private static final long SIGN_BIT = BITS ^ (BITS >>> 1);

    private ArgFoldI64() {
    }

    /**
     * {@return the index in {@code [0, n)} of the first maximum (minimum) of {@code s[off..off+n)}, n >= 1}
     *
     * @param unsigned compare as unsigned (uint8 and bool, in the int8 copy)
     */
    static long arg(boolean max, boolean unsigned, MemorySegment s, long off, long n) {
        long best = 0;
        long at = -1;
        long i = 0;
        for (; i + B <= n; i += B) {
            long m = unsigned ? ((max ? blockUmax(s, off + i) : blockUmin(s, off + i)) ^ SIGN_BIT) & BITS
                    : max ? blockMax(s, off + i) : blockMin(s, off + i);
            if (at < 0 || (max ? m > best : m < best)) {
                best = m;
                at = i;
            }
        }
        if (at >= 0) {
            while (key(unsigned, s.getAtIndex(E, off + at)) != best) {
                at++;
            }
        }
        for (; i < n; i++) {
            long v = key(unsigned, s.getAtIndex(E, off + i));
            if (at < 0 || (max ? v > best : v < best)) {
                best = v;
                at = i;
            }
        }
        return at;
    }

    private static long key(boolean unsigned, long v) {
        return unsigned ? v & BITS : v;
    }

    private static LongVector load(MemorySegment m, long i) {
        return LongVector.fromMemorySegment(S, m, i * W, O);
    }

    private static long blockMax(MemorySegment s, long o) {
        LongVector a0 = load(s, o);
        LongVector a1 = load(s, o + L);
        for (int k = 2 * L; k < B; k += 2 * L) {
            a0 = a0.max(load(s, o + k));
            a1 = a1.max(load(s, o + k + L));
        }
        return a0.max(a1).reduceLanes(VectorOperators.MAX);
    }

    private static long blockMin(MemorySegment s, long o) {
        LongVector a0 = load(s, o);
        LongVector a1 = load(s, o + L);
        for (int k = 2 * L; k < B; k += 2 * L) {
            a0 = a0.min(load(s, o + k));
            a1 = a1.min(load(s, o + k + L));
        }
        return a0.min(a1).reduceLanes(VectorOperators.MIN);
    }

    /** {@return the block's unsigned maximum with its sign bit flipped} */
    private static long blockUmax(MemorySegment s, long o) {
        LongVector a0 = load(s, o);
        LongVector a1 = load(s, o + L);
        for (int k = 2 * L; k < B; k += 2 * L) {
            a0 = a0.lanewise(VectorOperators.UMAX, load(s, o + k));
            a1 = a1.lanewise(VectorOperators.UMAX, load(s, o + k + L));
        }
        return a0.lanewise(VectorOperators.UMAX, a1).lanewise(VectorOperators.XOR, SIGN).reduceLanes(VectorOperators.MAX);
    }

    /** {@return the block's unsigned minimum with its sign bit flipped} */
    private static long blockUmin(MemorySegment s, long o) {
        LongVector a0 = load(s, o);
        LongVector a1 = load(s, o + L);
        for (int k = 2 * L; k < B; k += 2 * L) {
            a0 = a0.lanewise(VectorOperators.UMIN, load(s, o + k));
            a1 = a1.lanewise(VectorOperators.UMIN, load(s, o + k + L));
        }
        return a0.lanewise(VectorOperators.UMIN, a1).lanewise(VectorOperators.XOR, SIGN).reduceLanes(VectorOperators.MIN);
    }
}
