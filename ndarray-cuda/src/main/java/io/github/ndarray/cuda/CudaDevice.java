package io.github.ndarray.cuda;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.Ufunc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One GPU as the backend uses it: its driver context, memory pool, the module of built-in
 * kernels (loaded once from {@code kernels.fatbin}), and cuBLAS once the first matmul needs it.
 */
final class CudaDevice {
    /** Threads per block of elementwise launches. */
    static final int THREADS = 256;

    final Device device;
    final CudaDriver driver;
    final MemoryPool pool;
    private final Object module;
    private final ConcurrentHashMap<String, Object> functions = new ConcurrentHashMap<>();
    /** The per-call lookups, without building a kernel's name: by ufunc, then loop; by cast. */
    @SuppressWarnings("unchecked")
    private final ConcurrentHashMap<Ufunc.Loop, Object>[] elementwise = new ConcurrentHashMap[Ufunc.Id.values().length];
    private final Object[][] casts = new Object[DType.values().length][DType.values().length];
    private volatile Cublas cublas;
    private volatile String cublasProblem;

    CudaDevice(Device device) {
        this.device = device;
        this.driver = CudaDriver.open(device.index());
        this.pool = new MemoryPool(new DeviceAllocator() {
            @Override
            public long malloc(long bytes) {
                return driver.malloc(bytes);
            }

            @Override
            public void free(long address) {
                driver.free(address);
            }

            @Override
            public long[] memInfo() {
                return driver.memInfo();
            }
        });
        this.module = driver.loadModule(fatbin());
    }

    /** {@return the built-in kernel of that name} */
    Object function(String name) {
        return functions.computeIfAbsent(name, n -> {
            Object f = driver.function(module, n);
            if (f == null) {
                throw new IllegalStateException("kernels.fatbin has no kernel " + n
                        + ": it is older than the op table (scripts/build_cuda_kernels.sh)");
            }
            return f;
        });
    }

    /** {@return the kernel of a ufunc loop} */
    Object elementwise(Ufunc op, Ufunc.Loop loop) {
        int i = op.id().ordinal();
        ConcurrentHashMap<Ufunc.Loop, Object> m = elementwise[i];
        if (m == null) {
            synchronized (elementwise) {
                if (elementwise[i] == null) {
                    elementwise[i] = new ConcurrentHashMap<>();
                }
                m = elementwise[i];
            }
        }
        return m.computeIfAbsent(loop, l -> function(KernelSource.elementwise(op, l)));
    }

    /** {@return the kernel converting {@code from} to {@code to}} */
    Object cast(DType from, DType to) {
        Object f = casts[from.ordinal()][to.ordinal()];
        if (f == null) {
            f = function(KernelSource.cast(from, to));
            casts[from.ordinal()][to.ordinal()] = f;
        }
        return f;
    }

    /** Launches {@code kernel} over {@code n} elements, one thread per element up to a grid that fills the GPU. */
    void launch(String kernel, long n, byte[] params) {
        launch(function(kernel), n, params);
    }

    /** Launches a loaded kernel over {@code n} elements (see {@link #launch(String, long, byte[])}). */
    void launch(Object function, long n, byte[] params) {
        long blocks = Math.max(1, Math.min((n + THREADS - 1) / THREADS, 16L * driver.multiprocessors()));
        driver.launch(function, blocks, THREADS, 1, params);
    }

    /** cuBLAS, or null (then {@link #cublasProblem()} says why) */
    Cublas cublas() {
        if (cublas == null && cublasProblem == null) {
            synchronized (this) {
                if (cublas == null && cublasProblem == null) {
                    driver.bind();
                    List<String> problems = new ArrayList<>();
                    cublas = Cublas.load(problems);
                    if (cublas == null) {
                        cublasProblem = String.join("; ", problems);
                    }
                }
            }
        }
        return cublas;
    }

    String cublasProblem() {
        return cublasProblem;
    }

    long allocate(long bytes) {
        driver.bind();
        return pool.allocate(bytes);
    }

    /** Gives cached pool memory back to the driver, after the queued work that may still use it. */
    long releaseCached() {
        driver.synchronize();
        return pool.releaseCached();
    }

    private static byte[] fatbin() {
        try (InputStream in = CudaDevice.class.getResourceAsStream("kernels.fatbin")) {
            if (in == null) {
                throw new IllegalStateException("kernels.fatbin is missing from the ndarray-cuda jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
