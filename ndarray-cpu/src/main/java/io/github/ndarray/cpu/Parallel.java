package io.github.ndarray.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;


/**
 * The CPU backend's own thread pool: work is split into chunks, the calling thread runs one
 * share and the pool's workers the others. A dedicated pool because the common ForkJoin pool
 * has a single worker on a 2-core machine.
 *
 * <p>The thread count (caller included) defaults to the available processors and is set with
 * the system property {@code ndarray.threads} or {@link #setThreads(int)}; 1 means everything
 * runs on the caller.
 *
 * <p>Handoff: a parked thread wakes ~20 µs after it is signalled on this VM, which made splitting
 * pay only from ~50 µs of work. So, as OpenMP runtimes and OpenBLAS do, a worker spins for
 * {@link #SPIN_NANOS} after its last chunk before parking, and the caller spins while it waits
 * for the workers: back-to-back operations hand over in about a microsecond. The workers
 * serve one loop at a time: a loop started while they are busy (another thread's, or one
 * nested in a chunk) runs on its caller alone, so nothing ever waits for a worker that waits
 * for it.
 */
public final class Parallel {
    /** The body of a parallel loop over {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeBody {
        /**
         * Runs one chunk.
         *
         * @param start first index, inclusive
         * @param end last index, exclusive
         */
        void run(long start, long end);
    }

    /** How long a worker (or a waiting caller) spins before it parks. */
    static final long SPIN_NANOS = 200_000;

    private static volatile int threads = initialThreads();
    /** Held by the thread whose loop is using the workers. */
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static Worker[] workers = new Worker[0];

    private Parallel() {
    }

    private static int initialThreads() {
        String p = System.getProperty("ndarray.threads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ndarray.threads must be a positive integer, got '" + p + "'", e);
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@return the number of threads a parallel loop uses, the caller included} */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads parallel loops use, the caller included.
     *
     * @param n at least 1
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        threads = n;
    }

    /**
     * Runs {@code body} over {@code [0, n)} in up to {@link #threads()} chunks of at least
     * {@code minChunk} indices; below {@code 2 * minChunk} it runs on the caller alone, as it
     * does while the workers serve another loop. Exceptions from any chunk are rethrown on the
     * caller once every chunk has finished.
     *
     * @param n the range size
     * @param minChunk the smallest chunk worth a thread (the per-op threshold)
     * @param body the loop body
     */
    public static void forRange(long n, long minChunk, RangeBody body) {
        int t = (int) Math.min(threads, Math.max(1, n / Math.max(minChunk, 1)));
        if (t <= 1 || !BUSY.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            Worker[] ws = workers(t - 1);
            long chunk = (n + t - 1) / t;
            Job job = new Job(t - 1);
            for (int i = 1; i < t; i++) {
                long s = i * chunk;
                long e = Math.min(n, s + chunk);
                ws[i - 1].start(job, () -> body.run(s, e));
            }
            try {
                body.run(0, Math.min(n, chunk));
            } catch (RuntimeException | Error e) {
                job.fail(e);
            }
            job.await();
            Throwable failure = job.failure.get();
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            if (failure != null) {
                throw new IllegalStateException("parallel chunk failed", failure);
            }
        } finally {
            BUSY.set(false);
        }
    }

    /** The first {@code count} workers, started on first use (called holding {@link #BUSY}). */
    private static Worker[] workers(int count) {
        if (workers.length < count) {
            Worker[] grown = java.util.Arrays.copyOf(workers, count);
            for (int i = workers.length; i < count; i++) {
                grown[i] = new Worker(i);
                grown[i].start();
            }
            workers = grown;
        }
        return workers;
    }

    /** One parallel loop: the chunks still running, the first failure, and who waits. */
    private static final class Job {
        final AtomicInteger pending;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread caller = Thread.currentThread();
        volatile boolean callerParked;

        Job(int chunks) {
            pending = new AtomicInteger(chunks);
        }

        void fail(Throwable t) {
            failure.compareAndSet(null, t);
        }

        void done() {
            if (pending.decrementAndGet() == 0 && callerParked) {
                LockSupport.unpark(caller);
            }
        }

        /** Spins, then parks, until every worker chunk is done. */
        void await() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (pending.get() > 0) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                callerParked = true; // then re-check: done() reads the flag after its decrement
                if (pending.get() > 0) {
                    LockSupport.park(this);
                }
            }
        }
    }

    /** A pool thread: runs the chunks handed to it, spinning a while between them. */
    private static final class Worker extends Thread {
        private volatile Runnable chunk;
        private volatile Job job;
        private volatile boolean parked;

        Worker(int index) {
            super("ndarray-cpu-worker-" + index);
            setDaemon(true);
        }

        void start(Job j, Runnable c) {
            job = j;
            chunk = c; // published last: the worker reads it first
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                Runnable c = awaitChunk();
                Job j = job;
                chunk = null;
                try {
                    c.run();
                } catch (Throwable t) {
                    j.fail(t);
                } finally {
                    j.done();
                }
            }
        }

        private Runnable awaitChunk() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Runnable c = chunk;
                if (c != null) {
                    return c;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true; // then re-check: start() reads the flag after publishing the chunk
                if (chunk == null) {
                    LockSupport.park(this);
                }
                parked = false;
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
