package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link ND#random(long)}: reproducible streams and the right distributions. The streams are the
 * library's own (they need not equal NumPy's numbers), so the checks are statistical, with
 * tolerances stated in each test (all at least 6 standard errors: a false failure is
 * practically impossible, a wrong distribution is caught).
 */
class RandomBehaviorTest {
    private static final int N = 100_000;

    @Test
    void sameSeedGivesIdenticalArrays() {
        Generator g1 = ND.random(42);
        Generator g2 = ND.random(42);
        assertArrayEquals(g1.random(1000).toDoubleArray(), g2.random(1000).toDoubleArray());
        assertArrayEquals(g1.normal(1, 2, 50, 20).toDoubleArray(), g2.normal(1, 2, 50, 20).toDoubleArray());
        assertArrayEquals(g1.integers(-5, 5, 1000).toLongArray(), g2.integers(-5, 5, 1000).toLongArray());
        assertArrayEquals(g1.uniform(-3, 7, 10).toDoubleArray(), g2.uniform(-3, 7, 10).toDoubleArray());
        // and across fresh generators: the same seed starts the same stream every time
        assertArrayEquals(ND.random(7).random(5).toDoubleArray(), ND.random(7).random(5).toDoubleArray());
    }

    @Test
    void differentSeedsAndSuccessiveCallsDiffer() {
        double[] a = ND.random(1).random(100).toDoubleArray();
        double[] b = ND.random(2).random(100).toDoubleArray();
        assertFalse(Arrays.equals(a, b), "seeds 1 and 2 give different streams");
        Generator g = ND.random(3);
        assertFalse(Arrays.equals(g.random(100).toDoubleArray(), g.random(100).toDoubleArray()),
                "a generator moves on");
        // not constant within one array either
        long distinct = Arrays.stream(a).distinct().count();
        assertEquals(100, distinct);
    }

    @Test
    void shapesAndDtypes() {
        Generator g = ND.random(0);
        NDArray r = g.random(3, 4);
        assertArrayEquals(new long[] {3, 4}, r.shape());
        assertEquals(DType.FLOAT64, r.dtype());
        assertEquals(DType.FLOAT64, g.normal(0, 1, 2).dtype());
        assertEquals(DType.INT64, g.integers(0, 2, 2, 2, 2).dtype());
        assertArrayEquals(new long[] {2, 2, 2}, g.integers(0, 2, 2, 2, 2).shape());
        assertEquals(0, g.random().ndim());
        assertArrayEquals(new long[] {0}, g.uniform(0, 1, 0).shape());
    }

    @Test
    void uniformStaysWithinBoundsAndFillsThem() {
        double low = -2.5;
        double high = 4.0;
        double[] u = ND.random(11).uniform(low, high, N).toDoubleArray();
        double min = Arrays.stream(u).min().orElseThrow();
        double max = Arrays.stream(u).max().orElseThrow();
        assertTrue(min >= low, "min " + min);
        assertTrue(max < high, "max " + max);
        // with 100k samples the extremes come within 0.001 of the bounds (P(miss) ~ e^-15)
        assertTrue(min < low + 0.001 && max > high - 0.001, min + " .. " + max);
        // mean (low+high)/2 = 0.75, sd of the mean = 6.5/sqrt(12)/sqrt(1e5) = 0.0059; tolerance 0.04
        double mean = Arrays.stream(u).average().orElseThrow();
        assertEquals(0.75, mean, 0.04);
        // each tenth of the range holds 10% +- 0.6% (6 sd of a binomial proportion is 0.57%)
        int[] bins = new int[10];
        for (double x : u) {
            bins[(int) ((x - low) / (high - low) * 10)]++;
        }
        for (int b : bins) {
            assertEquals(0.1, b / (double) N, 0.006, Arrays.toString(bins));
        }
        // random() is uniform on [0, 1)
        double[] r = ND.random(12).random(N).toDoubleArray();
        assertTrue(Arrays.stream(r).allMatch(x -> x >= 0 && x < 1));
        assertEquals(0.5, Arrays.stream(r).average().orElseThrow(), 0.006);
    }

    @Test
    void uniformWithEqualBoundsIsConstant() {
        // np.random.default_rng(0).uniform(3, 3, 4) -> [3., 3., 3., 3.]
        assertArrayEquals(new double[] {3, 3, 3, 3}, ND.random(0).uniform(3, 3, 4).toDoubleArray());
    }

    @Test
    void integersStayWithinHalfOpenRangeAndHitEveryValue() {
        long[] k = ND.random(5).integers(-3, 7, N).toLongArray();
        int[] counts = new int[10];
        for (long v : k) {
            assertTrue(v >= -3 && v < 7, "value " + v);
            counts[(int) (v + 3)]++;
        }
        // each of the 10 values ~10%: 6 sd is 0.57%
        for (int c : counts) {
            assertEquals(0.1, c / (double) N, 0.006, Arrays.toString(counts));
        }
        // a one-value range
        assertArrayEquals(new long[] {9, 9, 9}, ND.random(5).integers(9, 10, 3).toLongArray());
        // the extremes of long
        long[] wide = ND.random(6).integers(Long.MIN_VALUE, Long.MAX_VALUE, 1000).toLongArray();
        assertTrue(Arrays.stream(wide).anyMatch(v -> v < 0) && Arrays.stream(wide).anyMatch(v -> v > 0));
    }

    @Test
    void normalHasTheRequestedMeanAndStandardDeviation() {
        double mu = 3.0;
        double sigma = 2.0;
        NDArray x = ND.random(2024).normal(mu, sigma, N);
        double[] v = x.toDoubleArray();
        double mean = Arrays.stream(v).average().orElseThrow();
        double var = Arrays.stream(v).map(d -> (d - mu) * (d - mu)).sum() / N;
        // sd of the mean: sigma/sqrt(N) = 0.0063 -> tolerance 0.04 (6 sd)
        assertEquals(mu, mean, 0.04);
        // sd of the sample sd: sigma/sqrt(2N) = 0.0045 -> tolerance 0.03
        assertEquals(sigma, Math.sqrt(var), 0.03);
        // the library's own mean/std agree with the Java computation
        assertEquals(mean, x.mean().item(), 1e-9);
        assertEquals(Math.sqrt(Arrays.stream(v).map(d -> (d - mean) * (d - mean)).sum() / N), ND.std(x).item(), 1e-9);
        // about 68.3% within one sigma (6 sd of the proportion: 0.9%)
        long inside = Arrays.stream(v).filter(d -> Math.abs(d - mu) < sigma).count();
        assertEquals(0.6827, inside / (double) N, 0.009);
        // symmetric: about half above the mean
        long above = Arrays.stream(v).filter(d -> d > mu).count();
        assertEquals(0.5, above / (double) N, 0.01);
    }

    @Test
    void normalWithZeroScaleIsConstant() {
        assertArrayEquals(new double[] {-1, -1, -1}, ND.random(1).normal(-1, 0, 3).toDoubleArray());
    }
}
