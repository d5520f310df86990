package io.github.ndarray.cuda;

import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import io.github.ndarray.broadcasting.Coalesce;
import java.util.Arrays;

/**
 * Reductions, arg-reductions and accumulations on the device: the split of the axes into kept
 * (outer) and folded (inner) ones, coalesced, in the parameter blocks of {@code nd_kernels.cuh}.
 *
 * <p>The launch shape depends only on the sizes, never on the GPU (its number of multiprocessors),
 * so a float sum gives the same bits on every device: a block of up to 256 threads per output
 * element, and for long folds {@link #CHUNK}-element chunks per block whose partial results a
 * second kernel merges in order.
 */
final class Folds {
    /** Folded elements per block when an output's fold is split over several blocks. */
    static final long CHUNK = 1L << 14;
    /** Folds this short run in one thread per output (a block would be mostly idle). */
    private static final long SHORT = 32;
    /** Few enough that the second pass, one block per output, reads a handful of partials per thread. */
    private static final int MAX_CHUNKS = 1024;
    /** Chunks are whole 16-byte packs of the widest dtype (a kernel loads contiguous input in packs). */
    private static final long PACK = 16;
    private static final int MAXDIM = Layout.MAXDIM;
    private static final int RED_FIELDS = 4 + 5 * MAXDIM + 4;
    private static final int SCAN_FIELDS = 3 + 3 * MAXDIM + 4;
    private static final long MAX_GRID = 1L << 20;

    private Folds() {
    }

    static void reduce(CudaDevice d, Ufunc op, Ufunc.Loop loop, NDArray input, boolean[] axes, NDArray out) {
        Split s = Split.of(input, axes, out);
        if (s.outerN == 0) {
            return;
        }
        if (s.innerN == 0) {
            CudaBackend.fill(d, out, op.identity(loop.out()).bits());
            return;
        }
        long in = Layout.operand(input, d.device).address();
        long res = Layout.operand(out, d.device).address();
        if (sequential(op, loop, s.innerN)) {
            d.launch(KernelSource.reduceSequential(op, loop), s.outerN, params(s, in, res, s.innerN, 1));
            return;
        }
        long bytes = KernelSource.accumulator(op, loop).itemSize();
        chunked(d, s, in, res, bytes, KernelSource.reduce(op, loop), KernelSource.reducePartials(op, loop));
    }

    /**
     * Whether a reduction folds in order, one thread per output: when the ufunc is not
     * reorderable (subtract.reduce), for float products (NumPy's order decides where they
     * overflow: prod([1e30, 1e30, 1e-30]) is inf in float32), and for short folds.
     */
    private static boolean sequential(Ufunc op, Ufunc.Loop loop, long innerN) {
        return !op.reorderable() || innerN <= SHORT || (op.id() == Ufunc.Id.MULTIPLY && loop.out().isFloating());
    }

    /**
     * A tree reduction: one pass when an output's fold fits one {@link #CHUNK}, else a pass
     * leaving {@code partialBytes} per chunk and output, and a second that merges them.
     */
    private static void chunked(CudaDevice d, Split s, long in, long res, long partialBytes, String kernel,
            String partials) {
        int threads = threads(s.innerN);
        long chunks = Math.min(MAX_CHUNKS, (s.innerN + CHUNK - 1) / CHUNK);
        if (chunks == 1) {
            launch(d, kernel, s, in, res, s.innerN, 1, threads);
            return;
        }
        long chunk = ((s.innerN + chunks - 1) / chunks + PACK - 1) / PACK * PACK;
        chunks = (s.innerN + chunk - 1) / chunk;
        long partial = d.allocate(s.outerN * chunks * partialBytes);
        try {
            launch(d, kernel, s, in, partial, chunk, chunks, threads);
            d.driver.launch(d.function(partials), Math.min(s.outerN, MAX_GRID), threads(chunks), 1,
                    params(s, partial, res, chunk, chunks));
        } finally {
            // Stream order: work queued later on the same stream cannot start before the merge.
            d.pool.free(partial);
        }
    }

    static void argReduce(CudaDevice d, boolean max, NDArray input, int axis, NDArray out) {
        boolean[] axes = new boolean[input.ndim()];
        axes[axis] = true;
        Split s = Split.of(input, axes, out);
        if (s.outerN == 0 || s.innerN == 0) {
            return;
        }
        long in = Layout.operand(input, d.device).address();
        long res = Layout.operand(out, d.device).address();
        // A partial is an int64 index and its value.
        chunked(d, s, in, res, 8 + input.dtype().itemSize(), KernelSource.argReduce(max, input.dtype()),
                KernelSource.argPartials(max, input.dtype()));
    }

    static void accumulate(CudaDevice d, Ufunc op, Ufunc.Loop loop, NDArray input, int axis, NDArray out) {
        long n = input.shape(axis);
        long item = input.dtype().itemSize();
        long outItem = out.dtype().itemSize();
        long[] shape = input.shape();
        long[] ist = input.elementStrides();
        long[] ost = out.elementStrides();
        long inStep = ist[axis] * item;
        long outStep = ost[axis] * outItem;
        shape[axis] = 1;
        for (int i = 0; i < shape.length; i++) {
            ist[i] *= item;
            ost[i] *= outItem;
        }
        long lines = 1;
        for (long x : shape) {
            lines *= x;
        }
        if (n == 0 || lines == 0) {
            return;
        }
        Coalesce c = Coalesce.of(shape, new long[][] {ist, ost});
        checkDims(c.shape().length, "accumulate");
        byte[] p = new Params(SCAN_FIELDS).put(lines).put(n).put(c.shape().length).array(c.shape(), MAXDIM)
                .array(c.strides()[0], MAXDIM).array(c.strides()[1], MAXDIM).put(inStep).put(outStep)
                .put(Layout.operand(input, d.device).address()).put(Layout.operand(out, d.device).address()).bytes();
        d.launch(KernelSource.accumulate(op, loop), lines, p);
    }

    private static void launch(CudaDevice d, String kernel, Split s, long in, long out, long chunk, long chunks,
            int threads) {
        byte[] p = params(s, in, out, chunk, chunks);
        d.driver.launch(d.function(kernel), Math.min(s.outerN, MAX_GRID), threads, (int) chunks, p);
    }

    private static byte[] params(Split s, long in, long out, long chunk, long chunks) {
        return new Params(RED_FIELDS).put(s.outerN).put(s.innerN).put(s.outerShape.length).put(s.innerShape.length)
                .array(s.outerShape, MAXDIM).array(s.innerShape, MAXDIM).array(s.inOuter, MAXDIM)
                .array(s.outOuter, MAXDIM).array(s.inInner, MAXDIM).put(in).put(out).put(chunk).put(chunks).bytes();
    }

    /** A power of two from 32 to 256: enough threads for the fold, no more. */
    private static int threads(long n) {
        int t = 32;
        while (t < 256 && t < n) {
            t <<= 1;
        }
        return t;
    }

    private static void checkDims(int nd, String what) {
        if (nd > MAXDIM) {
            throw new UnsupportedOperationException(what + " over " + nd + " axes that cannot be merged is not supported"
                    + " on CUDA (at most " + MAXDIM + "); make the array contiguous first");
        }
    }

    /** The kept and folded axes of a reduction, each coalesced, with byte strides. */
    private record Split(long outerN, long innerN, long[] outerShape, long[] inOuter, long[] outOuter, long[] innerShape,
            long[] inInner) {
        static Split of(NDArray input, boolean[] axes, NDArray out) {
            int nd = input.ndim();
            long[] shape = input.shape();
            long item = input.dtype().itemSize();
            long outItem = out.dtype().itemSize();
            long[] ist = input.elementStrides();
            long[] ost = out.elementStrides();
            int nInner = 0;
            for (boolean b : axes) {
                nInner += b ? 1 : 0;
            }
            long[] os = new long[nd - nInner];
            long[] oi = new long[nd - nInner];
            long[] oo = new long[nd - nInner];
            long[] is = new long[nInner];
            long[] ii = new long[nInner];
            long outerN = 1;
            long innerN = 1;
            for (int i = 0, o = 0, r = 0; i < nd; i++) {
                if (axes[i]) {
                    is[r] = shape[i];
                    ii[r++] = ist[i] * item;
                    innerN *= shape[i];
                } else {
                    os[o] = shape[i];
                    oi[o] = ist[i] * item;
                    oo[o++] = ost[i] * outItem;
                    outerN *= shape[i];
                }
            }
            Coalesce outer = Coalesce.of(os, new long[][] {oi, oo});
            Coalesce inner = Coalesce.of(is, new long[][] {ii});
            checkDims(Math.max(outer.shape().length, inner.shape().length), "a reduction");
            return new Split(outerN, innerN, outer.shape(), outer.strides()[0], outer.strides()[1], inner.shape(),
                    inner.strides()[0]);
        }
    }
}
