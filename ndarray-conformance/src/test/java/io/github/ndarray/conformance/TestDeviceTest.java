package io.github.ndarray.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ndarray.Device;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The suite's own helpers do what the suite relies on, on whichever device is under test. */
@OnTestDevice
class TestDeviceTest {
    @Test
    void onMovesToTheDeviceAndHostBringsBack() {
        NDArray h = ND.arange(0.0, 6.0, 1.0).reshape(2, 3);
        NDArray d = TestDevice.on(h);
        assertEquals(TestDevice.device(), d.device());
        assertEquals(Device.cpu(), TestDevice.host(d).device());
        assertArrayEquals(h.toDoubleArray(), TestDevice.host(d).toDoubleArray());
        if (TestDevice.isHost()) {
            assertSame(h, d, "on the CPU the suite runs on the very arrays it built");
        } else {
            assertNotSame(h, d);
        }
    }

    @Test
    void elementAccessWorksOnTheDevice() {
        // the suite reads and writes elements of device arrays directly; the api copies one element
        NDArray a = TestDevice.on(ND.zeros(2, 3));
        a.transpose().setDouble(7, 2, 1); // a[1, 2] through the transposed view
        a.setLong(-2, -2, 0);
        assertEquals(7.0, a.getDouble(1, 2));
        assertEquals(-2.0, a.get("0, 0").item());
        assertArrayEquals(new double[] {-2, 0, 0, 0, 0, 7}, a.toDoubleArray());
    }

    @Test
    void onDeviceRefusesAResultLeftOnAnotherDevice() {
        NDArray d = TestDevice.on(ND.ones(2));
        assertSame(d, TestDevice.onDevice(d));
        if (!TestDevice.isHost()) {
            assertThrows(AssertionFailedError.class, () -> TestDevice.onDevice(ND.ones(2)));
        }
    }
}
