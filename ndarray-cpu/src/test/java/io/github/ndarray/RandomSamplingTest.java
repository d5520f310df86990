package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.spi.RandomFill;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Integers without bias, choice, permutation and shuffle, and the messages for bad input.
 * Statistical checks use fixed seeds (they cannot flake) and a chi-square threshold at
 * significance 0.001 ({@link RandomGoodnessOfFitTest#chiSquareCritical}).
 */
class RandomSamplingTest {
    private static void assertUniform(long[] counts, String what) {
        long n = LongStream.of(counts).sum();
        double[] expected = new double[counts.length];
        Arrays.fill(expected, n / (double) counts.length);
        double stat = RandomGoodnessOfFitTest.chiSquare(counts, expected);
        double critical = RandomGoodnessOfFitTest.chiSquareCritical(counts.length - 1);
        assertTrue(stat < critical, what + ": chi-square " + stat + " >= " + critical + " " + Arrays.toString(counts));
    }

    @Test
    void integersAreInRangeAndUniform() {
        long[] k = ND.random(5).integers(-3, 7, 200_000).toLongArray();
        long[] counts = new long[10];
        for (long v : k) {
            assertTrue(v >= -3 && v < 7, "value " + v);
            counts[(int) (v + 3)]++;
        }
        assertUniform(counts, "integers(-3, 7)");
    }

    @Test
    void integersHaveNoModuloOrMultiplyBiasOnAWideRange() {
        // range 3 * 2^62: 2^64 mod range = 2^62, a quarter of all words must be rejected.
        // Modulo reduction would put half the values in the lowest third; multiply-shift without
        // rejection would give values = 0 (mod 3) probability 1/2. Both are binned here.
        long low = Long.MIN_VALUE;
        long high = Long.MIN_VALUE + 3 * (1L << 62);
        long[] k = ND.random(6).integers(low, high, 60_000).toLongArray();
        long[] thirds = new long[3];
        long[] residues = new long[3];
        for (long v : k) {
            long off = v - low; // in [0, 3 * 2^62), read as unsigned
            assertTrue(Long.compareUnsigned(off, 3 * (1L << 62)) < 0, "value " + v);
            thirds[(int) (off >>> 62)]++;
            residues[(int) Long.remainderUnsigned(off, 3)]++;
        }
        assertUniform(thirds, "thirds of the range");
        assertUniform(residues, "residues mod 3");
        // the extremes of long
        long[] wide = ND.random(7).integers(Long.MIN_VALUE, Long.MAX_VALUE, 1000).toLongArray();
        assertTrue(LongStream.of(wide).anyMatch(v -> v < 0) && LongStream.of(wide).anyMatch(v -> v > 0));
    }

    @Test
    void choiceWithoutReplacementGivesDistinctValues() {
        Generator g = ND.random(11);
        for (long[] nk : new long[][] {{10, 10}, {10, 3}, {1000, 999}, {1L << 40, 1000}, {5, 0}, {1, 1}}) {
            long[] c = g.choice(nk[0], nk[1], false).toLongArray();
            assertEquals(nk[1], c.length);
            assertEquals(c.length, LongStream.of(c).distinct().count(), "distinct: " + Arrays.toString(nk));
            assertTrue(LongStream.of(c).allMatch(v -> v >= 0 && v < nk[0]), Arrays.toString(nk));
        }
        // with replacement: values in range, repeats happen
        long[] r = g.choice(5, 100, true).toLongArray();
        assertTrue(LongStream.of(r).allMatch(v -> v >= 0 && v < 5));
        assertTrue(LongStream.of(r).distinct().count() < 100);
    }

    @Test
    void theDenseAndSparseSamplersAgree() {
        for (long[] nk : new long[][] {{100, 100}, {100, 7}, {5000, 40}, {2, 1}}) {
            long[] dense = Sampling.withoutReplacement(3, 10, nk[0], (int) nk[1], false);
            long[] sparse = Sampling.withoutReplacement(3, 10, nk[0], (int) nk[1], true);
            assertArrayEquals(dense, sparse, Arrays.toString(nk));
        }
    }

    @Test
    void choiceFromAnArrayPicksRows() {
        NDArray rows = ND.arange(12).reshape(4, 3);
        NDArray picked = ND.random(12).choice(rows, 6, true);
        assertArrayEquals(new long[] {6, 3}, picked.shape());
        long[] flat = picked.toLongArray();
        for (int i = 0; i < 6; i++) {
            long first = flat[3 * i];
            assertEquals(0, first % 3);
            assertArrayEquals(new long[] {first, first + 1, first + 2}, Arrays.copyOfRange(flat, 3 * i, 3 * i + 3));
        }
        long[] distinct = ND.random(12).choice(rows, 4, false).get(":, 0").toLongArray();
        assertEquals(Set.of(0L, 3L, 6L, 9L), Set.copyOf(Arrays.stream(distinct).boxed().toList()));
        assertArrayEquals(new long[] {0, 3}, ND.random(1).choice(rows, 0, false).shape());
    }

    @Test
    void permutationIsAPermutationAndEveryOrderIsEquallyLikely() {
        long[] p = ND.random(13).permutation(1000).toLongArray();
        long[] sorted = p.clone();
        Arrays.sort(sorted);
        assertArrayEquals(LongStream.range(0, 1000).toArray(), sorted);
        assertEquals(0, ND.random(13).permutation(0).size());
        // sampling nothing (or the forced last position of a 1-element shuffle) takes no counters
        Generator g0 = ND.random(13);
        g0.permutation(0);
        g0.permutation(1);
        g0.shuffle(ND.arange(1));
        g0.choice(0, 0, false);
        g0.choice(5, 0, false);
        assertArrayEquals(ND.random(13).random(4).toDoubleArray(), g0.random(4).toDoubleArray());
        // the 6 orders of 3 elements, 60k draws: a biased shuffle (e.g. Sattolo's, or swapping
        // with any position) is far off
        Generator g = ND.random(14);
        Map<String, Long> orders = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            orders.merge(Arrays.toString(g.permutation(3).toLongArray()), 1L, Long::sum);
        }
        assertEquals(6, orders.size(), orders.toString());
        assertUniform(orders.values().stream().mapToLong(Long::longValue).toArray(), "orders of 3");
        // permutation(n) is choice(n, n, false) from the same position
        assertArrayEquals(ND.random(15).permutation(50).toLongArray(), ND.random(15).choice(50, 50, false).toLongArray());
    }

    @Test
    void permutationOfAnArrayAndShuffleReorderRows() {
        NDArray m = ND.arange(20).reshape(5, 4);
        NDArray p = ND.random(16).permutation(m);
        assertArrayEquals(ND.arange(20).reshape(5, 4).toLongArray(), m.toLongArray(), "permutation copies");
        // shuffle in place gives the order permutation(a) gives from the same position
        NDArray s = ND.arange(20).reshape(5, 4);
        ND.random(16).shuffle(s);
        assertArrayEquals(p.toLongArray(), s.toLongArray());
        Set<Long> firsts = new HashSet<>();
        long[] flat = s.toLongArray();
        for (int r = 0; r < 5; r++) {
            assertEquals(0, flat[4 * r] % 4, "rows stay intact");
            assertEquals(flat[4 * r] + 3, flat[4 * r + 3]);
            firsts.add(flat[4 * r]);
        }
        assertEquals(Set.of(0L, 4L, 8L, 12L, 16L), firsts);
        // a strided view is shuffled in place, the rest untouched
        NDArray base = ND.arange(10);
        NDArray evens = base.get("::2");
        ND.random(17).shuffle(evens);
        long[] b = base.toLongArray();
        Set<Long> evensAfter = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 1) {
                assertEquals(i, b[i]);
            } else {
                evensAfter.add(b[i]);
            }
        }
        assertEquals(Set.of(0L, 2L, 4L, 6L, 8L), evensAfter);
    }

    @Test
    void floatDtypesAndShapes() {
        Generator g = ND.random(0);
        assertEquals(DType.FLOAT32, g.random(DType.FLOAT32, 3).dtype());
        assertEquals(DType.FLOAT32, g.standardNormal(DType.FLOAT32, 2, 2).dtype());
        assertArrayEquals(new long[] {2, 3}, g.standardNormal(2, 3).shape());
        // float32 normals are the float64 ones of the same counters, rounded
        double[] d = ND.random(3).standardNormal(101).toDoubleArray();
        double[] f = ND.random(3).standardNormal(DType.FLOAT32, 101).toDoubleArray();
        for (int i = 0; i < d.length; i++) {
            assertEquals((float) d[i], (float) f[i]);
        }
        double[] u = ND.random(4).random(DType.FLOAT32, 10_000).toDoubleArray();
        for (double x : u) {
            assertTrue(x >= 0 && x < 1, "float32 uniform " + x);
        }
    }

    private static void iae(String expectedPart, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }

    @Test
    void badInputThrowsIllegalArgumentWithAClearMessage() {
        Generator g = ND.random(0);
        iae("low >= high", () -> g.integers(5, 5, 3));
        iae("low >= high", () -> g.integers(5, 4, 3));
        iae("negative dimensions", () -> g.random(-1));
        iae("negative dimensions", () -> g.integers(0, 2, 3, -2));
        iae("negative dimensions", () -> g.choice(5, -1, true));
        iae("larger sample (6) than the population (5)", () -> g.choice(5, 6, false));
        iae("larger sample (4) than the population (3)", () -> g.choice(ND.arange(3), 4, false));
        iae("cannot be empty", () -> g.choice(0, 1, true));
        iae("non-negative", () -> g.choice(-2, 0, true));
        iae("non-negative", () -> g.permutation(-1));
        iae("non-negative", () -> g.spawn(-1));
        iae("at least one dimension", () -> g.shuffle(ND.array(new double[] {1}).reshape()));
        iae("dtype must be float64 or float32, got int64", () -> g.random(DType.INT64, 3));
        iae("dtype must be float64 or float32", () -> g.standardNormal(DType.INT32, 3));
        iae("scale must be non-negative", () -> g.normal(0, -1, 3));
        iae("need finite low <= high", () -> g.uniform(2, 1, 3));
        iae("cannot be drawn as float64", () -> new RandomFill(new RandomFill.Integers(0, 3), DType.FLOAT64, 0, 0));
        iae("empty range", () -> new RandomFill(new RandomFill.Integers(3, 3), DType.INT64, 0, 0));
        // a refused draw leaves the stream where it was
        Generator h = ND.random(9);
        assertThrows(IllegalArgumentException.class, () -> h.random(-1));
        assertArrayEquals(ND.random(9).random(4).toDoubleArray(), h.random(4).toDoubleArray());
    }
}
