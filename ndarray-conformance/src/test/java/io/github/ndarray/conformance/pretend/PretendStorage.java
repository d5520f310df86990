package io.github.ndarray.conformance.pretend;

import io.github.ndarray.Device;
import io.github.ndarray.spi.HostStorage;
import io.github.ndarray.spi.Storage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory of the pretend device: host memory the api cannot see as such (it is not a
 * {@link HostStorage}), so every api path that reads or writes array memory directly instead
 * of asking the backend fails on it.
 */
final class PretendStorage extends Storage {
    /** Handles that look like device pointers and are no host address. */
    private static final AtomicLong NEXT_HANDLE = new AtomicLong(0x7E57_0000_0000L);
    private static final AtomicLong ALLOCATIONS = new AtomicLong();

    private final Device device;
    private final HostStorage memory;
    private final long handle;

    PretendStorage(Device device, HostStorage memory) {
        super(memory.byteSize());
        this.device = device;
        this.memory = memory;
        this.handle = NEXT_HANDLE.getAndAdd(Math.max(4096, (memory.byteSize() + 4095) & -4096L));
        ALLOCATIONS.incrementAndGet();
    }

    /** {@return how many device blocks have been allocated, for tests of what an op allocates} */
    static long allocations() {
        return ALLOCATIONS.get();
    }

    /** {@return the host memory behind the device handle, for the backend's own kernels only} */
    HostStorage memory() {
        return memory;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public long address() {
        if (isFreed()) {
            throw new IllegalStateException("array memory was already freed");
        }
        return handle;
    }

    @Override
    protected void free() {
        memory.release();
    }
}
