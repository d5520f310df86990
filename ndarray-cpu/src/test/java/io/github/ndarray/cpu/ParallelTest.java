package io.github.ndarray.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Runs a two-chunk loop whose first chunk (always the caller's) sleeps long enough for an
     * awake worker to claim the second; {@code second} runs in that second chunk.
     *
     * @return the thread that ran the second chunk
     */
    private static Thread secondChunkRunner(Runnable second) {
        Thread[] ran = new Thread[1];
        Parallel.forRange(2, 1, (s, e) -> {
            if (s == 0) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            } else {
                ran[0] = Thread.currentThread();
                second.run();
            }
        });
        return ran[0];
    }

    @Test
    void parkedWorkersWakeForTheNextLoop() {
        Parallel.setThreads(2);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int k = 0; k < 5; k++) {
                Thread.sleep(Parallel.SPIN_NANOS / 1_000_000 + 5); // the worker has parked
                Thread t = secondChunkRunner(() -> { });
                // a lost wake-up would leave the chunk to the caller (correct, but not parallel)
                assertTrue(t.getName().startsWith("ndarray-cpu-worker"), "ran on " + t.getName());
                coversOnce(1000, 1);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * A checked exception thrown past the compiler (sneaky throw, a MethodHandle's Throwable) by
     * the caller's own chunk used to skip the wait for the workers: forRange returned while a
     * worker still ran its chunk, and released the pool to the next loop, which could then hand
     * that busy worker a new chunk (a stale job or a lost chunk: a hang).
     */
    @Test
    void aCheckedExceptionFromTheCallersChunkStillWaitsForTheWorkers() {
        Parallel.setThreads(2);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int k = 0; k < 3; k++) {
                java.util.concurrent.atomic.AtomicBoolean workerDone = new java.util.concurrent.atomic.AtomicBoolean();
                java.io.IOException checked = new java.io.IOException("checked");
                Throwable thrown = assertThrows(Throwable.class, () -> Parallel.forRange(2, 1, (s, e) -> {
                    if (s == 0) {
                        ParallelTest.<RuntimeException>sneakyThrow(checked);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                    workerDone.set(true);
                }));
                assertTrue(thrown == checked || thrown.getCause() == checked, thrown.toString());
                assertTrue(workerDone.get(), "forRange returned while a worker chunk was still running");
                coversOnce(1000, 1);
            }
        });
    }

    /**
     * A chunk that leaves its thread's interrupt status set (restoring it after catching
     * InterruptedException, as is the convention) made that worker spin for good: park returns at
     * once while the status is set, so the worker never parked again and kept a core busy.
     */
    @Test
    void aWorkerInterruptedByItsChunkStillParks() throws InterruptedException {
        Parallel.setThreads(2);
        Thread ran = assertTimeoutPreemptively(LIMIT, () -> secondChunkRunner(() -> Thread.currentThread().interrupt()));
        assertTrue(ran.getName().startsWith("ndarray-cpu-worker"), "the worker must run the interrupting chunk");
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == ran).findFirst().orElseThrow();
        long deadline = System.nanoTime() + 2_000_000_000L;
        Thread.State state = worker.getState();
        while (state != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(10);
            state = worker.getState();
        }
        assertEquals(Thread.State.WAITING, state, "the worker never parked");
    }

    /** Waits up to 2 s for {@code t} to park; returns its last state. */
    private static Thread.State awaitParked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        Thread.State state = t.getState();
        while (state != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(10);
            state = t.getState();
        }
        return state;
    }

    /**
     * Someone interrupting an idle pool thread (a tool that interrupts every thread, say) must
     * not leave it spinning: park returns at once while the status is set.
     */
    @Test
    void aWorkerInterruptedWhileIdleStillParks() throws InterruptedException {
        Parallel.setThreads(2);
        Thread worker = assertTimeoutPreemptively(LIMIT, () -> secondChunkRunner(() -> { }));
        assertTrue(worker.getName().startsWith("ndarray-cpu-worker"), "ran on " + worker.getName());
        assertEquals(Thread.State.WAITING, awaitParked(worker), "the worker never parked");
        worker.interrupt();
        Thread.sleep(50);
        assertEquals(Thread.State.WAITING, awaitParked(worker), "the interrupted idle worker kept spinning");
        assertTimeoutPreemptively(LIMIT, () -> {
            Thread again = secondChunkRunner(() -> { });
            assertTrue(again.getName().startsWith("ndarray-cpu-worker"), "the pool no longer serves loops");
        });
    }

    /**
     * A thread interrupted while it runs a parallel loop finishes the loop (every index once),
     * keeps its interrupt status for its own code to see, and leaves the pool usable by the next
     * loop, on that thread or another.
     */
    @Test
    void interruptingTheCallerInsideALoopLeavesThePoolUsable() {
        Parallel.setThreads(2);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int k = 0; k < 20; k++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(4000);
                boolean[] stillInterrupted = new boolean[1];
                java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
                java.util.concurrent.CountDownLatch inLoop = new java.util.concurrent.CountDownLatch(1);
                Thread caller = new Thread(() -> {
                    Parallel.forRange(4000, 1, (s, e) -> {
                        inLoop.countDown();
                        for (long i = s; i < e; i++) {
                            hits.incrementAndGet((int) i);
                        }
                        while (!interrupted.get()) { // every chunk is still running when the interrupt comes
                            Thread.onSpinWait();
                        }
                    });
                    stillInterrupted[0] = Thread.currentThread().isInterrupted();
                });
                caller.start();
                inLoop.await();
                Thread.sleep(k % 3);
                caller.interrupt();
                interrupted.set(true);
                caller.join();
                for (int i = 0; i < 4000; i++) {
                    assertEquals(1, hits.get(i), "index " + i + " in round " + k);
                }
                assertTrue(stillInterrupted[0], "the loop swallowed its caller's interrupt");
                coversOnce(1000, 1);
                Thread next = secondChunkRunner(() -> { });
                assertTrue(next.getName().startsWith("ndarray-cpu-worker"), "the pool no longer serves loops");
            }
        });
    }
}
