package io.github.ndarray.spi;

/**
 * Philox4x32-10 (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3",
 * SC 2011): a keyed bijection of a 128-bit counter, the generator of cuRAND's
 * {@code curandStatePhilox4_32_10_t}, of JAX's and of Random123. It is a pure function: the
 * four output words depend only on the 64-bit key and the 128-bit counter, never on earlier
 * calls, which is what lets any thread, GPU block or MPI rank compute any element of a random
 * array by itself.
 *
 * <p>The exact recipe (Random123's {@code philox4x32_R} with {@code R = 10}), so that a CUDA
 * kernel reproduces it bit for bit: with counter words {@code c0..c3}, key words {@code k0 k1},
 * one round is
 * <pre>
 * (hi0, lo0) = 0xD2511F53 * c0      (32 x 32 -> 64-bit product, unsigned)
 * (hi1, lo1) = 0xCD9E8D57 * c2
 * (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
 * </pre>
 * and ten rounds run with the key bumped ({@code k0 += 0x9E3779B9, k1 += 0xBB67AE85}, mod 2^32)
 * between consecutive rounds (nine bumps). The result is the final {@code (c0, c1, c2, c3)}.
 *
 * {@snippet :
 * int[] w = new int[4];
 * Philox4x32.block(0L, 0L, 0L, w);   // Random123's first known answer:
 * // w = {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}
 * }
 */
public final class Philox4x32 {
    /** Multipliers and key increments (the Weyl sequence: golden ratio and sqrt(3) - 1). */
    static final int M0 = 0xD2511F53;
    static final int M1 = 0xCD9E8D57;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    private static final long MASK = 0xFFFF_FFFFL;

    private Philox4x32() {
    }

    /**
     * Computes one block of four 32-bit words.
     *
     * {@snippet :
     * int[] w = new int[4];
     * Philox4x32.block(42L, 7L, 0L, w);   // key 42, counter 7
     * }
     *
     * @param key the key: word {@code k0} is its low 32 bits, {@code k1} its high 32 bits
     * @param counterLo counter words {@code c0} (low 32 bits) and {@code c1} (high 32 bits)
     * @param counterHi counter words {@code c2} (low 32 bits) and {@code c3} (high 32 bits)
     * @param out receives {@code c0..c3} after ten rounds, in {@code out[0..3]}
     */
    public static void block(long key, long counterLo, long counterHi, int[] out) {
        int k0 = (int) key;
        int k1 = (int) (key >>> 32);
        int c0 = (int) counterLo;
        int c1 = (int) (counterLo >>> 32);
        int c2 = (int) counterHi;
        int c3 = (int) (counterHi >>> 32);
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = (M0 & MASK) * (c0 & MASK);
            long p1 = (M1 & MASK) * (c2 & MASK);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }
}
