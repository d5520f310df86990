package io.github.ndarray.cpu;

import io.github.ndarray.spi.RandomFill;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float64 uniforms ({@link RandomFill.Uniform}) with Philox4x32-10 computed for one vector of
 * consecutive counters at a time. Why: a scalar Philox block is a chain of ten dependent
 * multiply rounds (~15 ns here), so the scalar fill is latency bound; lanes run eight blocks'
 * chains side by side (1e7 uniforms: ~90 -> ~20 ms on one core). The bits are
 * {@link RandomFill}'s: each 32-bit word sits zero-extended in a 64-bit lane, where the
 * 32 x 32-bit product is exact, and {@code low + span * u} is a multiply then an add (the
 * Vector API never fuses them), as in the scalar recipe.
 */
final class UniformLanes {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = LONGS.length();
    private static final long MASK = 0xFFFF_FFFFL;
    private static final LongVector IOTA = LongVector.zero(LONGS).addIndex(1);
    /** Interleave slot-0 lanes {@code a} with slot-1 lanes {@code b}: (a0 b0 a1 b1 ...) and the upper half. */
    private static final VectorShuffle<Double> LOW_HALF = interleave(0);
    private static final VectorShuffle<Double> HIGH_HALF = interleave(L / 2);

    private UniformLanes() {
    }

    private static VectorShuffle<Double> interleave(int first) {
        int[] idx = new int[L];
        for (int i = 0; i < L / 2; i++) {
            idx[2 * i] = first + i;
            idx[2 * i + 1] = first + i - L; // an exceptional index: lane first + i of the second vector
        }
        return VectorShuffle.fromValues(DOUBLES, idx);
    }

    /** Whether this fill is one these lanes compute. */
    static boolean handles(RandomFill spec) {
        return spec.distribution() instanceof RandomFill.Uniform && spec.dtype() == io.github.ndarray.DType.FLOAT64
                && DOUBLES.length() == L;
    }

    /**
     * {@link RandomFill#fill} for a float64 uniform: whole groups of {@code L} blocks in lanes,
     * the elements before and after them by the scalar definition.
     */
    static void fill(RandomFill spec, MemorySegment seg, long at, long from, long to) {
        long firstBlock = (from + 1) / 2;
        long groups = Math.max(0, to / 2 - firstBlock) / L;
        long vFrom = 2 * firstBlock;
        long vTo = vFrom + 2 * L * groups;
        if (groups == 0) {
            spec.fill(seg, at, from, to);
            return;
        }
        spec.fill(seg, at, from, vFrom);
        RandomFill.Uniform u = (RandomFill.Uniform) spec.distribution();
        double low = u.low();
        double span = u.high() - u.low();
        long offset = (at + (vFrom - from)) * Double.BYTES;
        long counter = spec.counter() + firstBlock;
        for (long g = 0; g < groups; g++, counter += L, offset += 2L * L * Double.BYTES) {
            group(spec.key(), counter, low, span, seg, offset);
        }
        spec.fill(seg, at + (vTo - from), vTo, to);
    }

    /** Blocks {@code counter .. counter + L - 1}: {@code 2L} doubles at byte {@code offset}. */
    private static void group(long key, long counter, double low, double span, MemorySegment seg, long offset) {
        long k0 = key & MASK;
        long k1 = key >>> 32;
        LongVector ctr = IOTA.add(counter);
        LongVector c0 = ctr.and(MASK);
        LongVector c1 = ctr.lanewise(VectorOperators.LSHR, 32);
        LongVector c2 = LongVector.zero(LONGS);
        LongVector c3 = c2;
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 = (k0 + 0x9E3779B9L) & MASK;
                k1 = (k1 + 0xBB67AE85L) & MASK;
            }
            LongVector p0 = c0.mul(0xD2511F53L);
            LongVector p1 = c2.mul(0xCD9E8D57L);
            LongVector n0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c1)
                    .lanewise(VectorOperators.XOR, k0);
            LongVector n2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c3)
                    .lanewise(VectorOperators.XOR, k1);
            c1 = p1.and(MASK);
            c3 = p0.and(MASK);
            c0 = n0;
            c2 = n2;
        }
        DoubleVector a = uniform(c0, c1, low, span);
        DoubleVector b = uniform(c2, c3, low, span);
        a.rearrange(LOW_HALF, b).intoMemorySegment(seg, offset, ByteOrder.nativeOrder());
        a.rearrange(HIGH_HALF, b).intoMemorySegment(seg, offset + (long) L * Double.BYTES, ByteOrder.nativeOrder());
    }

    /** {@code low + span * ((lo | hi << 32) >>> 11) * 2^-53} per lane. */
    private static DoubleVector uniform(LongVector lo, LongVector hi, double low, double span) {
        LongVector bits = lo.or(hi.lanewise(VectorOperators.LSHL, 32)).lanewise(VectorOperators.LSHR, 11);
        DoubleVector unit = ((DoubleVector) bits.convert(VectorOperators.L2D, 0)).mul(0x1.0p-53);
        return unit.mul(span).add(low);
    }
}
