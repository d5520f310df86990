package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.NDArray;
import io.github.ndarray.Scalar;
import io.github.ndarray.Ufunc;
import io.github.ndarray.broadcasting.Coalesce;
import io.github.ndarray.spi.HostElements;
import java.lang.foreign.MemorySegment;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * Reductions, accumulations and arg-reductions on the CPU. A reduction walks the kept
 * (outer) axes; for each output element it folds the reduced (inner) axes, coalesced.
 * Float sums are pairwise, like NumPy's, so their error grows as O(log n) rather than O(n).
 */
final class Reducer {
    /** Below this many elements a strip is summed directly, with 8 partial sums. */
    private static final int PAIRWISE_BLOCK = 128;

    private Reducer() {
    }

    /** A fold of one output element: reads the elements at {@code base + index . strides}. */
    @FunctionalInterface
    private interface Fold {
        void apply(long inBase, long outPos);
    }

    static void reduce(Ufunc op, Ufunc.Loop loop, NDArray input, boolean[] axes, NDArray out) {
        int nd = input.ndim();
        long[] shape = input.shape();
        long[] ist = input.elementStrides();
        long[] ost = out.elementStrides();
        int nInner = 0;
        for (boolean b : axes) {
            nInner += b ? 1 : 0;
        }
        long[] outerShape = new long[nd - nInner];
        long[] outerIn = new long[nd - nInner];
        long[] outerOut = new long[nd - nInner];
        long[] innerShape = new long[nInner];
        long[] innerIn = new long[nInner];
        for (int i = 0, o = 0, r = 0; i < nd; i++) {
            if (axes[i]) {
                innerShape[r] = shape[i];
                innerIn[r++] = ist[i];
            } else {
                outerShape[o] = shape[i];
                outerIn[o] = ist[i];
                outerOut[o++] = ost[i];
            }
        }
        long innerSize = 1;
        for (long d : innerShape) {
            innerSize *= d;
        }
        MemorySegment in = CpuBackend.segment(input.storage());
        MemorySegment res = CpuBackend.segment(out.storage());
        DType inType = loop.in().get(0);
        DType outType = loop.out();
        long outerSize = 1;
        for (long d : outerShape) {
            outerSize *= d;
        }
        // AxisFold is Vector API code: without the module, loading it throws NoClassDefFoundError.
        if (innerSize > 0 && outerSize > 1 && inType == outType && Kernels.VECTOR_API
                && axisFold(AxisFold.opOf(op.id(), inType), inType, in, res, outerShape, outerIn, outerOut,
                        input.elementOffset(), out.elementOffset(), Coalesce.of(innerShape, new long[][] {innerIn}))) {
            CpuBackend.keepAlive(new NDArray[] {input, out});
            return;
        }
        Fold fold;
        if (innerSize == 0) {
            Scalar identity = op.identity(outType);
            fold = outType.isFloating()
                    ? (b, o) -> HostElements.setDouble(res, outType, o, identity.doubleValue())
                    : (b, o) -> HostElements.setLong(res, outType, o, identity.longValue());
        } else {
            Coalesce c = Coalesce.of(innerShape, new long[][] {innerIn});
            // One output: its fold may use every thread; several: the outputs are shared out instead.
            fold = fold(op.id(), inType, outType, in, res, c.shape(), c.strides()[0], outerSize == 1);
        }
        long grain = Math.max(1, Kernels.GRAIN_MEMORY_BOUND / Math.max(innerSize, 1));
        StridedWalk.walk(outerShape, new long[][] {outerIn, outerOut},
                new long[] {input.elementOffset(), out.elementOffset()}, grain, (off, st, n) -> {
                    for (long j = 0; j < n; j++) {
                        fold.apply(off[0] + j * st[0], off[1] + j * st[1]);
                    }
                });
        CpuBackend.keepAlive(new NDArray[] {input, out});
    }

    /**
     * The reductions {@link AxisFold} vectorizes across outputs: a contiguous kept last axis
     * (whole rows folded at once), or a short contiguous reduced axis.
     *
     * @return false (having done nothing) if neither applies
     */
    private static boolean axisFold(int op, DType t, MemorySegment in, MemorySegment res, long[] outerShape,
            long[] outerIn, long[] outerOut, long inOff, long outOff, Coalesce inner) {
        if (op < 0 || inner.shape().length != 1) {
            return false;
        }
        long n = inner.shape()[0];
        long step = inner.strides()[0][0];
        int k = outerShape.length - 1;
        if (k >= 0 && outerIn[k] == 1 && outerOut[k] == 1 && outerShape[k] >= 4) {
            long m = outerShape[k];
            long[] restShape = java.util.Arrays.copyOf(outerShape, k);
            long rest = 1;
            for (long d : restShape) {
                rest *= d;
            }
            if (rest == 1) {
                // One block of rows: its column tiles are shared out.
                long tiles = (m + AxisFold.TILE - 1) / AxisFold.TILE;
                long minTiles = Math.max(1, Kernels.GRAIN_MEMORY_BOUND / ((long) AxisFold.TILE * n));
                Parallel.forRange(tiles, minTiles, (a, b) -> {
                    long j0 = a * AxisFold.TILE;
                    long j1 = Math.min(m, b * AxisFold.TILE);
                    AxisFold.rows(op, t, in, inOff + j0, step, n, res, outOff + j0, j1 - j0);
                });
                return true;
            }
            long grain = Math.max(1, Kernels.GRAIN_MEMORY_BOUND / (m * n));
            StridedWalk.walk(restShape, new long[][] {java.util.Arrays.copyOf(outerIn, k), java.util.Arrays.copyOf(outerOut, k)},
                    new long[] {inOff, outOff}, grain, (off, st, count) -> {
                        for (long j = 0; j < count; j++) {
                            AxisFold.rows(op, t, in, off[0] + j * st[0], step, n, res, off[1] + j * st[1], m);
                        }
                    });
            return true;
        }
        if (step == 1 && n <= AxisFold.SHORT) {
            StridedWalk.walk(outerShape, new long[][] {outerIn, outerOut}, new long[] {inOff, outOff},
                    Math.max(1, Kernels.GRAIN_MEMORY_BOUND / n),
                    (off, st, count) -> AxisFold.shortStrips(op, t, in, off[0], st[0], n, res, off[1], st[1], count));
            return true;
        }
        return false;
    }

    private static Fold fold(Ufunc.Id id, DType inType, DType outType, MemorySegment in, MemorySegment res,
            long[] shape, long[] strides, boolean parallel) {
        int last = shape.length - 1;
        long n = shape[last];
        long step = strides[last];
        LoopFold vec = step == 1 && Kernels.VECTOR_API ? SimdKernels.fold(id, inType) : null;
        if (vec != null) {
            return vectorFold(vec, id, inType, outType, in, res, shape, strides, parallel);
        }
        switch (id) {
            case LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR -> {
                boolean and = id == Ufunc.Id.LOGICAL_AND;
                boolean xor = id == Ufunc.Id.LOGICAL_XOR;
                return (base, o) -> {
                    boolean[] acc = {and};
                    forEachStrip(shape, strides, base, s -> {
                        for (long i = 0; i < n; i++) {
                            boolean v = HostElements.getDouble(in, inType, s + i * step) != 0;
                            acc[0] = and ? acc[0] & v : xor ? acc[0] ^ v : acc[0] | v;
                        }
                    });
                    HostElements.setLong(res, outType, o, acc[0] ? 1 : 0);
                };
            }
            default -> {
            }
        }
        if (inType.isFloating()) {
            if (id == Ufunc.Id.ADD) {
                return (base, o) -> {
                    double[] acc = {0};
                    forEachStrip(shape, strides, base, s -> acc[0] += pairwiseSum(in, inType, s, step, n));
                    HostElements.setDouble(res, outType, o, acc[0]);
                };
            }
            DoubleBinaryOperator f = Kernels.binaryDouble(id);
            return (base, o) -> {
                double[] acc = {HostElements.getDouble(in, inType, base)};
                boolean[] first = {true};
                forEachStrip(shape, strides, base, s -> {
                    for (long i = first[0] ? 1 : 0; i < n; i++) {
                        acc[0] = ScalarMath.round(f.applyAsDouble(acc[0], HostElements.getDouble(in, inType, s + i * step)), inType);
                    }
                    first[0] = false;
                });
                HostElements.setDouble(res, outType, o, acc[0]);
            };
        }
        LongBinaryOperator f = Kernels.binaryLong(id, inType);
        return (base, o) -> {
            long[] acc = {HostElements.getLong(in, inType, base)};
            boolean[] first = {true};
            forEachStrip(shape, strides, base, s -> {
                for (long i = first[0] ? 1 : 0; i < n; i++) {
                    acc[0] = ScalarMath.wrap(f.applyAsLong(acc[0], HostElements.getLong(in, inType, s + i * step)), inType);
                }
                first[0] = false;
            });
            HostElements.setLong(res, outType, o, acc[0]);
        };
    }

    /** A fold whose innermost strips are contiguous and run through a Vector API fold template. */
    private static Fold vectorFold(LoopFold vec, Ufunc.Id id, DType inType, DType outType, MemorySegment in,
            MemorySegment res, long[] shape, long[] strides, boolean parallel) {
        long n = shape[shape.length - 1];
        if (inType.isFloating()) {
            if (id == Ufunc.Id.ADD) {
                // Strips are pairwise sums, added in order (as the generic loop does).
                return (base, o) -> {
                    double[] acc = {0};
                    forEachStrip(shape, strides, base, s -> acc[0] += vec.foldDouble(in, s, n, parallel));
                    HostElements.setDouble(res, outType, o, acc[0]);
                };
            }
            DoubleBinaryOperator f = Kernels.binaryDouble(id);
            return (base, o) -> {
                double[] acc = {0};
                boolean[] first = {true};
                forEachStrip(shape, strides, base, s -> {
                    double v = vec.foldDouble(in, s, n, parallel);
                    acc[0] = first[0] ? v : ScalarMath.round(f.applyAsDouble(acc[0], v), inType);
                    first[0] = false;
                });
                HostElements.setDouble(res, outType, o, acc[0]);
            };
        }
        LongBinaryOperator f = Kernels.binaryLong(id, inType);
        return (base, o) -> {
            long[] acc = {0};
            boolean[] first = {true};
            forEachStrip(shape, strides, base, s -> {
                long v = ScalarMath.wrap(vec.foldLong(in, s, n, parallel), inType);
                acc[0] = first[0] ? v : ScalarMath.wrap(f.applyAsLong(acc[0], v), inType);
                first[0] = false;
            });
            HostElements.setLong(res, outType, o, acc[0]);
        };
    }

    /** Calls {@code body} with the start of each innermost strip of a (coalesced) shape, in C order. */
    private static void forEachStrip(long[] shape, long[] strides, long base, java.util.function.LongConsumer body) {
        int last = shape.length - 1;
        if (last == 0) {
            body.accept(base);
            return;
        }
        long[] idx = new long[last];
        long off = base;
        while (true) {
            body.accept(off);
            int ax = last - 1;
            while (ax >= 0) {
                idx[ax]++;
                off += strides[ax];
                if (idx[ax] < shape[ax]) {
                    break;
                }
                off -= strides[ax] * shape[ax];
                idx[ax] = 0;
                ax--;
            }
            if (ax < 0) {
                return;
            }
        }
    }

    /** Pairwise summation of a strided strip: error O(eps log n) instead of O(eps n). */
    static double pairwiseSum(MemorySegment s, DType t, long off, long step, long n) {
        if (n <= PAIRWISE_BLOCK) {
            double[] r = new double[8];
            long i = 0;
            for (; i + 8 <= n; i += 8) {
                for (int k = 0; k < 8; k++) {
                    r[k] += HostElements.getDouble(s, t, off + (i + k) * step);
                }
            }
            double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                sum += HostElements.getDouble(s, t, off + i * step);
            }
            return sum;
        }
        long half = n / 2;
        half -= half % 8;
        return pairwiseSum(s, t, off, step, half) + pairwiseSum(s, t, off + half * step, step, n - half);
    }

    /** {@code op.accumulate} along one axis: a running fold, in order. */
    static void accumulate(Ufunc op, Ufunc.Loop loop, NDArray input, int axis, NDArray out) {
        long[] shape = input.shape();
        long n = shape[axis];
        long[] ist = input.elementStrides();
        long[] ost = out.elementStrides();
        long si = ist[axis];
        long so = ost[axis];
        shape[axis] = 1;
        MemorySegment in = CpuBackend.segment(input.storage());
        MemorySegment res = CpuBackend.segment(out.storage());
        DType t = loop.in().get(0);
        DType outType = loop.out();
        boolean floating = t.isFloating();
        DoubleBinaryOperator fd = floating ? Kernels.binaryDouble(op.id()) : null;
        LongBinaryOperator fl = floating ? null : Kernels.binaryLong(op.id(), t);
        StridedWalk.walk(shape, new long[][] {ist, ost}, new long[] {input.elementOffset(), out.elementOffset()},
                (off, st, m) -> {
                    for (long j = 0; j < m; j++) {
                        long a = off[0] + j * st[0];
                        long b = off[1] + j * st[1];
                        if (n == 0) {
                            continue;
                        }
                        if (floating) {
                            double acc = HostElements.getDouble(in, t, a);
                            HostElements.setDouble(res, outType, b, acc);
                            for (long i = 1; i < n; i++) {
                                acc = ScalarMath.round(fd.applyAsDouble(acc, HostElements.getDouble(in, t, a + i * si)), t);
                                HostElements.setDouble(res, outType, b + i * so, acc);
                            }
                        } else {
                            long acc = HostElements.getLong(in, t, a);
                            HostElements.setLong(res, outType, b, acc);
                            for (long i = 1; i < n; i++) {
                                acc = ScalarMath.wrap(fl.applyAsLong(acc, HostElements.getLong(in, t, a + i * si)), t);
                                HostElements.setLong(res, outType, b + i * so, acc);
                            }
                        }
                    }
                });
        CpuBackend.keepAlive(new NDArray[] {input, out});
    }

    /** argmax/argmin along an axis: the first extreme wins; for floats the first NaN wins. */
    static void argReduce(boolean max, NDArray input, int axis, NDArray out) {
        long[] shape = input.shape();
        long n = shape[axis];
        long[] ist = input.elementStrides();
        long si = ist[axis];
        shape[axis] = 1;
        MemorySegment in = CpuBackend.segment(input.storage());
        MemorySegment res = CpuBackend.segment(out.storage());
        DType t = input.dtype();
        if (si == 1 && n > 0 && Kernels.VECTOR_API && out.size() == 1 && n / 2 >= Kernels.GRAIN_MEMORY_BOUND
                && Parallel.threads() > 1) {
            HostElements.setLong(res, DType.INT64, out.elementOffset(),
                    argStripParallel(max, t, in, input.elementOffset(), n));
            CpuBackend.keepAlive(new NDArray[] {input, out});
            return;
        }
        if (si == 1 && n > 0 && Kernels.VECTOR_API) {
            StridedWalk.walk(shape, new long[][] {ist, out.elementStrides()},
                    new long[] {input.elementOffset(), out.elementOffset()}, Math.max(1, Kernels.GRAIN_MEMORY_BOUND / n),
                    (off, st, m) -> {
                        for (long j = 0; j < m; j++) {
                            HostElements.setLong(res, DType.INT64, off[1] + j * st[1], argStrip(max, t, in, off[0] + j * st[0], n));
                        }
                    });
            CpuBackend.keepAlive(new NDArray[] {input, out});
            return;
        }
        StridedWalk.walk(shape, new long[][] {ist, out.elementStrides()},
                new long[] {input.elementOffset(), out.elementOffset()}, (off, st, m) -> {
                    for (long j = 0; j < m; j++) {
                        long a = off[0] + j * st[0];
                        long best = t.isFloating() ? argFloat(max, in, t, a, si, n) : argLong(max, in, t, a, si, n);
                        HostElements.setLong(res, DType.INT64, off[1] + j * st[1], best);
                    }
                });
        CpuBackend.keepAlive(new NDArray[] {input, out});
    }

    /** The vectorized argmax (argmin) of a contiguous strip of {@code n >= 1} elements. */
    private static long argStrip(boolean max, DType t, MemorySegment in, long a, long n) {
        return switch (t) {
            case FLOAT64 -> ArgFoldF64.arg(max, in, a, n);
            case FLOAT32 -> ArgFoldF32.arg(max, in, a, n);
            case INT64 -> ArgFoldI64.arg(max, false, in, a, n);
            case INT32 -> ArgFoldI32.arg(max, false, in, a, n);
            case INT16 -> ArgFoldI16.arg(max, false, in, a, n);
            case INT8 -> ArgFoldI8.arg(max, false, in, a, n);
            case UINT8, BOOL -> ArgFoldI8.arg(max, true, in, a, n);
        };
    }

    /**
     * {@link #argStrip} of one long strip on all threads: each chunk finds its own answer, then
     * the chunks' answers are compared in order, so the first NaN, or else the first of the
     * best values, wins: the serial answer, on any thread count.
     */
    private static long argStripParallel(boolean max, DType t, MemorySegment in, long a, long n) {
        int parts = Parallel.threads();
        long chunk = (n + parts - 1) / parts;
        long[] at = new long[parts];
        Parallel.forRange(parts, 1, (s, e) -> {
            for (long c = s; c < e; c++) {
                long from = Math.min(n, c * chunk);
                long len = Math.min(n, from + chunk) - from;
                at[(int) c] = len > 0 ? from + argStrip(max, t, in, a + from, len) : -1;
            }
        });
        long best = at[0];
        for (int c = 1; c < parts; c++) {
            if (at[c] >= 0 && beats(max, t, in, a + at[c], a + best)) {
                best = at[c];
            }
        }
        return best;
    }

    /** Whether element {@code i} is strictly better than the earlier element {@code j} for argmax (argmin). */
    private static boolean beats(boolean max, DType t, MemorySegment in, long i, long j) {
        if (t.isFloating()) {
            double vi = HostElements.getDouble(in, t, i);
            double vj = HostElements.getDouble(in, t, j);
            if (Double.isNaN(vj)) {
                return false;
            }
            return Double.isNaN(vi) || (max ? vi > vj : vi < vj);
        }
        long vi = HostElements.getLong(in, t, i);
        long vj = HostElements.getLong(in, t, j);
        if (t == DType.UINT8 || t == DType.BOOL) {
            vi &= 0xFF;
            vj &= 0xFF;
        }
        return max ? vi > vj : vi < vj;
    }

    private static long argFloat(boolean max, MemorySegment in, DType t, long a, long step, long n) {
        long best = 0;
        double bv = HostElements.getDouble(in, t, a);
        if (Double.isNaN(bv)) {
            return 0;
        }
        for (long i = 1; i < n; i++) {
            double v = HostElements.getDouble(in, t, a + i * step);
            if (Double.isNaN(v)) {
                return i;
            }
            if (max ? v > bv : v < bv) {
                bv = v;
                best = i;
            }
        }
        return best;
    }

    private static long argLong(boolean max, MemorySegment in, DType t, long a, long step, long n) {
        long best = 0;
        long bv = HostElements.getLong(in, t, a);
        for (long i = 1; i < n; i++) {
            long v = HostElements.getLong(in, t, a + i * step);
            if (max ? v > bv : v < bv) {
                bv = v;
                best = i;
            }
        }
        return best;
    }
}
