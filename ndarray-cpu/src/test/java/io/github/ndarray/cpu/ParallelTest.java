package io.github.ndarray.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pool runs every index once, on any thread count, rethrows a chunk's failure on the
 * caller, and never waits for itself: nested loops and loops from several threads at once
 * finish, as do loops after the workers have parked.
 */
class ParallelTest {
    private static final int SAVED_THREADS = Parallel.threads();
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(SAVED_THREADS);
    }

    private static void coversOnce(int n, long minChunk) {
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Parallel.forRange(n, minChunk, (s, e) -> {
            for (long i = s; i < e; i++) {
                hits.incrementAndGet((int) i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "index " + i);
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 5})
    void everyIndexRunsOnce(int threads) {
        Parallel.setThreads(threads);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int n : new int[] {0, 1, 2, 7, 1000, 100_003}) {
                coversOnce(n, 1);
                coversOnce(n, 100);
            }
        });
    }

    @Test
    void aFailureInAnyChunkIsRethrownOnTheCallerAndThePoolKeepsWorking() {
        Parallel.setThreads(3);
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        assertTimeoutPreemptively(LIMIT, () -> {
            for (long failing : new long[] {0, 500, 999}) { // the caller's chunk, then workers'
                IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                        () -> Parallel.forRange(1000, 1, (s, e) -> {
                            if (s <= failing && failing < e) {
                                throw boom;
                            }
                        }));
                assertSame(boom, thrown);
            }
            assertThrows(StackOverflowError.class, () -> Parallel.forRange(1000, 1, (s, e) -> {
                if (s > 0) {
                    throw new StackOverflowError();
                }
            }), "errors pass through too");
            coversOnce(10_000, 1);
        });
    }

    @Test
    void nestedLoopsAndLoopsFromSeveralThreadsFinish() {
        Parallel.setThreads(2);
        assertTimeoutPreemptively(LIMIT, () -> {
            AtomicLong sum = new AtomicLong();
            Parallel.forRange(100, 1, (s, e) -> Parallel.forRange(1000, 1, (s2, e2) -> sum.addAndGet(e2 - s2)));
            assertEquals(2 * 1000, sum.get(), "each outer chunk ran its inner loop once");

            Thread[] users = new Thread[4];
            AtomicLong total = new AtomicLong();
            for (int t = 0; t < users.length; t++) {
                users[t] = new Thread(() -> {
                    for (int k = 0; k < 2000; k++) {
                        Parallel.forRange(64, 1, (s, e) -> total.addAndGet(e - s));
                    }
                });
                users[t].start();
            }
            for (Thread t : users) {
                t.join();
            }
            assertEquals(4L * 2000 * 64, total.get());
        });
    }

    @Test
    void loopsAfterTheWorkersParkedStillFinish() {
        Parallel.setThreads(2);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int k = 0; k < 5; k++) {
                Thread.sleep(Parallel.SPIN_NANOS / 1_000_000 + 5);
                coversOnce(1000, 1);
            }
        });
    }
}
