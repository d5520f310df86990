package io.github.ndarray;

import io.github.ndarray.spi.HostStorage;
import java.lang.foreign.MemorySegment;

/**
 * One element staged in host memory, for element access to an array on a device: the api
 * never reads device memory itself, it asks the device's backend to copy the element's bytes.
 */
final class ElementCopy implements AutoCloseable {
    private final HostStorage host;

    private ElementCopy(DType dtype) {
        this.host = HostStorage.allocateUninitialized(dtype.itemSize());
    }

    /** An empty host element of {@code dtype}, to be filled and then {@link #store}d. */
    static ElementCopy empty(DType dtype) {
        return new ElementCopy(dtype);
    }

    /** Copies element {@code e} (an index into the storage, in elements) of {@code a} to the host. */
    static ElementCopy fetch(NDArray a, long e) {
        ElementCopy c = new ElementCopy(a.dtype());
        long item = a.dtype().itemSize();
        try {
            a.backend().copyBytes(a.storage(), e * item, c.host, 0, item);
        } catch (RuntimeException | Error x) {
            c.close();
            throw x;
        }
        return c;
    }

    /** Copies the staged element into element {@code e} of {@code a}. */
    void store(NDArray a, long e) {
        long item = a.dtype().itemSize();
        a.backend().copyBytes(host, 0, a.storage(), e * item, item);
    }

    MemorySegment segment() {
        return host.segment();
    }

    @Override
    public void close() {
        host.release();
    }
}
