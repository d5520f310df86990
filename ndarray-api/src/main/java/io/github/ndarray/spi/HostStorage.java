package io.github.ndarray.spi;

import io.github.ndarray.Device;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;

/**
 * Host memory: an off-heap {@link MemorySegment}, 64-byte aligned so that SIMD loads and BLAS
 * calls see aligned data.
 *
 * <p>Blocks come from a cache ({@link BlockCache}): when the last holder releases the storage,
 * or the garbage collector finds it unreachable, its block goes back to the cache for the next
 * array of that size, and only blocks past the cache's limit are given back to the C library.
 * It can never crash the JVM: native memory is only ever freed by closing its arena, after
 * which access throws {@link IllegalStateException}.
 */
public final class HostStorage extends Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final MemorySegment segment;
    /** Gives the block back to the cache: on release, or by the cleaner if never released. */
    private final Cleaner.Cleanable cleanable;

    private HostStorage(long byteSize, boolean zeroed) {
        super(byteSize);
        BlockCache.Block block = BlockCache.DEFAULT.allocate(byteSize, zeroed);
        this.segment = block.memory().asSlice(0, byteSize);
        this.cleanable = CLEANER.register(this, new Returner(block));
    }

    private HostStorage(MemorySegment foreign, Runnable release) {
        super(foreign.byteSize());
        this.segment = foreign;
        this.cleanable = CLEANER.register(this, release);
    }

    /**
     * Memory that this library did not allocate (a segment filled by C code, an MPI buffer),
     * held like any other storage: {@code release} runs once, when the last holder lets go
     * or the garbage collector finds every holder unreachable, on that thread or the
     * cleaner's. The memory must stay valid until then.
     *
     * @param segment native memory
     * @param release what to run when the last holder releases it; it must not refer to the
     *     arrays over this storage (they would never become unreachable)
     * @return the storage, with one holder
     * @throws IllegalArgumentException for a heap segment, which native code cannot be given
     */
    public static HostStorage wrap(MemorySegment segment, Runnable release) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("only native memory can be wrapped (this segment is on the Java heap;"
                    + " copy it with ND.array instead)");
        }
        return new HostStorage(segment, java.util.Objects.requireNonNull(release, "release"));
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
        return new HostStorage(checkSize(byteSize), true);
    }

    /**
     * Allocates host memory whose contents are unspecified, for results that will be written in
     * full (NumPy's {@code empty}); it saves the zero-fill of a reused block.
     *
     * @param byteSize the size in bytes
     * @return the storage, with one holder
     * @throws IllegalArgumentException if the size is negative
     * @throws OutOfMemoryError if the memory cannot be had
     */
    public static HostStorage allocateUninitialized(long byteSize) {
        return new HostStorage(checkSize(byteSize), false);
    }

    private static long checkSize(long byteSize) {
        if (byteSize < 0) {
            throw new IllegalArgumentException("negative allocation size: " + byteSize);
        }
        return byteSize;
    }

    /**
     * The memory.
     *
     * @return the segment
     * @throws IllegalStateException once the storage is freed (its block may serve another array)
     */
    public MemorySegment segment() {
        if (isFreed()) {
            throw new IllegalStateException("array memory was already freed");
        }
        return segment;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public long address() {
        return segment().address();
    }

    @Override
    protected void free() {
        cleanable.clean();
    }

    /** {@return bytes of host memory in arrays not yet freed, rounded up to the cache's size classes} */
    public static long liveBytes() {
        return BlockCache.DEFAULT.liveBytes();
    }

    /** {@return bytes of host memory kept for reuse by freed arrays} */
    public static long cachedBytes() {
        return BlockCache.DEFAULT.cachedBytes();
    }

    /** {@return the most bytes the cache keeps ({@code -Dndarray.hostCacheMiB})} */
    public static long cacheLimit() {
        return BlockCache.DEFAULT.limit();
    }

    /**
     * Gives every cached block back to the C library.
     *
     * @return the bytes given back
     */
    public static long releaseCached() {
        return BlockCache.DEFAULT.trim();
    }

    /** Holds only the block, never the storage, so that the storage can become unreachable. */
    private record Returner(BlockCache.Block block) implements Runnable {
        @Override
        public void run() {
            BlockCache.DEFAULT.release(block);
        }
    }
}
