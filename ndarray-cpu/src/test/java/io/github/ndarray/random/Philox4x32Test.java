package io.github.ndarray.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.ndarray.spi.Philox4x32;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Our Philox4x32-10 against the Random123 known answers (the {@code philox4x32 10} lines of
 * its {@code kat_vectors} file: counter words c0..c3, key k0 k1, output) and against Apache
 * Commons RNG 1.7's independent {@code Philox4x32}.
 */
class Philox4x32Test {
    private static int[] block(long key, long lo, long hi) {
        int[] w = new int[4];
        Philox4x32.block(key, lo, hi, w);
        return w;
    }

    /** Packs Random123's word order (c0 c1 | c2 c3, k0 k1) into our longs. */
    private static long pack(int low, int high) {
        return (low & 0xFFFF_FFFFL) | ((long) high << 32);
    }

    @Test
    void random123KnownAnswers() {
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, block(0, 0, 0));
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, block(-1, -1, -1));
        // counter and key from the digits of pi
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                block(pack(0xa4093822, 0x299f31d0), pack(0x243f6a88, 0x85a308d3), pack(0x13198a2e, 0x03707344)));
    }

    @Test
    void agreesWithCommonsRng() {
        SplittableRandom seeds = new SplittableRandom(2026);
        for (int trial = 0; trial < 200; trial++) {
            int[] seed = new int[6]; // Commons RNG's layout: k0 k1 c0 c1 c2 c3
            for (int i = 0; i < 6; i++) {
                seed[i] = seeds.nextInt();
            }
            var commons = new org.apache.commons.rng.core.source32.Philox4x32(seed);
            long key = pack(seed[0], seed[1]);
            long lo = pack(seed[2], seed[3]);
            long hi = pack(seed[4], seed[5]);
            // Commons increments its 128-bit counter before each block: blocks at counter + 1, + 2, ...
            for (int b = 1; b <= 3; b++) {
                long nextLo = lo + b;
                long nextHi = Long.compareUnsigned(nextLo, lo) < 0 ? hi + 1 : hi;
                int[] expected = {commons.nextInt(), commons.nextInt(), commons.nextInt(), commons.nextInt()};
                assertArrayEquals(expected, block(key, nextLo, nextHi), "trial " + trial + ", block " + b);
            }
        }
    }
}
