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
 * {@link #SPIN_NANOS} after its last chunk before parking (yielding after the first
 * {@link #PURE_SPIN_NANOS}, so that an idle worker gives way to other processes): back-to-back
 * operations hand over in about half a microsecond.
 *
 * <p>Chunks are claimed, not assigned: each is run by whoever claims it first, the worker it was
 * offered to or the caller, which claims the unstarted ones once its own is done. A worker that
 * the OS has not scheduled (a busy machine) therefore delays nothing: the caller does its share,
 * and the loop is never slower than a serial one by more than the claims. The caller then waits
 * only for chunks a worker has started. The workers serve one loop at a time: a loop started
 * while they are busy (another thread's, or one nested in a chunk) runs on its caller alone, so
 * nothing ever waits for a worker that waits for it.
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

    /** How long an idle worker (or a waiting caller) spins before it parks. */
    static final long SPIN_NANOS = 200_000;
    /** How long of that it spins without yielding. */
    static final long PURE_SPIN_NANOS = 20_000;

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
            Job job = new Job(n, t, body);
            for (int i = 1; i < t; i++) {
                ws[i - 1].offer(job, i);
            }
            for (int i = 0; i < t; i++) {
                job.runIfUnclaimed(i);
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

    /**
     * Waits the way the pool does: spins, then spins yielding, then parks until {@code done}
     * holds: woken by {@code unpark}, and with {@code recheck} also every millisecond.
     */
    private static void spinThenPark(java.util.function.BooleanSupplier done, Runnable beforePark,
            Runnable afterPark, boolean recheck) {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            long waited = System.nanoTime() - start;
            if (waited < PURE_SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (waited < SPIN_NANOS) {
                Thread.yield();
            } else {
                beforePark.run(); // then re-check: the waker reads the flag after its own write
                if (!done.getAsBoolean()) {
                    if (recheck) {
                        LockSupport.parkNanos(1_000_000);
                    } else {
                        LockSupport.park();
                    }
                }
                afterPark.run();
                start = System.nanoTime();
            }
        }
    }

    /** One parallel loop: its chunks, who claimed them, the ones not finished, the first failure. */
    private static final class Job {
        private final long n;
        private final long chunk;
        private final RangeBody body;
        private final java.util.concurrent.atomic.AtomicIntegerArray claimed;
        private final AtomicInteger pending;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread caller = Thread.currentThread();
        private volatile boolean callerParked;

        Job(long n, int chunks, RangeBody body) {
            this.n = n;
            this.chunk = (n + chunks - 1) / chunks;
            this.body = body;
            this.claimed = new java.util.concurrent.atomic.AtomicIntegerArray(chunks);
            this.pending = new AtomicInteger(chunks);
        }

        /** Runs chunk {@code i} unless another thread claimed it first. */
        void runIfUnclaimed(int i) {
            if (!claimed.compareAndSet(i, 0, 1)) {
                return;
            }
            try {
                long s = i * chunk;
                body.run(Math.min(n, s), Math.min(n, s + chunk));
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                if (pending.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** Returns once every chunk has finished (the caller has claimed all it could). */
        void await() {
            // Bounded parks: the caller must never sleep through the last chunk's end.
            spinThenPark(() -> pending.get() == 0, () -> callerParked = true, () -> callerParked = false, true);
        }
    }

    /** What a worker is offered: chunk {@code index} of {@code job}. */
    private record Offer(Job job, int index) {
    }

    /** A pool thread: claims the chunks offered to it, spinning a while between them. */
    private static final class Worker extends Thread {
        private final AtomicReference<Offer> offer = new AtomicReference<>();
        private volatile boolean parked;

        Worker(int index) {
            super("ndarray-cpu-worker-" + index);
            setDaemon(true);
        }

        void offer(Job job, int index) {
            offer.set(new Offer(job, index));
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                // An idle worker sleeps until offered a chunk; were a wake-up ever missed, the
                // caller would run the chunk itself.
                // Pool threads are not cancellable: an interrupt (from anyone) is dropped, or park
                // would return at once and the idle worker would spin for good.
                spinThenPark(() -> offer.get() != null, () -> parked = true, () -> {
                    parked = false;
                    Thread.interrupted();
                }, false);
                Offer o = offer.getAndSet(null);
                if (o != null) {
                    o.job().runIfUnclaimed(o.index());
                    Thread.interrupted(); // a chunk may leave it set; see above
                }
            }
        }
    }
}
