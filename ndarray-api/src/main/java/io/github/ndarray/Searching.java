package io.github.ndarray;

import io.github.ndarray.spi.IndexSupport;

/** {@code nonzero}, {@code argwhere}, {@code flatnonzero}, {@code count_nonzero}: positions of the nonzero elements. */
final class Searching {
    private Searching() {
    }

    /** {@code np.argwhere(a)}: int64 {@code (count, a.ndim())}, the coordinates in C order. */
    static NDArray argwhere(NDArray a) {
        a.checkOpen();
        IndexSupport ix = Capabilities.require(a, IndexSupport.class, "nonzero");
        try (Hold h = Hold.of(a)) {
            long count = ix.countNonzero(a);
            NDArray out = NDArray.allocateUninitialized(a.device(), DType.INT64, count, a.ndim());
            if (count > 0 && a.ndim() > 0) {
                ix.nonzero(a, out);
            }
            return out;
        }
    }

    static long countNonzero(NDArray a) {
        a.checkOpen();
        try (Hold h = Hold.of(a)) {
            return Capabilities.require(a, IndexSupport.class, "count_nonzero").countNonzero(a);
        }
    }

    /** {@code np.nonzero(a)}: one int64 array per axis. */
    static NDArray[] nonzero(NDArray a) {
        a.checkOpen();
        if (a.ndim() == 0) {
            throw new IllegalArgumentException("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar)"
                    + ".nonzero() instead. If the context of this error is of the form `arr[nonzero(cond)]`, just use "
                    + "`arr[cond]`.");
        }
        try (NDArray w = argwhere(a)) {
            NDArray[] out = new NDArray[a.ndim()];
            for (int d = 0; d < out.length; d++) {
                try (NDArray col = w.get(Index.all(), Index.at(d))) {
                    out[d] = col.copy();
                }
            }
            return out;
        }
    }

    /** {@code np.flatnonzero(a)}: positions in the flattened array. */
    static NDArray flatnonzero(NDArray a) {
        try (NDArray flat = a.ravel(); NDArray w = argwhere(flat); NDArray col = w.reshape(-1L)) {
            return col.copy();
        }
    }
}
