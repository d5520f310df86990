package io.github.ndarray.spi;

import io.github.ndarray.Device;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;

/**
 * Host memory: an off-heap {@link MemorySegment} owned by a shared {@link Arena}, 64-byte
 * aligned so that SIMD loads and BLAS calls see aligned data. Using it after it is freed
 * throws {@link IllegalStateException} (the arena is closed); it can never crash the JVM.
 */
public final class HostStorage extends Storage {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final long ALIGNMENT = 64;

    private final MemorySegment segment;
    private final Cleaner.Cleanable cleanable;

    private HostStorage(Arena arena, long byteSize) {
        super(byteSize);
        this.segment = arena.allocate(Math.max(byteSize, 1), ALIGNMENT).asSlice(0, byteSize);
        this.cleanable = CLEANER.register(this, new Closer(arena));
    }

    /**
     * Allocates zero-filled host memory.
     *
     * @param byteSize the size in bytes
     * @return the storage, with one holder
     * @throws IllegalArgumentException if the size is negative
     * @throws OutOfMemoryError if the memory cannot be had
     */
    public static HostStorage allocate(long byteSize) {
        if (byteSize < 0) {
            throw new IllegalArgumentException("negative allocation size: " + byteSize);
        }
        return new HostStorage(Arena.ofShared(), byteSize);
    }

    /** {@return the memory; it throws {@link IllegalStateException} on access once freed} */
    public MemorySegment segment() {
        return segment;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    protected void free() {
        cleanable.clean();
    }

    /** Holds only the arena, never the storage, so that the storage can become unreachable. */
    private record Closer(Arena arena) implements Runnable {
        @Override
        public void run() {
            arena.close();
        }
    }
}
