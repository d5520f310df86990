package io.github.ndarray.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The index-string parser and basic indexing: {@code a.get(s)} and {@code a.set(s, v)} on an
 * array of up to 4 axes of sizes 0 to 4, for any string {@code s}.
 */
class IndexFuzzTest {
    private static final List<Class<? extends Exception>> DOCUMENTED =
            List.of(IllegalArgumentException.class, IndexOutOfBoundsException.class);

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void getAndSet(FuzzedDataProvider data) {
        long[] shape = new long[data.consumeInt(0, 4)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = data.consumeInt(0, 4);
        }
        boolean write = data.consumeBoolean();
        String index = data.consumeRemainingAsString();
        try (NDArray a = ND.zeros(DType.INT16, shape)) {
            Contract.allow(() -> {
                if (write) {
                    a.set(index, 7L);
                } else {
                    a.get(index).close();
                }
            }, DOCUMENTED);
        }
    }
}
