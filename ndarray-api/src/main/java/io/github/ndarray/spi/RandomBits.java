package io.github.ndarray.spi;

/**
 * How random words become numbers: the per-element recipes of {@link RandomFill}, written as
 * pure functions of Philox output so that a CUDA kernel or an MPI rank computes the same bits.
 * Only IEEE-754 double and float arithmetic with round-to-nearest appears here, except the
 * normal's {@code log}, {@code sqrt}, {@code cos} and {@code sin}, which are
 * {@link StrictMath}'s (fdlibm): identical on every JVM, platform and JIT tier. A device whose
 * {@code log/sin/cos} are not fdlibm's agrees with these normals to a few ulps, not to the bit;
 * uniforms and integers agree to the bit on any IEEE device (a C compiler must not contract
 * {@code low + span * u} into an fma: use {@code __dmul_rn}/{@code __dadd_rn} in CUDA).
 *
 * <p>A 64-bit word {@code w64(s)} of a block {@code w[0..3]} is {@code w[2s] | w[2s+1] << 32}
 * (unsigned), for {@code s = 0, 1}.
 *
 * {@snippet :
 * int[] w = new int[4];
 * Philox4x32.block(key, counter, 0L, w);
 * double u = RandomBits.unitDouble(RandomBits.word64(w, 0)); // in [0, 1)
 * }
 */
public final class RandomBits {
    private static final double TWO_PI = 2 * Math.PI;

    private RandomBits() {
    }

    /**
     * The 64-bit word {@code s} of a block: {@code w[2s]} low, {@code w[2s+1]} high.
     *
     * {@snippet :
     * long bits = RandomBits.word64(new int[] {1, 2, 3, 4}, 1); // 0x0000000400000003L
     * }
     *
     * @param w a Philox block
     * @param s 0 or 1
     * @return the word
     */
    public static long word64(int[] w, int s) {
        return (w[2 * s] & 0xFFFF_FFFFL) | ((long) w[2 * s + 1] << 32);
    }

    /**
     * A float64 in {@code [0, 1)} from the top 53 bits: {@code (bits >>> 11) * 2^-53}, the
     * recipe of NumPy's {@code random()} (every multiple of 2^-53 is equally likely).
     *
     * {@snippet :
     * double u = RandomBits.unitDouble(-1L); // 1 - 2^-53, the largest value
     * }
     *
     * @param bits 64 random bits
     * @return the uniform double
     */
    public static double unitDouble(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /**
     * A float32 in {@code [0, 1)} from the top 24 bits: {@code (bits >>> 8) * 2^-24}, NumPy's
     * float32 recipe.
     *
     * {@snippet :
     * float u = RandomBits.unitFloat(-1); // 1 - 2^-24
     * }
     *
     * @param bits 32 random bits
     * @return the uniform float
     */
    public static float unitFloat(int bits) {
        return (bits >>> 8) * 0x1.0p-24f;
    }

    /**
     * One standard normal from a block, by the Box-Muller transform of its two 64-bit words:
     * {@code u1 = ((w64(0) >>> 11) + 1) * 2^-53} in {@code (0, 1]} (never 0, so the log is
     * finite), {@code u2 = unitDouble(w64(1))}, {@code r = sqrt(-2 log u1)},
     * {@code theta = (2 pi) * u2}; slot 0 is {@code r cos theta}, slot 1 {@code r sin theta}.
     * The two slots are independent standard normals, so one block gives two elements.
     *
     * {@snippet :
     * double z = RandomBits.boxMuller(w, 0);
     * }
     *
     * @param w a Philox block
     * @param slot 0 (cosine) or 1 (sine)
     * @return the standard normal
     */
    public static double boxMuller(int[] w, int slot) {
        double r = boxMullerRadius(w);
        double theta = boxMullerAngle(w);
        return r * (slot == 0 ? StrictMath.cos(theta) : StrictMath.sin(theta));
    }

    /**
     * The radius {@code r = sqrt(-2 log u1)} of {@link #boxMuller}, for a loop that writes both
     * slots of a block from one logarithm.
     *
     * {@snippet :
     * double z0 = RandomBits.boxMullerRadius(w) * StrictMath.cos(RandomBits.boxMullerAngle(w));
     * }
     *
     * @param w a Philox block
     * @return the radius
     */
    public static double boxMullerRadius(int[] w) {
        double u1 = ((word64(w, 0) >>> 11) + 1) * 0x1.0p-53;
        return StrictMath.sqrt(-2 * StrictMath.log(u1));
    }

    /**
     * The angle {@code theta = (2 pi) * unitDouble(w64(1))} of {@link #boxMuller}.
     *
     * {@snippet :
     * double z1 = RandomBits.boxMullerRadius(w) * StrictMath.sin(RandomBits.boxMullerAngle(w));
     * }
     *
     * @param w a Philox block
     * @return the angle in {@code [0, 2 pi)}
     */
    public static double boxMullerAngle(int[] w) {
        return TWO_PI * unitDouble(word64(w, 1));
    }

    /**
     * Whether Lemire's method accepts the candidate {@code bits} for {@code range} values (see
     * {@link #bounded}): whether the low half {@code lo} of the 128-bit product
     * {@code bits * range} is at least {@code 2^64 mod range}, unsigned. The remainder (a
     * division) is computed only when {@code lo < range}, since {@code 2^64 mod range < range};
     * the answer is the same either way.
     *
     * {@snippet :
     * if (RandomBits.accepts(bits, range)) {
     *     long v = Math.unsignedMultiplyHigh(bits, range); // in [0, range)
     * }
     * }
     *
     * @param bits 64 random bits
     * @param range the number of values, read as unsigned, not 0
     * @return whether the candidate is accepted
     */
    public static boolean accepts(long bits, long range) {
        long lo = bits * range;
        return Long.compareUnsigned(lo, range) >= 0
                || Long.compareUnsigned(lo, Long.remainderUnsigned(-range, range)) >= 0;
    }

    /**
     * An unbiased integer in {@code [0, range)} for slot {@code s} (0 or 1) of the block at
     * {@code counter}, by Lemire's method ("Fast random integer generation in an interval",
     * 2019): the 128-bit product {@code w64(s) * range} is split in {@code hi:lo}; the
     * candidate is accepted when {@code lo >= 2^64 mod range} (unsigned) and then gives
     * {@code hi}. Exactly {@code floor(2^64 / range)} words map to each value, so there is no
     * modulo bias. A rejected candidate (probability {@code (2^64 mod range) / 2^64 < 1/2},
     * zero for powers of two) is replaced by slot {@code s} of the block at the same counter
     * with the counter's high 64 bits set to the attempt number 1, 2, ... (attempt 0 is the
     * first candidate): retries never touch another element's counters, so the element stays a
     * function of its position alone.
     *
     * {@snippet :
     * int[] w = new int[4];
     * long die = 1 + RandomBits.bounded(key, counter, 0, 6, w); // 1..6
     * }
     *
     * @param key the Philox key
     * @param counter the block's counter (low 64 bits)
     * @param s the slot, 0 or 1
     * @param range the number of values, read as unsigned, not 0
     * @param w scratch for one block
     * @return the value, unsigned
     */
    public static long bounded(long key, long counter, int s, long range, int[] w) {
        for (long attempt = 0; ; attempt++) {
            Philox4x32.block(key, counter, attempt, w);
            long bits = word64(w, s);
            if (accepts(bits, range)) {
                return Math.unsignedMultiplyHigh(bits, range);
            }
        }
    }
}
