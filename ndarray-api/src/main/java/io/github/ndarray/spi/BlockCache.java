package io.github.ndarray.spi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

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
 * <p>The free blocks of a class and the age order are intrusive doubly linked lists through
 * the blocks themselves, so taking and giving back a block is a few pointer moves under one
 * lock (a hash set here cost more than adding 1000 elements).
 *
 * <p>Safety: every block lives in a shared arena that stays open while the block is cached,
 * so a stale {@link MemorySegment} of a freed array reads or writes the block's next user
 * instead of crashing the JVM; the public API refuses closed arrays long before that.
 */
final class BlockCache {
    /** The process-wide cache behind {@link HostStorage}. */
    static final BlockCache DEFAULT = new BlockCache(Long.getLong("ndarray.hostCacheMiB", 1024) << 20);

    /** Classes: 8 of 64-byte steps up to 512 B, then 8 per power of two (2^9, 2^10] .. (2^61, 2^62]. */
    static final int CLASSES = 8 + (61 - 9 + 1) * 8;

    /** A block: its arena, and its memory (64-byte aligned, the whole size class). */
    static final class Block {
        private final Arena arena;
        private final MemorySegment memory;
        private final int sizeClass;
        /** Neighbours in its class's free list (toward the newest, toward the oldest); only while cached. */
        private Block newerInClass;
        private Block olderInClass;
        /** Neighbours in the age list of all cached blocks; only while cached. */
        private Block newer;
        private Block older;

        private Block(Arena arena, MemorySegment memory, int sizeClass) {
            this.arena = arena;
            this.memory = memory;
            this.sizeClass = sizeClass;
        }

        /** {@return the block's memory: its size is the size class, not the size asked for} */
        MemorySegment memory() {
            return memory;
        }
    }

    private final long limit;
    /** The newest cached block of each class. */
    private final Block[] newestInClass = new Block[CLASSES];
    private Block newest;
    private Block oldest;
    private long cachedBytes;
    private long liveBytes;

    /**
     * @param limit the most bytes kept cached; 0 frees every block at once
     */
    BlockCache(long limit) {
        this.limit = Math.max(0, limit);
    }

    /** {@return the size class serving {@code byteSize} bytes} */
    static int classIndex(long byteSize) {
        if (byteSize <= 512) {
            return (int) Math.max(0, (byteSize + 63) / 64 - 1);
        }
        if (byteSize > 1L << 62) {
            throw new OutOfMemoryError("cannot allocate " + byteSize + " bytes of host memory");
        }
        int log2 = 63 - Long.numberOfLeadingZeros(byteSize - 1);
        long steps = ((byteSize - 1) >>> (log2 - 3)) + 1; // 9..16 steps of 2^(log2-3)
        return 8 + (log2 - 9) * 8 + (int) (steps - 9);
    }

    /** {@return the bytes of the blocks of a size class} */
    static long classBytes(int sizeClass) {
        if (sizeClass < 8) {
            return 64L * (sizeClass + 1);
        }
        int log2 = 9 + (sizeClass - 8) / 8;
        long steps = 9 + (sizeClass - 8) % 8;
        return steps << (log2 - 3);
    }

    /**
     * A block of at least {@code byteSize} bytes, cached or new.
     *
     * @param zeroed whether its first {@code byteSize} bytes must read as zeros
     * @throws OutOfMemoryError if the memory cannot be had
     */
    Block allocate(long byteSize, boolean zeroed) {
        int c = classIndex(byteSize);
        Block b = take(c);
        if (b != null) {
            if (zeroed) {
                b.memory.asSlice(0, byteSize).fill((byte) 0);
            }
            return b;
        }
        long size = classBytes(c);
        Arena arena = Arena.ofShared();
        try {
            b = new Block(arena, NativeBlocks.allocate(arena, size, zeroed), c);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
        synchronized (this) {
            liveBytes += size;
        }
        return b;
    }

    private synchronized Block take(int c) {
        Block b = newestInClass[c];
        if (b != null) {
            unlink(b);
            liveBytes += b.memory.byteSize();
        }
        return b;
    }

    /** Takes back a block whose last user is gone: caches it, or frees it past the limit. */
    void release(Block b) {
        long size = b.memory.byteSize();
        Block evicted = null;
        synchronized (this) {
            liveBytes -= size;
            if (size > limit) {
                evicted = b;
            } else {
                link(b);
                while (cachedBytes > limit) {
                    Block e = oldest;
                    unlink(e);
                    e.newer = evicted; // the evicted blocks, chained for closing below
                    evicted = e;
                }
            }
        }
        // Closing an arena waits for a handshake with every thread: never under the lock.
        while (evicted != null) {
            Block next = evicted.newer;
            evicted.newer = null;
            evicted.arena.close();
            evicted = next;
        }
    }

    /** Adds a block as the newest of its class and of all. */
    private void link(Block b) {
        Block head = newestInClass[b.sizeClass];
        b.olderInClass = head;
        if (head != null) {
            head.newerInClass = b;
        }
        newestInClass[b.sizeClass] = b;
        b.older = newest;
        if (newest != null) {
            newest.newer = b;
        } else {
            oldest = b;
        }
        newest = b;
        cachedBytes += b.memory.byteSize();
    }

    /** Removes a cached block from both lists. */
    private void unlink(Block b) {
        if (b.newerInClass != null) {
            b.newerInClass.olderInClass = b.olderInClass;
        } else {
            newestInClass[b.sizeClass] = b.olderInClass;
        }
        if (b.olderInClass != null) {
            b.olderInClass.newerInClass = b.newerInClass;
        }
        if (b.newer != null) {
            b.newer.older = b.older;
        } else {
            newest = b.older;
        }
        if (b.older != null) {
            b.older.newer = b.newer;
        } else {
            oldest = b.newer;
        }
        b.newerInClass = b.olderInClass = b.newer = b.older = null;
        cachedBytes -= b.memory.byteSize();
    }

    /**
     * Frees every cached block.
     *
     * @return the bytes given back
     */
    long trim() {
        Block chain;
        long bytes;
        synchronized (this) {
            chain = oldest;
            bytes = cachedBytes;
            java.util.Arrays.fill(newestInClass, null);
            newest = oldest = null;
            cachedBytes = 0;
        }
        while (chain != null) {
            Block next = chain.newer;
            chain.newer = chain.older = chain.newerInClass = chain.olderInClass = null;
            chain.arena.close();
            chain = next;
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
