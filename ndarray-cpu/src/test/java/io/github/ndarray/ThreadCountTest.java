package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.cpu.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code ND.threads()}/{@code ND.setThreads(n)} reach the CPU backend's loops and change nothing but the speed. */
@Isolated("changes the process-wide thread count")
class ThreadCountTest {
    @Test
    void setThreadsChangesTheCpuBackendsCountAndNotTheBits() {
        int before = ND.threads();
        assertEquals(Parallel.threads(), before);
        try (NDArray x = ND.random(3).standardNormal(4_000_000)) {
            double all = x.sum().item();
            ND.setThreads(1);
            assertEquals(1, ND.threads());
            assertEquals(1, Parallel.threads());
            assertEquals(Double.doubleToLongBits(all), Double.doubleToLongBits(x.sum().item()));
            assertTrue(ND.runtimeInfo().contains("1 threads"), ND.runtimeInfo());
        } finally {
            ND.setThreads(before);
        }
        assertEquals(before, ND.threads());
    }

    @Test
    void aCountBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ND.setThreads(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}
