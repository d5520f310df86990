package io.github.ndarray.samples;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tutorial exercise "parallel map with chunk sizes": which of the first 5000 Fibonacci numbers
 * F(1)..F(5000) are prime ({@link BigInteger#isProbablePrime} with certainty
 * {@value #CERTAINTY}), mapped serially and then on a pool of 1, 2 and all cores' threads with
 * several chunk sizes; prints the core count, a table of run times and the prime indices found.
 *
 * <p>The work is lopsided: F(k) has about 0.69k bits, and a prime costs all the rounds where a
 * composite usually fails the first, so large chunks leave one thread with the expensive tail.
 *
 * <p>Run it with
 * {@code ./mvnw -q -pl samples -am compile exec:exec -Dtour.main=io.github.ndarray.samples.ParallelFibonacciPrimes}
 * (options: {@code -Dtour.args="--n 5000 --chunks 1,10,100,1000"}; {@code --fast}, for CI: the first 500).
 */
public final class ParallelFibonacciPrimes {
    /** Certainty for {@link BigInteger#isProbablePrime}: a composite passes with probability below 2^-50. */
    static final int CERTAINTY = 50;

    private ParallelFibonacciPrimes() {
    }

    /**
     * {@return F(1)..F(n)}
     *
     * @param n how many
     */
    static List<BigInteger> fibonacci(int n) {
        return Generators.fibonacciBig().limit(n).toList();
    }

    /**
     * {@return the indices k (1-based) of the prime F(k) in {@code fib}, mapped on the calling thread}
     *
     * @param fib F(1)..F(n)
     */
    static TreeSet<Integer> serial(List<BigInteger> fib) {
        TreeSet<Integer> found = new TreeSet<>();
        for (int i = 0; i < fib.size(); i++) {
            if (fib.get(i).isProbablePrime(CERTAINTY)) {
                found.add(i + 1);
            }
        }
        return found;
    }

    /**
     * {@return the indices k (1-based) of the prime F(k) in {@code fib}, one task per {@code chunk} numbers on {@code pool}}
     *
     * @param fib F(1)..F(n)
     * @param chunk numbers per task
     * @param pool where the tasks run
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException if a task failed
     */
    static TreeSet<Integer> parallel(List<BigInteger> fib, int chunk, ExecutorService pool)
            throws InterruptedException, ExecutionException {
        List<Future<List<Integer>>> tasks = new ArrayList<>();
        for (int start = 0; start < fib.size(); start += chunk) {
            int from = start;
            int to = Math.min(fib.size(), start + chunk);
            tasks.add(pool.submit(() -> {
                List<Integer> found = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    if (fib.get(i).isProbablePrime(CERTAINTY)) {
                        found.add(i + 1);
                    }
                }
                return found;
            }));
        }
        TreeSet<Integer> found = new TreeSet<>();
        for (Future<List<Integer>> t : tasks) {
            found.addAll(t.get());
        }
        return found;
    }

    /**
     * Runs the exercise.
     *
     * @param args {@code --n N} (default 5000), {@code --chunks C1,C2,...} (default 1,10,100,1000, and
     *     n / threads), {@code --fast} (n = 500)
     * @throws Exception if a task failed
     */
    public static void main(String[] args) throws Exception {
        Exercises opt = new Exercises(args);
        int n = (int) opt.longOption("n", opt.flag("fast") ? 500 : 5000);
        int cores = Exercises.cores();
        List<BigInteger> fib = fibonacci(n);
        System.out.println("cores: " + cores + "; F(1)..F(" + n + "), the largest " + fib.get(n - 1).bitLength()
                + " bits; isProbablePrime(" + CERTAINTY + ")");

        serial(fib.subList(0, Math.min(n, 500))); // warm-up, so that the serial time is not the JIT's
        long t0 = System.nanoTime();
        TreeSet<Integer> expected = serial(fib);
        long serialNanos = System.nanoTime() - t0;
        System.out.println(expected.size() + " primes, at k = " + expected);
        System.out.printf(Locale.ROOT, "%-8s %-7s %10s %8s%n", "threads", "chunk", "time", "speedup");
        System.out.printf(Locale.ROOT, "%-8s %-7s %10s %8s%n", "serial", "-", Exercises.time(serialNanos), "1.00x");

        TreeSet<Integer> threadCounts = new TreeSet<>(List.of(1, 2, cores));
        for (int threads : threadCounts) {
            TreeSet<Integer> chunks = new TreeSet<>();
            for (String c : opt.option("chunks", "1,10,100,1000").split(",")) {
                chunks.add(Math.min(n, Integer.parseInt(c.trim())));
            }
            chunks.add((n + threads - 1) / threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int chunk : chunks) {
                    long s = System.nanoTime();
                    TreeSet<Integer> found = parallel(fib, chunk, pool);
                    long nanos = System.nanoTime() - s;
                    if (!found.equals(expected)) {
                        throw new IllegalStateException("threads " + threads + ", chunk " + chunk + " found " + found);
                    }
                    System.out.printf(Locale.ROOT, "%-8d %-7d %10s %7.2fx%n", threads, chunk, Exercises.time(nanos),
                            (double) serialNanos / nanos);
                }
            } finally {
                pool.shutdown();
            }
        }
        System.out.println("every run found the same " + expected.size() + " primes");
    }
}
