package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.*;

import io.github.ndarray.conformance.OnTestDevice;
import org.junit.jupiter.api.Test;

/** concatenate and stack against NumPy 2 (expected values printed by NumPy, quoted per test). */
@OnTestDevice
class JoiningTest {
    @Test
    void concatenatePromotesAndJoinsAlongAxis0() {
        // np.concatenate([np.arange(6).reshape(2,3), np.arange(3, dtype=np.float32).reshape(1,3) + 0.5], 0)
        NDArray a = on(ND.arange(6)).reshape(2, 3);
        NDArray b = on(ND.arange(3)).astype(DType.FLOAT32).reshape(1, 3).add(0.5);
        NDArray c = ND.concatenate(0, a, b);
        assertEquals(DType.FLOAT64, c.dtype());
        assertArrayEquals(new long[] {3, 3}, c.shape());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 0.5, 1.5, 2.5}, c.toDoubleArray());
    }

    @Test
    void concatenateViewsAlongTheLastAxis() {
        // np.concatenate([a, a[:, ::-1]], 1) -> [[0,1,2,2,1,0],[3,4,5,5,4,3]]
        NDArray a = on(ND.arange(6)).reshape(2, 3);
        NDArray c = ND.concatenate(-1, a, a.get(":, ::-1"));
        assertEquals(DType.INT64, c.dtype());
        assertArrayEquals(new long[] {0, 1, 2, 2, 1, 0, 3, 4, 5, 5, 4, 3}, c.toLongArray());
    }

    @Test
    void stackMakesANewAxis() {
        // np.stack([np.arange(3), np.arange(3)*2], 1) -> [[0,0],[1,2],[2,4]]
        NDArray s = ND.stack(1, on(ND.arange(3)), on(ND.arange(3)).mul(2));
        assertArrayEquals(new long[] {3, 2}, s.shape());
        assertArrayEquals(new long[] {0, 0, 1, 2, 2, 4}, s.toLongArray());
    }

    @Test
    void badInputIsRefusedWithNumpysMessages() {
        NDArray a = on(ND.arange(6)).reshape(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ND.concatenate(0, a, on(ND.ones(2, 2))));
        assertEquals("all the input array dimensions except for the concatenation axis must match exactly, but along "
                + "dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ND.concatenate(0, on(ND.scalar(1, DType.FLOAT64))));
        assertThrows(AxisException.class, () -> ND.concatenate(2, a, a));
        assertThrows(IllegalArgumentException.class, () -> ND.concatenate(0));
        assertThrows(IllegalArgumentException.class, () -> ND.stack(0, a, on(ND.ones(3, 2))));
    }
}
