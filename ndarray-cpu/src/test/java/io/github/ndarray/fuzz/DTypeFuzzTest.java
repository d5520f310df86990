package io.github.ndarray.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ndarray.DType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** {@code DType.of(name)}: a dtype whose name is {@code name}, or IllegalArgumentException. */
class DTypeFuzzTest {
    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void of(String name) {
        Contract.allow(() -> assertEquals(name, DType.of(name).toString()), List.of(IllegalArgumentException.class));
    }
}
