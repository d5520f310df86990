package io.github.ndarray.blas;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ndarray.cpu.blas.Blas;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * NumPy's results for matmul (every layout, sizes 1..300, batches, 1-D), dot, vdot, inner,
 * outer, solve, inv, det and norm, in float32 and float64, run once with native OpenBLAS and
 * once with the pure-Java BLAS/LAPACK (switched with {@link Blas#use}). Tolerances: see
 * {@link LinalgGolden}.
 */
class LinalgGoldenTest {
    private static final List<LinalgGolden.Case> CASES = LinalgGolden.load();
    private static Blas.Kind initial;

    @BeforeAll
    static void remember() {
        initial = Blas.kind();
    }

    @AfterAll
    static void restore() {
        Blas.use(initial);
    }

    @Test
    void goldenFileHasCases() {
        assertTrue(CASES.size() > 250, "cases: " + CASES.size());
    }

    @TestFactory
    Stream<DynamicTest> nativeOpenBlas() {
        assumeTrue(Blas.nativeAvailable(), () -> "native OpenBLAS unavailable: " + Blas.nativeUnavailableReason());
        return tests(Blas.Kind.NATIVE);
    }

    @TestFactory
    Stream<DynamicTest> pureJava() {
        return tests(Blas.Kind.JAVA);
    }

    private static Stream<DynamicTest> tests(Blas.Kind kind) {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(kind + " " + c.id(), () -> {
            Blas.use(kind);
            LinalgGolden.run(c);
        }));
    }
}
