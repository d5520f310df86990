package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import io.github.ndarray.spi.HostElements;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The CPU's {@link io.github.ndarray.spi.IndexSupport}: gathers and scatters walk the index
 * tuples in C order and move one row of shape R per tuple (a single element when R is
 * empty, the common {@code a[idx]} of a 1-D array); nonzero walks the array in C order.
 */
final class Gathers {
    private static final ValueLayout.OfLong INDEX = ValueLayout.JAVA_LONG_UNALIGNED;

    private Gathers() {
    }

    /** Moves one row: from {@code (seg[0], off[0])} to {@code (seg[1], off[1])}, or combines with a kernel. */
    @FunctionalInterface
    private interface RowMove {
        void run(long fromOffset, long toOffset);
    }

    /** Fewest elements per thread of a single-element gather (memory-bound, random reads). */
    private static final long GRAIN = 1 << 16;

    static void gather(NDArray src, NDArray[] indices, NDArray out) {
        int k = indices.length;
        if (k == 1 && src.ndim() == 1 && out.flatStride() == 1) {
            gatherElements(src, indices[0], out);
            return;
        }
        long[] rShape = Arrays.copyOfRange(src.shape(), k, src.ndim());
        int bNd = out.ndim() - rShape.length;
        RowMove move = copier(src, out, rShape, Arrays.copyOfRange(src.elementStrides(), k, src.ndim()),
                Arrays.copyOfRange(out.elementStrides(), bNd, out.ndim()));
        walk(src, indices, out, bNd, move, false);
    }

    static void scatter(NDArray dst, NDArray[] indices, NDArray values, Ufunc op, Ufunc.Loop loop) {
        int k = indices.length;
        long[] rShape = Arrays.copyOfRange(dst.shape(), k, dst.ndim());
        int bNd = values.ndim() - rShape.length;
        long[] dstR = Arrays.copyOfRange(dst.elementStrides(), k, dst.ndim());
        long[] valR = Arrays.copyOfRange(values.elementStrides(), bNd, values.ndim());
        RowMove move;
        if (op == null) {
            move = copier(values, dst, rShape, valR, dstR);
        } else {
            StripKernel kernel = Kernels.elementwise(op, loop);
            MemorySegment[] seg = {CpuBackend.segment(dst.storage()), CpuBackend.segment(values.storage()),
                CpuBackend.segment(dst.storage())};
            long[][] strides = {dstR, valR, dstR};
            move = (from, to) -> {
                if (rShape.length == 0) {
                    kernel.run(seg, new long[] {to, from, to}, new long[3], 1);
                } else {
                    StridedWalk.walk(rShape, strides, new long[] {to, from, to}, (o, st, n) -> kernel.run(seg, o, st, n));
                }
            };
        }
        walk(dst, indices, values, bNd, move, true);
    }

    /**
     * Runs {@code move} for every index tuple in C order of B: the indexed side's offset from
     * the tuple, the other side's from its position in B.
     */
    private static void walk(NDArray indexed, NDArray[] indices, NDArray other, int bNd, RowMove move, boolean otherIsSource) {
        long n = indices[0].size();
        if (n == 0 || other.size() == 0) {
            return;
        }
        int k = indices.length;
        MemorySegment[] is = new MemorySegment[k];
        long[] iOff = new long[k];
        long[] axisStride = new long[k];
        long[] istr = indexed.elementStrides();
        for (int j = 0; j < k; j++) {
            is[j] = CpuBackend.segment(indices[j].storage());
            iOff[j] = indices[j].elementOffset();
            axisStride[j] = istr[j];
        }
        long[] bShape = Arrays.copyOf(other.shape(), bNd);
        long[] bStride = Arrays.copyOf(other.elementStrides(), bNd);
        long[] pos = new long[bNd];
        long otherOff = other.elementOffset();
        for (long b = 0; b < n; b++) {
            long at = indexed.elementOffset();
            for (int j = 0; j < k; j++) {
                at += is[j].get(INDEX, (iOff[j] + b) * 8) * axisStride[j];
            }
            if (otherIsSource) {
                move.run(otherOff, at);
            } else {
                move.run(at, otherOff);
            }
            for (int d = bNd - 1; d >= 0; d--) {
                otherOff += bStride[d];
                if (++pos[d] < bShape[d]) {
                    break;
                }
                otherOff -= bStride[d] * bShape[d];
                pos[d] = 0;
            }
        }
        CpuBackend.keepAlive(indices);
        CpuBackend.keepAlive(new NDArray[] {indexed, other});
    }

    /**
     * {@code out[b] = src[idx[b]]} for a 1-D source and a contiguous result, the common
     * {@code a[idx]} and {@code a[mask]}: one loop per item size, on every thread (each
     * element is written once, so the result does not depend on the split).
     */
    private static void gatherElements(NDArray src, NDArray index, NDArray out) {
        MemorySegment s = CpuBackend.segment(src.storage());
        MemorySegment ix = CpuBackend.segment(index.storage());
        MemorySegment o = CpuBackend.segment(out.storage());
        long so = src.elementOffset();
        long stride = src.elementStrides()[0];
        long io = index.elementOffset();
        long oo = out.elementOffset();
        int item = src.dtype().itemSize();
        Parallel.forRange(out.size(), GRAIN, (lo, hi) -> {
            switch (item) {
                case 8 -> {
                    for (long b = lo; b < hi; b++) {
                        long at = so + ix.get(INDEX, (io + b) * 8) * stride;
                        o.set(ValueLayout.JAVA_LONG_UNALIGNED, (oo + b) * 8, s.get(ValueLayout.JAVA_LONG_UNALIGNED, at * 8));
                    }
                }
                case 4 -> {
                    for (long b = lo; b < hi; b++) {
                        long at = so + ix.get(INDEX, (io + b) * 8) * stride;
                        o.set(ValueLayout.JAVA_INT_UNALIGNED, (oo + b) * 4, s.get(ValueLayout.JAVA_INT_UNALIGNED, at * 4));
                    }
                }
                default -> {
                    for (long b = lo; b < hi; b++) {
                        copyElement(s, so + ix.get(INDEX, (io + b) * 8) * stride, o, oo + b, item);
                    }
                }
            }
        });
        CpuBackend.keepAlive(new NDArray[] {src, index, out});
    }

    /** Copies a row of shape {@code rShape} bit for bit from {@code from}'s memory to {@code to}'s. */
    private static RowMove copier(NDArray from, NDArray to, long[] rShape, long[] fromR, long[] toR) {
        MemorySegment f = CpuBackend.segment(from.storage());
        MemorySegment t = CpuBackend.segment(to.storage());
        int item = from.dtype().itemSize();
        if (rShape.length == 0) {
            return (a, b) -> copyElement(f, a, t, b, item);
        }
        long[][] strides = {fromR, toR};
        return (a, b) -> StridedWalk.walk(rShape, strides, new long[] {a, b}, (o, st, n) -> {
            for (long i = 0; i < n; i++) {
                copyElement(f, o[0] + i * st[0], t, o[1] + i * st[1], item);
            }
        });
    }

    private static void copyElement(MemorySegment f, long a, MemorySegment t, long b, int item) {
        switch (item) {
            case 1 -> t.set(ValueLayout.JAVA_BYTE, b, f.get(ValueLayout.JAVA_BYTE, a));
            case 2 -> t.set(ValueLayout.JAVA_SHORT_UNALIGNED, b * 2, f.get(ValueLayout.JAVA_SHORT_UNALIGNED, a * 2));
            case 4 -> t.set(ValueLayout.JAVA_INT_UNALIGNED, b * 4, f.get(ValueLayout.JAVA_INT_UNALIGNED, a * 4));
            case 8 -> t.set(ValueLayout.JAVA_LONG_UNALIGNED, b * 8, f.get(ValueLayout.JAVA_LONG_UNALIGNED, a * 8));
            default -> MemorySegment.copy(f, a * item, t, b * item, item);
        }
    }

    static long countNonzero(NDArray a) {
        if (isFlatBytes(a)) {
            MemorySegment s = CpuBackend.segment(a.storage());
            long count = 0;
            for (long i = a.elementOffset(), end = i + a.size(); i < end; i++) {
                count += s.get(ValueLayout.JAVA_BYTE, i) != 0 ? 1 : 0;
            }
            CpuBackend.keepAlive(new NDArray[] {a});
            return count;
        }
        long[] count = new long[1];
        visitNonzero(a, coords -> count[0]++);
        return count[0];
    }

    static void nonzero(NDArray a, NDArray out) {
        MemorySegment o = CpuBackend.segment(out.storage());
        if (isFlatBytes(a)) {
            MemorySegment s = CpuBackend.segment(a.storage());
            long next = out.elementOffset() * 8;
            long first = a.elementOffset();
            for (long i = 0, n = a.size(); i < n; i++) {
                if (s.get(ValueLayout.JAVA_BYTE, first + i) != 0) {
                    o.set(INDEX, next, i);
                    next += 8;
                }
            }
            CpuBackend.keepAlive(new NDArray[] {a, out});
            return;
        }
        long[] next = {out.elementOffset()};
        visitNonzero(a, coords -> {
            for (long c : coords) {
                o.set(INDEX, next[0]++ * 8, c);
            }
        });
        CpuBackend.keepAlive(new NDArray[] {out});
    }

    /** A contiguous 1-D (or 0-d) array of bytes (bool, int8, uint8): positions are its flat indices. */
    private static boolean isFlatBytes(NDArray a) {
        return a.ndim() <= 1 && a.flatStride() == 1 && a.dtype().itemSize() == 1;
    }

    /** Calls {@code f} with the coordinates (reused array) of each nonzero element, in C order. */
    private static void visitNonzero(NDArray a, java.util.function.Consumer<long[]> f) {
        if (a.size() == 0) {
            return;
        }
        MemorySegment s = CpuBackend.segment(a.storage());
        DType t = a.dtype();
        long[] shape = a.shape();
        long[] st = a.elementStrides();
        int nd = shape.length;
        long[] pos = new long[nd];
        long off = a.elementOffset();
        boolean floating = t.isFloating();
        for (long i = 0, n = a.size(); i < n; i++) {
            boolean nz = floating ? HostElements.getDouble(s, t, off) != 0 : HostElements.getLong(s, t, off) != 0;
            if (nz) {
                f.accept(pos);
            }
            for (int d = nd - 1; d >= 0; d--) {
                off += st[d];
                if (++pos[d] < shape[d]) {
                    break;
                }
                off -= st[d] * shape[d];
                pos[d] = 0;
            }
        }
        CpuBackend.keepAlive(new NDArray[] {a});
    }
}
