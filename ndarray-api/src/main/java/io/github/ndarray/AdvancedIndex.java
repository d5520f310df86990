package io.github.ndarray;

import io.github.ndarray.broadcasting.Broadcast;
import io.github.ndarray.broadcasting.BroadcastException;
import io.github.ndarray.broadcasting.Shapes;
import io.github.ndarray.spi.IndexSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An index with at least one array in it, resolved against one array as NumPy resolves it:
 * <ol>
 *   <li>a bool array of k dimensions stands for the k integer arrays of its
 *       {@code nonzero()}; an integer beside an array is a 0-d integer array;</li>
 *   <li>the rest (slices, {@code None}, {@code ...}) is applied as a basic index, the array
 *       positions as full slices, giving a view;</li>
 *   <li>the index arrays broadcast to one shape B, are checked against their axes and made
 *       non-negative int64;</li>
 *   <li>the result has B in place of the indexed axes when those are adjacent, else B first,
 *       then the remaining axes R in order.</li>
 * </ol>
 * The backend then sees {@link #source} (the view with the indexed axes moved to the front)
 * and rows of shape R ({@link IndexSupport}). Everything is checked here, before any kernel.
 */
final class AdvancedIndex implements AutoCloseable {
    /** The indexed array's view with the indexed axes first, in index order: {@code (n0..nk-1, R...)}. */
    final NDArray source;
    /** The k index arrays: int64, C-contiguous, non-negative, in bounds, all of shape B. */
    final NDArray[] indices;
    /** The shape of {@code a[index]}. */
    final long[] resultShape;
    /** The axes of the result in kernel order ({@code B..., R...}). */
    private final int[] kernelAxes;
    private final List<NDArray> temps;

    private AdvancedIndex(NDArray source, NDArray[] indices, long[] resultShape, int[] kernelAxes, List<NDArray> temps) {
        this.source = source;
        this.indices = indices;
        this.resultShape = resultShape;
        this.kernelAxes = kernelAxes;
        this.temps = temps;
    }

    /** Whether the index needs this class (it has an array), rather than a view. */
    static boolean isAdvanced(Index[] index) {
        if (index != null) {
            for (Index ix : index) {
                if (ix instanceof Index.Array) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code a[index]}: a new array. */
    static NDArray get(NDArray a, Index[] index) {
        try (AdvancedIndex p = of(a, index)) {
            NDArray out = NDArray.allocateUninitialized(a.device(), a.dtype(), p.resultShape);
            try (NDArray k = p.kernelView(out); Hold h = Hold.of(a)) {
                Capabilities.require(a, IndexSupport.class, "advanced indexing").gather(p.source, p.indices, k);
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
            return out;
        }
    }

    /** {@code a[index] = value}: repeated positions keep the last value. */
    static void set(NDArray a, Index[] index, Object value) {
        scatter(a, index, value, null);
    }

    /**
     * {@code a[index] = value} with {@code op == null}, else {@code op.at(a, index, value)}:
     * the value broadcast to the selection, combined position by position in C order.
     */
    static void scatter(NDArray a, Index[] index, Object value, Ufunc op) {
        a.checkWriteable();
        Ufunc.Loop loop = null;
        if (op != null) {
            if (op.nin() != 2) {
                throw new IllegalArgumentException(op.name() + ".at needs a binary ufunc");
            }
            DType[] types = Elementwise.inputTypes(new Object[] {a, value}, op.comparesByValue());
            Elementwise.checkSameKind(op.resolve(types).out(), a.dtype());
            loop = op.resolve(new DType[] {a.dtype(), a.dtype()});
            if (loop.out() != a.dtype()) {
                throw new IllegalArgumentException(op.name() + ".at on " + a.dtype() + " gives " + loop.out()
                        + ", which cannot be stored back into the array");
            }
        } else if (!(value instanceof NDArray)) {
            Elementwise.checkScalarFits(value, a.dtype());
        }
        try (AdvancedIndex p = of(a, index)) {
            List<NDArray> temps = new ArrayList<>();
            try {
                NDArray v = valueFor(a, value, p.resultShape, temps);
                NDArray rows = p.kernelView(v);
                temps.add(rows);
                try (Hold h = Hold.of(a, value instanceof NDArray n ? n : null)) {
                    Capabilities.require(a, IndexSupport.class, "advanced indexing")
                            .scatter(p.source, p.indices, rows, op, loop);
                }
            } finally {
                temps.forEach(NDArray::close);
            }
        }
    }

    /**
     * The value as an array of a's dtype on a's device, broadcast to the selection's shape,
     * never sharing memory with a (the kernel writes a while it reads the value).
     */
    private static NDArray valueFor(NDArray a, Object value, long[] shape, List<NDArray> temps) {
        NDArray v = Elementwise.asArray(value, a.dtype());
        if (v != value) {
            temps.add(v);
        }
        if (value instanceof NDArray) {
            Elementwise.checkSameDevice(a, (NDArray) value);
        } else if (!v.device().equals(a.device())) {
            v = v.to(a.device());
            temps.add(v);
        }
        NDArray trimmed = NDArray.dropLeadingOnes(v, shape.length);
        if (trimmed != v) {
            temps.add(trimmed);
        }
        long[] vs = trimmed.shape();
        boolean fits = vs.length <= shape.length;
        try {
            fits = fits && Arrays.equals(Broadcast.shape(vs, shape), shape);
        } catch (BroadcastException e) {
            fits = false;
        }
        if (!fits) {
            throw new IllegalArgumentException("shape mismatch: value array of shape " + Shapes.format(v.shape())
                    + " could not be broadcast to indexing result of shape " + Shapes.format(shape));
        }
        NDArray b = trimmed.broadcastTo(shape);
        temps.add(b);
        if (b.storage() == a.storage()) {
            b = b.copy();
            temps.add(b);
        }
        return b;
    }

    /** {@code r} (of the result's shape) seen in kernel order {@code (B..., R...)}. */
    NDArray kernelView(NDArray r) {
        return r.permuteDims(kernelAxes);
    }

    @Override
    public void close() {
        for (int i = temps.size() - 1; i >= 0; i--) {
            temps.get(i).close();
        }
    }

    /** Resolves {@code index} against {@code a}; see the class comment. */
    static AdvancedIndex of(NDArray a, Index[] index) {
        a.checkOpen();
        List<NDArray> temps = new ArrayList<>();
        try {
            return resolve(a, index, temps);
        } catch (RuntimeException e) {
            for (int i = temps.size() - 1; i >= 0; i--) {
                temps.get(i).close();
            }
            throw e;
        }
    }

    private static AdvancedIndex resolve(NDArray a, Index[] index, List<NDArray> temps) {
        int nd = a.ndim();
        long[] shape = a.shape();
        int consumed = 0;
        for (Index ix : index) {
            if (ix == null) {
                throw new IllegalArgumentException("index " + Arrays.toString(index) + " has a null item");
            }
            consumed += switch (ix) {
                case Index.At _, Index.Slice _ -> 1;
                case Index.Array arr -> arr.array().dtype() == DType.BOOL ? arr.array().ndim() : 1;
                default -> 0;
            };
        }
        if (consumed > nd) {
            throw new IndexOutOfBoundsException("too many indices for array: array is " + nd
                    + "-dimensional, but " + consumed + " were indexed");
        }
        // Pass 1: the basic index (arrays as full slices), and each index array with its axis.
        List<Index> basic = new ArrayList<>();
        List<NDArray> arrays = new ArrayList<>();
        List<Integer> arrayAxes = new ArrayList<>(); // axis of a
        List<Integer> viewAxes = new ArrayList<>(); // axis of the basic view
        List<NDArray> fromMasks = new ArrayList<>(); // positions of true elements: in bounds by construction
        int axis = 0;
        int viewAxis = 0;
        for (Index ix : index) {
            switch (ix) {
                case Index.Ellipsis e -> {
                    basic.add(e);
                    axis += nd - consumed;
                    viewAxis += nd - consumed;
                }
                case Index.NewAxis n -> {
                    basic.add(n);
                    viewAxis++;
                }
                case Index.Slice s -> {
                    basic.add(s);
                    axis++;
                    viewAxis++;
                }
                case Index.At at -> {
                    NDArray i = onDevice(ND.array(new long[] {at.i()}).reshape(new long[0]), a, temps);
                    basic.add(Index.all());
                    arrays.add(i);
                    arrayAxes.add(axis++);
                    viewAxes.add(viewAxis++);
                }
                case Index.Array arr -> {
                    NDArray i = onDevice(arr.array(), a, temps);
                    if (i.dtype() == DType.BOOL) {
                        NDArray[] cols = maskPositions(i, shape, axis, temps);
                        for (NDArray c : cols) {
                            fromMasks.add(c);
                            basic.add(Index.all());
                            arrays.add(c);
                            arrayAxes.add(axis++);
                            viewAxes.add(viewAxis++);
                        }
                    } else {
                        if (!i.dtype().isInteger()) {
                            throw new IndexOutOfBoundsException("arrays used as indices must be of integer (or boolean) type");
                        }
                        basic.add(Index.all());
                        arrays.add(i);
                        arrayAxes.add(axis++);
                        viewAxes.add(viewAxis++);
                    }
                }
            }
        }
        NDArray view = Indexing.view(a, basic.toArray(new Index[0]));
        temps.add(view);
        int k = arrays.size();
        long[][] shapes = new long[k][];
        for (int j = 0; j < k; j++) {
            shapes[j] = arrays.get(j).shape();
        }
        long[] b;
        try {
            b = Broadcast.shape(shapes);
        } catch (BroadcastException e) {
            StringBuilder sb = new StringBuilder();
            for (long[] s : shapes) {
                sb.append(' ').append(Shapes.format(s));
            }
            throw new IndexOutOfBoundsException("shape mismatch: indexing arrays could not be broadcast together with shapes"
                    + sb);
        }
        NDArray[] indices = new NDArray[k];
        for (int j = 0; j < k; j++) {
            NDArray i = arrays.get(j);
            indices[j] = normalized(i, view.shape(viewAxes.get(j)), arrayAxes.get(j), b, fromMasks.contains(i), temps);
        }
        // The source: the view with the indexed axes first.
        int vnd = view.ndim();
        int[] perm = new int[vnd];
        boolean[] isIndexed = new boolean[vnd];
        for (int j = 0; j < k; j++) {
            perm[j] = viewAxes.get(j);
            isIndexed[viewAxes.get(j)] = true;
        }
        long[] rest = new long[vnd - k];
        for (int d = 0, q = k, r = 0; d < vnd; d++) {
            if (!isIndexed[d]) {
                perm[q++] = d;
                rest[r++] = view.shape(d);
            }
        }
        NDArray source = view.permuteDims(perm);
        temps.add(source);
        boolean adjacent = viewAxes.get(k - 1) - viewAxes.get(0) == k - 1;
        int at = adjacent ? viewAxes.get(0) : 0;
        long[] result = new long[rest.length + b.length];
        System.arraycopy(rest, 0, result, 0, at);
        System.arraycopy(b, 0, result, at, b.length);
        System.arraycopy(rest, at, result, at + b.length, rest.length - at);
        if (result.length > Shapes.MAX_DIMS) {
            throw new IllegalArgumentException("number of dimensions must be within [0, " + Shapes.MAX_DIMS
                    + "], indexing result would have " + result.length);
        }
        Shapes.checkedSize(result);
        int[] kernelAxes = new int[result.length];
        int q = 0;
        for (int d = 0; d < b.length; d++) {
            kernelAxes[q++] = at + d;
        }
        for (int d = 0; d < result.length; d++) {
            if (d < at || d >= at + b.length) {
                kernelAxes[q++] = d;
            }
        }
        return new AdvancedIndex(source, indices, result, kernelAxes, temps);
    }

    /** An index array on a's device: a host array (a literal, a Java array) is copied there. */
    private static NDArray onDevice(NDArray i, NDArray a, List<NDArray> temps) {
        i.checkOpen();
        if (i.device().equals(a.device())) {
            return i;
        }
        if (i.device().type() != Device.Type.CPU) {
            Elementwise.checkSameDevice(a, i);
        }
        NDArray moved = i.to(a.device());
        temps.add(moved);
        return moved;
    }

    /** The positions where a bool mask over axes {@code axis..} of {@code shape} is true, one int64 array per axis. */
    private static NDArray[] maskPositions(NDArray mask, long[] shape, int axis, List<NDArray> temps) {
        if (mask.ndim() == 0) {
            throw new IllegalArgumentException("a 0-d boolean index (a[True]) is not supported; use None");
        }
        for (int d = 0; d < mask.ndim(); d++) {
            if (mask.shape(d) != shape[axis + d]) {
                throw new IndexOutOfBoundsException("boolean index did not match indexed array along axis " + (axis + d)
                        + "; size of axis is " + shape[axis + d] + " but size of corresponding boolean axis is "
                        + mask.shape(d));
            }
        }
        NDArray where = Searching.argwhere(mask);
        temps.add(where);
        NDArray[] cols = new NDArray[mask.ndim()];
        for (int d = 0; d < cols.length; d++) {
            cols[d] = where.get(Index.all(), Index.at(d));
            temps.add(cols[d]);
        }
        return cols;
    }

    /**
     * The index array checked against an axis of size {@code n} (NumPy's IndexError on the first
     * position out of bounds; not for positions taken from a mask, which are in bounds), negatives counted from the end, as a C-contiguous int64 array of
     * shape {@code b}.
     */
    private static NDArray normalized(NDArray i, long n, int axis, long[] b, boolean inBounds, List<NDArray> temps) {
        boolean negatives = false;
        if (i.size() > 0 && !inBounds) {
            long lo;
            long hi;
            try (NDArray mn = ND.min(i); NDArray mx = ND.max(i)) {
                lo = mn.getLong();
                hi = mx.getLong();
            }
            if (lo < -n || hi >= n) {
                throw outOfBounds(i, n, axis);
            }
            negatives = lo < 0;
        }
        NDArray r = i;
        if (negatives) {
            try (NDArray neg = Ufunc.LESS.call(i, 0L); NDArray shifted = Ufunc.ADD.call(i, n)) {
                r = ND.where(neg, shifted, i);
            }
            temps.add(r);
        }
        if (r.dtype() != DType.INT64 || !r.hasShape(b) || !r.isContiguous()) {
            try (NDArray wide = r.broadcastTo(b)) {
                r = wide.astype(DType.INT64);
            }
            temps.add(r);
        }
        return r;
    }

    private static IndexOutOfBoundsException outOfBounds(NDArray i, long n, int axis) {
        try (NDArray flat = i.ravel();
                NDArray high = Ufunc.GREATER_EQUAL.call(flat, n);
                NDArray low = Ufunc.LESS.call(flat, -n);
                NDArray bad = Ufunc.LOGICAL_OR.call(high, low);
                NDArray first = ND.argmax(bad)) {
            long value = flat.getLong(first.getLong());
            return new IndexOutOfBoundsException("index " + value + " is out of bounds for axis " + axis + " with size " + n);
        }
    }
}
