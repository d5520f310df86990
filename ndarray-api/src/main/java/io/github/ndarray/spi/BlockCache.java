package io.github.ndarray.spi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Host blocks kept for reuse once their arrays are freed, as CuPy's memory pool keeps device
 * blocks. Two costs make this worth it: a fresh block of a few MB is paged in and zeroed by
 * the kernel on first touch (an 8 MB {@code x * 2} spent more time faulting than computing),
 * and giving a block back means closing its shared arena, a thread handshake of ~20 µs. A
 * cached block is reused at once, already paged in and often still in cache.
 *
 * <p>Sizes are rounded up to a class (multiples of 64 bytes up to 512, then 8 classes per power
 * of two, so at most 12.5% of a block is unused) and a request takes a cached block of its
 * class, else a new one. Freed blocks are kept up to a limit on the cached bytes
 * ({@code -Dndarray.hostCacheMiB}, default 1024; 0 turns caching off); past it the blocks
 * freed longest ago are given back to the C library.
 *
 * <p>Safety: every block lives in a shared arena that stays open while the block is cached,
 * so a stale {@link MemorySegment} of a freed array reads or writes the block's next user
 * instead of crashing the JVM; the public API refuses closed arrays long before that.
 */
final class BlockCache {
    /** The process-wide cache behind {@link HostStorage}. */
    static final BlockCache DEFAULT = new BlockCache(Long.getLong("ndarray.hostCacheMiB", 1024) << 20);

    /** A block: its arena, and its memory (64-byte aligned, the whole size class). */
    static final class Block {
        private final Arena arena;
        private final MemorySegment memory;

        private Block(Arena arena, MemorySegment memory) {
            this.arena = arena;
            this.memory = memory;
        }

        /** {@return the block's memory: its size is the size class, not the size asked for} */
        MemorySegment memory() {
            return memory;
        }
    }

    private final long limit;
    private final Map<Long, ArrayDeque<Block>> free = new HashMap<>();
    /** The cached blocks, freed longest ago first: the eviction order. */
    private final LinkedHashSet<Block> age = new LinkedHashSet<>();
    private long cachedBytes;
    private long liveBytes;

    /**
     * @param limit the most bytes kept cached; 0 frees every block at once
     */
    BlockCache(long limit) {
        this.limit = Math.max(0, limit);
    }

    /** {@return the bytes of a block that serves {@code byteSize} bytes} */
    static long sizeClass(long byteSize) {
        if (byteSize <= NativeBlocks.ALIGNMENT) {
            return NativeBlocks.ALIGNMENT;
        }
        int log2 = 63 - Long.numberOfLeadingZeros(byteSize - 1);
        long grain = Math.max(NativeBlocks.ALIGNMENT, 1L << Math.max(0, log2 - 3));
        long rounded = (byteSize + grain - 1) & -grain;
        if (rounded < byteSize) {
            throw new OutOfMemoryError("cannot allocate " + byteSize + " bytes of host memory");
        }
        return rounded;
    }

    /**
     * A block of at least {@code byteSize} bytes, cached or new.
     *
     * @param zeroed whether its first {@code byteSize} bytes must read as zeros
     * @throws OutOfMemoryError if the memory cannot be had
     */
    Block allocate(long byteSize, boolean zeroed) {
        long size = sizeClass(byteSize);
        Block b = take(size);
        if (b != null) {
            if (zeroed) {
                b.memory.asSlice(0, byteSize).fill((byte) 0);
            }
            return b;
        }
        Arena arena = Arena.ofShared();
        try {
            b = new Block(arena, NativeBlocks.allocate(arena, size, zeroed));
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
        synchronized (this) {
            liveBytes += size;
        }
        return b;
    }

    private synchronized Block take(long size) {
        ArrayDeque<Block> list = free.get(size);
        Block b = list == null ? null : list.pollLast();
        if (b != null) {
            age.remove(b);
            cachedBytes -= size;
            liveBytes += size;
        }
        return b;
    }

    /** Takes back a block whose last user is gone: caches it, or frees it past the limit. */
    void release(Block b) {
        long size = b.memory.byteSize();
        List<Block> evicted = new ArrayList<>();
        synchronized (this) {
            liveBytes -= size;
            if (size > limit) {
                evicted.add(b);
            } else {
                free.computeIfAbsent(size, k -> new ArrayDeque<>()).addLast(b);
                age.add(b);
                cachedBytes += size;
                Iterator<Block> oldest = age.iterator();
                while (cachedBytes > limit) {
                    Block e = oldest.next();
                    oldest.remove();
                    free.get(e.memory.byteSize()).removeFirstOccurrence(e);
                    cachedBytes -= e.memory.byteSize();
                    evicted.add(e);
                }
            }
        }
        // Closing an arena waits for a handshake with every thread: never under the lock.
        for (Block e : evicted) {
            e.arena.close();
        }
    }

    /**
     * Frees every cached block.
     *
     * @return the bytes given back
     */
    long trim() {
        List<Block> all;
        long bytes;
        synchronized (this) {
            all = new ArrayList<>(age);
            bytes = cachedBytes;
            age.clear();
            free.clear();
            cachedBytes = 0;
        }
        for (Block e : all) {
            e.arena.close();
        }
        return bytes;
    }

    /** {@return the bytes held by cached blocks, ready for reuse} */
    synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** {@return the bytes held by blocks in use (rounded up to their size classes)} */
    synchronized long liveBytes() {
        return liveBytes;
    }

    /** {@return the limit on cached bytes} */
    long limit() {
        return limit;
    }
}
