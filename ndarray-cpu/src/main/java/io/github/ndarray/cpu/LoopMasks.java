package io.github.ndarray.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Writes a vector comparison's lanes ({@code VectorMask.toLong()}) as NumPy bools, one 0/1 byte per lane. */
final class LoopMasks {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Spreads 8 bits to the low bit of 8 bytes ({@code Long.expand} is one PDEP on x86). */
    private static final long BYTE_LOW_BITS = 0x0101010101010101L;

    private LoopMasks() {
    }

    /**
     * Stores lanes {@code 0..lanes-1} of {@code bits} as bytes at {@code c[pos..pos+lanes)}.
     * {@code lanes} is a vector length, a constant where this is inlined.
     */
    static void store(MemorySegment c, long pos, long bits, int lanes) {
        if (lanes % 8 == 0) {
            for (int k = 0; k < lanes; k += 8) {
                c.set(LONG, pos + k, Long.expand(bits >>> k, BYTE_LOW_BITS));
            }
        } else if (lanes == 4) {
            c.set(INT, pos, Integer.expand((int) bits, 0x01010101));
        } else {
            for (int k = 0; k < lanes; k++) {
                c.set(ValueLayout.JAVA_BYTE, pos + k, (byte) ((bits >>> k) & 1));
            }
        }
    }
}
