package io.github.ndarray;

import io.github.ndarray.spi.SortSupport;

/**
 * {@code sort argsort partition argpartition searchsorted lexsort}. The api moves the sorted
 * axis last and hands the backend a C-contiguous copy ({@link SortSupport}'s rows); NumPy's
 * order: NaN last, {@code -0.0 == 0.0}. Every argsort is stable (NumPy's default kind is not
 * stable; a stable order is one of the orders it allows).
 */
final class Sorting {
    private Sorting() {
    }

    /** {@code np.sort(a, axis)}; {@code axis == null} sorts the flattened array. */
    static NDArray sort(NDArray a, Integer axis) {
        return along(a, axis, (s, rows) -> {
            NDArray work = rows.copy();
            s.sort(work);
            return work;
        });
    }

    /** {@code np.argsort(a, axis, kind='stable')}; {@code axis == null} for the flattened array. */
    static NDArray argsort(NDArray a, Integer axis) {
        return along(a, axis, (s, rows) -> {
            try (NDArray work = rows.copy()) {
                NDArray out = NDArray.allocateUninitialized(a.device(), DType.INT64, work.shape());
                s.argsort(work, out);
                return out;
            }
        });
    }

    @FunctionalInterface
    private interface RowOp {
        /** Computes a C-contiguous result over {@code rows} (the array with the axis last). */
        NDArray apply(SortSupport s, NDArray rows);
    }

    /** Runs {@code op} with the axis moved last and moves the result's last axis back to {@code axis}. */
    private static NDArray along(NDArray a, Integer axis, RowOp op) {
        a.checkOpen();
        SortSupport s = Capabilities.require(a, SortSupport.class, "sort");
        if (axis == null) {
            try (NDArray flat = a.ravel(); Hold h = Hold.of(a)) {
                return op.apply(s, flat);
            }
        }
        int nd = a.ndim();
        int ax = AxisException.normalize(axis, nd);
        if (ax == nd - 1) {
            try (Hold h = Hold.of(a)) {
                return op.apply(s, a);
            }
        }
        int[] toLast = new int[nd];
        int[] back = new int[nd];
        for (int d = 0, q = 0; d < nd; d++) {
            if (d != ax) {
                toLast[q++] = d;
            }
        }
        toLast[nd - 1] = ax;
        for (int d = 0; d < nd; d++) {
            back[toLast[d]] = d;
        }
        try (NDArray moved = a.permuteDims(toLast); NDArray r = op.apply(s, moved); NDArray v = r.permuteDims(back)) {
            return v.copy();
        }
    }

    /**
     * {@code np.partition(a, kth, axis)}: every kth element in its sorted place, smaller ones
     * before, larger after. Computed as a full sort, which satisfies that.
     */
    static NDArray partition(NDArray a, long[] kth, Integer axis) {
        checkKth(a, kth, axis);
        return sort(a, axis);
    }

    /** {@code np.argpartition}: the indices that partition; a stable argsort, which does. */
    static NDArray argpartition(NDArray a, long[] kth, Integer axis) {
        checkKth(a, kth, axis);
        return argsort(a, axis);
    }

    private static void checkKth(NDArray a, long[] kth, Integer axis) {
        long n = axis == null ? a.size() : a.shape(AxisException.normalize(axis, a.ndim()));
        for (long k : kth) {
            if (k < -n || k >= n) {
                throw new IllegalArgumentException("kth(=" + k + ") out of bounds (" + n + ")");
            }
        }
    }

    /**
     * {@code np.searchsorted(sorted, values, side)}: insertion points, compared in the two
     * operands' promoted dtype.
     */
    static NDArray searchsorted(NDArray sorted, Object values, boolean right) {
        sorted.checkOpen();
        if (sorted.ndim() != 1) {
            throw new IllegalArgumentException("object too deep for desired array (searchsorted needs a 1-D array, got "
                    + sorted.ndim() + "-D)");
        }
        if (values instanceof NDArray v) {
            Elementwise.checkSameDevice(sorted, v);
        }
        DType[] t = Elementwise.inputTypes(new Object[] {sorted, values}, false);
        DType common = DType.promote(t[0], t[1]);
        SortSupport s = Capabilities.require(sorted, SortSupport.class, "searchsorted");
        NDArray given = Elementwise.asArray(values, common);
        NDArray there = given.to(sorted.device()); // a Java scalar's host array goes to the device
        try (NDArray keys = sorted.astype(common); NDArray v = there.copy(); Hold h = Hold.of(sorted)) {
            NDArray out = NDArray.allocateUninitialized(sorted.device(), DType.INT64, v.shape());
            s.searchsorted(keys, v, right, out);
            return out;
        } finally {
            if (there != given) {
                there.close();
            }
            if (given != values) {
                given.close();
            }
        }
    }

    /**
     * {@code np.lexsort(keys)}: the stable order by the last key, ties broken by the one before,
     * and so on: stable argsorts from the first key to the last.
     */
    static NDArray lexsort(NDArray[] keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("need sequence of keys with len > 0 in lexsort");
        }
        long n = keys[0].size();
        for (NDArray k : keys) {
            Elementwise.checkSameDevice(keys[0], k);
            if (k.ndim() != 1 || k.size() != n) {
                throw new IllegalArgumentException("all keys need to be the same shape (1-D keys of one length here)");
            }
        }
        NDArray order = ND.arange(keys[0].device(), 0, n, 1);
        for (NDArray k : keys) {
            try (NDArray permuted = k.get(Index.array(order)); NDArray step = argsort(permuted, -1);
                    NDArray old = order) {
                order = old.get(Index.array(step));
            }
        }
        return order;
    }
}
