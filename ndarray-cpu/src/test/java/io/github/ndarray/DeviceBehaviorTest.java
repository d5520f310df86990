package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.spi.Backends;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Devices with only the CPU backend on the classpath (this module's tests never see
 * ndarray-cuda): the host works, CUDA is refused with a reason, nothing moves silently.
 */
class DeviceBehaviorTest {
    @Test
    void cpuIsTheHost() {
        Device cpu = Device.cpu();
        assertSame(cpu, Device.cpu());
        assertEquals(Device.Type.CPU, cpu.type());
        assertEquals(0, cpu.index());
        assertEquals("cpu", cpu.toString());
        assertEquals(cpu, Device.cpu());
        assertEquals(cpu.hashCode(), Device.cpu().hashCode());
        assertNotEquals(cpu, "cpu");
    }

    @Test
    void arraysAreCreatedOnTheHost() {
        assertEquals(Device.cpu(), ND.zeros(3).device());
        assertEquals(Device.cpu(), ND.arange(3).device());
        assertEquals(Device.cpu(), ND.array(1.0, 2.0).device());
        assertEquals(Device.cpu(), ND.random(1).normal(0, 1, 4).device());
        assertEquals(Device.cpu(), ND.ones(2, 2).add(1.0).device());
    }

    @Test
    void cudaIsUnavailableAndSaysWhy() {
        assertFalse(Device.isCudaAvailable());
        String why = Device.cudaUnavailableReason();
        assertNotNull(why);
        assertTrue(why.contains("no CUDA backend on the classpath"), why);
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, Device::cuda);
        assertTrue(e.getMessage().contains("no CUDA backend on the classpath"), e.getMessage());
        assertTrue(e.getMessage().contains("io.github.ndarray:ndarray-cuda"), "tells the user what to add: " + e.getMessage());
        assertThrows(DeviceUnavailableException.class, () -> Device.cuda(1));
        // it is an IllegalStateException, as the design's error rules say for an unusable resource
        assertTrue(e instanceof IllegalStateException);
    }

    @Test
    void toTheCpuReturnsTheSameArray() {
        NDArray a = ND.arange(6).reshape(2, 3);
        assertSame(a, a.to(Device.cpu()));
        NDArray t = a.transpose();
        assertSame(t, t.to(Device.cpu()), "even a non-contiguous view: no copy");
    }

    @Test
    void runtimeInfoMentionsTheCpuBackend() {
        String info = ND.runtimeInfo();
        assertTrue(info.contains("java: " + Runtime.version()), info);
        assertTrue(info.toLowerCase(Locale.ROOT).contains("backend cpu: cpu"), info);
        assertTrue(info.contains("cuda: unavailable: no CUDA backend on the classpath"), info);
    }

    @Test
    void theCpuBackendIsFoundAndUsable() {
        var b = Backends.find(Device.Type.CPU);
        assertNotNull(b, "ndarray-cpu registers its backend with ServiceLoader");
        assertEquals(null, b.unavailableReason());
        assertSame(b, Backends.of(Device.cpu()));
        assertEquals(null, Backends.find(Device.Type.CUDA));
        assertThrows(DeviceUnavailableException.class, () -> Backends.of(newCudaDeviceReflectively()));
    }

    /** A cuda:0 Device object made without {@link Device#cuda()} (which refuses), to reach Backends.of. */
    private static Device newCudaDeviceReflectively() throws ReflectiveOperationException {
        var c = Device.class.getDeclaredConstructor(Device.Type.class, int.class);
        c.setAccessible(true);
        return c.newInstance(Device.Type.CUDA, 0);
    }

    @Test
    void movingToADeviceWithoutABackendIsRefusedNamingIt() throws ReflectiveOperationException {
        // No CUDA backend here, so a CUDA array cannot exist; an array moved to a CUDA device
        // (made behind Device.cuda()'s back) must be refused with a clear error, not a crash.
        Device cuda = newCudaDeviceReflectively();
        NDArray a = ND.ones(2);
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> a.to(cuda));
        assertTrue(e.getMessage().contains("cuda:0"), e.getMessage());
        assertArrayEquals(new double[] {1, 1}, a.toDoubleArray(), "the failed move leaves the array alone");
    }
}
