package io.github.ndarray.samples;

import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tutorial exercise "chunked work" (what Dask's {@code da.arange(100_000, chunks=10_000)} does):
 * {@code (a**2).sum()} of the int64 {@code ND.arange(100_000)}, computed chunk by chunk on a thread
 * pool, each task squaring and summing one view of 10,000 elements, then the partial sums added;
 * checked against the one-shot {@code a.pow(2).sum()} and the closed form
 * {@code (n-1) n (2n-1) / 6} = 333328333350000.
 *
 * <p>Run it with
 * {@code ./mvnw -q -pl samples -am compile exec:exec -Dtour.main=io.github.ndarray.samples.ChunkedSum}
 * (options: {@code -Dtour.args="--n 100000 --chunk 10000 --threads 4"}; {@code --fast}, for CI,
 * changes nothing: the whole run takes milliseconds).
 */
public final class ChunkedSum {
    private ChunkedSum() {
    }

    /**
     * {@return the sum of squares of {@code a}, one task per chunk of {@code chunk} elements on {@code pool}}
     *
     * @param a a 1-d int64 array
     * @param chunk elements per task
     * @param pool where the tasks run
     * @param partials receives each chunk's sum, in order
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException if a task failed
     */
    static long chunkedSumOfSquares(NDArray a, long chunk, ExecutorService pool, List<Long> partials)
            throws InterruptedException, ExecutionException {
        long n = a.shape()[0];
        List<Future<Long>> parts = new ArrayList<>();
        for (long start = 0; start < n; start += chunk) {
            String slice = start + ":" + Math.min(n, start + chunk);
            parts.add(pool.submit(() -> {
                try (NDArray view = a.get(slice); NDArray sq = view.pow(2L); NDArray s = sq.sum()) {
                    return s.getLong();
                }
            }));
        }
        long total = 0;
        for (Future<Long> f : parts) {
            long p = f.get();
            partials.add(p);
            total += p;
        }
        return total;
    }

    /**
     * Runs the exercise.
     *
     * @param args {@code --n N} (default 100000), {@code --chunk C} (default 10000), {@code --threads T}
     *     (default: the core count), {@code --fast} (accepted for CI; changes nothing)
     * @throws Exception if a task failed
     */
    public static void main(String[] args) throws Exception {
        Exercises opt = new Exercises(args);
        long n = opt.longOption("n", 100_000);
        long chunk = opt.longOption("chunk", 10_000);
        int threads = (int) opt.longOption("threads", Exercises.cores());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (NDArray a = ND.arange(n)) {
            List<Long> partials = new ArrayList<>();
            long chunked = chunkedSumOfSquares(a, chunk, pool, partials);
            long oneShot;
            try (NDArray sq = a.pow(2L); NDArray s = sq.sum()) {
                oneShot = s.getLong();
            }
            long closedForm = (n - 1) * n * (2 * n - 1) / 6;
            System.out.println("a = ND.arange(" + n + "), " + a.dtype() + "; " + partials.size() + " chunks of " + chunk
                    + " on " + threads + " threads");
            System.out.println("partial sums: " + partials);
            System.out.println("chunked (a**2).sum()  = " + chunked);
            System.out.println("one-shot (a**2).sum() = " + oneShot);
            System.out.println("(n-1) n (2n-1) / 6    = " + closedForm);
            System.out.println(chunked == oneShot && oneShot == closedForm ? "all three agree" : "MISMATCH");
        } finally {
            pool.shutdown();
        }
    }
}
