package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.*;

import io.github.ndarray.conformance.OnTestDevice;
import org.junit.jupiter.api.Test;

@OnTestDevice
class ContractExampleTest {
    @Test
    void contractExample() {
        NDArray a = on(ND.arange(6)).reshape(2, 3);
        NDArray b = on(ND.array(new double[] {10, 20, 30}));
        NDArray c = a.add(b).mul(2.0);
        assertArrayEquals(new double[] {20, 42, 64, 26, 48, 70}, c.toDoubleArray());
        assertEquals(270.0, c.sum().item());
        assertEquals(DType.FLOAT64, c.dtype());
        assertArrayEquals(new long[] {3, 5, 7}, a.sum(0).toLongArray());
        assertArrayEquals(new double[] {1, 4}, a.mean(1).toDoubleArray());
        NDArray m = a.matmul(a.transpose());
        assertArrayEquals(new long[] {5, 14, 14, 50}, m.toLongArray());
        assertEquals(5, ND.argmax(a).item());
        assertArrayEquals(new long[] {0, 1, 3, 6, 10, 15}, ND.cumsum(a).toLongArray());
        System.out.println(ND.runtimeInfo());
    }

    @Test
    void allcloseAndArrayEqual() {
        NDArray x = on(ND.array(1.0, 2.0, 3.0));
        assertTrue(ND.allclose(x, on(ND.array(1.0, 2.0 + 1e-9, 3.0)), 1e-5, 1e-8));
        assertFalse(ND.allclose(x, on(ND.array(1.0, 2.1, 3.0)), 1e-5, 1e-8));
        assertFalse(ND.allclose(x, on(ND.array(1.0, Double.NaN, 3.0)), 1e-5, 1e-8));
        assertTrue(ND.arrayEqual(x, on(ND.array(1.0, 2.0, 3.0))));
        assertFalse(ND.arrayEqual(x, on(ND.array(1.0, 2.0))));
        assertFalse(ND.arrayEqual(x, on(ND.array(1.0, 2.0, 4.0))));
    }
}
