package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import io.github.ndarray.spi.Backend;
import io.github.ndarray.spi.HostStorage;
import io.github.ndarray.spi.LinalgSupport;
import io.github.ndarray.spi.Storage;
import java.lang.foreign.MemorySegment;

/**
 * The CPU backend: strided loops over host memory. Each call walks the operands' common
 * shape in coalesced 1-D strips (see {@link StridedWalk}), split over {@link Parallel}'s
 * threads when it is large, and runs the kernel of the resolved loop on each strip: a Vector
 * API loop where {@link SimdKernels} has one, a generic scalar loop ({@link Kernels}) otherwise.
 */
// Public and exported for code that picks this backend by hand (the conformance suite's pretend device); its SPI
// supertypes are visible only to backend modules, which is what module-info means.
@SuppressWarnings("exports")
public final class CpuBackend implements Backend, LinalgSupport, io.github.ndarray.spi.ThreadControl,
        io.github.ndarray.spi.IndexSupport, io.github.ndarray.spi.SortSupport, io.github.ndarray.spi.FusedSupport {
    /** Creates the backend; {@link java.util.ServiceLoader} calls this. */
    public CpuBackend() {
    }

    @Override
    public Device.Type deviceType() {
        return Device.Type.CPU;
    }

    @Override
    public String name() {
        String loops = Kernels.VECTOR_API ? "Vector API " + SimdKernels.vectorBits() + "-bit loops" : "scalar loops";
        return "cpu (" + loops + ", " + Parallel.threads() + " threads; " + io.github.ndarray.cpu.blas.Blas.describe() + ")";
    }

    /** User functions per element ({@code JavaUfunc}), a capability of its own class. */
    private static final io.github.ndarray.spi.JavaFunctionLoops JAVA_FUNCTIONS = new JavaFunctionKernels();

    @Override
    public <T> T capability(Class<T> type) {
        return type == io.github.ndarray.spi.JavaFunctionLoops.class ? type.cast(JAVA_FUNCTIONS)
                : Backend.super.capability(type);
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public Storage allocate(Device device, DType dtype, long count, boolean zeroed) {
        long bytes = Math.multiplyExact(count, dtype.itemSize());
        return zeroed ? HostStorage.allocate(bytes) : HostStorage.allocateUninitialized(bytes);
    }

    @Override
    public Storage wrap(Device device, long address, long byteSize, Runnable release) {
        return HostStorage.wrap(MemorySegment.ofAddress(address).reinterpret(byteSize), release);
    }

    @Override
    public void copyBytes(Storage src, long srcOffset, Storage dst, long dstOffset, long byteSize) {
        MemorySegment.copy(segment(src), srcOffset, segment(dst), dstOffset, byteSize);
        // A segment does not keep its storage reachable: without the fences a dead temporary's
        // block could go back to the cache (and to another array) during the copy.
        java.lang.ref.Reference.reachabilityFence(src);
        java.lang.ref.Reference.reachabilityFence(dst);
    }

    @Override
    public int threads() {
        return Parallel.threads();
    }

    @Override
    public void setThreads(int n) {
        Parallel.setThreads(n);
    }

    @Override
    public void elementwise(Ufunc op, Ufunc.Loop loop, NDArray[] inputs, NDArray[] outputs, NDArray where) {
        Kernels.Built built = Kernels.built(op, loop);
        StripKernel kernel = built.kernel();
        NDArray[] all = new NDArray[inputs.length + outputs.length];
        System.arraycopy(inputs, 0, all, 0, inputs.length);
        System.arraycopy(outputs, 0, all, inputs.length, outputs.length);
        if (where == null) {
            run(outputs[0].shape(), all, kernel, built.grain());
            return;
        }
        // The mask rides along as one more operand (kernels only read the operands they know);
        // a strip runs the kernel on its runs of true. Serial: a parallel walk would cut runs at
        // its block edges, moving where vector bodies and scalar tails fall, and transcendental
        // results would then depend on the thread count in the last bit.
        NDArray[] withMask = java.util.Arrays.copyOf(all, all.length + 1);
        withMask[all.length] = where;
        int m = all.length;
        MemorySegment[] seg = segments(withMask);
        long[] o = new long[m + 1];
        StridedWalk.walk(outputs[0].shape(), strides(withMask), offsets(withMask), (off, st, n) -> {
            long i = 0;
            while (i < n) {
                while (i < n && seg[m].get(java.lang.foreign.ValueLayout.JAVA_BYTE, off[m] + i * st[m]) == 0) {
                    i++;
                }
                long start = i;
                while (i < n && seg[m].get(java.lang.foreign.ValueLayout.JAVA_BYTE, off[m] + i * st[m]) != 0) {
                    i++;
                }
                if (i > start) {
                    for (int k = 0; k < m; k++) {
                        o[k] = off[k] + start * st[k];
                    }
                    kernel.run(seg, o, st, i - start);
                }
            }
        });
        keepAlive(withMask);
    }

    @Override
    public void reduce(Ufunc op, Ufunc.Loop loop, NDArray input, boolean[] axes, NDArray out) {
        Reducer.reduce(op, loop, input, axes, out);
    }

    @Override
    public void accumulate(Ufunc op, Ufunc.Loop loop, NDArray input, int axis, NDArray out) {
        Reducer.accumulate(op, loop, input, axis, out);
    }

    @Override
    public void argReduce(boolean max, NDArray input, int axis, NDArray out) {
        Reducer.argReduce(max, input, axis, out);
    }

    @Override
    public void cast(NDArray src, NDArray dst) {
        DType from = src.dtype();
        DType to = dst.dtype();
        if (from == to && src.isContiguous() && dst.isContiguous() && java.util.Arrays.equals(src.shape(), dst.shape())) {
            long bytes = dst.size() * to.itemSize();
            copyBytes(src.storage(), src.elementOffset() * from.itemSize(), dst.storage(),
                    dst.elementOffset() * to.itemSize(), bytes);
            keepAlive(new NDArray[] {src, dst});
            return;
        }
        run(dst.shape(), new NDArray[] {src, dst}, Casts.kernel(from, to), Kernels.GRAIN_MEMORY_BOUND);
    }

    @Override
    public void matmul(Ufunc.Loop loop, NDArray a, NDArray b, NDArray out) {
        MatrixMultiply.matmul(loop, a, b, out);
    }

    /** Walks {@code shape} over the operands, running {@code kernel} on each strip, on the caller alone. */
    static void run(long[] shape, NDArray[] ops, StripKernel kernel) {
        run(shape, ops, kernel, Long.MAX_VALUE);
    }

    /**
     * Walks {@code shape} over the operands, running {@code kernel} on each strip; on several
     * threads when there are at least {@code 2 * grain} elements.
     */
    static void run(long[] shape, NDArray[] ops, StripKernel kernel, long grain) {
        MemorySegment[] seg = segments(ops);
        if (runFlat(ops, seg, kernel, grain)) {
            return;
        }
        StridedWalk.walk(shape, strides(ops), offsets(ops), grain, (off, st, n) -> kernel.run(seg, off, st, n));
        keepAlive(ops);
    }

    /**
     * The common case without the strided walk: every operand is contiguous or a broadcast
     * scalar, and there are too few elements to share out, so one strip does it all (this saves
     * most of the per-call overhead on small arrays).
     *
     * @return whether it ran
     */
    private static boolean runFlat(NDArray[] ops, MemorySegment[] seg, StripKernel kernel, long grain) {
        long n = ops[ops.length - 1].size();
        if (n == 0 || n / 2 >= grain) {
            return false;
        }
        long[] off = new long[ops.length];
        long[] st = new long[ops.length];
        for (int k = 0; k < ops.length; k++) {
            st[k] = ops[k].flatStride();
            if (st[k] < 0 || ops[k].size() != n) {
                return false;
            }
            off[k] = ops[k].elementOffset();
        }
        kernel.run(seg, off, st, n);
        keepAlive(ops);
        return true;
    }

    static MemorySegment segment(Storage s) {
        if (s instanceof HostStorage h) {
            return h.segment();
        }
        throw new IllegalArgumentException("the CPU backend cannot read memory on " + s.device());
    }

    static MemorySegment[] segments(NDArray[] ops) {
        MemorySegment[] seg = new MemorySegment[ops.length];
        for (int k = 0; k < ops.length; k++) {
            seg[k] = segment(ops[k].storage());
        }
        return seg;
    }

    static long[][] strides(NDArray[] ops) {
        long[][] st = new long[ops.length][];
        for (int k = 0; k < ops.length; k++) {
            st[k] = ops[k].elementStrides();
        }
        return st;
    }

    static long[] offsets(NDArray[] ops) {
        long[] off = new long[ops.length];
        for (int k = 0; k < ops.length; k++) {
            off[k] = ops[k].elementOffset();
        }
        return off;
    }

    /** Keeps the arrays (and so their memory) reachable until the loops are done. */
    static void keepAlive(NDArray[] ops) {
        java.lang.ref.Reference.reachabilityFence(ops);
    }

    @Override public void solve(NDArray a, NDArray b, NDArray out) { io.github.ndarray.cpu.blas.CpuLinalg.solve(a, b, out); }

    @Override public void inv(NDArray a, NDArray out) { io.github.ndarray.cpu.blas.CpuLinalg.inv(a, out); }

    @Override public void det(NDArray a, NDArray out) { io.github.ndarray.cpu.blas.CpuLinalg.det(a, out); }

    @Override
    public void evaluate(io.github.ndarray.spi.FusedProgram program, NDArray[] operands, NDArray out) {
        FusedVm.evaluate(program, operands, out);
    }

    @Override public void slogdet(NDArray a, NDArray sign, NDArray logabsdet) { io.github.ndarray.cpu.blas.CpuLinalg.slogdet(a, sign, logabsdet); }

    @Override public void svd(NDArray a, NDArray s, NDArray u, NDArray vh) { io.github.ndarray.cpu.blas.CpuDecompositions.svd(a, s, u, vh); }

    @Override public void eigh(NDArray a, boolean lower, NDArray w, NDArray v) { io.github.ndarray.cpu.blas.CpuDecompositions.eigh(a, lower, w, v); }

    @Override public void qr(NDArray a, NDArray q, NDArray r) { io.github.ndarray.cpu.blas.CpuDecompositions.qr(a, q, r); }

    @Override public void cholesky(NDArray a, boolean upper, NDArray out) { io.github.ndarray.cpu.blas.CpuDecompositions.cholesky(a, upper, out); }

    @Override public void fillRandom(io.github.ndarray.spi.RandomFill spec, NDArray out) { RandomFiller.fill(spec, out); }

    @Override public void gather(NDArray src, NDArray[] indices, NDArray out) { Gathers.gather(src, indices, out); }

    @Override
    public void scatter(NDArray dst, NDArray[] indices, NDArray values, Ufunc op, Ufunc.Loop loop) {
        Gathers.scatter(dst, indices, values, op, loop);
    }

    @Override public long countNonzero(NDArray a) { return Gathers.countNonzero(a); }

    @Override public void nonzero(NDArray a, NDArray out) { Gathers.nonzero(a, out); }

    @Override public void sort(NDArray a) { Sorts.sort(a); }

    @Override public void argsort(NDArray a, NDArray out) { Sorts.argsort(a, out); }

    @Override
    public void searchsorted(NDArray sorted, NDArray values, boolean right, NDArray out) {
        Sorts.searchsorted(sorted, values, right, out);
    }
}
