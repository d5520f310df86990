package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our distributions against NumPy's: moments (mean, variance, skewness, excess kurtosis) of
 * {@value #N} draws against NumPy's from {@code golden/random_moments.tsv}
 * ({@code scripts/gen_random_golden.py}), and chi-square / Kolmogorov-Smirnov tests against the
 * exact distributions. The seed is fixed, so each test either always passes or always fails:
 * the thresholds (6 standard errors; significance 0.001) only decide how far off a wrong
 * distribution may be and still be caught.
 */
class RandomGoodnessOfFitTest {
    private static final int N = 1_000_000;
    private static final long SEED = 2026;

    /** One line of the golden file. */
    record Case(String name, String method, String p0, String p1, DType dtype, long m,
            double mean, double var, double skew, double kurt, double[] edges) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        var in = RandomGoodnessOfFitTest.class.getResourceAsStream("/golden/random_moments.tsv");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                double[] edges = f[10].equals("-") ? null
                        : Arrays.stream(f[10].split(",")).mapToDouble(Double::parseDouble).toArray();
                out.add(new Case(f[0], f[1], f[2], f[3], DType.valueOf(f[4].toUpperCase()), Long.parseLong(f[5]),
                        Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]),
                        Double.parseDouble(f[9]), edges));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(8, out.size(), "cases in the golden file");
        return out;
    }

    private static double[] draw(Case c) {
        Generator g = ND.random(SEED);
        NDArray x = switch (c.method()) {
            case "random" -> g.random(c.dtype(), N);
            case "uniform" -> g.uniform(Double.parseDouble(c.p0()), Double.parseDouble(c.p1()), N);
            case "normal" -> g.normal(Double.parseDouble(c.p0()), Double.parseDouble(c.p1()), N);
            case "standardNormal" -> g.standardNormal(c.dtype(), N);
            case "integers" -> g.integers(Long.parseLong(c.p0()), Long.parseLong(c.p1()), N);
            default -> throw new IllegalArgumentException(c.method());
        };
        assertEquals(c.dtype(), x.dtype(), c.name());
        return x.toDoubleArray();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void momentsAgreeWithNumPy(Case c) {
        double[] x = draw(c);
        double mean = Arrays.stream(x).average().orElseThrow();
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= N;
        m3 /= N;
        m4 /= N;
        double skew = m3 / Math.pow(m2, 1.5);
        double kurt = m4 / (m2 * m2) - 3;
        // Both sides are samples: the difference has standard error scale * sqrt(1/N + 1/M), with
        // the large-sample scales of each estimator (kurtosis: the normal's sqrt(24), an upper
        // bound for these light-tailed distributions). Tolerance: 6 of those.
        double both = Math.sqrt(1.0 / N + 1.0 / c.m());
        double mu4 = (c.kurt() + 3) * c.var() * c.var();
        assertEquals(c.mean(), mean, 6 * Math.sqrt(c.var()) * both, c + " mean");
        assertEquals(c.var(), m2, 6 * Math.sqrt(mu4 - c.var() * c.var()) * both, c + " variance");
        assertEquals(c.skew(), skew, 6 * Math.sqrt(6) * both, c + " skewness");
        assertEquals(c.kurt(), kurt, 6 * Math.sqrt(24) * both, c + " excess kurtosis");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void chiSquareAgainstTheExactDistribution(Case c) {
        double[] x = draw(c);
        long[] counts;
        double[] expected;
        if (c.edges() != null) {
            // 20 equiprobable bins between the exact 5% quantiles
            counts = new long[c.edges().length + 1];
            for (double v : x) {
                int k = Arrays.binarySearch(c.edges(), v);
                counts[k >= 0 ? k + 1 : -k - 1]++;
            }
            expected = new double[counts.length];
            Arrays.fill(expected, N / (double) counts.length);
        } else {
            long low = Long.parseLong(c.p0());
            int values = (int) (Long.parseLong(c.p1()) - low);
            counts = new long[values];
            for (double v : x) {
                counts[(int) ((long) v - low)]++;
            }
            expected = new double[values];
            Arrays.fill(expected, N / (double) values);
        }
        double stat = chiSquare(counts, expected);
        double critical = chiSquareCritical(counts.length - 1);
        assertTrue(stat < critical, c + ": chi-square " + stat + " >= " + critical + " (df " + (counts.length - 1) + ")");
    }

    @Test
    void kolmogorovSmirnovForUniforms() {
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double[] x = ND.random(SEED).random(t, N).toDoubleArray();
            assertKs(x, 0, 1, t.toString());
        }
        assertKs(ND.random(SEED + 1).uniform(-2.5, 4, N).toDoubleArray(), -2.5, 4, "uniform(-2.5, 4)");
    }

    private static void assertKs(double[] x, double low, double high, String what) {
        double[] s = x.clone();
        Arrays.sort(s);
        double d = 0;
        for (int i = 0; i < s.length; i++) {
            double f = (s[i] - low) / (high - low);
            d = Math.max(d, Math.max(f - i / (double) s.length, (i + 1) / (double) s.length - f));
        }
        // Kolmogorov's limit: P(sqrt(n) D > 1.949) = 0.001
        assertTrue(d * Math.sqrt(s.length) < 1.949, what + ": KS statistic sqrt(n) D = " + d * Math.sqrt(s.length));
    }

    static double chiSquare(long[] counts, double[] expected) {
        double stat = 0;
        for (int k = 0; k < counts.length; k++) {
            double d = counts[k] - expected[k];
            stat += d * d / expected[k];
        }
        return stat;
    }

    /**
     * The chi-square quantile at significance 0.001 by the Wilson-Hilferty approximation
     * ({@code df = 9}: 28.06, exact 27.88; {@code df = 19}: 43.95, exact 43.82; {@code df = 999}:
     * 1142.86, exact 1142.85): slightly above the exact value, i.e. slightly lenient.
     */
    static double chiSquareCritical(int df) {
        double z = 3.0902; // standard normal 0.999 quantile
        double a = 2.0 / (9 * df);
        return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }
}
