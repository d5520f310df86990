package io.github.ndarray.spi;

import io.github.ndarray.Device;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A block of memory on one device, shared by an array and all its views. It is reference
 * counted: every {@code NDArray} holding it counts once, {@link #release()} by the last
 * holder frees it at once, and a backend's cleaner frees it if every holder is collected
 * without being closed.
 *
 * <p>The api never reads a storage's bytes itself: it asks the owning backend to copy them
 * ({@link Backend#copyBytes}), so a storage on a device may be any handle the backend
 * understands. Only {@link HostStorage} is host memory.
 *
 * <p><b>Which thread frees.</b> {@link #free()} runs on whichever thread drops the last hold:
 * a user thread calling {@code close()}, or the JDK's cleaner thread when every holder was
 * collected. A device storage whose driver needs a context bound to the calling thread must
 * therefore not call the driver from {@code free()} directly; it hands the block to its
 * backend (a deferred-free queue drained on the next allocation, as CuPy's pool does).
 */
public abstract class Storage {
    private final long byteSize;
    private final AtomicInteger refs = new AtomicInteger(1);

    /**
     * Creates storage with one holder.
     *
     * @param byteSize the size in bytes
     */
    protected Storage(long byteSize) {
        this.byteSize = byteSize;
    }

    /** {@return the device this memory lives on} */
    public abstract Device device();

    /**
     * The memory's native address, for native libraries that take pointers (BLAS on the host,
     * cuBLAS with a device pointer, MPI buffers). Meaningful only to code that knows the
     * device: a device address must never be dereferenced on the host.
     *
     * @return the address of byte 0
     * @throws IllegalStateException once the memory is freed
     */
    public abstract long address();

    /** {@return the size in bytes} */
    public final long byteSize() {
        return byteSize;
    }

    /**
     * Adds a holder.
     *
     * @throws IllegalStateException if the memory was already freed
     */
    public final void retain() {
        while (true) {
            int n = refs.get();
            if (n <= 0) {
                throw new IllegalStateException("array memory was already freed");
            }
            if (refs.compareAndSet(n, n + 1)) {
                return;
            }
        }
    }

    /** Drops a holder; the last one frees the memory. */
    public final void release() {
        if (refs.decrementAndGet() == 0) {
            free();
        }
    }

    /** {@return whether the memory has been freed} */
    public final boolean isFreed() {
        return refs.get() <= 0;
    }

    /** Frees the memory; called once, when the last holder releases it. */
    protected abstract void free();
}
