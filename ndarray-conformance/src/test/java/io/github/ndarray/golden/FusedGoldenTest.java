package io.github.ndarray.golden;

import io.github.ndarray.conformance.OnTestDevice;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fused expressions against NumPy: about 3,000 random expressions over every dtype
 * ({@code golden/fused.tsv}, written by {@code scripts/gen_fused_golden.py}), each evaluated by
 * {@code ND.fuse(expr, "a", "b", ...).call(operands)} on the device under test and compared with
 * NumPy's {@code eval} of the same text: dtype, shape and values (exactly where every op is
 * exact, else within the per-case tolerance the generator states), or an exception where NumPy
 * raised. Operands are contiguous, transposed, reversed, strided, broadcast, empty and 0-d
 * arrays with NaN and infinities, and Java scalars (weak, as Python numbers are).
 */
@OnTestDevice
class FusedGoldenTest {
    @TestFactory
    Stream<DynamicTest> fused() {
        return Golden.tests("fused.tsv");
    }
}
