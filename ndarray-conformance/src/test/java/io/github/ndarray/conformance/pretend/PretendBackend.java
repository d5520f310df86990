package io.github.ndarray.conformance.pretend;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import io.github.ndarray.cpu.CpuBackend;
import io.github.ndarray.spi.Backend;
import io.github.ndarray.spi.HostStorage;
import io.github.ndarray.spi.IndexSupport;
import io.github.ndarray.spi.LinalgSupport;
import io.github.ndarray.spi.SortSupport;
import io.github.ndarray.spi.Storage;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only backend that stands in for a GPU: it reports itself as a CUDA device, keeps
 * arrays behind {@link PretendStorage} (not host memory, as far as the api can tell) and
 * computes by handing host views of that memory to the CPU backend. The conformance suite
 * runs on it in CI to prove, without a GPU, that no api path assumes host memory:
 * <ul>
 * <li>every operand of a kernel call must be pretend memory, except Java scalars, which the
 *     api passes as host arrays with all strides 0 ({@link Backend#isHostScalar});
 *     any other host array reaching a kernel is an api bug and throws;</li>
 * <li>memory allocated without {@code zeroed} is filled with {@code 0xFF} bytes (NaN for
 *     floats, -1 for integers), so a path that relies on zeros it did not ask for shows up.</li>
 * </ul>
 * Off unless the JVM runs with {@code -Dndarray.pretend=true}.
 */
public final class PretendBackend implements Backend, LinalgSupport, IndexSupport, SortSupport {
    private static final java.util.concurrent.atomic.AtomicLong BYTES_TO_HOST = new java.util.concurrent.atomic.AtomicLong();

    private final CpuBackend cpu = new CpuBackend();

    /** {@return the bytes copied from the device to the host so far, for tests of what crosses} */
    static long bytesToHost() {
        return BYTES_TO_HOST.get();
    }

    /** Creates the backend; {@link java.util.ServiceLoader} calls this. */
    public PretendBackend() {
    }

    @Override
    public Device.Type deviceType() {
        return Device.Type.CUDA;
    }

    @Override
    public String name() {
        return "pretend-cuda (test only: host memory behind device handles, CPU kernels)";
    }

    @Override
    public int priority() {
        return -1;
    }

    @Override
    public String unavailableReason() {
        return Boolean.getBoolean("ndarray.pretend") ? null : "the pretend device is off (-Dndarray.pretend=true)";
    }

    @Override
    public Storage allocate(Device device, DType dtype, long count, boolean zeroed) {
        HostStorage m = (HostStorage) cpu.allocate(Device.cpu(), dtype, count, zeroed);
        if (!zeroed) {
            m.segment().fill((byte) 0xFF);
        }
        return new PretendStorage(device, m);
    }

    @Override
    public void copyBytes(Storage src, long srcOffset, Storage dst, long dstOffset, long byteSize) {
        if (src instanceof PretendStorage && !(dst instanceof PretendStorage)) {
            BYTES_TO_HOST.addAndGet(byteSize);
        }
        MemorySegment.copy(segment(src), srcOffset, segment(dst), dstOffset, byteSize);
        java.lang.ref.Reference.reachabilityFence(src);
        java.lang.ref.Reference.reachabilityFence(dst);
    }

    private static MemorySegment segment(Storage s) {
        return s instanceof PretendStorage p ? p.memory().segment() : ((HostStorage) s).segment();
    }

    @Override
    public void elementwise(Ufunc op, Ufunc.Loop loop, NDArray[] inputs, NDArray[] outputs, NDArray where) {
        try (Views v = new Views(outputs[0].device())) {
            cpu.elementwise(op, loop, v.inputs(inputs), v.arrays(outputs), where == null ? null : v.array(where));
        }
    }

    @Override
    public void reduce(Ufunc op, Ufunc.Loop loop, NDArray input, boolean[] axes, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.reduce(op, loop, v.array(input), axes, v.array(out));
        }
    }

    @Override
    public void accumulate(Ufunc op, Ufunc.Loop loop, NDArray input, int axis, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.accumulate(op, loop, v.array(input), axis, v.array(out));
        }
    }

    @Override
    public void argReduce(boolean max, NDArray input, int axis, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.argReduce(max, v.array(input), axis, v.array(out));
        }
    }

    @Override
    public void cast(NDArray src, NDArray dst) {
        try (Views v = new Views(dst.device())) {
            cpu.cast(v.input(src), v.array(dst));
        }
    }

    @Override
    public void matmul(Ufunc.Loop loop, NDArray a, NDArray b, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.matmul(loop, v.array(a), v.array(b), v.array(out));
        }
    }

    @Override
    public void solve(NDArray a, NDArray b, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.solve(v.array(a), v.array(b), v.array(out));
        }
    }

    @Override
    public void inv(NDArray a, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.inv(v.array(a), v.array(out));
        }
    }

    @Override
    public void det(NDArray a, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.det(v.array(a), v.array(out));
        }
    }

    @Override
    public void gather(NDArray src, NDArray[] indices, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.gather(v.array(src), v.arrays(indices), v.array(out));
        }
    }

    @Override
    public void scatter(NDArray dst, NDArray[] indices, NDArray values, Ufunc op, Ufunc.Loop loop) {
        try (Views v = new Views(dst.device())) {
            cpu.scatter(v.array(dst), v.arrays(indices), v.array(values), op, loop);
        }
    }

    @Override
    public long countNonzero(NDArray a) {
        try (Views v = new Views(a.device())) {
            return cpu.countNonzero(v.array(a));
        }
    }

    @Override
    public void nonzero(NDArray a, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.nonzero(v.array(a), v.array(out));
        }
    }

    @Override
    public void sort(NDArray a) {
        try (Views v = new Views(a.device())) {
            cpu.sort(v.array(a));
        }
    }

    @Override
    public void argsort(NDArray a, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.argsort(v.array(a), v.array(out));
        }
    }

    @Override
    public void searchsorted(NDArray sorted, NDArray values, boolean right, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.searchsorted(v.array(sorted), v.array(values), right, v.array(out));
        }
    }

    @Override
    public void slogdet(NDArray a, NDArray sign, NDArray logabsdet) {
        try (Views v = new Views(sign.device())) {
            cpu.slogdet(v.array(a), v.array(sign), v.array(logabsdet));
        }
    }

    @Override
    public void svd(NDArray a, NDArray s, NDArray u, NDArray vh) {
        try (Views v = new Views(s.device())) {
            cpu.svd(v.array(a), v.array(s), v.orNull(u), v.orNull(vh));
        }
    }

    @Override
    public void eigh(NDArray a, boolean lower, NDArray w, NDArray vectors) {
        try (Views v = new Views(w.device())) {
            cpu.eigh(v.array(a), lower, v.array(w), v.orNull(vectors));
        }
    }

    @Override
    public void qr(NDArray a, NDArray q, NDArray r) {
        try (Views v = new Views(r.device())) {
            cpu.qr(v.array(a), v.orNull(q), v.array(r));
        }
    }

    @Override
    public void cholesky(NDArray a, boolean upper, NDArray out) {
        try (Views v = new Views(out.device())) {
            cpu.cholesky(v.array(a), upper, v.array(out));
        }
    }

    /** Host views of one call's operands, closed together when the call is done. */
    private static final class Views implements AutoCloseable {
        private final Device device;
        private final List<NDArray> open = new ArrayList<>();

        Views(Device device) {
            this.device = device;
        }

        /** A device operand as a host view of the same memory; anything else is an api bug. */
        NDArray array(NDArray a) {
            if (!(a.storage() instanceof PretendStorage p) || !a.device().equals(device)) {
                throw new IllegalStateException("an array on " + a.device() + " reached a kernel on " + device
                        + ": the api must move operands or refuse mixed devices");
            }
            NDArray v = a.viewOver(p.memory(), a.elementStrides(), a.elementOffset());
            open.add(v);
            return v;
        }

        /** An optional operand ({@code null} stays {@code null}). */
        NDArray orNull(NDArray a) {
            return a == null ? null : array(a);
        }

        /** An input: a device operand, or a Java scalar as a host array with every stride 0. */
        NDArray input(NDArray a) {
            return Backend.isHostScalar(a, device) ? a : array(a);
        }

        NDArray[] inputs(NDArray[] in) {
            NDArray[] out = new NDArray[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = input(in[i]);
            }
            return out;
        }

        NDArray[] arrays(NDArray[] in) {
            NDArray[] out = new NDArray[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = array(in[i]);
            }
            return out;
        }

        @Override
        public void close() {
            for (NDArray v : open) {
                v.close();
            }
        }
    }
}
