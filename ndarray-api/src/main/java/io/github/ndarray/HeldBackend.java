package io.github.ndarray;

import io.github.ndarray.spi.Backend;
import io.github.ndarray.spi.Backends;
import io.github.ndarray.spi.LinalgSupport;
import io.github.ndarray.spi.RandomFill;
import io.github.ndarray.spi.Storage;

/**
 * The api's only door to a backend ({@link NDArray#backend()}): every call that reads or writes
 * arrays holds their memory ({@link Hold}) until the backend returns, so that closing an array
 * on another thread meanwhile can never hand its block to a new array while a kernel still
 * uses it. One place instead of one per caller: api code cannot reach a kernel without it, and
 * backends need not know about it.
 *
 * <p>A backend that returns before its work is done (a GPU queueing kernels on a stream) is
 * covered by its own ordering: it frees a block on the same stream, after the queued work.
 */
final class HeldBackend implements Backend {
    private static final HeldBackend[] BY_TYPE = new HeldBackend[Device.Type.values().length];

    private final Backend backend;

    private HeldBackend(Backend backend) {
        this.backend = backend;
    }

    /**
     * The door to the backend of a device.
     *
     * @throws DeviceUnavailableException if no usable backend serves it
     */
    static HeldBackend of(Device device) {
        int t = device.type().ordinal();
        HeldBackend h = BY_TYPE[t];
        if (h == null) {
            // A race makes two equal doors; the final field publishes either safely.
            h = new HeldBackend(Backends.of(device));
            BY_TYPE[t] = h;
        }
        return h;
    }

    @Override
    public Device.Type deviceType() {
        return backend.deviceType();
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public int priority() {
        return backend.priority();
    }

    @Override
    public String unavailableReason() {
        return backend.unavailableReason();
    }

    @Override
    public Storage allocate(Device device, DType dtype, long count, boolean zeroed) {
        return backend.allocate(device, dtype, count, zeroed);
    }

    @Override
    public Storage wrap(Device device, long address, long byteSize, Runnable release) {
        return backend.wrap(device, address, byteSize, release);
    }

    @Override
    public void synchronize(Device device) {
        backend.synchronize(device);
    }

    @Override
    public long releaseCachedMemory(Device device) {
        return backend.releaseCachedMemory(device);
    }

    @Override
    public String describe() {
        return backend.describe();
    }

    @Override
    public <T> T capability(Class<T> type) {
        T c = backend.capability(type);
        if (c == null) {
            return null;
        }
        // By the type asked for: one backend object often implements several capabilities.
        Object held;
        if (type == LinalgSupport.class) {
            held = new HeldLinalg((LinalgSupport) c);
        } else if (type == io.github.ndarray.spi.IndexSupport.class) {
            held = new HeldIndex((io.github.ndarray.spi.IndexSupport) c);
        } else if (type == io.github.ndarray.spi.SortSupport.class) {
            held = new HeldSort((io.github.ndarray.spi.SortSupport) c);
        } else if (type == io.github.ndarray.spi.FusedSupport.class) {
            held = new HeldFused((io.github.ndarray.spi.FusedSupport) c);
        } else {
            held = c; // JavaFunctionLoops callers (JavaUfunc) hold their operands themselves
        }
        return type.cast(held);
    }

    @Override
    public void copyBytes(Storage src, long srcOffset, Storage dst, long dstOffset, long byteSize) {
        try (Hold h = Hold.of(src, dst)) {
            backend.copyBytes(src, srcOffset, dst, dstOffset, byteSize);
        }
    }

    @Override
    public void elementwise(Ufunc op, Ufunc.Loop loop, NDArray[] inputs, NDArray[] outputs, NDArray where) {
        try (Hold h = Hold.of(inputs, outputs, where)) {
            backend.elementwise(op, loop, inputs, outputs, where);
        }
    }

    @Override
    public void reduce(Ufunc op, Ufunc.Loop loop, NDArray input, boolean[] axes, NDArray out) {
        try (Hold h = Hold.of(input, out)) {
            backend.reduce(op, loop, input, axes, out);
        }
    }

    @Override
    public void accumulate(Ufunc op, Ufunc.Loop loop, NDArray input, int axis, NDArray out) {
        try (Hold h = Hold.of(input, out)) {
            backend.accumulate(op, loop, input, axis, out);
        }
    }

    @Override
    public void argReduce(boolean max, NDArray input, int axis, NDArray out) {
        try (Hold h = Hold.of(input, out)) {
            backend.argReduce(max, input, axis, out);
        }
    }

    @Override
    public void cast(NDArray src, NDArray dst) {
        try (Hold h = Hold.of(src, dst)) {
            backend.cast(src, dst);
        }
    }

    @Override
    public void matmul(Ufunc.Loop loop, NDArray a, NDArray b, NDArray out) {
        try (Hold h = Hold.of(a, b, out)) {
            backend.matmul(loop, a, b, out);
        }
    }

    @Override
    public void fillRandom(RandomFill spec, NDArray out) {
        try (Hold h = Hold.of(out)) {
            backend.fillRandom(spec, out);
        }
    }

    /** The linear-algebra capability behind the same door. */
    private record HeldLinalg(LinalgSupport linalg) implements LinalgSupport {
        @Override
        public void solve(NDArray a, NDArray b, NDArray out) {
            try (Hold h = Hold.of(a, b, out)) {
                linalg.solve(a, b, out);
            }
        }

        @Override
        public void inv(NDArray a, NDArray out) {
            try (Hold h = Hold.of(a, out)) {
                linalg.inv(a, out);
            }
        }

        @Override
        public void det(NDArray a, NDArray out) {
            try (Hold h = Hold.of(a, out)) {
                linalg.det(a, out);
            }
        }

        @Override
        public void svd(NDArray a, NDArray s, NDArray u, NDArray vh) {
            try (Hold h = Hold.of(a, s, u, vh)) {
                linalg.svd(a, s, u, vh);
            }
        }

        @Override
        public void eigh(NDArray a, boolean lower, NDArray w, NDArray v) {
            try (Hold h = Hold.of(a, w, v)) {
                linalg.eigh(a, lower, w, v);
            }
        }

        @Override
        public void qr(NDArray a, NDArray q, NDArray r) {
            try (Hold h = Hold.of(a, q, r)) {
                linalg.qr(a, q, r);
            }
        }

        @Override
        public void cholesky(NDArray a, boolean upper, NDArray out) {
            try (Hold h = Hold.of(a, out)) {
                linalg.cholesky(a, upper, out);
            }
        }

        @Override
        public void slogdet(NDArray a, NDArray sign, NDArray logabsdet) {
            try (Hold h = Hold.of(a, sign, logabsdet)) {
                linalg.slogdet(a, sign, logabsdet);
            }
        }
    }

    /** Gathers, scatters and nonzero behind the same door. */
    private record HeldIndex(io.github.ndarray.spi.IndexSupport index) implements io.github.ndarray.spi.IndexSupport {
        @Override
        public void gather(NDArray src, NDArray[] indices, NDArray out) {
            try (Hold h = Hold.of(indices, new NDArray[] {src, out}, null)) {
                index.gather(src, indices, out);
            }
        }

        @Override
        public void scatter(NDArray dst, NDArray[] indices, NDArray values, Ufunc op, Ufunc.Loop loop) {
            try (Hold h = Hold.of(indices, new NDArray[] {dst, values}, null)) {
                index.scatter(dst, indices, values, op, loop);
            }
        }

        @Override
        public long countNonzero(NDArray a) {
            try (Hold h = Hold.of(a)) {
                return index.countNonzero(a);
            }
        }

        @Override
        public void nonzero(NDArray a, NDArray out) {
            try (Hold h = Hold.of(a, out)) {
                index.nonzero(a, out);
            }
        }
    }

    /** Sorting and searching behind the same door. */
    private record HeldSort(io.github.ndarray.spi.SortSupport sort) implements io.github.ndarray.spi.SortSupport {
        @Override
        public void sort(NDArray a) {
            try (Hold h = Hold.of(a)) {
                sort.sort(a);
            }
        }

        @Override
        public void argsort(NDArray a, NDArray out) {
            try (Hold h = Hold.of(a, out)) {
                sort.argsort(a, out);
            }
        }

        @Override
        public void searchsorted(NDArray sorted, NDArray values, boolean right, NDArray out) {
            try (Hold h = Hold.of(sorted, values, out)) {
                sort.searchsorted(sorted, values, right, out);
            }
        }
    }

    /** Fused programs behind the same door. */
    private record HeldFused(io.github.ndarray.spi.FusedSupport fused) implements io.github.ndarray.spi.FusedSupport {
        @Override
        public void evaluate(io.github.ndarray.spi.FusedProgram program, NDArray[] operands, NDArray out) {
            try (Hold h = Hold.of(operands, new NDArray[] {out}, null)) {
                fused.evaluate(program, operands, out);
            }
        }
    }
}
