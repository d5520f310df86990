package io.github.ndarray.blas;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * NumPy's results for matmul (every layout, sizes 1..300, batches, 1-D), dot, vdot, inner,
 * outer, solve, inv, det and norm, in float32 and float64, on the device under test. On the CPU
 * the build runs this twice: with the BLAS the CPU backend picks (native OpenBLAS where it loads)
 * in execution {@code cpu}, and with the pure-Java BLAS/LAPACK ({@code -Dndarray.blas=java}) in
 * execution {@code cpu-java-blas}. Tolerances: see {@link LinalgGolden}.
 */
class LinalgGoldenTest {
    private static final List<LinalgGolden.Case> CASES = LinalgGolden.load();

    @Test
    void goldenFileHasCases() {
        assertTrue(CASES.size() > 250, "cases: " + CASES.size());
    }

    @TestFactory
    Stream<DynamicTest> numpyCases() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> LinalgGolden.run(c)));
    }
}
