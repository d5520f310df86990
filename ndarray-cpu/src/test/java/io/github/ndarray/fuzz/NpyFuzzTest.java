package io.github.ndarray.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

/**
 * {@code .npy} reading ({@code ND.load}, Npy and NpyHeader) of any bytes: an array, or an
 * IOException that names what is wrong. The corpus starts from small files NumPy wrote.
 */
class NpyFuzzTest {
    private static final Path FILE = tempFile();

    private static Path tempFile() {
        try {
            return Files.createTempFile("ndarray-fuzz", ".npy");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(FILE);
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void load(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        Contract.allow(() -> {
            try (NDArray a = ND.load(FILE)) {
                a.toString();
            }
        }, List.of(IOException.class));
    }
}
