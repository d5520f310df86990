package io.github.ndarray.spi;

/**
 * How random words become numbers: the per-element recipes of {@link RandomFill}, written as
 * pure functions of Philox output so that a CUDA kernel or an MPI rank computes the same bits.
 * Only IEEE-754 double and float arithmetic with round-to-nearest appears here (sqrt included,
 * which IEEE rounds exactly), except the normal's {@code log}, which is {@link StrictMath}'s
 * (fdlibm): identical on every JVM, platform and JIT tier. A device whose {@code log} is not
 * fdlibm's agrees with these normals to an ulp or so, not to the bit (acceptance does not
 * involve the log, so the same counters are used);
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
     * A coordinate of Marsaglia's polar method: {@code 2 * unitDouble(bits) - 1}, in
     * {@code [-1, 1)} (exact arithmetic: every step is exact in binary64).
     *
     * {@snippet :
     * double x = RandomBits.polarCoordinate(RandomBits.word64(w, 0));
     * }
     *
     * @param bits 64 random bits
     * @return the coordinate
     */
    public static double polarCoordinate(long bits) {
        return 2 * unitDouble(bits) - 1;
    }

    /**
     * Whether a block's point {@code (x, y) = (polarCoordinate(w64(0)), polarCoordinate(w64(1)))}
     * is accepted by the polar method: {@code 0 < s < 1} for {@code s = x * x + y * y}
     * (probability pi/4).
     *
     * {@snippet :
     * boolean ok = RandomBits.polarAccepts(RandomBits.word64(w, 0), RandomBits.word64(w, 1));
     * }
     *
     * @param bits0 the block's {@code w64(0)}
     * @param bits1 the block's {@code w64(1)}
     * @return whether the point lies inside the unit circle, and not at its centre
     */
    public static boolean polarAccepts(long bits0, long bits1) {
        double x = polarCoordinate(bits0);
        double y = polarCoordinate(bits1);
        double s = x * x + y * y;
        return s < 1 && s > 0;
    }

    /**
     * The polar method's scale {@code sqrt(-2 * log(s) / s)}, with {@link StrictMath}'s log and
     * sqrt; {@code x * scale} and {@code y * scale} are two independent standard normals.
     *
     * {@snippet :
     * double f = RandomBits.polarScale(x * x + y * y);
     * }
     *
     * @param s {@code x * x + y * y} of an accepted point
     * @return the scale
     */
    public static double polarScale(double s) {
        return StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    /**
     * Standard normal number {@code slot} (0: from {@code x}, 1: from {@code y}) of an accepted
     * polar block: {@code x * polarScale(x * x + y * y)} or {@code y * ...}. This is the
     * recipe of NumPy's legacy {@code RandomState.standard_normal} (Marsaglia's polar method),
     * applied to one Philox block.
     *
     * {@snippet :
     * RandomBits.polarBlock(key, counter, 0, w);
     * double z = RandomBits.polarNormal(RandomBits.word64(w, 0), RandomBits.word64(w, 1), 0);
     * }
     *
     * @param bits0 the accepted block's {@code w64(0)}
     * @param bits1 the accepted block's {@code w64(1)}
     * @param slot 0 or 1
     * @return the standard normal
     */
    public static double polarNormal(long bits0, long bits1, int slot) {
        double x = polarCoordinate(bits0);
        double y = polarCoordinate(bits1);
        double f = polarScale(x * x + y * y);
        return (slot == 0 ? x : y) * f;
    }

    /**
     * Leaves in {@code w} the first block at {@code counter} whose point the polar method
     * accepts, trying the counter's high 64 bits (the attempt) {@code fromAttempt},
     * {@code fromAttempt + 1}, ...: both normals of a counter come from its first accepted
     * attempt, so they stay functions of the counter alone (21.5% of counters need a retry).
     *
     * {@snippet :
     * int[] w = new int[4];
     * RandomBits.polarBlock(key, counter, 0, w);
     * }
     *
     * @param key the Philox key
     * @param counter the counter (low 64 bits)
     * @param fromAttempt the first attempt to compute (0, or 1 when the caller has rejected attempt 0)
     * @param w receives the accepted block
     */
    public static void polarBlock(long key, long counter, long fromAttempt, int[] w) {
        for (long attempt = fromAttempt; ; attempt++) {
            Philox4x32.block(key, counter, attempt, w);
            if (polarAccepts(word64(w, 0), word64(w, 1))) {
                return;
            }
        }
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
