package io.github.ndarray.cuda;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import io.github.ndarray.spi.Backend;
import io.github.ndarray.spi.Backends;
import io.github.ndarray.spi.HostStorage;
import io.github.ndarray.spi.IndexSupport;
import io.github.ndarray.spi.LinalgSupport;
import io.github.ndarray.spi.SortSupport;
import io.github.ndarray.spi.Storage;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CUDA backend: arrays in device memory from a caching pool, every ufunc loop, cast,
 * reduction, arg-reduction and accumulation as a kernel generated from the op definitions
 * ({@link KernelSource}), matmul on cuBLAS. Found by {@link java.util.ServiceLoader}; used for
 * {@code Device.cuda(i)}.
 *
 * <pre>{@code
 * Device gpu = Device.cuda();
 * try (NDArray x = ND.random(0).random(10_000_000).to(gpu);
 *      NDArray y = x.multiply(2.0).add(1.0)) {
 *     double s = y.sum().item();   // the only transfer: one float64 back to the host
 * }
 * }</pre>
 *
 * <p>Linear algebra ({@code solve}, {@code inv}, {@code det}, {@code slogdet}, {@code svd},
 * {@code eigh}, {@code qr}, {@code cholesky}) runs on the host for now: the operands are copied
 * there and back (docs/cuda.md, docs/linalg.md).
 */
public final class CudaBackend implements Backend, LinalgSupport, IndexSupport, SortSupport {
    /**
     * {@code -Dndarray.cuda.poison=true}: memory allocated without {@code zeroed} is filled with
     * {@code 0xFF} bytes (NaN, -1), as the pretend device does, so that a kernel reading an
     * output it did not write fails the suite instead of passing on a reused block's old values.
     * The GPU run of the suite turns it on; it costs a memset per allocation.
     */
    private static final boolean POISON = Boolean.getBoolean("ndarray.cuda.poison");
    private static volatile String unavailable;
    private static volatile boolean checked;
    private final ConcurrentHashMap<Integer, CudaDevice> devices = new ConcurrentHashMap<>();

    /** Creates the backend; {@link java.util.ServiceLoader} calls this. */
    public CudaBackend() {
    }

    @Override
    public Device.Type deviceType() {
        return Device.Type.CUDA;
    }

    @Override
    public String name() {
        return "cuda (JCuda driver API, kernels generated from the op table, cuBLAS through FFM)";
    }

    @Override
    public String unavailableReason() {
        if (!checked) {
            synchronized (CudaBackend.class) {
                if (!checked) {
                    unavailable = findProblem();
                    checked = true;
                }
            }
        }
        return unavailable;
    }

    private static String findProblem() {
        if (CudaBackend.class.getResource("kernels.fatbin") == null) {
            return "kernels.fatbin is missing from the ndarray-cuda jar";
        }
        String why = CudaDriver.unavailableReason();
        if (why != null) {
            return why;
        }
        return null;
    }

    /** The state of one GPU, opened on first use. */
    CudaDevice device(Device device) {
        return devices.computeIfAbsent(device.index(), i -> {
            if (i >= CudaDriver.deviceCount()) {
                throw new IllegalArgumentException(device + " does not exist: this machine has "
                        + CudaDriver.deviceCount() + " CUDA device(s)");
            }
            CudaDevice d = new CudaDevice(device);
            if (d.driver.computeCapability() < 80) {
                throw new IllegalStateException(device + " (" + d.driver.name() + ") has compute capability "
                        + d.driver.computeCapability() / 10.0 + "; the kernels are built for 8.0 and newer");
            }
            return d;
        });
    }

    /** One line per opened GPU: its name, memory pool and cuBLAS, for {@code ND.runtimeInfo()}. */
    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        devices.forEach((i, d) -> sb.append("cuda:").append(i).append(' ').append(d.driver.name()).append(", ")
                .append(d.pool.describe()).append(d.cublas() == null ? ", no cuBLAS (" + d.cublasProblem() + ")"
                        : ", " + d.cublas().library()).append('\n'));
        return sb.toString();
    }

    @Override
    public Storage allocate(Device device, DType dtype, long count, boolean zeroed) {
        CudaDevice d = device(device);
        long bytes = count * dtype.itemSize();
        long address = d.allocate(bytes);
        if ((zeroed || POISON) && bytes > 0) {
            d.driver.memset(address, zeroed ? 0 : (byte) 0xFF, bytes);
        }
        return new CudaStorage(device, address, bytes, () -> d.pool.free(address));
    }

    @Override
    public Storage wrap(Device device, long address, long byteSize, Runnable release) {
        device(device);
        return new CudaStorage(device, address, byteSize, release == null ? () -> { } : release);
    }

    @Override
    public void synchronize(Device device) {
        device(device).driver.synchronize();
    }

    @Override
    public long releaseCachedMemory(Device device) {
        return device(device).releaseCached();
    }

    @Override
    public void copyBytes(Storage src, long srcOffset, Storage dst, long dstOffset, long byteSize) {
        if (byteSize == 0) {
            return;
        }
        if (src instanceof CudaStorage s && dst instanceof CudaStorage t) {
            device(s.device()).driver.copyOnDevice(s.address() + srcOffset, t.address() + dstOffset, byteSize);
        } else if (src instanceof HostStorage h && dst instanceof CudaStorage t) {
            device(t.device()).driver.copyToDevice(h.segment().asSlice(srcOffset, byteSize), t.address() + dstOffset);
        } else if (src instanceof CudaStorage s && dst instanceof HostStorage h) {
            device(s.device()).driver.copyToHost(s.address() + srcOffset, h.segment().asSlice(dstOffset, byteSize));
        } else {
            throw new IllegalArgumentException("the CUDA backend copies between host and CUDA memory only, not "
                    + src.getClass().getSimpleName() + " to " + dst.getClass().getSimpleName());
        }
        java.lang.ref.Reference.reachabilityFence(src);
        java.lang.ref.Reference.reachabilityFence(dst);
    }

    @Override
    public void elementwise(Ufunc op, Ufunc.Loop loop, NDArray[] inputs, NDArray[] outputs, NDArray where) {
        NDArray out = outputs[0];
        CudaDevice d = device(out.device());
        Layout.Operand[] ops = new Layout.Operand[Layout.OPS];
        for (int i = 0; i < inputs.length; i++) {
            ops[i] = Layout.operand(inputs[i], d.device);
        }
        ops[Layout.OUT] = Layout.operand(out, d.device);
        if (where != null) {
            ops[Layout.MASK] = Layout.operand(where, d.device);
        }
        if (op.id() == Ufunc.Id.POWER && loop.in().get(1).kind() == DType.Kind.SIGNED) {
            requireNonNegative(inputs[1], ops[1]);
        }
        long flags = op.id() == Ufunc.Id.POWER && loop.out().isFloating() && ops[1].isUniform() ? Layout.POW_SCALAR : 0;
        Layout.launch(d, d.elementwise(op, loop), out.shape(), ops, flags);
    }

    /**
     * NumPy refuses integer powers with a negative exponent before computing; the kernel's
     * expression would give 0. One device reduction (the exponents' minimum) and one value back.
     */
    private static void requireNonNegative(NDArray exponents, Layout.Operand operand) {
        long min;
        if (operand.isScalar()) {
            int bits = 8 * exponents.dtype().itemSize();
            min = operand.scalarBits() << (64 - bits) >> (64 - bits);
        } else if (exponents.size() == 0) {
            return;
        } else {
            try (NDArray m = exponents.min()) {
                min = (long) m.item();
            }
        }
        if (min < 0) {
            throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
        }
    }

    @Override
    public void reduce(Ufunc op, Ufunc.Loop loop, NDArray input, boolean[] axes, NDArray out) {
        Folds.reduce(device(out.device()), op, loop, input, axes, out);
    }

    @Override
    public void accumulate(Ufunc op, Ufunc.Loop loop, NDArray input, int axis, NDArray out) {
        Folds.accumulate(device(out.device()), op, loop, input, axis, out);
    }

    @Override
    public void argReduce(boolean max, NDArray input, int axis, NDArray out) {
        Folds.argReduce(device(out.device()), max, input, axis, out);
    }

    @Override
    public void cast(NDArray src, NDArray dst) {
        CudaDevice d = device(dst.device());
        Layout.Operand in = Layout.operand(src, d.device);
        Layout.Operand res = Layout.operand(dst, d.device);
        if (src.dtype() == dst.dtype() && !in.isScalar() && src.isContiguous() && dst.isContiguous()
                && Arrays.equals(src.shape(), dst.shape())) {
            d.driver.copyOnDevice(in.address(), res.address(), dst.size() * dst.dtype().itemSize());
            return;
        }
        Layout.launch(d, d.cast(src.dtype(), dst.dtype()), dst.shape(),
                new Layout.Operand[] {in, null, null, res, null}, 0);
    }

    /** Sets every element of {@code out} to the raw bits {@code bits} of its dtype. */
    static void fill(CudaDevice d, NDArray out, long bits) {
        Layout.Operand res = Layout.operand(out, d.device);
        Layout.Operand value = new Layout.Operand(0, new long[out.ndim()], bits, out.dtype().itemSize());
        Layout.launch(d, d.cast(out.dtype(), out.dtype()), out.shape(),
                new Layout.Operand[] {value, null, null, res, null}, 0);
    }

    @Override
    public void matmul(Ufunc.Loop loop, NDArray a, NDArray b, NDArray out) {
        Matmul.matmul(device(out.device()), a, b, out);
    }

    @Override
    public void solve(NDArray a, NDArray b, NDArray out) {
        onHost(new NDArray[] {a, b}, new NDArray[] {out}, (h, o) -> host().solve(h[0], h[1], o[0]));
    }

    @Override
    public void inv(NDArray a, NDArray out) {
        onHost(new NDArray[] {a}, new NDArray[] {out}, (h, o) -> host().inv(h[0], o[0]));
    }

    @Override
    public void det(NDArray a, NDArray out) {
        onHost(new NDArray[] {a}, new NDArray[] {out}, (h, o) -> host().det(h[0], o[0]));
    }

    @Override
    public void slogdet(NDArray a, NDArray sign, NDArray logabsdet) {
        onHost(new NDArray[] {a}, new NDArray[] {sign, logabsdet}, (h, o) -> host().slogdet(h[0], o[0], o[1]));
    }

    @Override
    public void svd(NDArray a, NDArray s, NDArray u, NDArray vh) {
        onHost(new NDArray[] {a}, new NDArray[] {s, u, vh}, (h, o) -> host().svd(h[0], o[0], o[1], o[2]));
    }

    @Override
    public void eigh(NDArray a, boolean lower, NDArray w, NDArray v) {
        onHost(new NDArray[] {a}, new NDArray[] {w, v}, (h, o) -> host().eigh(h[0], lower, o[0], o[1]));
    }

    @Override
    public void qr(NDArray a, NDArray q, NDArray r) {
        onHost(new NDArray[] {a}, new NDArray[] {q, r}, (h, o) -> host().qr(h[0], o[0], o[1]));
    }

    @Override
    public void cholesky(NDArray a, boolean upper, NDArray out) {
        onHost(new NDArray[] {a}, new NDArray[] {out}, (h, o) -> host().cholesky(h[0], upper, o[0]));
    }

    private static LinalgSupport host() {
        return host(LinalgSupport.class, "linear solvers");
    }

    /** The host backend's capability, which the operations without a CUDA kernel yet run on. */
    private static <T> T host(Class<T> type, String what) {
        T c = Backends.of(Device.cpu()).capability(type);
        if (c == null) {
            throw new UnsupportedOperationException(what + " on CUDA run on the host, whose backend "
                    + Backends.of(Device.cpu()).name() + " has no " + type.getSimpleName());
        }
        return c;
    }

    // Gathers, scatters, nonzero and sorting have no CUDA kernels yet: they run on the host's
    // backend over copies of the operands (docs/cuda.md), so every backend has them.

    @Override
    public void gather(NDArray src, NDArray[] indices, NDArray out) {
        onHost(withFirst(src, indices), new NDArray[] {out}, (h, o) -> host(IndexSupport.class, "gathers")
                .gather(h[0], Arrays.copyOfRange(h, 1, h.length), o[0]));
    }

    @Override
    public void scatter(NDArray dst, NDArray[] indices, NDArray values, Ufunc op, Ufunc.Loop loop) {
        NDArray[] in = withFirst(values, withFirst(dst, indices));
        onHost(in, new NDArray[] {dst}, (h, o) -> {
            o[0].assign(h[1]);
            host(IndexSupport.class, "scatters").scatter(o[0], Arrays.copyOfRange(h, 2, h.length), h[0], op, loop);
        });
    }

    @Override
    public long countNonzero(NDArray a) {
        try (NDArray h = a.to(Device.cpu())) {
            return host(IndexSupport.class, "nonzero").countNonzero(h);
        }
    }

    @Override
    public void nonzero(NDArray a, NDArray out) {
        onHost(new NDArray[] {a}, new NDArray[] {out}, (h, o) -> host(IndexSupport.class, "nonzero").nonzero(h[0], o[0]));
    }

    @Override
    public void sort(NDArray a) {
        onHost(new NDArray[] {a}, new NDArray[] {a}, (h, o) -> {
            o[0].assign(h[0]);
            host(SortSupport.class, "sorting").sort(o[0]);
        });
    }

    @Override
    public void argsort(NDArray a, NDArray out) {
        onHost(new NDArray[] {a}, new NDArray[] {out}, (h, o) -> host(SortSupport.class, "sorting").argsort(h[0], o[0]));
    }

    @Override
    public void searchsorted(NDArray sorted, NDArray values, boolean right, NDArray out) {
        onHost(new NDArray[] {sorted, values}, new NDArray[] {out},
                (h, o) -> host(SortSupport.class, "searchsorted").searchsorted(h[0], h[1], right, o[0]));
    }

    private static NDArray[] withFirst(NDArray first, NDArray[] rest) {
        NDArray[] all = new NDArray[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @FunctionalInterface
    private interface HostCall {
        void run(NDArray[] in, NDArray[] out);
    }

    /**
     * Runs a host routine on host copies of the operands and copies its results into
     * {@code out} ({@code null} outputs, optional factors not asked for, stay {@code null}).
     */
    private void onHost(NDArray[] in, NDArray[] out, HostCall call) {
        NDArray[] h = new NDArray[in.length];
        NDArray[] o = new NDArray[out.length];
        try {
            for (int i = 0; i < in.length; i++) {
                h[i] = in[i].to(Device.cpu());
            }
            for (int i = 0; i < out.length; i++) {
                o[i] = out[i] == null ? null : ND.empty(out[i].dtype(), out[i].shape());
            }
            call.run(h, o);
            for (int i = 0; i < out.length; i++) {
                if (o[i] != null) {
                    try (NDArray back = o[i].to(out[i].device())) {
                        cast(back, out[i]);
                    }
                }
            }
        } finally {
            closeAll(h);
            closeAll(o);
        }
    }

    private static void closeAll(NDArray[] arrays) {
        for (NDArray x : arrays) {
            if (x != null) {
                x.close();
            }
        }
    }
}
