package io.github.ndarray.determinism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transcendental ufunc against correctly rounded values ({@code math/accuracy.tsv}, from
 * mpmath by {@code scripts/gen_math_accuracy.py}), within NumPy's own tolerances: the maximum
 * ULP errors of NumPy's {@code umath-validation-set-*.csv} tables, which its
 * {@code test_umath_accuracy.py} enforces. Zeros must come out with the expected sign, NaN as
 * NaN, infinities as infinities. Inputs include NaN, infinities, signed zeros, subnormals and
 * the overflow and underflow thresholds.
 */
class TranscendentalAccuracyTest {
    /** NumPy's float64 tolerance in ulp: 1, except these. power and arctan2 have no NumPy table; 1 ulp is C99 libm's usual bound. */
    private static final Map<String, Integer> FLOAT64_ULPS = Map.of("cbrt", 2, "tanh", 2);
    /** NumPy's float32 tolerances in ulp (power and arctan2: 2, as NumPy's smallest float32 entry). */
    private static final Map<String, Integer> FLOAT32_ULPS = Map.ofEntries(Map.entry("exp", 3), Map.entry("log", 4),
            Map.entry("expm1", 3), Map.entry("log1p", 2), Map.entry("log2", 3), Map.entry("log10", 4),
            Map.entry("sin", 2), Map.entry("cos", 2), Map.entry("tan", 4), Map.entry("arcsin", 4),
            Map.entry("arccos", 3), Map.entry("arctan", 3), Map.entry("sinh", 2), Map.entry("cosh", 3),
            Map.entry("tanh", 2), Map.entry("cbrt", 2), Map.entry("arctan2", 2), Map.entry("power", 2));

    /** One ufunc and dtype's cases: inputs by operand, then the expected values. */
    private record Cases(List<double[]> in, double[] expected) {
    }

    static Stream<Arguments> cases() throws IOException {
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        try (InputStream s = TranscendentalAccuracyTest.class.getResourceAsStream("/math/accuracy.tsv")) {
            new String(s.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .map(l -> l.split("\t")).forEach(f -> rows.computeIfAbsent(f[0] + " " + f[1], k -> new ArrayList<>()).add(f));
        }
        return rows.entrySet().stream().map(e -> {
            String[] key = e.getKey().split(" ");
            List<String[]> r = e.getValue();
            int nin = r.getFirst().length - 3;
            List<double[]> in = new ArrayList<>();
            for (int k = 0; k < nin; k++) {
                int col = k + 2;
                in.add(r.stream().mapToDouble(f -> parse(f[col])).toArray());
            }
            double[] expected = r.stream().mapToDouble(f -> parse(f[f.length - 1])).toArray();
            return Arguments.of(key[0], DType.of(key[1]), new Cases(in, expected));
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void withinNumpysUlpTolerance(String name, DType t, Cases c) {
        Ufunc u = Ufunc.all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        NDArray[] in = new NDArray[c.in().size()];
        for (int k = 0; k < in.length; k++) {
            try (NDArray d = ND.array(c.in().get(k))) {
                in[k] = d.astype(t);
            }
        }
        double[] got;
        try (NDArray r = u.call((Object[]) in)) {
            got = r.toDoubleArray();
        }
        int tolerance = t == DType.FLOAT32 ? FLOAT32_ULPS.get(name) : FLOAT64_ULPS.getOrDefault(name, 1);
        long worst = 0;
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < got.length; i++) {
            double e = c.expected()[i];
            long ulps = ulps(e, got[i], t);
            worst = Math.max(worst, ulps);
            if (ulps > tolerance) {
                bad.add(name + "(" + inputs(c, i) + ") = " + got[i] + ", expected " + e + " (" + ulps + " ulp)");
            }
        }
        System.out.println(name + " " + t + ": max " + worst + " ulp over " + got.length + " cases (NumPy allows "
                + tolerance + ")");
        assertTrue(bad.isEmpty(), bad.size() + " beyond " + tolerance + " ulp:\n" + String.join("\n",
                bad.subList(0, Math.min(20, bad.size()))));
        assertEquals(c.expected().length, got.length);
    }

    /** ULPs between two values of dtype t; a zero must match in sign, a NaN or infinity exactly. */
    static long ulps(double expected, double got, DType t) {
        if (Double.isNaN(expected) || Double.isNaN(got)) {
            return Double.isNaN(expected) && Double.isNaN(got) ? 0 : Long.MAX_VALUE;
        }
        if (expected == 0 || Double.isInfinite(expected)) {
            return Double.doubleToLongBits(expected) == Double.doubleToLongBits(got) ? 0 : Long.MAX_VALUE;
        }
        long a = ordered(expected, t);
        long b = ordered(got, t);
        return Math.abs(a - b);
    }

    /** The value's position among the dtype's floats (consecutive floats differ by 1). */
    private static long ordered(double v, DType t) {
        long bits = t == DType.FLOAT32 ? Float.floatToIntBits((float) v) : Double.doubleToLongBits(v);
        long sign = t == DType.FLOAT32 ? 1L << 31 : Long.MIN_VALUE;
        long magnitude = bits & ~sign;
        return (bits & sign) != 0 ? -magnitude : magnitude;
    }

    private static String inputs(Cases c, int i) {
        return String.join(", ", c.in().stream().map(a -> Double.toString(a[i])).toList());
    }

    private static double parse(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
