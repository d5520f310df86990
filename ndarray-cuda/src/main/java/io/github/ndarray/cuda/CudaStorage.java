package io.github.ndarray.cuda;

import io.github.ndarray.Device;
import io.github.ndarray.spi.Storage;

/**
 * A block of device memory: from the device's pool, or foreign memory wrapped with
 * {@code ND.wrap(Device, address, ...)}. Freeing is bookkeeping only (the block goes back to the
 * pool, or the owner's release runs), so it is safe on the JDK's cleaner thread, which has no
 * CUDA context.
 */
final class CudaStorage extends Storage {
    private final Device device;
    private final long address;
    private final Runnable free;

    CudaStorage(Device device, long address, long byteSize, Runnable free) {
        super(byteSize);
        this.device = device;
        this.address = address;
        this.free = free;
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
        return address;
    }

    @Override
    protected void free() {
        free.run();
    }
}
