package io.github.ndarray;

import io.github.ndarray.broadcasting.Shapes;
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
    private ForeignMemory() {
    }

    static NDArray wrap(MemorySegment segment, DType dtype, long[] shape, long[] byteStrides, long byteOffset,
            Runnable release) {
        checkLayout(dtype, shape, byteStrides, byteOffset, segment.address());
        Storage s = HostStorage.wrap(segment, release);
        return over(s, dtype, shape, byteStrides, byteOffset, !segment.isReadOnly());
    }

    static NDArray wrap(Device device, long address, long byteSize, DType dtype, long[] shape, long[] byteStrides,
            long byteOffset, Runnable release) {
        checkLayout(dtype, shape, byteStrides, byteOffset, address);
        if (byteSize < 0) {
            throw new IllegalArgumentException("negative memory size: " + byteSize);
        }
        Storage s = Backends.of(device).wrap(device, address, byteSize, release);
        return over(s, dtype, shape, byteStrides, byteOffset, true);
    }

    private static NDArray over(Storage s, DType dtype, long[] shape, long[] byteStrides, long byteOffset,
            boolean writeable) {
        long item = dtype.itemSize();
        long[] elementStrides = Arrays.stream(byteStrides).map(b -> b / item).toArray();
        try {
            return NDArray.over(s, dtype, shape, elementStrides, byteOffset / item, writeable);
        } catch (RuntimeException e) {
            s.release();
            throw e;
        }
    }

    /** Strides and offset must be whole elements, and element 0 aligned to the item size. */
    private static void checkLayout(DType dtype, long[] shape, long[] byteStrides, long byteOffset, long address) {
        Shapes.checkedSize(shape);
        long item = dtype.itemSize();
        if (shape.length != byteStrides.length) {
            throw new IllegalArgumentException("shape " + Shapes.format(shape) + " and strides "
                    + Arrays.toString(byteStrides) + " have different lengths");
        }
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
    }
}
