package io.github.ndarray.conformance.pretend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.Linalg;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Backend SPI's contract on a device that is not the host: element access, scalars,
 * creation, repr and capabilities go through the backend. Runs where the pretend device is on
 * ({@code -Dndarray.pretend=true}); skipped otherwise.
 */
class PretendDeviceTest {
    private static Device gpu;

    @BeforeAll
    static void device() {
        assumeTrue(Device.isCudaAvailable(), () -> "no device: " + Device.cudaUnavailableReason());
        gpu = Device.cuda();
    }

    private static NDArray hostData() {
        return ND.random(7).normal(0, 3, 4, 5);
    }

    @Test
    void arithmeticRunsOnTheDeviceWithTheHostsResults() {
        NDArray h = hostData();
        NDArray g = h.to(gpu);
        NDArray r = g.mul(2.5).add(g.T().T()).sub(1L);
        assertEquals(gpu, r.device());
        assertArrayEquals(h.mul(2.5).add(h).sub(1L).toDoubleArray(), r.toDoubleArray());
        assertArrayEquals(ND.exp(h).toDoubleArray(), ND.exp(g).toDoubleArray());
        assertArrayEquals(h.sum(0).toDoubleArray(), g.sum(0).toDoubleArray());
        assertEquals(h.argmax().item(), g.argmax().item());
        assertArrayEquals(h.matmul(h.T()).toDoubleArray(), g.matmul(g.T()).toDoubleArray());
        assertArrayEquals(h.astype(DType.INT16).toLongArray(), g.astype(DType.INT16).toLongArray());
    }

    @Test
    void aJavaScalarIsNotCopiedToTheDevice() {
        NDArray g = hostData().to(gpu);
        long before = PretendStorage.allocations();
        NDArray r = g.add(1.5);
        assertEquals(1, PretendStorage.allocations() - before, "only the result is allocated on the device");
        assertEquals(g.getDouble(1, 2) + 1.5, r.getDouble(1, 2));
    }

    @Test
    void elementAccessGoesThroughTheBackend() {
        NDArray g = ND.zeros(gpu, DType.INT32, 3, 4);
        g.setLong(-7, 1, 2);
        g.setDouble(2.9, 2, -1);
        assertEquals(-7, g.getLong(1, 2));
        assertEquals(2.0, g.getDouble(2, 3));
        assertEquals(-7.0, g.get("1, 2").item());
        g.set(":, 0", 5);
        assertArrayEquals(new long[] {5, 0, 0, 0, 5, 0, -7, 0, 5, 0, 0, 2}, g.toLongArray());
    }

    @Test
    void creationFillsOnTheDevice() {
        assertArrayEquals(new double[6], ND.zeros(gpu, DType.FLOAT64, 2, 3).toDoubleArray());
        assertArrayEquals(new double[] {1, 1}, ND.ones(gpu, DType.FLOAT32, 2).toDoubleArray());
        assertArrayEquals(new long[] {3, 3, 3}, ND.full(gpu, DType.UINT8, 3, 3).toLongArray());
        assertEquals(gpu, ND.empty(gpu, DType.INT8, 5).device());
        assertArrayEquals(ND.arange(2, 11, 3).toLongArray(), ND.arange(gpu, 2, 11, 3).toLongArray());
        assertArrayEquals(ND.linspace(0, 1, 7).toDoubleArray(), ND.linspace(gpu, 0, 1, 7).toDoubleArray());
        assertArrayEquals(ND.eye(3, 4, 1, DType.BOOL).toLongArray(), ND.eye(gpu, 3, 4, 1, DType.BOOL).toLongArray());
        assertEquals(gpu, ND.arange(gpu, 0.0, 1.0, 0.25).device());
    }

    @Test
    void reprReadsOnlyWhatItPrints() {
        NDArray h = ND.arange(3000).reshape(30, 100);
        NDArray g = h.to(gpu);
        long before = PretendBackend.bytesToHost();
        assertEquals(h.toString(), g.toString());
        long fetched = PretendBackend.bytesToHost() - before;
        assertTrue(fetched > 0 && fetched < 3000 * 8 / 10, "bytes fetched for the summarized repr: " + fetched);
        NDArray small = hostData();
        assertEquals(small.toString(), small.to(gpu).toString());
    }

    @Test
    void outAndWhereOnTheDevice() {
        NDArray h = hostData();
        NDArray g = h.to(gpu);
        NDArray mask = h.to(gpu).get(":, :").mul(0).add(1).astype(DType.BOOL);
        NDArray out = ND.full(gpu, DType.FLOAT64, 9, 4, 5);
        Ufunc.NEGATIVE.callInto(out, mask, g);
        assertArrayEquals(h.neg().toDoubleArray(), out.toDoubleArray());
    }

    @Test
    void linearAlgebraThroughTheCapability() {
        NDArray a = ND.array(new double[][] {{3, 1}, {1, 2}}).to(gpu);
        NDArray x = Linalg.solve(a, ND.array(new double[] {9, 8}).to(gpu));
        assertEquals(gpu, x.device());
        assertArrayEquals(new double[] {2, 3}, x.toDoubleArray(), 1e-12);
        assertEquals(5.0, Linalg.det(a).item(), 1e-12);
    }

    @Test
    void mixedDevicesNameBoth() {
        NDArray g = hostData().to(gpu);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.add(hostData()));
        assertTrue(e.getMessage().contains("cuda:0") && e.getMessage().contains("cpu"), e.getMessage());
    }

    @Test
    void foreignDeviceMemoryIsRefusedNamingTheDevice() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> ND.wrap(gpu, 0x1000, 64, DType.FLOAT64, new long[] {8}, new long[] {8}, 0, () -> { }));
        assertTrue(e.getMessage().contains("cuda:0"), e.getMessage());
    }

    @Test
    void aClosedDeviceArrayThrows() {
        NDArray g = hostData().to(gpu);
        g.close();
        assertThrows(IllegalStateException.class, () -> g.getDouble(0, 0));
        assertThrows(IllegalStateException.class, g::toDoubleArray);
    }

    @Test
    void randomArraysAreMadeOnTheDeviceWithTheHostsBits() {
        NDArray host = ND.random(11).normal(2, 3, 1001);
        NDArray g = ND.random(11).on(gpu).normal(2, 3, 1001);
        assertEquals(gpu, g.device());
        assertArrayEquals(host.toDoubleArray(), g.toDoubleArray());
        io.github.ndarray.Generator rng = ND.random(5);
        NDArray first = rng.on(gpu).integers(0, 100, 7);
        NDArray second = rng.integers(0, 100, 7);
        io.github.ndarray.Generator again = ND.random(5);
        assertArrayEquals(again.integers(0, 100, 7).toLongArray(), first.toLongArray());
        assertArrayEquals(again.integers(0, 100, 7).toLongArray(), second.toLongArray(), "one stream for both devices");
    }
}
