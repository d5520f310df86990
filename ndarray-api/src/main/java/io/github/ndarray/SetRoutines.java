package io.github.ndarray;

/**
 * {@code unique isin intersect1d union1d setdiff1d}, built from a stable argsort, gathers and
 * ufuncs, so that every backend with the sort and index capabilities has them.
 */
final class SetRoutines {
    private SetRoutines() {
    }

    /** {@code np.unique(a, return_index, return_inverse, return_counts)} over the flattened array; NaNs collapse to one. */
    static Unique unique(NDArray a, boolean returnIndex, boolean returnInverse, boolean returnCounts) {
        a.checkOpen();
        if (!returnIndex && !returnInverse) {
            // No positions wanted: a sort does, without the permutation.
            try (NDArray sorted = Sorting.sort(a, null)) {
                return fromSorted(a, sorted, null, false, false, returnCounts);
            }
        }
        try (NDArray flat = a.ravel(); NDArray order = Sorting.argsort(flat, -1);
                NDArray sorted = flat.get(Index.array(order))) {
            return fromSorted(a, sorted, order, returnIndex, returnInverse, returnCounts);
        }
    }

    /** The parts of {@code unique(a)} from a's flattened elements sorted, and the sorting permutation if known. */
    private static Unique fromSorted(NDArray a, NDArray sorted, NDArray order, boolean returnIndex, boolean returnInverse,
            boolean returnCounts) {
        long n = a.size();
        try (NDArray first = firstOfRuns(sorted); NDArray starts = Searching.flatnonzero(first)) {
            NDArray values = sorted.get(Index.array(starts));
            NDArray indices = returnIndex ? order.get(Index.array(starts)) : null;
            NDArray inverse = null;
            if (returnInverse) {
                try (NDArray rank = ND.cumsum(first); NDArray zeroBased = Ufunc.SUBTRACT.call(rank, 1L);
                        NDArray inv = ND.empty(a.device(), DType.INT64, n)) {
                    inv.set(new Index[] {Index.array(order)}, zeroBased);
                    inverse = inv.reshape(a.shape());
                }
            }
            NDArray counts = null;
            if (returnCounts) {
                try (NDArray end = ND.full(a.device(), DType.INT64, n, 1);
                        NDArray bounds = ND.concatenate(0, starts, end);
                        NDArray hi = bounds.get(Index.slice(1L, null, null));
                        NDArray lo = bounds.get(Index.slice(null, -1L, null))) {
                    counts = Ufunc.SUBTRACT.call(hi, lo);
                }
            }
            return new Unique(values, indices, inverse, counts);
        }
    }

    /** A bool mask of the sorted array: true where a run of equal values starts (NaNs are one run). */
    private static NDArray firstOfRuns(NDArray sorted) {
        long n = sorted.size();
        NDArray first = ND.empty(sorted.device(), DType.BOOL, n);
        if (n == 0) {
            return first;
        }
        first.set(new Index[] {Index.at(0)}, true);
        try (NDArray next = sorted.get(Index.slice(1L, null, null)); NDArray prev = sorted.get(Index.slice(null, -1L, null));
                NDArray differs = Ufunc.NOT_EQUAL.call(next, prev);
                NDArray tail = first.get(Index.slice(1L, null, null))) {
            if (sorted.dtype().isFloating()) {
                try (NDArray nanNext = Ufunc.ISNAN.call(next); NDArray nanPrev = Ufunc.ISNAN.call(prev);
                        NDArray bothNan = Ufunc.LOGICAL_AND.call(nanNext, nanPrev);
                        NDArray notBoth = Ufunc.LOGICAL_NOT.call(bothNan)) {
                    Ufunc.LOGICAL_AND.callInto(tail, null, differs, notBoth);
                }
            } else {
                tail.assign(differs);
            }
        }
        return first;
    }

    /** {@code np.isin(element, test_elements, invert)}: for each element, whether it equals one of the tests. */
    static NDArray isin(NDArray element, NDArray tests, boolean invert) {
        Elementwise.checkSameDevice(element, tests);
        DType common = DType.promote(element.dtype(), tests.dtype());
        try (Unique u = unique(tests, false, false, false); NDArray keys = u.values().astype(common);
                NDArray values = element.astype(common)) {
            if (keys.size() == 0) {
                return ND.full(element.device(), DType.BOOL, invert ? 1 : 0, element.shape());
            }
            try (NDArray at = Sorting.searchsorted(keys, values, false);
                    NDArray clipped = ND.minimum(at, keys.size() - 1);
                    NDArray found = keys.get(Index.array(clipped))) {
                return (invert ? Ufunc.NOT_EQUAL : Ufunc.EQUAL).call(found, values);
            }
        }
    }

    /** {@code np.intersect1d(a, b)}: sorted unique values in both. */
    static NDArray intersect1d(NDArray a, NDArray b) {
        try (Unique ua = unique(a, false, false, false); NDArray inB = isin(ua.values(), b, false)) {
            return ua.values().get(Index.array(inB));
        }
    }

    /** {@code np.union1d(a, b)}: sorted unique values in either. */
    static NDArray union1d(NDArray a, NDArray b) {
        try (NDArray fa = a.ravel(); NDArray fb = b.ravel(); NDArray both = ND.concatenate(0, fa, fb);
                Unique u = unique(both, false, false, false)) {
            return u.values().copy();
        }
    }

    /** {@code np.setdiff1d(a, b)}: sorted unique values of a not in b. */
    static NDArray setdiff1d(NDArray a, NDArray b) {
        try (Unique ua = unique(a, false, false, false); NDArray notInB = isin(ua.values(), b, true)) {
            return ua.values().get(Index.array(notInB));
        }
    }
}
