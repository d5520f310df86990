package io.github.ndarray.cuda;

import io.github.ndarray.Device;
import io.github.ndarray.NDArray;
import io.github.ndarray.spi.Backends;
import io.github.ndarray.spi.Storage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CUDA kernel written by the user, compiled at run time with NVRTC ({@code cupy.RawKernel}).
 * The source is compiled on the first launch on each GPU, for that GPU's architecture, and cached
 * on disk ({@code -Dndarray.cuda.kernelCache=DIR}, default {@code ~/.cache/ndarray-java/kernels})
 * and in memory, so a kernel compiles once per machine, not once per run.
 *
 * {@snippet :
 * RawKernel saxpy = new RawKernel("""
 *         extern "C" __global__ void saxpy(float a, const float *x, float *y, long long n) {
 *             long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
 *             if (i < n) y[i] = a * x[i] + y[i];
 *         }
 *         """, "saxpy");
 * Device gpu = Device.cuda();
 * try (NDArray x = ND.random(0).random(1000).astype(DType.FLOAT32).to(gpu);
 *      NDArray y = ND.ones(gpu, DType.FLOAT32, 1000)) {
 *     saxpy.launch(gpu, (1000 + 255) / 256, 256, 2.0f, x, y, 1000L);   // y = 2x + y, in place
 * }
 * }
 *
 * <p><b>Arguments</b>, in the order of the kernel's parameters: an {@link NDArray} passes the
 * device address of its element 0 (it must live on the launch's device; the kernel sees raw
 * memory, so strides and shape are the kernel's business: pass contiguous arrays or the strides
 * as numbers); {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code Short} and
 * {@code Byte} pass by value as {@code int}, {@code long long}, {@code float}, {@code double},
 * {@code short} and {@code signed char}; a {@code Boolean} passes one byte, 0 or 1 (a C++
 * {@code bool} parameter, as CuPy passes {@code numpy.bool_}). The Java type must match the
 * parameter's C type exactly: nothing is converted, and a mismatch reads garbage, as in CuPy.
 *
 * <p>The kernel must be declared {@code extern "C"} (C++ would mangle its name). Launches are
 * queued on the device's one stream like every other operation of the backend: arrays may be
 * closed right after {@code launch} returns, and their memory is reused only by later work.
 */
public final class RawKernel {
    /** The driver's limits: grid x up to 2^31 - 1, y and z up to 65535; block x, y up to 1024, z up to 64. */
    private static final long[] GRID_MAX = {Integer.MAX_VALUE, 65535, 65535};
    private static final int[] BLOCK_MAX = {1024, 1024, 64};
    private static final int THREADS_MAX = 1024;

    private final String source;
    private final String name;
    private final List<String> options;
    private final ConcurrentHashMap<Integer, Object> functions = new ConcurrentHashMap<>();

    /**
     * A kernel, compiled on its first launch.
     *
     * @param source CUDA C++ source defining an {@code extern "C" __global__} function {@code name}
     * @param name the kernel's name
     * @param options NVRTC options, e.g. {@code "-fmad=false"}, {@code "-DN=4"} (the architecture
     *     is added from the GPU)
     */
    public RawKernel(String source, String name, String... options) {
        this.source = Objects.requireNonNull(source, "source");
        this.name = Objects.requireNonNull(name, "name");
        this.options = List.of(options);
        if (name.isBlank()) {
            throw new IllegalArgumentException("the kernel name is empty");
        }
    }

    /** {@return the kernel's name} */
    public String name() {
        return name;
    }

    /** {@return the source} */
    public String source() {
        return source;
    }

    /**
     * Launches a one-dimensional grid.
     *
     * @param device the GPU
     * @param gridX blocks, 1 to 2^31 - 1
     * @param blockX threads per block, 1 to 1024
     * @param args the kernel's arguments (see the class comment)
     */
    public void launch(Device device, long gridX, int blockX, Object... args) {
        launch(device, new long[] {gridX}, new int[] {blockX}, args);
    }

    /**
     * Launches the kernel ({@code kernel((gx, gy, gz), (bx, by, bz), args)} in CuPy).
     *
     * @param device the GPU
     * @param grid blocks in x, y, z: 1 to 3 positive values, x at most 2^31 - 1, y and z at most 65535
     * @param block threads in x, y, z: 1 to 3 positive values, x and y at most 1024, z at most 64,
     *     their product at most 1024
     * @param args the kernel's arguments (see the class comment)
     * @throws IllegalArgumentException for a bad grid or block, an argument of another type, or an
     *     array that is closed or on another device
     * @throws io.github.ndarray.DeviceUnavailableException if CUDA cannot be used here
     * @throws CudaException with NVRTC's log if the source does not compile, or if it has no
     *     kernel of this name
     */
    public void launch(Device device, long[] grid, int[] block, Object... args) {
        checkShape(grid, block);
        Objects.requireNonNull(device, "device");
        if (device.type() != Device.Type.CUDA) {
            throw new IllegalArgumentException("a RawKernel runs on a CUDA device, not " + device);
        }
        checkArgs(device, args);
        CudaDevice d = cudaDevice(device);
        Object function = functions.computeIfAbsent(device.index(), i -> lookup(d));
        Storage[] held = new Storage[args.length];
        Object[] params = new Object[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof NDArray a) {
                    Storage s = a.storage();
                    s.retain();
                    held[i] = s;
                    params[i] = s.address() + a.elementOffset() * a.dtype().itemSize();
                } else if (args[i] instanceof Boolean b) {
                    params[i] = (byte) (b ? 1 : 0);
                } else {
                    params[i] = args[i];
                }
            }
            d.driver.launch(function, grid, block, 0, params);
        } finally {
            for (Storage s : held) {
                if (s != null) {
                    s.release();
                }
            }
        }
    }

    private Object lookup(CudaDevice d) {
        Object module = NvrtcCompiler.module(d, source, name + ".cu", options);
        Object f = d.driver.function(module, name);
        if (f == null) {
            throw new CudaException("the compiled source has no kernel named '" + name
                    + "': is it declared extern \"C\" __global__ (C++ mangles other names)?");
        }
        return f;
    }

    /** The backend's state of a CUDA device; throws {@code DeviceUnavailableException} with the reason. */
    static CudaDevice cudaDevice(Device device) {
        Device.cuda(device.index());
        if (!(Backends.find(Device.Type.CUDA) instanceof CudaBackend b)) {
            throw new IllegalStateException("the CUDA backend in use is not ndarray-cuda's");
        }
        return b.device(device);
    }

    static void checkShape(long[] grid, int[] block) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(block, "block");
        if (grid.length < 1 || grid.length > 3) {
            throw new IllegalArgumentException("grid has " + grid.length + " dimensions; 1 to 3 are allowed");
        }
        if (block.length < 1 || block.length > 3) {
            throw new IllegalArgumentException("block has " + block.length + " dimensions; 1 to 3 are allowed");
        }
        String axes = "xyz";
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] < 1 || grid[i] > GRID_MAX[i]) {
                throw new IllegalArgumentException("grid " + axes.charAt(i) + " is " + grid[i] + "; it must be 1 to "
                        + GRID_MAX[i]);
            }
        }
        long threads = 1;
        for (int i = 0; i < block.length; i++) {
            if (block[i] < 1 || block[i] > BLOCK_MAX[i]) {
                throw new IllegalArgumentException("block " + axes.charAt(i) + " is " + block[i]
                        + "; it must be 1 to " + BLOCK_MAX[i]);
            }
            threads *= block[i];
        }
        if (threads > THREADS_MAX) {
            throw new IllegalArgumentException("a block of " + java.util.Arrays.toString(block) + " has " + threads
                    + " threads; at most " + THREADS_MAX + " are allowed");
        }
    }

    private static void checkArgs(Device device, Object[] args) {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof NDArray x) {
                if (x.isClosed()) {
                    throw new IllegalArgumentException("argument " + i + " is a closed array");
                }
                if (!x.device().equals(device)) {
                    throw new IllegalArgumentException("argument " + i + " is an array on " + x.device()
                            + "; the kernel runs on " + device + " (move it with to(" + device + "))");
                }
            } else if (!(a instanceof Integer || a instanceof Long || a instanceof Float || a instanceof Double
                    || a instanceof Short || a instanceof Byte || a instanceof Boolean)) {
                throw new IllegalArgumentException("argument " + i + " is "
                        + (a == null ? "null" : "a " + a.getClass().getName())
                        + "; a kernel takes NDArray, Integer, Long, Float, Double, Short, Byte or Boolean");
            }
        }
    }
}
