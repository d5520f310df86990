package io.github.ndarray;

import io.github.ndarray.broadcasting.Broadcast;
import java.util.ArrayList;
import java.util.List;

/**
 * NumPy's indexing routines ({@code take put take_along_axis put_along_axis compress choose
 * extract place}), each written as an advanced index of the arrays involved, so that the
 * checks, NumPy's messages and the backends' gathers and scatters are those of
 * {@code a[idx]}.
 */
final class IndexRoutines {
    private IndexRoutines() {
    }

    /** {@code np.take(a, indices, axis)}; {@code axis == null} takes from the flattened array. */
    static NDArray take(NDArray a, NDArray indices, Integer axis) {
        if (axis == null) {
            try (NDArray flat = a.ravel()) {
                return flat.get(Index.array(indices));
            }
        }
        int ax = AxisException.normalize(axis, a.ndim());
        return a.get(alongAxis(ax, Index.array(indices)));
    }

    /** {@code [:, :, ..., ix]}: {@code ix} on axis {@code ax}. */
    private static Index[] alongAxis(int ax, Index ix) {
        Index[] idx = new Index[ax + 1];
        for (int d = 0; d < ax; d++) {
            idx[d] = Index.all();
        }
        idx[ax] = ix;
        return idx;
    }

    /**
     * {@code np.put(a, ind, v)}: {@code a.flat[ind] = v}, v repeated cyclically to ind's length;
     * repeated positions keep the last value.
     */
    static void put(NDArray a, NDArray indices, Object values) {
        a.checkWriteable();
        try (NDArray flatIdx = indices.ravel(); NDArray v = cycled(a, values, flatIdx.size())) {
            onFlat(a, flat -> flat.set(new Index[] {Index.array(flatIdx)}, v));
        }
    }

    /** Runs {@code body} on a 1-D view of a (a copy written back when a is not contiguous). */
    private static void onFlat(NDArray a, java.util.function.Consumer<NDArray> body) {
        if (a.isContiguous()) {
            try (NDArray flat = a.reshape(-1L)) {
                body.accept(flat);
            }
            return;
        }
        try (NDArray c = a.copy(); NDArray flat = c.reshape(-1L)) {
            body.accept(flat);
            a.assign(c);
        }
    }

    /** The values (array or scalar) flattened and repeated cyclically to {@code n} elements, a's dtype, on a's device. */
    private static NDArray cycled(NDArray a, Object values, long n) {
        if (values instanceof NDArray va) {
            Elementwise.checkSameDevice(a, va);
        }
        NDArray v = Elementwise.asArray(values, a.dtype());
        NDArray there = v.to(a.device()); // a Java scalar's host array goes to the device
        try (NDArray flat = there.ravel()) {
            if (flat.size() == 0 && n > 0) {
                throw new IllegalArgumentException("cannot place into a non-empty selection from an empty array");
            }
            if (n == 0) {
                return ND.empty(a.device(), a.dtype(), 0);
            }
            if (flat.size() == n) {
                return flat.copy();
            }
            try (NDArray pos = ND.arange(a.device(), 0, n, 1); NDArray wrapped = Ufunc.REMAINDER.call(pos, flat.size())) {
                return flat.get(Index.array(wrapped));
            }
        } finally {
            if (there != v) {
                there.close();
            }
            if (v != values) {
                v.close();
            }
        }
    }

    /** The open grids {@code arange(n_d)} shaped to broadcast along axis d, with {@code at} on axis {@code ax}. */
    private static Index[] grids(NDArray a, int ax, NDArray at, List<NDArray> temps) {
        int nd = a.ndim();
        Index[] idx = new Index[nd];
        for (int d = 0; d < nd; d++) {
            if (d == ax) {
                idx[d] = Index.array(at);
                continue;
            }
            long[] shape = new long[nd];
            java.util.Arrays.fill(shape, 1);
            shape[d] = a.shape(d);
            NDArray g = ND.arange(a.device(), 0, a.shape(d), 1);
            temps.add(g);
            NDArray r = g.reshape(shape);
            temps.add(r);
            idx[d] = Index.array(r);
        }
        return idx;
    }

    /** {@code np.take_along_axis(a, indices, axis)}; {@code axis == null} works on the flattened array. */
    static NDArray takeAlongAxis(NDArray a, NDArray indices, Integer axis) {
        if (axis == null) {
            checkFlatAlong(indices);
            return take(a, indices, null);
        }
        int ax = checkAlong(a, indices, axis);
        List<NDArray> temps = new ArrayList<>();
        try {
            return a.get(grids(a, ax, indices, temps));
        } finally {
            temps.forEach(NDArray::close);
        }
    }

    /** {@code np.put_along_axis(a, indices, values, axis)}. */
    static void putAlongAxis(NDArray a, NDArray indices, Object values, Integer axis) {
        if (axis == null) {
            checkFlatAlong(indices);
            onFlat(a, flat -> flat.set(new Index[] {Index.array(indices)}, values));
            return;
        }
        int ax = checkAlong(a, indices, axis);
        List<NDArray> temps = new ArrayList<>();
        try {
            a.set(grids(a, ax, indices, temps), values);
        } finally {
            temps.forEach(NDArray::close);
        }
    }

    private static void checkFlatAlong(NDArray indices) {
        if (indices.ndim() != 1) {
            throw new IllegalArgumentException("when axis=None, `indices` must have a single dimension.");
        }
    }

    private static int checkAlong(NDArray a, NDArray indices, int axis) {
        if (!indices.dtype().isInteger()) {
            throw new IllegalArgumentException("`indices` must be an integer array");
        }
        if (indices.ndim() != a.ndim()) {
            throw new IllegalArgumentException("`indices` and `arr` must have the same number of dimensions");
        }
        return AxisException.normalize(axis, a.ndim());
    }

    /** {@code np.compress(condition, a, axis)}; {@code axis == null} works on the flattened array. */
    static NDArray compress(NDArray condition, NDArray a, Integer axis) {
        if (condition.ndim() != 1) {
            throw new IllegalArgumentException("condition must be a 1-d array");
        }
        try (NDArray positions = Searching.flatnonzero(condition)) {
            return take(a, positions, axis);
        }
    }

    /** {@code np.extract(condition, arr)}: the elements of arr where condition (flattened) is nonzero. */
    static NDArray extract(NDArray condition, NDArray arr) {
        try (NDArray c = condition.ravel(); NDArray positions = Searching.flatnonzero(c); NDArray flat = arr.ravel()) {
            return flat.get(Index.array(positions));
        }
    }

    /** {@code np.place(arr, mask, vals)}: the first N values (cycled) go where mask is true, N its count. */
    static void place(NDArray arr, NDArray mask, Object values) {
        arr.checkWriteable();
        if (mask.size() != arr.size()) {
            throw new IllegalArgumentException("place: mask and data must be the same size");
        }
        try (NDArray m = mask.ravel(); NDArray positions = Searching.flatnonzero(m)) {
            if (positions.size() > 0 && values instanceof NDArray v && v.size() == 0) {
                throw new IllegalArgumentException("Cannot insert from an empty array!");
            }
            try (NDArray v = cycled(arr, values, positions.size())) {
                onFlat(arr, flat -> flat.set(new Index[] {Index.array(positions)}, v));
            }
        }
    }

    /** {@code np.choose(a, choices)}: {@code choices[a[i]][i]}, everything broadcast together. */
    static NDArray choose(NDArray a, NDArray[] choices) {
        if (choices.length == 0) {
            throw new IllegalArgumentException("choices must not be empty");
        }
        if (!a.dtype().isInteger() && a.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("Cannot cast array data from dtype('" + a.dtype()
                    + "') to dtype('int64') according to the rule 'safe'");
        }
        long[][] shapes = new long[choices.length + 1][];
        shapes[0] = a.shape();
        for (int i = 0; i < choices.length; i++) {
            Elementwise.checkSameDevice(a, choices[i]);
            shapes[i + 1] = choices[i].shape();
        }
        long[] shape = Broadcast.shape(shapes);
        if (a.size() > 0) {
            try (NDArray lo = ND.min(a); NDArray hi = ND.max(a)) {
                if (lo.getLong() < 0 || hi.getLong() >= choices.length) {
                    throw new IllegalArgumentException("invalid entry in choice array");
                }
            }
        }
        List<NDArray> temps = new ArrayList<>();
        try {
            NDArray[] wide = new NDArray[choices.length];
            for (int i = 0; i < wide.length; i++) {
                wide[i] = choices[i].broadcastTo(shape);
                temps.add(wide[i]);
            }
            NDArray stacked = ND.stack(0, wide);
            temps.add(stacked);
            NDArray which = a.broadcastTo(shape);
            temps.add(which);
            Index[] idx = new Index[shape.length + 1];
            idx[0] = Index.array(which);
            for (int d = 0; d < shape.length; d++) {
                long[] s = new long[shape.length];
                java.util.Arrays.fill(s, 1);
                s[d] = shape[d];
                NDArray g = ND.arange(a.device(), 0, shape[d], 1);
                temps.add(g);
                NDArray r = g.reshape(s);
                temps.add(r);
                idx[d + 1] = Index.array(r);
            }
            return stacked.get(idx);
        } finally {
            temps.forEach(NDArray::close);
        }
    }
}
