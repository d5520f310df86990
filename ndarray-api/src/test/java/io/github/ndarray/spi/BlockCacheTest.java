package io.github.ndarray.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class BlockCacheTest {
    private static long sizeClass(long byteSize) {
        return BlockCache.classBytes(BlockCache.classIndex(byteSize));
    }

    @Test
    void sizeClassesCoverTheRequestAndWasteUnder64BytesOrAnEighth() {
        long prev = 0;
        for (long n = 0; n < 1 << 20; n += 1 + n / 7) {
            long c = sizeClass(n);
            assertTrue(c >= n && c >= 64, n + " -> " + c);
            assertEquals(0, c % 64, n + " -> " + c);
            assertTrue(n <= 512 ? c - Math.max(n, 1) < 64 : c - n <= n / 8, n + " wastes " + (c - n));
            assertTrue(c >= prev, "classes grow with the size");
            prev = c;
        }
        assertEquals(64, sizeClass(1));
        assertEquals(16L << 19, sizeClass(8_000_000), "8 classes per octave: steps of 2^19 here");
        assertEquals(1L << 23, sizeClass(1L << 23), "a power of two is its own class");
    }

    @Test
    void classIndexAndClassBytesAgreeAndClassesStrictlyGrow() {
        long prev = 0;
        for (int c = 0; c < BlockCache.CLASSES; c++) {
            long bytes = BlockCache.classBytes(c);
            assertTrue(bytes > prev, "class " + c);
            assertEquals(c, BlockCache.classIndex(bytes), "the class's own size is in it");
            assertEquals(c, BlockCache.classIndex(prev + 1), "one byte over the previous class");
            prev = bytes;
        }
        assertEquals(1L << 62, prev, "the largest class");
    }

    @Test
    void evictionTakesTheOldestAcrossClassesAndLeavesTheOthersUsable() {
        BlockCache cache = new BlockCache(4096 + 1024 + 512);
        BlockCache.Block small1 = cache.allocate(1024, false);
        BlockCache.Block big = cache.allocate(4096, false);
        BlockCache.Block small2 = cache.allocate(1024, false);
        cache.release(small1);
        cache.release(big);
        cache.release(small2); // over the limit by 512: small1, the oldest, goes
        assertFalse(small1.memory().scope().isAlive());
        assertTrue(small2.memory().scope().isAlive());
        assertEquals(4096 + 1024, cache.cachedBytes());
        BlockCache.Block again = cache.allocate(1000, false);
        assertEquals(small2.memory().address(), again.memory().address());
        BlockCache.Block none = cache.allocate(1000, false);
        assertTrue(none.memory().address() != small2.memory().address(), "the class is empty now");
        assertEquals(big.memory().address(), cache.allocate(4000, true).memory().address());
        assertEquals(0, cache.cachedBytes());
    }

    @Test
    void aFreedBlockServesTheNextRequestOfItsClassAndIsZeroedWhenAskedTo() {
        BlockCache cache = new BlockCache(1 << 20);
        BlockCache.Block b = cache.allocate(1000, true);
        MemorySegment m = b.memory();
        assertEquals(0, m.get(ValueLayout.JAVA_LONG, 992));
        m.fill((byte) 7);
        assertEquals(sizeClass(1000), cache.liveBytes());
        cache.release(b);
        assertEquals(0, cache.liveBytes());
        assertEquals(m.byteSize(), cache.cachedBytes());

        BlockCache.Block again = cache.allocate(990, false);
        assertEquals(m.address(), again.memory().address(), "same class: the cached block");
        assertEquals(0x0707070707070707L, again.memory().get(ValueLayout.JAVA_LONG, 0), "not zeroed when not asked");
        cache.release(again);
        BlockCache.Block zeroed = cache.allocate(1000, true);
        assertEquals(m.address(), zeroed.memory().address());
        for (long i = 0; i < 1000; i += 8) {
            assertEquals(0, zeroed.memory().get(ValueLayout.JAVA_LONG, i), "zeroed at " + i);
        }
        BlockCache.Block other = cache.allocate(5000, false);
        assertNotEquals(m.address(), other.memory().address(), "another class: a new block");
        cache.release(zeroed);
        cache.release(other);
    }

    @Test
    void pastTheLimitTheBlocksFreedLongestAgoAreGivenBack() {
        BlockCache cache = new BlockCache(3 * 4096);
        BlockCache.Block[] b = new BlockCache.Block[4];
        for (int i = 0; i < b.length; i++) {
            b[i] = cache.allocate(4096, false);
        }
        for (BlockCache.Block x : b) {
            cache.release(x);
        }
        assertFalse(b[0].memory().scope().isAlive(), "the oldest was evicted");
        for (int i = 1; i < 4; i++) {
            assertTrue(b[i].memory().scope().isAlive());
        }
        assertEquals(3 * 4096, cache.cachedBytes());
        assertEquals(3 * 4096, cache.trim());
        assertEquals(0, cache.cachedBytes());
        for (BlockCache.Block x : b) {
            assertFalse(x.memory().scope().isAlive(), "trim gives every cached block back");
        }
    }

    @Test
    void withoutACacheABlockIsFreedAtOnceAndItsMemoryCannotBeTouched() {
        BlockCache cache = new BlockCache(0);
        BlockCache.Block b = cache.allocate(100_000, true);
        MemorySegment m = b.memory();
        cache.release(b);
        assertFalse(m.scope().isAlive());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> m.get(ValueLayout.JAVA_DOUBLE, 0), "FFM throws instead of crashing the JVM");
    }

    /**
     * Threads allocating, filling, checking and freeing blocks of a few sizes at once never see
     * another live block's bytes: a block is never handed to two holders.
     */
    @Test
    void concurrentUsersNeverShareABlock() throws Exception {
        BlockCache cache = new BlockCache(4 << 20);
        int threads = 4;
        java.util.concurrent.atomic.AtomicReference<String> problem = new java.util.concurrent.atomic.AtomicReference<>();
        Thread[] ts = new Thread[threads];
        long until = System.nanoTime() + 1_500_000_000L;
        for (int t = 0; t < threads; t++) {
            final byte mark = (byte) (t + 1);
            ts[t] = new Thread(() -> {
                java.util.SplittableRandom r = new java.util.SplittableRandom(mark);
                java.util.ArrayDeque<BlockCache.Block> held = new java.util.ArrayDeque<>();
                java.util.ArrayDeque<Long> filled = new java.util.ArrayDeque<>();
                long[] sizes = {8, 100, 4096, 70_000, 1 << 20};
                while (System.nanoTime() < until && problem.get() == null) {
                    long size = sizes[r.nextInt(sizes.length)];
                    BlockCache.Block b = cache.allocate(size, r.nextBoolean());
                    b.memory().asSlice(0, size).fill(mark);
                    held.addLast(b);
                    filled.addLast(size);
                    if (held.size() > 3 || r.nextBoolean()) {
                        BlockCache.Block old = held.pollFirst();
                        long n = filled.pollFirst();
                        MemorySegment m = old.memory();
                        for (long k = n - Math.min(n, 64); k < n; k++) {
                            if (m.get(ValueLayout.JAVA_BYTE, k) != mark) {
                                problem.compareAndSet(null, "thread " + mark + " found " + m.get(ValueLayout.JAVA_BYTE, k));
                            }
                        }
                        cache.release(old);
                    }
                }
                held.forEach(cache::release);
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(null, problem.get());
        assertEquals(0, cache.liveBytes(), "every block came back");
        assertTrue(cache.cachedBytes() <= 4 << 20);
        cache.trim();
    }
}
