package io.github.ndarray.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of a kernel's parameter struct ({@code nd_layout}, {@code nd_reduction}, ... in
 * {@code nd_kernels.cuh}). Every field there is 8 bytes wide, so the layout is the fields in
 * order, little-endian, and needs no knowledge of a compiler's padding; an array field is written
 * in full ({@link #array}), its unused tail as zeros.
 */
final class Params {
    private final ByteBuffer buf;

    Params(int fields) {
        buf = ByteBuffer.allocate(8 * fields).order(ByteOrder.LITTLE_ENDIAN);
    }

    Params put(long v) {
        buf.putLong(v);
        return this;
    }

    /** Writes {@code width} fields: the values, then zeros. */
    Params array(long[] values, int width) {
        for (int i = 0; i < width; i++) {
            buf.putLong(i < values.length ? values[i] : 0);
        }
        return this;
    }

    byte[] bytes() {
        if (buf.hasRemaining()) {
            throw new IllegalStateException("parameter block has " + buf.remaining() + " bytes unwritten");
        }
        return buf.array();
    }
}
