package io.github.ndarray.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.spi.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/**
 * What the golden suite's small cases do not reach, on a real GPU (skipped without one): sizes
 * that split a reduction over several blocks, layouts with more axes than a launch walks,
 * cuBLAS's transposed and batched forms against the CPU, the same bits on every call and from
 * concurrent threads, the pool's reuse, and the out-of-memory message.
 */
class CudaBackendTest {
    private static Device gpu;

    @BeforeAll
    static void gpu() {
        String why = Device.cudaUnavailableReason();
        Assumptions.assumeTrue(why == null, why);
        gpu = Device.cuda();
    }

    private static NDArray random(long seed, long... shape) {
        return ND.random(seed).standardNormal(shape);
    }

    private static void assertClose(NDArray expected, NDArray actual, double rtol) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            double tol = rtol * Math.max(1, Math.abs(e[i]));
            int at = i;
            assertTrue(Math.abs(e[i] - a[i]) <= tol, () -> "element " + at + ": cpu " + e[at] + ", cuda " + a[at]);
        }
    }

    @Test
    void longSumsSplitOverBlocksAgreeWithTheCpuAndRepeatBitForBit() {
        try (NDArray h = random(1, 3_000_001); NDArray d = h.to(gpu)) {
            double cpu = h.sum().item();
            double first = d.sum().item();
            assertEquals(cpu, first, 1e-9 * Math.abs(cpu) + 1e-9);
            for (int i = 0; i < 3; i++) {
                assertEquals(Double.doubleToLongBits(first), Double.doubleToLongBits(d.sum().item()));
            }
            try (NDArray h32 = h.astype(DType.FLOAT32); NDArray d32 = h32.to(gpu)) {
                assertEquals(h32.sum().item(), d32.sum().item(), 1e-5 * Math.abs(cpu) + 1e-3);
            }
        }
    }

    @Test
    void argmaxOverManyChunksFindsTheFirstExtremeAndTheFirstNan() {
        try (NDArray h = random(11, 2_000_003); NDArray d = h.to(gpu)) {
            assertEquals(h.argmax().item(), d.argmax().item());
            assertEquals(h.argmin().item(), d.argmin().item());
            // ties: the first of equal maxima, far apart (different chunks), wins
            h.setDouble(100.0, 1_500_000);
            h.setDouble(100.0, 40_000);
            h.setDouble(Double.NaN, 1_999_999);
            h.setDouble(Double.NaN, 700_001);
            try (NDArray d2 = h.to(gpu)) {
                assertEquals(700_001.0, d2.argmax().item());
                assertEquals(700_001.0, d2.argmin().item());
            }
        }
    }

    @Test
    void floatProductsFoldInOrderAndShortFoldsMatchTheCpu() {
        try (NDArray h = ND.random(12).uniform(0.5, 1.5, 300_000); NDArray d = h.to(gpu)) {
            assertClose(h.prod(), d.prod(), 1e-12);
            assertEquals(Double.doubleToLongBits(d.prod().item()), Double.doubleToLongBits(d.prod().item()));
        }
        try (NDArray h = random(13, 100_000, 7); NDArray d = h.to(gpu)) {
            assertClose(h.sum(1), d.sum(1), 1e-15);
            assertClose(h.max(1), d.max(1), 0);
        }
    }

    @Test
    void reductionsOverEveryAxisSetMatchTheCpu() {
        try (NDArray h = random(2, 40, 30, 700); NDArray d = h.to(gpu)) {
            for (int[] axes : new int[][] {{0}, {1}, {2}, {0, 2}, {0, 1}, {1, 2}}) {
                assertClose(h.sum(axes), d.sum(axes), 1e-12);
                assertClose(h.max(axes), d.max(axes), 0);
            }
            assertClose(h.argmax(2), d.argmax(2), 0);
            assertClose(h.argmax(0), d.argmax(0), 0);
            assertClose(ND.cumsum(h, 2), ND.cumsum(d, 2), 1e-12);
        }
    }

    @Test
    void aLayoutOfMoreAxesThanALaunchWalksIsSplitOnTheHost() {
        long[] shape = {2, 3, 2, 3, 2, 3, 2, 3, 2, 3};
        try (NDArray h = random(3, shape); NDArray d = h.to(gpu)) {
            int[] perm = {9, 7, 5, 3, 1, 0, 2, 4, 6, 8};
            try (NDArray th = h.permuteDims(perm); NDArray td = d.permuteDims(perm);
                 NDArray rh = th.mul(th).add(1.0); NDArray rd = td.mul(td).add(1.0)) {
                assertArrayEquals(rh.toDoubleArray(), rd.toDoubleArray());
                assertArrayEquals(th.copy().toDoubleArray(), td.copy().toDoubleArray());
            }
        }
    }

    @Test
    void matmulOnCublasMatchesTheCpuInEveryLayout() {
        try (NDArray a = random(4, 3, 64, 48); NDArray b = random(5, 3, 48, 80);
             NDArray da = a.to(gpu); NDArray db = b.to(gpu)) {
            assertClose(a.matmul(b), da.matmul(db), 1e-12);
            try (NDArray at = random(6, 3, 48, 64).permuteDims(0, 2, 1); NDArray dat = at.to(gpu)) {
                assertClose(at.matmul(b), dat.matmul(db), 1e-12);
            }
            try (NDArray m = random(7, 48, 80); NDArray dm = m.to(gpu)) {
                assertClose(a.matmul(m), da.matmul(dm), 1e-12);
            }
            try (NDArray a32 = a.astype(DType.FLOAT32); NDArray b32 = b.astype(DType.FLOAT32)) {
                assertClose(a32.matmul(b32), a32.to(gpu).matmul(b32.to(gpu)), 1e-5);
            }
        }
        try (NDArray i = ND.random(8).integers(-50, 50, 33, 17); NDArray j = ND.random(9).integers(-50, 50, 17, 21)) {
            assertArrayEquals(i.matmul(j).toLongArray(), i.to(gpu).matmul(j.to(gpu)).toLongArray());
        }
    }

    @Test
    void concurrentThreadsGetTheSameBitsAsOneThread() throws Exception {
        try (NDArray h = random(10, 1_000_000); NDArray d = h.to(gpu)) {
            long expected = Double.doubleToLongBits(d.mul(d).sum().item());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Long>> results = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    results.add(pool.submit(() -> {
                        try (NDArray sq = d.mul(d); NDArray s = sq.sum()) {
                            return Double.doubleToLongBits(s.item());
                        }
                    }));
                }
                for (Future<Long> f : results) {
                    assertEquals(expected, f.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void freedBlocksAreReusedWithoutAskingTheDriver() {
        CudaDevice d = ((CudaBackend) Backends.find(Device.Type.CUDA)).device(gpu);
        try (NDArray warm = ND.zeros(gpu, DType.FLOAT64, 1 << 20)) {
            assertEquals(0.0, warm.sum().item());
        }
        long mallocs = d.pool.stats().mallocs();
        for (int i = 0; i < 20; i++) {
            try (NDArray a = ND.zeros(gpu, DType.FLOAT64, 1 << 20)) {
                assertEquals(0.0, a.sum().item());
            }
        }
        assertEquals(mallocs, d.pool.stats().mallocs());
    }

    @Test
    void anAllocationLargerThanTheGpuSaysHowMuchWasAskedAndIsFree() {
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> ND.empty(gpu, DType.FLOAT64, 40_000_000_000L));
        assertTrue(e.getMessage().contains("free"), e.getMessage());
        try (NDArray still = ND.ones(gpu, DType.FLOAT32, 1000)) {
            assertEquals(1000.0, still.sum().item());
        }
    }

    @Test
    void operandsOnTwoDevicesAreRefusedNamingBoth() {
        try (NDArray h = random(14, 10); NDArray d = h.to(gpu)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.add(d));
            assertTrue(e.getMessage().contains("cpu") && e.getMessage().contains("cuda:0"), e.getMessage());
        }
    }

    @Test
    void runtimeInfoNamesTheGpuAndItsPool() {
        String info = ND.runtimeInfo();
        assertTrue(info.contains("cuda:0") && info.contains("pool"), info);
    }
}
