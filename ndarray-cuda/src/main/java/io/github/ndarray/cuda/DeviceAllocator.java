package io.github.ndarray.cuda;

/**
 * The driver calls that {@link MemoryPool} needs: whole segments of device memory, and the
 * device's free and total bytes. Kept as an interface so the pool's bookkeeping is tested with
 * a fake allocator on machines without a GPU.
 *
 * <p>Every call needs a CUDA context current on the calling thread; the pool makes them only
 * from {@link MemoryPool#allocate} and {@link MemoryPool#releaseCached}, never from
 * {@link MemoryPool#free}, which the JDK's cleaner thread calls.
 */
interface DeviceAllocator {
    /**
     * Allocates a block of device memory.
     *
     * @param bytes the exact size of the block, positive
     * @return the address of a new block of exactly {@code bytes}, or 0 when the device is out
     *     of memory
     */
    long malloc(long bytes);

    /**
     * Gives a block back to the driver.
     *
     * @param address an address returned by {@link #malloc} and not freed since
     */
    void free(long address);

    /**
     * {@return the device's free and total bytes, in that order} The pool asks only to word its
     * out-of-memory error.
     */
    long[] memInfo();
}
