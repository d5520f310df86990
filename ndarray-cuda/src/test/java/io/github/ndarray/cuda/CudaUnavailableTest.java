package io.github.ndarray.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.Device;
import io.github.ndarray.DeviceUnavailableException;
import io.github.ndarray.ND;
import io.github.ndarray.spi.Backends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Without a driver or a GPU, the backend says which is missing; nothing crashes. */
class CudaUnavailableTest {
    @Test
    void theCudaBackendIsTheOneFoundForCuda() {
        assertEquals(CudaBackend.class, Backends.find(Device.Type.CUDA).getClass());
    }

    @Test
    void withoutADriverDeviceCudaSaysWhatIsMissing() {
        Assumptions.assumeTrue(new CudaBackend().unavailableReason() != null, "this machine has a usable GPU");
        String why = Device.cudaUnavailableReason();
        assertNotNull(why);
        assertTrue(why.contains("libcuda.so.1") || why.contains("driver") || why.contains("GPU"), why);
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, Device::cuda);
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(ND.runtimeInfo().contains(why), ND.runtimeInfo());
    }
}
