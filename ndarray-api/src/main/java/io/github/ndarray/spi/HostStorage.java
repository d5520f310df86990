package io.github.ndarray.spi;

import io.github.ndarray.Device;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;

/**
 * Host memory: an off-heap {@link MemorySegment}, 64-byte aligned so that SIMD loads and BLAS
 * calls see aligned data. It can never crash the JVM: memory is only ever freed by closing an
 * {@link Arena}, after which access throws {@link IllegalStateException}.
 *
 * <p>Large blocks live in a shared arena of their own, closed as soon as the last holder
 * releases them. Small blocks (up to {@value #SMALL_BYTES} bytes) come from an automatic arena
 * that the garbage collector frees once nothing refers to them: closing a shared arena costs
 * a thread handshake (~20 µs measured here), which would dominate every small operation,
 * while a small block left to the collector costs nothing that matters.
 */
public final class HostStorage extends Storage {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final long ALIGNMENT = 64;
    /** Blocks up to this size are left to the garbage collector (see the class comment). */
    static final long SMALL_BYTES = 64 * 1024;

    private final MemorySegment segment;
    /** Closes the shared arena of a large block; {@code null} for small blocks. */
    private final Cleaner.Cleanable cleanable;

    private HostStorage(long byteSize) {
        super(byteSize);
        if (byteSize <= SMALL_BYTES) {
            this.segment = Arena.ofAuto().allocate(Math.max(byteSize, 1), ALIGNMENT).asSlice(0, byteSize);
            this.cleanable = null;
        } else {
            Arena arena = Arena.ofShared();
            MemorySegment block = LargeBlocks.allocate(arena, byteSize);
            this.segment = block != null ? block : arena.allocate(byteSize, ALIGNMENT);
            this.cleanable = CLEANER.register(this, new Closer(arena));
        }
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
        return new HostStorage(byteSize);
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
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    /** Holds only the arena, never the storage, so that the storage can become unreachable. */
    private record Closer(Arena arena) implements Runnable {
        @Override
        public void run() {
            arena.close();
        }
    }
}
