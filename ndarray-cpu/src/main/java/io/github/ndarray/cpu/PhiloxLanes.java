package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.spi.RandomBits;
import io.github.ndarray.spi.RandomFill;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Philox4x32-10 for a vector of {@code L} consecutive counters at a time, for the fills whose
 * cost is largely the generator: float64 uniforms, normals and integers. Why: a scalar Philox
 * block is a chain of ten dependent multiply rounds (~15 ns here), so a scalar fill is latency
 * bound; lanes run {@code L} blocks' chains side by side (1e7 uniforms: ~90 -> ~17 ms on one
 * core). The bits are {@link RandomFill}'s: each 32-bit word sits zero-extended in a 64-bit
 * lane, where the 32 x 32-bit product is exact; {@code low + span * u} is a multiply then an
 * add (the Vector API never fuses them), as in the scalar recipe; integers and normals take the
 * lanes' words through the scalar {@link RandomBits} and {@link RandomFill#normalPair}
 * (rejections retry there).
 */
final class PhiloxLanes {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = LONGS.length();
    private static final long MASK = 0xFFFF_FFFFL;
    private static final LongVector IOTA = LongVector.zero(LONGS).addIndex(1);
    /** Interleave slot-0 lanes {@code a} with slot-1 lanes {@code b}: (a0 b0 a1 b1 ...) and the upper half. */
    private static final VectorShuffle<Double> LOW_HALF = interleave(0);
    private static final VectorShuffle<Double> HIGH_HALF = interleave(L / 2);

    private PhiloxLanes() {
    }

    private static VectorShuffle<Double> interleave(int first) {
        int[] idx = new int[L];
        for (int i = 0; i < L / 2; i++) {
            idx[2 * i] = first + i;
            idx[2 * i + 1] = first + i - L; // an exceptional index: lane first + i of the second vector
        }
        return VectorShuffle.fromValues(DOUBLES, idx);
    }

    /** Whether this fill is one the lanes compute: those with 2 elements per counter (all but float32 uniforms). */
    static boolean handles(RandomFill spec) {
        boolean uniform32 = spec.distribution() instanceof RandomFill.Uniform && spec.dtype() == DType.FLOAT32;
        return !uniform32 && DOUBLES.length() == L;
    }

    /**
     * {@link RandomFill#fill} for a fill that {@link #handles}: whole groups of {@code L} blocks
     * in lanes, the elements before and after them by the scalar definition.
     */
    static void fill(RandomFill spec, MemorySegment seg, long at, long from, long to) {
        long firstBlock = (from + 1) / 2;
        long groups = Math.max(0, to / 2 - firstBlock) / L;
        if (groups == 0) {
            spec.fill(seg, at, from, to);
            return;
        }
        long vFrom = 2 * firstBlock;
        long vTo = vFrom + 2 * L * groups;
        spec.fill(seg, at, from, vFrom);
        long index = at + (vFrom - from);
        long counter = spec.counter() + firstBlock;
        long[] words = new long[2 * L];
        int[] scratch = new int[4];
        for (long g = 0; g < groups; g++, counter += L, index += 2L * L) {
            words(spec.key(), counter, words);
            switch (spec.distribution()) {
                case RandomFill.Uniform u -> uniforms(u, words, seg, index);
                case RandomFill.Integers r -> integers(spec.key(), counter, r, words, scratch, seg, index);
                case RandomFill.Normal d -> normals(spec, counter, d, words, scratch, seg, index);
            }
        }
        spec.fill(seg, at + (vTo - from), vTo, to);
    }

    /**
     * The blocks at {@code counter .. counter + L - 1}: {@code w64(0)} of block {@code i} in
     * {@code words[i]}, {@code w64(1)} in {@code words[L + i]}.
     */
    private static void words(long key, long counter, long[] words) {
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
        c0.or(c1.lanewise(VectorOperators.LSHL, 32)).intoArray(words, 0);
        c2.or(c3.lanewise(VectorOperators.LSHL, 32)).intoArray(words, L);
    }

    /** {@code low + span * ((w >>> 11) * 2^-53)} per word, stored interleaved (slot 0, slot 1, ...). */
    private static void uniforms(RandomFill.Uniform u, long[] words, MemorySegment seg, long index) {
        double low = u.low();
        double span = u.high() - u.low();
        DoubleVector a = unit(LongVector.fromArray(LONGS, words, 0)).mul(span).add(low);
        DoubleVector b = unit(LongVector.fromArray(LONGS, words, L)).mul(span).add(low);
        long offset = index * Double.BYTES;
        a.rearrange(LOW_HALF, b).intoMemorySegment(seg, offset, ByteOrder.nativeOrder());
        a.rearrange(HIGH_HALF, b).intoMemorySegment(seg, offset + (long) L * Double.BYTES, ByteOrder.nativeOrder());
    }

    private static DoubleVector unit(LongVector bits) {
        return ((DoubleVector) bits.lanewise(VectorOperators.LSHR, 11).convert(VectorOperators.L2D, 0)).mul(0x1.0p-53);
    }

    /** The polar method on each block; a rejected block retries by the scalar recipe. */
    private static void normals(RandomFill spec, long counter, RandomFill.Normal d, long[] words, int[] scratch,
            MemorySegment seg, long index) {
        for (int i = 0; i < L; i++) {
            long bits0 = words[i];
            long bits1 = words[L + i];
            if (!RandomBits.polarAccepts(bits0, bits1)) {
                RandomBits.polarBlock(spec.key(), counter + i, 1, scratch);
                bits0 = RandomBits.word64(scratch, 0);
                bits1 = RandomBits.word64(scratch, 1);
            }
            spec.normalPair(d, bits0, bits1, seg, index + 2L * i);
        }
    }

    /** Lemire's method on each word; a rejected slot retries by the scalar recipe. */
    private static void integers(long key, long counter, RandomFill.Integers r, long[] words, int[] scratch,
            MemorySegment seg, long index) {
        long range = r.high() - r.low();
        for (int i = 0; i < L; i++) {
            for (int s = 0; s < 2; s++) {
                long bits = words[s * L + i];
                long v = RandomBits.accepts(bits, range)
                        ? Math.unsignedMultiplyHigh(bits, range)
                        : RandomBits.bounded(key, counter + i, s, range, scratch);
                seg.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, index + 2L * i + s, r.low() + v);
            }
        }
    }
}
