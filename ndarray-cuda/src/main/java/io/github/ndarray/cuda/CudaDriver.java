package io.github.ndarray.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Every call into the CUDA driver, and the only class that touches JCuda: contexts, memory,
 * copies, modules and launches, with addresses as plain {@code long}s everywhere else. Should
 * JCuda's binding stop working on a newer driver, these methods move to FFM here and nowhere else
 * (docs/decisions.md, "CUDA binding").
 *
 * <p>All work goes to the legacy default stream of the device's primary context (as CuPy's
 * default): kernels, copies and cuBLAS calls run in the order they are issued, from any thread,
 * and a synchronous copy to the host waits for the kernels before it. Each thread makes the
 * primary context current before its first call ({@link #bind}).
 */
final class CudaDriver {
    /** Bytes per host-side copy call: JCuda takes host memory as a ByteBuffer, whose size is an int. */
    private static final long COPY_CHUNK = 1L << 30;

    private final int ordinal;
    private final CUcontext context = new CUcontext();
    private final ThreadLocal<Boolean> bound = ThreadLocal.withInitial(() -> false);
    private final String name;
    private final int multiprocessors;
    private final int computeCapability;

    private CudaDriver(int ordinal) {
        this.ordinal = ordinal;
        CUdevice device = new CUdevice();
        check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet");
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        bind();
        byte[] buf = new byte[256];
        check(JCudaDriver.cuDeviceGetName(buf, buf.length, device), "cuDeviceGetName");
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        name = new String(buf, 0, len, StandardCharsets.US_ASCII);
        multiprocessors = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        computeCapability = 10 * attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)
                + attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
    }

    /**
     * Why the driver cannot be used on this machine, or {@code null}: checked with FFM before
     * JCuda's class is loaded, whose native library fails to link without {@code libcuda.so.1}.
     */
    static String unavailableReason() {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup("libcuda.so.1", arena);
        } catch (IllegalArgumentException e) {
            return "no CUDA driver: libcuda.so.1 is not installed (no NVIDIA driver on this machine)";
        }
        try {
            JCudaDriver.setExceptionsEnabled(false);
            int rc = JCudaDriver.cuInit(0);
            if (rc != CUresult.CUDA_SUCCESS) {
                return "the CUDA driver did not initialize: " + CUresult.stringFor(rc);
            }
            int[] count = new int[1];
            rc = JCudaDriver.cuDeviceGetCount(count);
            if (rc != CUresult.CUDA_SUCCESS) {
                return "the CUDA driver lists no devices: " + CUresult.stringFor(rc);
            }
            return count[0] == 0 ? "the CUDA driver found no GPU" : null;
        } catch (LinkageError e) {
            return "JCuda's driver binding could not load: " + e;
        }
    }

    /** {@return the number of CUDA devices; only after {@link #unavailableReason()} returned null} */
    static int deviceCount() {
        int[] count = new int[1];
        check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
        return count[0];
    }

    /** Opens device {@code ordinal}'s primary context. */
    static CudaDriver open(int ordinal) {
        return new CudaDriver(ordinal);
    }

    String name() {
        return name;
    }

    int multiprocessors() {
        return multiprocessors;
    }

    /** {@return e.g. 90 for compute capability 9.0} */
    int computeCapability() {
        return computeCapability;
    }

    int ordinal() {
        return ordinal;
    }

    /** Makes the primary context current on the calling thread, once per thread. */
    void bind() {
        if (!bound.get()) {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            bound.set(true);
        }
    }

    /** {@return a device block's address, or 0 when the device is out of memory} */
    long malloc(long bytes) {
        bind();
        Address p = new Address();
        int rc = JCudaDriver.cuMemAlloc(p, bytes);
        if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            return 0;
        }
        check(rc, "cuMemAlloc");
        return p.value();
    }

    void free(long address) {
        bind();
        check(JCudaDriver.cuMemFree(pointer(address)), "cuMemFree");
    }

    /** {@return free and total bytes of the device} */
    long[] memInfo() {
        bind();
        long[] free = new long[1];
        long[] total = new long[1];
        check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
        return new long[] {free[0], total[0]};
    }

    /** Copies host memory to the device; returns when the host memory may be reused. */
    void copyToDevice(MemorySegment src, long dst) {
        bind();
        for (long done = 0; done < src.byteSize(); done += COPY_CHUNK) {
            long n = Math.min(COPY_CHUNK, src.byteSize() - done);
            check(JCudaDriver.cuMemcpyHtoD(pointer(dst + done), Pointer.to(src.asSlice(done, n).asByteBuffer()), n),
                    "cuMemcpyHtoD");
        }
    }

    /** Copies device memory to the host, after the work queued before it. */
    void copyToHost(long src, MemorySegment dst) {
        bind();
        for (long done = 0; done < dst.byteSize(); done += COPY_CHUNK) {
            long n = Math.min(COPY_CHUNK, dst.byteSize() - done);
            check(JCudaDriver.cuMemcpyDtoH(Pointer.to(dst.asSlice(done, n).asByteBuffer()), pointer(src + done), n),
                    "cuMemcpyDtoH");
        }
    }

    void copyOnDevice(long src, long dst, long bytes) {
        bind();
        check(JCudaDriver.cuMemcpyDtoDAsync(pointer(dst), pointer(src), bytes, null), "cuMemcpyDtoDAsync");
    }

    void memset(long address, byte value, long bytes) {
        bind();
        check(JCudaDriver.cuMemsetD8Async(pointer(address), value, bytes, null), "cuMemsetD8Async");
    }

    /** Waits for all work queued on the device. */
    void synchronize() {
        bind();
        check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /** Loads a fatbin, cubin or PTX image; the handle is what {@link #function} takes. */
    Object loadModule(byte[] image) {
        bind();
        CUmodule module = new CUmodule();
        check(JCudaDriver.cuModuleLoadData(module, image), "cuModuleLoadData");
        return module;
    }

    /** {@return a kernel of a loaded module, or null if it has no such kernel} */
    Object function(Object module, String name) {
        bind();
        CUfunction f = new CUfunction();
        int rc = JCudaDriver.cuModuleGetFunction(f, (CUmodule) module, name);
        if (rc == CUresult.CUDA_ERROR_NOT_FOUND) {
            return null;
        }
        check(rc, "cuModuleGetFunction(" + name + ")");
        return f;
    }

    /** Launches a kernel whose one parameter is the struct {@code params} (its bytes, laid out by {@link Params}). */
    void launch(Object function, long blocks, int threads, int blocksY, byte[] params) {
        bind();
        Pointer args = Pointer.to(Pointer.to(params));
        check(JCudaDriver.cuLaunchKernel((CUfunction) function, (int) blocks, blocksY, 1, threads, 1, 1, 0, null, args, null),
                "cuLaunchKernel");
    }

    /**
     * Launches a kernel with parameters by value, as a user kernel ({@link RawKernel}) declares
     * them: each {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code Float} or
     * {@code Double} is one parameter of that width; the driver lays them out by the kernel's
     * parameter list.
     *
     * @param grid blocks in x, y, z (1 to 3 values, already checked against the driver's limits)
     * @param block threads in x, y, z (1 to 3 values, already checked)
     */
    void launch(Object function, long[] grid, int[] block, int sharedBytes, Object[] params) {
        bind();
        Pointer[] values = new Pointer[params.length];
        for (int i = 0; i < params.length; i++) {
            values[i] = switch (params[i]) {
                case Long v -> Pointer.to(new long[] {v});
                case Integer v -> Pointer.to(new int[] {v});
                case Short v -> Pointer.to(new short[] {v});
                case Byte v -> Pointer.to(new byte[] {v});
                case Float v -> Pointer.to(new float[] {v});
                case Double v -> Pointer.to(new double[] {v});
                default -> throw new IllegalArgumentException("kernel parameter " + i + " of type "
                        + params[i].getClass().getName());
            };
        }
        Pointer args = Pointer.to(values);
        check(JCudaDriver.cuLaunchKernel((CUfunction) function, (int) grid[0], grid.length > 1 ? (int) grid[1] : 1,
                grid.length > 2 ? (int) grid[2] : 1, block[0], block.length > 1 ? block[1] : 1,
                block.length > 2 ? block[2] : 1, sharedBytes, null, args, null), "cuLaunchKernel");
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] v = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(v, attribute, device), "cuDeviceGetAttribute");
        return v[0];
    }

    /** A device address as JCuda's pointer type: the null pointer plus the address as offset. */
    private static CUdeviceptr pointer(long address) {
        return new CUdeviceptr().withByteOffset(address);
    }

    static void check(int rc, String call) {
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new CudaException(call + " failed: " + CUresult.stringFor(rc) + " (" + rc + ")");
        }
    }

    /** JCuda's device pointer with its address readable (a protected field of JCuda's base class). */
    private static final class Address extends CUdeviceptr {
        long value() {
            return getNativePointer() + getByteOffset();
        }
    }
}
