package io.github.ndarray.golden;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.conformance.OnTestDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * NumPy-differential tests: every case of the golden files under {@code src/test/resources/golden/}
 * (written by {@code scripts/gen_golden.py} with NumPy as the oracle) is one dynamic test named by
 * its id. A case builds its operands from exact values, applies the same view recipe as NumPy did
 * (transpose, reshape, broadcast, basic index string), calls the Java op through
 * {@link Golden#OPS} and compares with NumPy's result, or expects an exception where NumPy raised.
 *
 * <p>Tolerances:
 * <ul>
 *   <li>dtype and shape must match exactly;</li>
 *   <li>bool and integer results: exact;</li>
 *   <li>other float64 results: relative 1e-12 (absolute 1e-300 near zero), for arithmetic
 *       ({@code floor_divide remainder power arctan2}) and transcendental functions alike (both
 *       sides are within a few ulp of the true value);</li>
 *   <li>other float32 results: relative 1e-6 (absolute 1e-37 near zero);</li>
 *   <li>exactly defined float results are compared exactly: conversions ({@code astype}),
 *       creation with fixed values ({@code zeros ones full eye}), selections ({@code where clip
 *       maximum minimum fmax fmin max min} and their reduce/accumulate), {@code negative absolute
 *       sign floor ceil trunc rint}, and the correctly rounded IEEE operations {@code add subtract
 *       multiply divide square reciprocal sqrt} (elementwise; float32 computed through float64
 *       rounds the same, so any difference is a bug);</li>
 *   <li>sums over many terms ({@code sum prod mean var std cumsum cumprod}, {@code add/multiply/...
 *       .reduce/.accumulate}, {@code linspace}, float {@code arange}): the relative tolerance above
 *       times n, the number of terms per result, and an absolute tolerance of that times the
 *       terms' size (the largest finite input magnitude, squared for {@code var}; none for
 *       products), so that cancellation is judged against the terms;</li>
 *   <li>{@code matmul} and {@code dot}: relative 1e-5 for float32 and 1e-12 for float64, times k
 *       (the contracted length), absolute that times max|a|·max|b|;</li>
 *   <li>reductions marked {@code tol=abs} ({@code reductions_large.tsv}: sum, mean, var, std over
 *       127..21000 synthesised elements): |got − NumPy| ≤ rtol·S per result, S = Σ|x| over the
 *       reduced elements for sum, S/n for mean, Σx²/max(n − ddof, 1) for var (the terms before
 *       centring) and its square root for std; rtol = 1e-12 for float64 and min(n·1e-7, 4e-6)
 *       for float32 — n·1e-7 bounds a naive float32 sum, and the cap keeps one dropped or
 *       doubled element (1/n of S on positive data) detectable up to n = 21000 (NumPy's own
 *       float32 error on these inputs measured below 1.5e-7·S);</li>
 *   <li>{@code setitem} results, and outputs compared as a whole base array ({@code cmp=base}),
 *       follow the op's rule ({@code setitem}: exact);</li>
 *   <li>NaN matches NaN (any payload); infinities must match exactly, sign included; the sign
 *       of zero is not compared.</li>
 * </ul>
 *
 * <p>Skipped cases: a case whose NumPy result has a dtype we do not have yet (float16 for float
 * math of int8/uint8/bool, uint64 for sums of uint8) carries a one-line reason in the data;
 * cases whose view recipe needs {@code NDArray.get(String)} are skipped while it throws
 * {@code UnsupportedOperationException}; cases listed in {@code golden/KNOWN_FAILURES.txt} (and, on
 * a CUDA device, in {@code golden/KNOWN_FAILURES.cuda.txt})
 * (real library bugs, with a diagnosis) are skipped with that diagnosis — and reported as stale
 * once they pass ({@code -Dgolden.strictKnown=true} turns stale entries into failures).
 */
@OnTestDevice
class GoldenTest {
    static final List<String> FILES = List.of("ufunc_binary.tsv", "ufunc_unary.tsv", "ufunc_special.tsv", "scalars.tsv",
            "promotion.tsv", "out_where.tsv", "clip_where.tsv", "reductions.tsv", "matmul.tsv", "creation.tsv",
            "keepdims.tsv", "reductions_large.tsv", "out_views.tsv", "setitem.tsv", "matmul_edge.tsv", "cum_stats.tsv",
            "indexing_adv.tsv", "sorting.tsv", "manipulation.tsv", "fused.tsv");

    @TestFactory
    Stream<DynamicTest> ufuncBinary() {
        return Golden.tests("ufunc_binary.tsv");
    }

    @TestFactory
    Stream<DynamicTest> ufuncUnary() {
        return Golden.tests("ufunc_unary.tsv");
    }

    @TestFactory
    Stream<DynamicTest> ufuncSpecial() {
        return Golden.tests("ufunc_special.tsv");
    }

    @TestFactory
    Stream<DynamicTest> scalars() {
        return Golden.tests("scalars.tsv");
    }

    @TestFactory
    Stream<DynamicTest> promotion() {
        return Golden.tests("promotion.tsv");
    }

    @TestFactory
    Stream<DynamicTest> outWhere() {
        return Golden.tests("out_where.tsv");
    }

    @TestFactory
    Stream<DynamicTest> clipWhere() {
        return Golden.tests("clip_where.tsv");
    }

    @TestFactory
    Stream<DynamicTest> reductions() {
        return Golden.tests("reductions.tsv");
    }

    @TestFactory
    Stream<DynamicTest> matmul() {
        return Golden.tests("matmul.tsv");
    }

    @TestFactory
    Stream<DynamicTest> creation() {
        return Golden.tests("creation.tsv");
    }

    @TestFactory
    Stream<DynamicTest> keepdims() {
        return Golden.tests("keepdims.tsv");
    }

    @TestFactory
    Stream<DynamicTest> reductionsLarge() {
        return Golden.tests("reductions_large.tsv");
    }

    @TestFactory
    Stream<DynamicTest> outViews() {
        return Golden.tests("out_views.tsv");
    }

    @TestFactory
    Stream<DynamicTest> setitem() {
        return Golden.tests("setitem.tsv");
    }

    @TestFactory
    Stream<DynamicTest> matmulEdge() {
        return Golden.tests("matmul_edge.tsv");
    }

    @TestFactory
    Stream<DynamicTest> cumStats() {
        return Golden.tests("cum_stats.tsv");
    }

    @TestFactory
    Stream<DynamicTest> advancedIndexing() {
        return Golden.tests("indexing_adv.tsv");
    }

    @TestFactory
    Stream<DynamicTest> sortingAndSets() {
        return Golden.tests("sorting.tsv");
    }

    @TestFactory
    Stream<DynamicTest> manipulation() {
        return Golden.tests("manipulation.tsv");
    }

    /** Every public ufunc has golden cases, and every op in the data has a Java mapping. */
    @Test
    void everyUfuncIsCovered() {
        Set<String> ops = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        for (String f : FILES) {
            for (GoldenCase c : GoldenCase.load(f)) {
                ops.add(c.op);
                ids.add(c.id);
            }
        }
        Set<String> missing = new TreeSet<>(Golden.UFUNCS.keySet());
        missing.removeAll(ops);
        assertTrue(missing.isEmpty(), "ufuncs without golden cases: " + missing);
        Set<String> unmapped = new TreeSet<>(ops);
        unmapped.removeAll(Golden.OPS.keySet());
        assertTrue(unmapped.isEmpty(), "ops in the golden data without a Java mapping: " + unmapped);
        assertTrue(new TreeSet<>(ids).size() == ids.size(), "case ids must be unique across files");
        Set<String> knownUnmatched = new TreeSet<>();
        // every file's entries, whichever device this run tests: a stale id is caught on the CPU too
        for (Golden.Known k : Golden.KNOWN_FILES.stream().flatMap(f -> Golden.loadKnown(f).stream()).toList()) {
            if (ids.stream().noneMatch(id -> k.regex().matcher(id).matches())) {
                knownUnmatched.add(k.pattern());
            }
        }
        assertTrue(knownUnmatched.isEmpty(), "KNOWN_FAILURES.txt entries that match no case: " + knownUnmatched);
    }

    /** The harness can fail: a passing case with one expected value changed must not pass. */
    @Test
    void aMutatedExpectationFails() {
        GoldenCase c = GoldenCase.load("ufunc_binary.tsv").stream()
                .filter(x -> x.id.equals("add-float64")).findFirst().orElseThrow();
        Golden.run(c); // passes as generated
        String saved = c.expectValues[3];
        c.expectValues[3] = Double.toHexString(GoldenCase.parseDouble(saved) * (1 + 1e-9));
        try {
            assertThrows(AssertionFailedError.class, () -> Golden.run(c));
        } finally {
            c.expectValues[3] = saved;
        }
        GoldenCase i = GoldenCase.load("ufunc_binary.tsv").stream()
                .filter(x -> x.id.equals("add-int64")).findFirst().orElseThrow();
        Golden.run(i);
        i.expectValues[0] = Long.toString(Long.parseLong(i.expectValues[0]) + 1);
        assertThrows(AssertionFailedError.class, () -> Golden.run(i));
        GoldenCase d = GoldenCase.load("ufunc_binary.tsv").stream()
                .filter(x -> x.id.equals("divide-int32")).findFirst().orElseThrow();
        d.expectDtype = "float32";
        assertThrows(AssertionFailedError.class, () -> Golden.run(d));
    }

    /**
     * The added groups can fail too: a synthesised large sum (tol=abs) with one element's worth
     * added, a whole-base comparison after out= into a view, and a setitem result.
     */
    @Test
    void mutatedAddedCasesFail() {
        mutateAndExpectFailure("reductions_large.tsv", "sum-float64-n4099-pos", 0, 1.0);
        mutateAndExpectFailure("reductions_large.tsv", "sum-float32-n4099-pos", 0, 1.0);
        mutateAndExpectFailure("reductions_large.tsv", "mean-float32-300x70-rows-3-pos-ax0", 5, 1.0 / 100);
        mutateAndExpectFailure("out_views.tsv", "add-float64-outview-rev", 0, 1e-9);
        mutateAndExpectFailure("out_views.tsv", "add-float64-alias-a-arev-out-a", 6, 1e-9);
        mutateAndExpectFailure("setitem.tsv", "set-float64-1s3-arr-float64-2x5", 19, 1e-9);
        mutateAndExpectFailure("keepdims.tsv", "argmax-kd1-float64-ax1", 0, 1);
        mutateAndExpectFailure("matmul_edge.tsv", "matmul-int8-wrap-k40", 0, 1);
        mutateAndExpectFailure("cum_stats.tsv", "stat-var-int8-ax1-ddof2-kd", 0, 1e-3);
        mutateAndExpectFailure("indexing_adv.tsv", "ix-get-float64-3x4x5-(0_2)_s_(1_3)", 3, 1e-9);
        mutateAndExpectFailure("indexing_adv.tsv", "ix-set-float64-4x5-(0_0_1)-vfloat64-3x5", 0, 1e-9);
        mutateAndExpectFailure("indexing_adv.tsv", "add.at-int64", 1, 1);
        mutateAndExpectFailure("sorting.tsv", "argsort-float64-n1000", 500, 1);
        mutateAndExpectFailure("sorting.tsv", "unique.counts-int32", 0, 1);
        mutateAndExpectFailure("manipulation.tsv", "rot90-float64-k1", 2, 1e-9);
    }

    /** Runs the case as generated (it must pass), then with expected value i plus delta (it must fail). */
    private static void mutateAndExpectFailure(String file, String id, int i, double delta) {
        GoldenCase c = GoldenCase.load(file).stream().filter(x -> x.id.equals(id)).findFirst().orElseThrow();
        Golden.run(c);
        String saved = c.expectValues[i];
        boolean integral = !c.expectDtype.startsWith("float");
        c.expectValues[i] = integral ? Long.toString(Long.parseLong(saved) + (long) delta)
                : Double.toHexString(GoldenCase.parseDouble(saved) + delta);
        try {
            assertThrows(AssertionFailedError.class, () -> Golden.run(c), id);
        } finally {
            c.expectValues[i] = saved;
        }
    }
}
