package io.github.ndarray.cuda;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Device memory kept for reuse once its arrays are freed, on the lines of CuPy's
 * {@code MemoryPool} ({@code cupy/cuda/memory.pyx}): asking the driver for memory costs far
 * more than a map lookup, and giving it back ({@code cuMemFree}) waits for the device to finish
 * its queued work, so freed blocks stay in the pool and serve later requests.
 *
 * <p><b>Layout.</b> The pool holds <em>segments</em>, each one driver allocation, cut into
 * <em>chunks</em> that are either live (handed out) or free. Sizes are rounded up to multiples
 * of {@value #UNIT} bytes (CuPy's unit, which also keeps every chunk aligned for any dtype). A
 * request takes the best-fitting free chunk of any segment (the smallest that is big enough,
 * the lowest address on ties so runs are reproducible) and splits off the rest as a new free
 * chunk; a freed chunk merges with its free neighbours in the same segment, never across
 * segments, since two driver allocations that happen to be adjacent are still freed one by one.
 * When no free chunk fits, a new segment is allocated: of exactly the rounded size, as CuPy does,
 * except that requests under 1 MiB get a {@value #SMALL_SEGMENT}-byte segment to share, so that
 * a thousand small arrays cost one driver call instead of a thousand. The 1 MiB threshold keeps
 * big arrays in segments of their own, which go back to the driver whole when the array is
 * freed; a small chunk, by contrast, pins its whole shared segment while it lives.
 *
 * <p><b>Out of memory.</b> When the driver refuses, the pool gives every wholly free segment
 * back and tries once more; if that fails too, it throws {@link OutOfMemoryError} naming the
 * request, the pool's bytes and the device's free and total bytes.
 *
 * <p><b>Streams.</b> Everything in this backend runs on one CUDA stream (the legacy default
 * stream), so a chunk freed while kernels that use it are still queued can be handed out again
 * at once: the new user's work is queued behind the old. CuPy keeps free lists per stream for
 * the same reason: a block freed by work on one stream must not go to another stream before
 * that work is done. A second stream would need the same (or events).
 *
 * <p><b>Threads.</b> All methods are thread-safe under one lock; the bookkeeping under it is a
 * few tree operations, O(log n) in the number of chunks. {@link #free} only does bookkeeping and
 * never calls the allocator, because the JDK's cleaner thread calls it and driver calls need a
 * context current on the calling thread; memory goes back to the driver only in
 * {@link #allocate}'s retry and in {@link #releaseCached}, which run on the backend's threads.
 */
final class MemoryPool {
    /** Sizes are rounded up to multiples of this many bytes. */
    static final long UNIT = 512;
    /** Rounded requests below this share segments of {@link #SMALL_SEGMENT} bytes. */
    static final long SMALL_REQUEST = 1L << 20;
    /** The size of a segment allocated for a small request. */
    static final long SMALL_SEGMENT = 2L << 20;
    /** The largest request that can be rounded up without overflow. */
    private static final long MAX_REQUEST = Long.MAX_VALUE & -UNIT;

    /**
     * A snapshot of the pool's counters; {@code usedBytes + cachedBytes == segmentBytes}.
     *
     * @param usedBytes the rounded sizes of the live allocations
     * @param cachedBytes the free bytes inside segments
     * @param segmentBytes the bytes of all segments held from the driver
     * @param segments how many segments the pool holds
     * @param peakUsedBytes the most {@code usedBytes} ever reached
     * @param mallocs how many driver allocations succeeded since the pool was made
     */
    record Stats(long usedBytes, long cachedBytes, long segmentBytes, int segments, long peakUsedBytes,
            long mallocs) {}

    /** A run of bytes in one segment; its neighbours in the segment are linked by address. */
    private static final class Chunk {
        final long address;
        /** Changes only while the chunk is out of {@link #freeChunks}, whose order depends on it. */
        long size;
        boolean free;
        Chunk previous;
        Chunk next;

        Chunk(long address, long size) {
            this.address = address;
            this.size = size;
        }
    }

    /** Best fit is the ceiling of (size, lowest address); addresses compare unsigned, as the driver's. */
    private static final Comparator<Chunk> BY_SIZE_THEN_ADDRESS = Comparator.<Chunk>comparingLong(c -> c.size)
            .thenComparing((a, b) -> Long.compareUnsigned(a.address, b.address));

    private final DeviceAllocator allocator;
    private final Object lock = new Object();
    private final TreeSet<Chunk> freeChunks = new TreeSet<>(BY_SIZE_THEN_ADDRESS);
    private final Map<Long, Chunk> live = new HashMap<>();
    /** The first chunk of each segment: it stays the first, since a merge keeps the lower chunk. */
    private final List<Chunk> segmentHeads = new ArrayList<>();
    private long usedBytes;
    private long segmentBytes;
    private long peakUsedBytes;
    private long mallocs;

    /**
     * @param allocator the driver calls the pool gets its segments from and gives them back to
     */
    MemoryPool(DeviceAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * Allocates device memory, from a free chunk when one fits, else from a new segment.
     *
     * @param bytes the size wanted; 0 still gets a chunk of its own (one unit), so every live
     *     allocation has a distinct address
     * @return the address, aligned to {@value #UNIT} bytes relative to its segment's start
     * @throws OutOfMemoryError when the device has no room even after the pool gave back its
     *     wholly free segments
     */
    long allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative allocation size: " + bytes);
        }
        synchronized (lock) {
            if (bytes > MAX_REQUEST) {
                throw outOfMemory(bytes);
            }
            long size = Math.max(UNIT, (bytes + UNIT - 1) & -UNIT);
            Chunk chunk = freeChunks.ceiling(new Chunk(0, size));
            if (chunk != null) {
                freeChunks.remove(chunk);
            } else {
                chunk = newSegment(size, bytes);
            }
            split(chunk, size);
            chunk.free = false;
            live.put(chunk.address, chunk);
            usedBytes += size;
            peakUsedBytes = Math.max(peakUsedBytes, usedBytes);
            return chunk.address;
        }
    }

    /**
     * Returns an allocation to the pool, merging it with its free neighbours. Only bookkeeping:
     * safe from any thread, the cleaner's included.
     *
     * @param address an address returned by {@link #allocate} and not freed since
     * @throws IllegalStateException when {@code address} is not a live allocation of this pool
     *     (a double free, or a foreign address)
     */
    void free(long address) {
        synchronized (lock) {
            Chunk chunk = live.remove(address);
            if (chunk == null) {
                throw new IllegalStateException(String.format(
                        "free of 0x%x, which is not a live allocation of this memory pool (freed twice?)", address));
            }
            usedBytes -= chunk.size;
            chunk.free = true;
            if (chunk.previous != null && chunk.previous.free) {
                chunk = chunk.previous;
                freeChunks.remove(chunk);
                absorbNext(chunk);
            }
            if (chunk.next != null && chunk.next.free) {
                freeChunks.remove(chunk.next);
                absorbNext(chunk);
            }
            freeChunks.add(chunk);
        }
    }

    /**
     * Gives every segment with no live chunk back to the driver. Call it from a thread with
     * the device's context current.
     *
     * @return the bytes given back
     */
    long releaseCached() {
        synchronized (lock) {
            return releaseWhollyFreeSegments();
        }
    }

    /** {@return a snapshot of the pool's counters} */
    Stats stats() {
        synchronized (lock) {
            return new Stats(usedBytes, segmentBytes - usedBytes, segmentBytes, segmentHeads.size(), peakUsedBytes,
                    mallocs);
        }
    }

    /**
     * {@return one line for {@code ND.runtimeInfo()}, such as "pool: 12.0 MiB in arrays, 4.0 MiB
     * cached in 3 segments (peak 20.0 MiB, 7 driver allocations)"}
     */
    String describe() {
        Stats s = stats();
        return "pool: " + formatBytes(s.usedBytes()) + " in arrays, " + formatBytes(s.cachedBytes()) + " cached in "
                + count(s.segments(), "segment") + " (peak " + formatBytes(s.peakUsedBytes()) + ", "
                + count(s.mallocs(), "driver allocation") + ")";
    }

    /** Allocates a segment for a request of {@code size} rounded bytes; its one chunk is not yet free-listed. */
    private Chunk newSegment(long size, long requested) {
        long segmentSize = size < SMALL_REQUEST ? SMALL_SEGMENT : size;
        long address = allocator.malloc(segmentSize);
        if (address == 0) {
            releaseWhollyFreeSegments();
            address = allocator.malloc(segmentSize);
        }
        if (address == 0) {
            throw outOfMemory(requested);
        }
        mallocs++;
        segmentBytes += segmentSize;
        Chunk head = new Chunk(address, segmentSize);
        segmentHeads.add(head);
        return head;
    }

    /** Cuts {@code chunk} (not free-listed) down to {@code size}, free-listing the rest. */
    private void split(Chunk chunk, long size) {
        if (chunk.size == size) {
            return;
        }
        Chunk rest = new Chunk(chunk.address + size, chunk.size - size);
        rest.free = true;
        rest.previous = chunk;
        rest.next = chunk.next;
        if (chunk.next != null) {
            chunk.next.previous = rest;
        }
        chunk.next = rest;
        chunk.size = size;
        freeChunks.add(rest);
    }

    /** Merges {@code chunk.next} into {@code chunk}; neither may be free-listed. */
    private static void absorbNext(Chunk chunk) {
        Chunk next = chunk.next;
        chunk.size += next.size;
        chunk.next = next.next;
        if (next.next != null) {
            next.next.previous = chunk;
        }
    }

    private long releaseWhollyFreeSegments() {
        long released = 0;
        for (Iterator<Chunk> it = segmentHeads.iterator(); it.hasNext(); ) {
            Chunk head = it.next();
            if (head.free && head.next == null) {
                // Bookkeeping first: should the driver call throw, the segment is lost to the
                // pool (a leak) rather than handed out again after the driver took it back.
                it.remove();
                freeChunks.remove(head);
                segmentBytes -= head.size;
                released += head.size;
                allocator.free(head.address);
            }
        }
        return released;
    }

    private OutOfMemoryError outOfMemory(long requested) {
        long[] info = allocator.memInfo();
        return new OutOfMemoryError("out of memory on the CUDA device allocating " + formatBytes(requested) + " ("
                + requested + " bytes): " + formatBytes(usedBytes) + " in use by arrays, "
                + formatBytes(segmentBytes - usedBytes) + " cached, " + formatBytes(info[0]) + " free of "
                + formatBytes(info[1]));
    }

    /** {@return {@code bytes} in the largest binary unit that keeps it at least 1, with one decimal} */
    static String formatBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
