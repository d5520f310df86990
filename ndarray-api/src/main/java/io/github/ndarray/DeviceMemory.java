package io.github.ndarray;

import io.github.ndarray.spi.Backend;
import io.github.ndarray.spi.Backends;
import io.github.ndarray.spi.Storage;

/**
 * Allocation on a device under memory pressure. The garbage collector cannot see device
 * memory: unreachable arrays may hold most of a GPU while the Java heap looks empty. So when a
 * backend refuses an allocation, its cached blocks are given back, the collector runs (its
 * cleaners then free unreachable arrays' memory), and the allocation is tried once more.
 */
final class DeviceMemory {
    /** How long to let the cleaner thread free collected arrays' memory before retrying. */
    private static final long CLEANER_WAIT_MS = 50;

    private DeviceMemory() {
    }

    static Storage allocate(Device device, DType dtype, long count, boolean zeroed) {
        Backend b = Backends.of(device);
        try {
            return b.allocate(device, dtype, count, zeroed);
        } catch (OutOfMemoryError first) {
            b.releaseCachedMemory(device);
            System.gc();
            try {
                Thread.sleep(CLEANER_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw first;
            }
            b.releaseCachedMemory(device);
            return b.allocate(device, dtype, count, zeroed);
        }
    }
}
