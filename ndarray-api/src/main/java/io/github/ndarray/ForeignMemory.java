package io.github.ndarray;

import io.github.ndarray.spi.Backends;
import io.github.ndarray.spi.HostStorage;
import io.github.ndarray.spi.Storage;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Arrays over memory this library did not allocate ({@link ND#wrap}): the layout is checked
 * against the memory before any element is touched, and the owner's release callback runs
 * once, when the last array over it lets go.
 */
final class ForeignMemory {
    /** A thread that never runs: a confined segment is not accessible by it, a shared one is. */
    private static final Thread WORKER_STAND_IN = Thread.ofVirtual().unstarted(() -> { });

    private ForeignMemory() {
    }

    static NDArray wrap(MemorySegment segment, DType dtype, long[] shape, long[] byteStrides, long byteOffset,
            Runnable release) {
        checkSharedAccess(segment);
        long[] elementStrides = checkLayout(dtype, shape, byteStrides, byteOffset, segment.address(), segment.byteSize());
        Storage s = HostStorage.wrap(segment, release);
        return NDArray.over(s, dtype, shape, elementStrides, byteOffset / dtype.itemSize(), !segment.isReadOnly());
    }

    static NDArray wrap(Device device, long address, long byteSize, DType dtype, long[] shape, long[] byteStrides,
            long byteOffset, Runnable release) {
        if (byteSize < 0) {
            throw new IllegalArgumentException("negative memory size: " + byteSize);
        }
        long[] elementStrides = checkLayout(dtype, shape, byteStrides, byteOffset, address, byteSize);
        Storage s = Backends.of(device).wrap(device, address, byteSize, release);
        return NDArray.over(s, dtype, shape, elementStrides, byteOffset / dtype.itemSize(), true);
    }

    /**
     * Refuses memory that only one thread may touch ({@code Arena.ofConfined()}): the CPU backend
     * splits large arrays across its pool's threads, so such an array would work while small and
     * throw {@code WrongThreadException} from a worker once it grew. Refused here, whatever the size.
     */
    private static void checkSharedAccess(MemorySegment segment) {
        if (!segment.isAccessibleBy(WORKER_STAND_IN)) {
            throw new IllegalArgumentException("the segment is confined to one thread (Arena.ofConfined()); the library "
                    + "computes on a pool of threads: allocate it from Arena.ofShared(), Arena.ofAuto() or Arena.global()");
        }
    }

    /**
     * Checks the whole layout before the memory is taken over, so that a refused wrap never
     * runs the owner's release callback: strides and offset whole elements, element 0 aligned
     * to the item size, every element reached inside the memory.
     *
     * @return the strides in elements
     */
    private static long[] checkLayout(DType dtype, long[] shape, long[] byteStrides, long byteOffset, long address,
            long byteSize) {
        long item = dtype.itemSize();
        for (long b : byteStrides) {
            if (b % item != 0) {
                throw new IllegalArgumentException("strides " + Arrays.toString(byteStrides)
                        + " (bytes) are not multiples of the " + item + "-byte item size of " + dtype);
            }
        }
        if (byteOffset < 0 || byteOffset % item != 0 || (address + byteOffset) % item != 0) {
            throw new IllegalArgumentException("misaligned offset: element 0 at byte " + byteOffset + " of memory at 0x"
                    + Long.toHexString(address) + " is not aligned to the " + item + "-byte item size of " + dtype);
        }
        long[] elementStrides = Arrays.stream(byteStrides).map(b -> b / item).toArray();
        NDArray.checkInside(dtype, shape, elementStrides, byteOffset / item, byteSize);
        return elementStrides;
    }
}
