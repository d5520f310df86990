package io.github.ndarray.spi;

import io.github.ndarray.Device;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A block of memory on one device, shared by an array and all its views. It is reference
 * counted: every {@code NDArray} holding it counts once, {@link #release()} by the last
 * holder frees it at once, and a backend's cleaner frees it if every holder is collected
 * without being closed.
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
