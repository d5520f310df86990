package io.github.ndarray;

import io.github.ndarray.spi.RandomBits;
import java.util.HashMap;
import java.util.Map;

/**
 * Sampling without replacement by a partial Fisher-Yates shuffle of {@code 0..n-1}: step
 * {@code j} swaps position {@code j} with {@code j + r}, {@code r} uniform in {@code [0, n - j)}.
 * The random numbers are positional like every other draw: step {@code j} takes
 * {@link RandomBits#bounded} at counter {@code base + j / 2}, slot {@code j % 2}, so the result
 * depends only on the key, the base counter, {@code n} and {@code k}.
 *
 * <p>Two stores hold the positions being shuffled, with identical results: a dense
 * {@code long[n]}, and a sparse map of the positions moved so far for a few samples of a huge
 * range (Floyd's trick), where a dense array would waste memory.
 */
final class Sampling {
    /** Above this many candidates per sample, the sparse store is used. */
    static final long SPARSE_RATIO = 16;
    /** The largest population a dense store (a Java array) can hold. */
    static final long MAX_DENSE = Integer.MAX_VALUE - 8;

    private Sampling() {
    }

    /**
     * {@return how many random steps a sample of k from n takes: k, but the last position of a
     * full shuffle is forced, and an empty population takes none}
     */
    static long steps(long n, long k) {
        return Math.max(0, Math.min(k, n - 1));
    }

    /**
     * {@code k} distinct values of {@code [0, n)} in random order.
     *
     * @param key the Philox key
     * @param base the first counter ({@code ceil(steps(n, k) / 2)} counters are used)
     * @param n the population, at least {@code k}
     * @param k the sample size
     * @return the sample
     */
    static long[] withoutReplacement(long key, long base, long n, int k) {
        boolean sparse = n > MAX_DENSE || n / SPARSE_RATIO > k;
        return withoutReplacement(key, base, n, k, sparse);
    }

    /** The same with the store chosen by the caller (tests compare the two). */
    static long[] withoutReplacement(long key, long base, long n, int k, boolean sparse) {
        Positions p = sparse ? new SparsePositions() : new DensePositions((int) n);
        long steps = steps(n, k);
        int[] w = new int[4];
        for (long j = 0; j < steps; j++) {
            long r = RandomBits.bounded(key, base + j / 2, (int) (j % 2), n - j, w);
            long other = p.get(j + r);
            p.set(j + r, p.get(j));
            p.set(j, other);
        }
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            out[i] = p.get(i);
        }
        return out;
    }

    /** The shuffled positions: position {@code i} holds {@code i} until moved. */
    private interface Positions {
        long get(long i);

        void set(long i, long v);
    }

    private static final class DensePositions implements Positions {
        private final long[] v;

        DensePositions(int n) {
            v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = i;
            }
        }

        @Override
        public long get(long i) {
            return v[(int) i];
        }

        @Override
        public void set(long i, long value) {
            v[(int) i] = value;
        }
    }

    private static final class SparsePositions implements Positions {
        private final Map<Long, Long> moved = new HashMap<>();

        @Override
        public long get(long i) {
            return moved.getOrDefault(i, i);
        }

        @Override
        public void set(long i, long value) {
            moved.put(i, value);
        }
    }
}
