package io.github.ndarray.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The CPU backend's own thread pool: work is split into chunks, the calling thread runs one
 * share and the pool's workers the others. A dedicated pool because the common ForkJoin pool
 * has a single worker on a 2-core machine.
 *
 * <p>The thread count (caller included) defaults to the available processors and is set with
 * the system property {@code ndarray.threads} or {@link #setThreads(int)}; 1 means everything
 * runs on the caller.
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

    private static volatile int threads = initialThreads();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ndarray-cpu-worker");
        t.setDaemon(true);
        return t;
    });

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
     * {@code minChunk} indices; below {@code 2 * minChunk} it runs on the caller alone.
     * Exceptions from any chunk are rethrown on the caller.
     *
     * @param n the range size
     * @param minChunk the smallest chunk worth a thread (the per-op threshold)
     * @param body the loop body
     */
    public static void forRange(long n, long minChunk, RangeBody body) {
        int t = (int) Math.min(threads, Math.max(1, n / Math.max(minChunk, 1)));
        if (t <= 1) {
            body.run(0, n);
            return;
        }
        long chunk = (n + t - 1) / t;
        Future<?>[] futures = new Future<?>[t - 1];
        for (int i = 1; i < t; i++) {
            long s = i * chunk;
            long e = Math.min(n, s + chunk);
            futures[i - 1] = POOL.submit(() -> body.run(s, e));
        }
        Throwable failure = null;
        try {
            body.run(0, Math.min(n, chunk));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("parallel loop interrupted", failure);
        }
    }
}
