package io.github.ndarray.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pool's bookkeeping, over a fake allocator that stands for the driver. */
class MemoryPoolTest {
    private static final long KiB = 1L << 10;
    private static final long MiB = 1L << 20;
    private static final long GiB = 1L << 30;

    /**
     * Hands out segments at consecutive addresses, so that segments touch and a merge across
     * them would go unnoticed by address arithmetic alone; refuses (returns 0) past a budget of
     * live bytes, and fails the test when freeing an address it did not give.
     */
    static final class FakeAllocator implements DeviceAllocator {
        private final long budget;
        private long next = 1L << 32;
        private long liveBytes;
        /** Live segments, address to size, in the order they were allocated. */
        private final Map<Long, Long> segments = new LinkedHashMap<>();
        private final List<Long> freed = new ArrayList<>();
        private int calls;

        FakeAllocator(long budget) {
            this.budget = budget;
        }

        FakeAllocator() {
            this(Long.MAX_VALUE);
        }

        @Override
        public synchronized long malloc(long bytes) {
            calls++;
            assertTrue(bytes > 0, "malloc of " + bytes + " bytes");
            if (bytes > budget - liveBytes) {
                return 0;
            }
            long address = next;
            next += bytes;
            liveBytes += bytes;
            segments.put(address, bytes);
            return address;
        }

        @Override
        public synchronized void free(long address) {
            calls++;
            Long size = segments.remove(address);
            if (size == null) {
                fail(String.format("free of 0x%x, which the allocator did not give or already took back", address));
            }
            liveBytes -= size;
            freed.add(address);
        }

        @Override
        public synchronized long[] memInfo() {
            calls++;
            return new long[] {budget - liveBytes, budget};
        }

        synchronized List<Long> segmentSizes() {
            return List.copyOf(segments.values());
        }

        synchronized List<Long> freed() {
            return List.copyOf(freed);
        }

        synchronized long liveBytes() {
            return liveBytes;
        }

        synchronized int calls() {
            return calls;
        }
    }

    private final FakeAllocator driver = new FakeAllocator();
    private final MemoryPool pool = new MemoryPool(driver);

    @Test
    void reusesAFreedBlockOfTheSameSize() {
        long a = pool.allocate(4 * MiB);
        pool.free(a);
        long b = pool.allocate(4 * MiB);
        assertEquals(a, b);
        assertEquals(1, pool.stats().mallocs());
        assertEquals(List.of(4 * MiB), driver.segmentSizes());
    }

    @Test
    void roundsSizesUpToUnitsAndGivesZeroBytesAUnitOfItsOwn() {
        long zero = pool.allocate(0);
        long one = pool.allocate(1);
        long justOver = pool.allocate(513);
        long exact = pool.allocate(1024);
        assertEquals(zero + 512, one);
        assertEquals(one + 512, justOver);
        assertEquals(justOver + 1024, exact);
        assertEquals(512 + 512 + 1024 + 1024, pool.stats().usedBytes());
    }

    @Test
    void rejectsNegativeSizesAndAbsurdOnes() {
        assertThrows(IllegalArgumentException.class, () -> pool.allocate(-1));
        assertThrows(OutOfMemoryError.class, () -> pool.allocate(Long.MAX_VALUE));
        assertEquals(new MemoryPool.Stats(0, 0, 0, 0, 0, 0), pool.stats());
    }

    @Test
    void takesTheSmallestFreeChunkThatFitsAndSplitsIt() {
        // One small segment: A (10 KiB), B (4 KiB), C (6 KiB) separated by live guards, then the tail.
        long a = pool.allocate(10 * KiB);
        pool.allocate(512);
        long b = pool.allocate(4 * KiB);
        pool.allocate(512);
        long c = pool.allocate(6 * KiB);
        long lastGuard = pool.allocate(512);
        pool.free(a);
        pool.free(b);
        pool.free(c);

        assertEquals(c, pool.allocate(5 * KiB), "6 KiB is the best fit for 5 KiB");
        assertEquals(c + 5 * KiB, pool.allocate(1 * KiB), "the split-off 1 KiB is free and fits exactly");
        assertEquals(b, pool.allocate(4 * KiB));
        assertEquals(a, pool.allocate(3 * KiB), "10 KiB is smaller than the tail");
        assertEquals(a + 3 * KiB, pool.allocate(7 * KiB));
        assertEquals(lastGuard + 512, pool.allocate(512), "only the tail is left");
        assertEquals(1, pool.stats().mallocs());
    }

    @Test
    void breaksTiesBetweenEqualFreeChunksByLowestAddress() {
        long x = pool.allocate(8 * KiB);
        pool.allocate(512);
        long y = pool.allocate(8 * KiB);
        pool.allocate(512);
        pool.free(y);
        pool.free(x);
        assertEquals(x, pool.allocate(8 * KiB));
        assertEquals(y, pool.allocate(8 * KiB));
    }

    static Stream<Arguments> freeOrders() {
        return Stream.of(Arguments.of(List.of(0, 1, 2)), Arguments.of(List.of(0, 2, 1)), Arguments.of(List.of(1, 0, 2)),
                Arguments.of(List.of(1, 2, 0)), Arguments.of(List.of(2, 0, 1)), Arguments.of(List.of(2, 1, 0)));
    }

    @ParameterizedTest
    @MethodSource("freeOrders")
    void mergesAdjacentFreeChunksWhateverTheOrder(List<Integer> order) {
        long[] chunks = {pool.allocate(64 * KiB), pool.allocate(64 * KiB), pool.allocate(64 * KiB)};
        pool.allocate(64 * KiB); // keeps the three apart from the segment's free tail
        for (int i : order) {
            pool.free(chunks[i]);
        }
        // Unmerged, 192 KiB would fit only in the tail; merged, it fits exactly where the three were.
        assertEquals(chunks[0], pool.allocate(192 * KiB));
        assertEquals(1, pool.stats().mallocs());
    }

    @Test
    void neverMergesChunksOfDifferentSegments() {
        long a = pool.allocate(2 * MiB);
        long b = pool.allocate(2 * MiB);
        assertEquals(a + 2 * MiB, b, "the fake lays segments end to end");
        pool.free(a);
        pool.free(b);
        long c = pool.allocate(4 * MiB);
        assertNotEquals(a, c);
        assertEquals(3, pool.stats().mallocs());
        assertEquals(new MemoryPool.Stats(4 * MiB, 4 * MiB, 8 * MiB, 3, 4 * MiB, 3), pool.stats());
        assertEquals(4 * MiB, pool.releaseCached(), "the two 2 MiB segments go back one by one");
        assertEquals(List.of(a, b), driver.freed());
    }

    @Test
    void smallRequestsShareTwoMiBSegmentsAndLargeOnesGetTheirOwn() {
        Random random = new Random(1);
        long total = 0;
        for (int i = 0; i < 100; i++) {
            long bytes = 1 + random.nextLong(16 * KiB);
            pool.allocate(bytes);
            total += Math.max(512, (bytes + 511) / 512 * 512);
        }
        assertTrue(total <= MiB, "leaves room for the largest small request");
        assertEquals(List.of(2 * MiB), driver.segmentSizes());

        pool.allocate(MiB - 512); // the largest small request: still fits in the shared segment
        pool.allocate(MiB); // the smallest large one: a segment of exactly its size
        pool.allocate(3 * MiB + 1); // rounded to a unit, as CuPy does
        assertEquals(List.of(2 * MiB, MiB, 3 * MiB + 512), driver.segmentSizes());
    }

    @Test
    void releaseCachedGivesBackOnlyWhollyFreeSegments() {
        long small = pool.allocate(4 * KiB);
        long smallFreed = pool.allocate(4 * KiB);
        long big = pool.allocate(4 * MiB);
        long kept = pool.allocate(3 * MiB);
        pool.free(smallFreed);
        pool.free(big);

        assertEquals(4 * MiB, pool.releaseCached());
        assertEquals(List.of(big), driver.freed());
        assertEquals(List.of(2 * MiB, 3 * MiB), driver.segmentSizes());
        assertEquals(new MemoryPool.Stats(4 * KiB + 3 * MiB, 2 * MiB - 4 * KiB, 5 * MiB, 2, 4 * KiB + 7 * MiB + 4 * KiB,
                3), pool.stats());

        pool.free(small);
        assertEquals(2 * MiB, pool.releaseCached());
        assertEquals(0, pool.releaseCached());
        pool.free(kept);
        assertEquals(3 * MiB, pool.releaseCached());
        assertEquals(0, driver.liveBytes());
        assertEquals(new MemoryPool.Stats(0, 0, 0, 0, 4 * KiB + 7 * MiB + 4 * KiB, 3), pool.stats());
    }

    @Test
    void givesBackCachedSegmentsAndRetriesWhenTheDriverRefuses() {
        FakeAllocator tight = new FakeAllocator(10 * MiB);
        MemoryPool tightPool = new MemoryPool(tight);
        long cached = tightPool.allocate(6 * MiB);
        long small = tightPool.allocate(KiB); // a partly used segment stays
        tightPool.free(cached);

        long big = tightPool.allocate(7 * MiB); // 6 + 2 + 7 > 10: refused, then fits once 6 MiB is back
        assertEquals(List.of(cached), tight.freed());
        assertEquals(List.of(2 * MiB, 7 * MiB), tight.segmentSizes());
        assertEquals(new MemoryPool.Stats(7 * MiB + KiB, 2 * MiB - KiB, 9 * MiB, 2, 7 * MiB + KiB, 3),
                tightPool.stats());
        tightPool.free(big);
        tightPool.free(small);
    }

    @Test
    void throwsOutOfMemoryNamingTheRequestThePoolAndTheDevice() {
        FakeAllocator tight = new FakeAllocator(8 * MiB);
        MemoryPool tightPool = new MemoryPool(tight);
        tightPool.allocate(3 * MiB);
        tightPool.allocate(KiB);
        // Too big for the small segment's tail: a segment of its own, cached, then given back by the retry.
        tightPool.free(tightPool.allocate(2 * MiB + 512 * KiB));
        MemoryPool.Stats before = tightPool.stats();

        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> tightPool.allocate(GiB + GiB / 2));
        assertEquals("out of memory on the CUDA device allocating 1.5 GiB (1610612736 bytes): 3.0 MiB in use by arrays,"
                + " 2.0 MiB cached, 3.0 MiB free of 8.0 MiB", e.getMessage());
        assertEquals(before.usedBytes(), tightPool.stats().usedBytes());
        assertEquals(before.segments() - 1, tightPool.stats().segments());
        assertEquals(List.of(3 * MiB, 2 * MiB), tight.segmentSizes());
    }

    @Test
    void aFailedAllocationLeavesThePoolUsable() {
        FakeAllocator tight = new FakeAllocator(4 * MiB);
        MemoryPool tightPool = new MemoryPool(tight);
        long a = tightPool.allocate(3 * MiB);
        assertThrows(OutOfMemoryError.class, () -> tightPool.allocate(2 * MiB));
        tightPool.free(a);
        long b = tightPool.allocate(2 * MiB);
        assertEquals(a, b, "the cached 3 MiB segment serves the smaller request");
        assertEquals(1, tightPool.stats().mallocs());
    }

    @Test
    void doubleAndForeignFreesThrowAndChangeNothing() {
        long a = pool.allocate(4 * KiB);
        long b = pool.allocate(4 * KiB);
        pool.free(a);
        MemoryPool.Stats before = pool.stats();
        assertThrows(IllegalStateException.class, () -> pool.free(a));
        assertThrows(IllegalStateException.class, () -> pool.free(12345));
        assertThrows(IllegalStateException.class, () -> pool.free(b + 512), "inside a live chunk");
        assertThrows(IllegalStateException.class, () -> pool.free(0));
        assertEquals(before, pool.stats());
        pool.free(b);
        assertThrows(IllegalStateException.class, () -> pool.free(b));
    }

    @Test
    void freeNeverCallsTheDriver() throws InterruptedException {
        long a = pool.allocate(4 * MiB);
        long b = pool.allocate(KiB);
        int calls = driver.calls();
        Thread cleaner = Thread.ofPlatform().start(() -> {
            pool.free(a);
            pool.free(b);
        });
        cleaner.join();
        assertEquals(calls, driver.calls());
        assertEquals(0, pool.stats().usedBytes());
    }

    @Test
    void countsUsedCachedAndPeakBytes() {
        long a = pool.allocate(100); // 512 of a 2 MiB segment
        long b = pool.allocate(3 * MiB);
        assertEquals(new MemoryPool.Stats(512 + 3 * MiB, 2 * MiB - 512, 5 * MiB, 2, 512 + 3 * MiB, 2), pool.stats());
        pool.free(b);
        long c = pool.allocate(2 * MiB); // too big for the small segment's tail: the cached 3 MiB, split
        assertEquals(b, c);
        assertEquals(new MemoryPool.Stats(512 + 2 * MiB, 3 * MiB - 512, 5 * MiB, 2, 512 + 3 * MiB, 2), pool.stats());
        pool.free(a);
        pool.free(c);
        assertEquals(new MemoryPool.Stats(0, 5 * MiB, 5 * MiB, 2, 512 + 3 * MiB, 2), pool.stats());
        assertEquals("pool: 0 B in arrays, 5.0 MiB cached in 2 segments (peak 3.0 MiB, 2 driver allocations)",
                pool.describe());
    }

    @Test
    void describesItselfInOneLine() {
        pool.allocate(12 * MiB);
        long gone = pool.allocate(4 * MiB);
        pool.free(gone);
        assertEquals("pool: 12.0 MiB in arrays, 4.0 MiB cached in 2 segments (peak 16.0 MiB, 2 driver allocations)",
                pool.describe());
        assertEquals("pool: 0 B in arrays, 0 B cached in 0 segments (peak 0 B, 0 driver allocations)",
                new MemoryPool(new FakeAllocator()).describe());
    }

    @Test
    void formatsBytesInBinaryUnits() {
        assertEquals("0 B", MemoryPool.formatBytes(0));
        assertEquals("1023 B", MemoryPool.formatBytes(1023));
        assertEquals("1.0 KiB", MemoryPool.formatBytes(1024));
        assertEquals("1.5 GiB", MemoryPool.formatBytes(GiB + GiB / 2));
        assertEquals("139.7 GiB", MemoryPool.formatBytes(150_000_000_000L));
        assertEquals("8.0 EiB", MemoryPool.formatBytes(Long.MAX_VALUE));
    }

    /**
     * Threads allocate and free random sizes, freeing each other's allocations as the cleaner
     * thread does; every live range is recorded and checked against its neighbours when it is
     * handed out. With a budget, the driver refuses now and then, which exercises the
     * give-back-and-retry path under contention.
     */
    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, 24 * MiB})
    void keepsLiveChunksApartUnderConcurrentUse(long budget) throws InterruptedException {
        FakeAllocator shared = new FakeAllocator(budget);
        MemoryPool sharedPool = new MemoryPool(shared);
        ConcurrentSkipListMap<Long, Long> liveRanges = new ConcurrentSkipListMap<>(Long::compareUnsigned);
        ConcurrentLinkedQueue<Long> held = new ConcurrentLinkedQueue<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicLong refusals = new AtomicLong();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = t;
            workers.add(Thread.ofPlatform().start(() -> {
                Random random = new Random(seed);
                try {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        int action = random.nextInt(100);
                        if (action < 52) {
                            long bytes = random.nextInt(10) == 0 ? random.nextLong(3 * MiB) : random.nextLong(64 * KiB);
                            long address;
                            try {
                                address = sharedPool.allocate(bytes);
                            } catch (OutOfMemoryError e) {
                                refusals.incrementAndGet();
                                continue;
                            }
                            long end = address + Math.max(512, (bytes + 511) / 512 * 512);
                            record(liveRanges, address, end);
                            held.add(address);
                        } else if (action < 99) {
                            Long address = held.poll();
                            if (address != null) {
                                // Out of the record before the pool may hand the range out again.
                                liveRanges.remove(address);
                                sharedPool.free(address);
                            }
                        } else {
                            sharedPool.releaseCached();
                            MemoryPool.Stats s = sharedPool.stats();
                            assertEquals(s.segmentBytes(), s.usedBytes() + s.cachedBytes());
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " worker(s) failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
        for (Long address = held.poll(); address != null; address = held.poll()) {
            sharedPool.free(address);
        }
        MemoryPool.Stats end = sharedPool.stats();
        assertEquals(0, end.usedBytes());
        assertEquals(end.segmentBytes(), end.cachedBytes());
        assertTrue(end.peakUsedBytes() > 0);
        assertEquals(end.segmentBytes(), sharedPool.releaseCached());
        assertEquals(0, shared.liveBytes());
        assertEquals(new MemoryPool.Stats(0, 0, 0, 0, end.peakUsedBytes(), end.mallocs()), sharedPool.stats());
        if (budget != Long.MAX_VALUE) {
            assertTrue(refusals.get() > 0, "the budget was never reached");
            assertTrue(end.peakUsedBytes() <= budget);
        }
    }

    /** Records the live range [start, end) and fails if it overlaps another live range. */
    private static void record(ConcurrentSkipListMap<Long, Long> liveRanges, long start, long end) {
        Long previous = liveRanges.putIfAbsent(start, end);
        if (previous != null) {
            fail(String.format("0x%x handed out while still live", start));
        }
        // Checked after inserting, so of two overlapping ranges the later insert sees the earlier.
        Map.Entry<Long, Long> below = liveRanges.lowerEntry(start);
        if (below != null && Long.compareUnsigned(below.getValue(), start) > 0) {
            fail(String.format("[0x%x, 0x%x) overlaps [0x%x, 0x%x)", start, end, below.getKey(), below.getValue()));
        }
        Map.Entry<Long, Long> above = liveRanges.higherEntry(start);
        if (above != null && Long.compareUnsigned(above.getKey(), end) < 0) {
            fail(String.format("[0x%x, 0x%x) overlaps [0x%x, 0x%x)", start, end, above.getKey(), above.getValue()));
        }
    }

    @Test
    void theOverlapCheckCatchesOverlaps() {
        ConcurrentSkipListMap<Long, Long> ranges = new ConcurrentSkipListMap<>(Long::compareUnsigned);
        record(ranges, 1024, 2048);
        assertThrows(AssertionError.class, () -> record(ranges, 1536, 4096));
        assertThrows(AssertionError.class, () -> record(ranges, 512, 1536));
        assertThrows(AssertionError.class, () -> record(ranges, 1024, 1536));
    }
}
