package io.github.ndarray;

import io.github.ndarray.broadcasting.Shapes;
import java.util.Arrays;

/**
 * Applies NumPy basic indices to an array's layout, giving a view: the new shape, strides
 * (in elements, possibly negative or zero) and offset, exactly as NumPy computes them.
 *
 * <ul>
 *   <li>{@code ...} stands for as many full slices as the other indices leave axes; missing
 *       trailing indices are full slices too.</li>
 *   <li>An integer removes its axis (negatives count from the end; out of range throws
 *       {@link IndexOutOfBoundsException} with NumPy's message).</li>
 *   <li>A slice clamps like Python's {@code slice.indices}; the axis keeps its stride times
 *       the step and the offset moves to the slice's first element. An empty slice keeps the
 *       axis's stride, as NumPy does (it takes step 1 and start 0 then).</li>
 *   <li>{@code None} inserts an axis of size 1 and stride 0.</li>
 * </ul>
 *
 * <p>Views of views compose, since each works from its parent's strides and offset. An empty
 * result keeps its parent's offset, which is in bounds of the storage (a slice's start may
 * lie one past the end when the slice is empty).
 */
final class Indexing {
    private Indexing() {
    }

    static NDArray view(NDArray a, Index... index) {
        if (index == null) {
            index = new Index[0];
        }
        long[] shape = a.shape();
        long[] strides = a.elementStrides();
        int nd = shape.length;

        int consumed = 0;
        int newAxes = 0;
        boolean ellipsis = false;
        for (int k = 0; k < index.length; k++) {
            switch (index[k]) {
                case null -> throw new IllegalArgumentException("index " + k + " of " + Arrays.toString(index)
                        + " is null");
                case Index.At _ -> consumed++;
                case Index.Slice _ -> consumed++;
                case Index.NewAxis _ -> newAxes++;
                case Index.Array _ -> throw new IllegalArgumentException("an array index needs AdvancedIndex, not a view");
                case Index.Ellipsis _ -> {
                    if (ellipsis) {
                        throw new IllegalArgumentException("an index can only have a single ellipsis ('...')");
                    }
                    ellipsis = true;
                }
            }
        }
        if (consumed > nd) {
            throw new IndexOutOfBoundsException("too many indices for array: array is " + nd
                    + "-dimensional, but " + consumed + " were indexed");
        }

        int integers = 0;
        for (Index ix : index) {
            integers += ix instanceof Index.At ? 1 : 0;
        }
        int outNd = nd - integers + newAxes;
        if (outNd > Shapes.MAX_DIMS) {
            throw new IllegalArgumentException("number of dimensions must be within [0, " + Shapes.MAX_DIMS
                    + "], indexing result would have " + outNd);
        }
        long[] outShape = new long[outNd];
        long[] outStrides = new long[outNd];
        long offset = a.elementOffset();
        int axis = 0;
        int out = 0;
        for (Index ix : index) {
            switch (ix) {
                case Index.At at -> {
                    long n = shape[axis];
                    long i = at.i() < 0 ? at.i() + n : at.i();
                    if (i < 0 || i >= n) {
                        throw new IndexOutOfBoundsException("index " + at.i() + " is out of bounds for axis "
                                + axis + " with size " + n);
                    }
                    offset += i * strides[axis];
                    axis++;
                }
                case Index.Slice s -> {
                    long n = shape[axis];
                    long step = s.step() == null ? 1 : s.step();
                    long start;
                    long length;
                    if (step > 0) {
                        start = s.start() == null ? 0 : clampUp(s.start(), n);
                        long stop = s.stop() == null ? n : clampUp(s.stop(), n);
                        length = start < stop ? (stop - start - 1) / step + 1 : 0;
                    } else {
                        start = s.start() == null ? n - 1 : clampDown(s.start(), n);
                        long stop = s.stop() == null ? -1 : clampDown(s.stop(), n);
                        // (stop - start + 1) <= 0 and step < 0: truncation is floor here, and -step
                        // is never formed (it overflows for Long.MIN_VALUE).
                        length = stop < start ? (stop - start + 1) / step + 1 : 0;
                    }
                    outShape[out] = length;
                    if (length > 0) {
                        outStrides[out] = sliceStride(strides[axis], step, length);
                        offset += start * strides[axis];
                    } else {
                        outStrides[out] = strides[axis]; // NumPy: an empty slice gets step 1, start 0
                    }
                    out++;
                    axis++;
                }
                case Index.Array _ -> throw new AssertionError("refused above");
                case Index.NewAxis _ -> {
                    outShape[out] = 1;
                    outStrides[out] = 0;
                    out++;
                }
                case Index.Ellipsis _ -> {
                    for (int j = 0; j < nd - consumed; j++) {
                        outShape[out] = shape[axis];
                        outStrides[out] = strides[axis];
                        out++;
                        axis++;
                    }
                }
            }
        }
        while (axis < nd) {
            outShape[out] = shape[axis];
            outStrides[out] = strides[axis];
            out++;
            axis++;
        }
        for (long d : outShape) {
            if (d == 0) {
                offset = a.elementOffset();
                break;
            }
        }
        return a.view(outShape, outStrides, offset);
    }

    /** Python's bound for a positive step: negatives from the end, then into {@code [0, n]}. */
    private static long clampUp(long v, long n) {
        if (v < 0) {
            v += n;
            return Math.max(v, 0);
        }
        return Math.min(v, n);
    }

    /** Python's bound for a negative step: negatives from the end, then into {@code [-1, n-1]}. */
    private static long clampDown(long v, long n) {
        if (v < 0) {
            v += n;
            return Math.max(v, -1);
        }
        return Math.min(v, n - 1);
    }

    /**
     * The stride of a sliced axis, {@code stride * step}. That cannot overflow when the axis
     * keeps two or more elements (both lie in the storage); with at most one element the stride
     * is never used, and a huge step may overflow it: then 0.
     */
    private static long sliceStride(long stride, long step, long length) {
        long hi = Math.multiplyHigh(stride, step);
        long lo = stride * step;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        if (length <= 1) {
            return 0;
        }
        throw new ArithmeticException("stride overflow: " + stride + " * " + step);
    }
}
