package io.github.ndarray.blas;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.conformance.OnTestDevice;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * NumPy's results for matmul (every layout, sizes 1..300, batches, 1-D), dot, vdot, inner,
 * outer, solve, inv, det and norm, in float32 and float64, on the device under test. On the CPU
 * the build runs this twice: with the BLAS the CPU backend picks (native OpenBLAS where it loads)
 * in execution {@code cpu}, and with the pure-Java BLAS/LAPACK ({@code -Dndarray.blas=java}) in
 * execution {@code cpu-java-blas}. Tolerances: see {@link LinalgGolden}.
 */
@OnTestDevice
class LinalgGoldenTest {
    private static final List<LinalgGolden.Case> CASES = LinalgGolden.load();

    @Test
    void goldenFileHasCases() {
        assertTrue(CASES.size() > 250, "cases: " + CASES.size());
    }

    /**
     * The harness can fail: a case with one NumPy value moved by a relative 1e-9 (far beyond float64
     * rounding, far inside what a loose tolerance would let through) must not pass, for a matmul
     * (judged per element against |A| @ |B|) and for solve (judged normwise).
     */
    @Test
    void aMutatedExpectationFails() {
        for (String id : new String[] {"matmul_float64_c_2x3x4", "solve_float64_2_vec"}) {
            LinalgGolden.Case c = CASES.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            LinalgGolden.run(c); // passes as generated
            String[] v = c.values().split(" ");
            v[0] = Double.toHexString(LinalgGolden.parseDouble(v[0]) * (1 + 1e-9));
            LinalgGolden.Case mutated = new LinalgGolden.Case(c.id(), c.op(), c.params(), c.args(), c.kind(), c.dtype(),
                    c.shape(), String.join(" ", v), c.raisesClass(), c.raisesMessage());
            assertThrows(AssertionFailedError.class, () -> LinalgGolden.run(mutated), id);
        }
    }

    @TestFactory
    Stream<DynamicTest> numpyCases() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> LinalgGolden.run(c)));
    }
}
