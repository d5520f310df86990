package io.github.ndarray;

import io.github.ndarray.broadcasting.Shapes;

/** {@code concatenate} and {@code stack}: the result is allocated once and each input assigned into its slice. */
final class Joining {
    private Joining() {
    }

    static NDArray concatenate(NDArray[] arrays, int axis) {
        if (arrays.length == 0) {
            throw new IllegalArgumentException("need at least one array to concatenate");
        }
        NDArray first = arrays[0];
        first.checkOpen();
        if (first.ndim() == 0) {
            throw new IllegalArgumentException("zero-dimensional arrays cannot be concatenated");
        }
        int ax = AxisException.normalize(axis, first.ndim());
        long[] shape = first.shape();
        DType dtype = first.dtype();
        long total = 0;
        for (int i = 0; i < arrays.length; i++) {
            NDArray a = arrays[i];
            a.checkOpen();
            Elementwise.checkSameDevice(first, a);
            if (a.ndim() != first.ndim()) {
                throw new IllegalArgumentException("all the input array dimensions except for the concatenation axis must "
                        + "match exactly, but along dimension 0, the array at index 0 has " + first.ndim()
                        + " dimension(s) and the array at index " + i + " has " + a.ndim() + " dimension(s)");
            }
            for (int d = 0; d < shape.length; d++) {
                if (d != ax && a.shape(d) != shape[d]) {
                    throw new IllegalArgumentException("all the input array dimensions except for the concatenation axis "
                            + "must match exactly, but along dimension " + d + ", the array at index 0 has size "
                            + shape[d] + " and the array at index " + i + " has size " + a.shape(d));
                }
            }
            dtype = DType.promote(dtype, a.dtype());
            total = Math.addExact(total, a.shape(ax));
        }
        shape[ax] = total;
        Shapes.checkedSize(shape);
        NDArray out = NDArray.allocate(first.device(), dtype, shape);
        long start = 0;
        for (NDArray a : arrays) {
            Index[] idx = new Index[ax + 1];
            for (int d = 0; d < ax; d++) {
                idx[d] = Index.all();
            }
            long n = a.shape(ax);
            idx[ax] = Index.slice(start, start + n, null);
            try (NDArray part = out.get(idx)) {
                part.assign(a);
            }
            start += n;
        }
        return out;
    }

    static NDArray stack(NDArray[] arrays, int axis) {
        if (arrays.length == 0) {
            throw new IllegalArgumentException("need at least one array to stack");
        }
        long[] shape = arrays[0].shape();
        for (NDArray a : arrays) {
            if (!java.util.Arrays.equals(a.shape(), shape)) {
                throw new IllegalArgumentException("all input arrays must have the same shape");
            }
        }
        int ax = AxisException.normalize(axis, shape.length + 1);
        NDArray[] expanded = new NDArray[arrays.length];
        try {
            for (int i = 0; i < arrays.length; i++) {
                expanded[i] = arrays[i].expandDims(ax);
            }
            return concatenate(expanded, ax);
        } finally {
            for (NDArray e : expanded) {
                if (e != null) {
                    e.close();
                }
            }
        }
    }
}
