package io.github.ndarray;

/**
 * Reductions and accumulations with NumPy's rules: axes (negative, repeated refused),
 * {@code keepdims}, accumulator dtypes (small integers and bool sum in int64), NaN
 * propagation, and errors for empty reductions without identity.
 */
final class Reductions {
    private Reductions() {
    }

    /** The dtype NumPy sums and multiplies in: bool and integers narrower than int64 widen to int64. */
    static DType accumulatorType(DType t) {
        return t == DType.BOOL || t.isInteger() ? DType.INT64 : t;
    }

    /** The default reduction dtype of a ufunc: widened for add and multiply, the input's otherwise. */
    static DType defaultType(Ufunc op, DType t) {
        return op.id() == Ufunc.Id.ADD || op.id() == Ufunc.Id.MULTIPLY ? accumulatorType(t) : null;
    }

    static NDArray sum(NDArray a, int[] axes, boolean keepdims) {
        return reduce(Ufunc.ADD, a, axes, keepdims, accumulatorType(a.dtype()));
    }

    static NDArray prod(NDArray a, int[] axes, boolean keepdims) {
        return reduce(Ufunc.MULTIPLY, a, axes, keepdims, accumulatorType(a.dtype()));
    }

    static NDArray max(NDArray a, int[] axes, boolean keepdims) {
        return reduce(Ufunc.MAXIMUM, a, axes, keepdims, null);
    }

    static NDArray min(NDArray a, int[] axes, boolean keepdims) {
        return reduce(Ufunc.MINIMUM, a, axes, keepdims, null);
    }

    static NDArray any(NDArray a, int[] axes, boolean keepdims) {
        return reduce(Ufunc.LOGICAL_OR, a, axes, keepdims, null);
    }

    static NDArray all(NDArray a, int[] axes, boolean keepdims) {
        return reduce(Ufunc.LOGICAL_AND, a, axes, keepdims, null);
    }

    /** Mean: integers and bool average in float64; an empty mean is NaN, like NumPy's. */
    static NDArray mean(NDArray a, int[] axes, boolean keepdims) {
        DType t = a.dtype().isFloating() ? a.dtype() : DType.FLOAT64;
        long n = count(a, axes);
        try (NDArray s = reduce(Ufunc.ADD, a, axes, keepdims, t)) {
            return Ufunc.DIVIDE.call(s, (double) n);
        }
    }

    /** Variance with {@code ddof}: {@code sum(|x - mean|^2) / (n - ddof)}, NaN when n - ddof <= 0. */
    static NDArray var(NDArray a, int[] axes, boolean keepdims, int ddof) {
        DType t = a.dtype().isFloating() ? a.dtype() : DType.FLOAT64;
        long n = count(a, axes);
        try (NDArray x = a.astype(t);
                NDArray m = mean(x, axes, true);
                NDArray d = Ufunc.SUBTRACT.call(x, m);
                NDArray sq = Ufunc.MULTIPLY.call(d, d);
                NDArray s = reduce(Ufunc.ADD, sq, axes, keepdims, t)) {
            double denom = Math.max(n - ddof, 0);
            return Ufunc.DIVIDE.call(s, denom);
        }
    }

    static NDArray std(NDArray a, int[] axes, boolean keepdims, int ddof) {
        try (NDArray v = var(a, axes, keepdims, ddof)) {
            return Ufunc.SQRT.call(v);
        }
    }

    /** The number of elements each reduction combines. */
    private static long count(NDArray a, int[] axes) {
        boolean[] mask = axisMask(a, axes);
        long n = 1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                n *= a.shape(i);
            }
        }
        return n;
    }

    private static boolean[] axisMask(NDArray a, int[] axes) {
        if (axes == null) {
            boolean[] all = new boolean[a.ndim()];
            java.util.Arrays.fill(all, true);
            return all;
        }
        return AxisException.normalizeSet(axes, a.ndim());
    }

    /**
     * {@code op.reduce(a, axis=axes, keepdims=keepdims, dtype=dtype)}.
     *
     * @param dtype the dtype to reduce in, or {@code null} for the input's
     */
    static NDArray reduce(Ufunc op, NDArray a, int[] axes, boolean keepdims, DType dtype) {
        a.checkOpen();
        if (op.nin() != 2) {
            throw new IllegalArgumentException("reduce only supported for binary functions");
        }
        boolean[] mask = axisMask(a, axes);
        int reduced = 0;
        for (boolean b : mask) {
            reduced += b ? 1 : 0;
        }
        if (reduced > 1 && !op.reorderable()) {
            throw new IllegalArgumentException("reduction operation '" + op.name()
                    + "' is not reorderable, so at most one axis may be specified");
        }
        long[] shape = a.shape();
        long[] kept = shape.clone();
        boolean empty = false;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                empty |= shape[i] == 0;
                kept[i] = 1;
            }
        }
        DType in = dtype == null ? a.dtype() : dtype;
        Ufunc.Loop loop = op.resolve(in, in);
        if (empty && !op.hasIdentity()) {
            throw new IllegalArgumentException("zero-size array to reduction operation " + op.name()
                    + " which has no identity");
        }
        NDArray out = NDArray.allocate(a.device(), loop.out(), kept);
        NDArray x = null;
        try {
            x = Elementwise.asArray(a, loop.in().get(0));
            out.backend().reduce(op, loop, x, mask, out);
        } catch (RuntimeException | Error e) {
            out.close(); // an operand closed by another thread meanwhile, say
            throw e;
        } finally {
            if (x != null && x != a) {
                x.close();
            }
        }
        if (keepdims) {
            return out;
        }
        try (out) {
            return out.reshape(dropAxes(shape, mask));
        }
    }

    private static long[] dropAxes(long[] shape, boolean[] mask) {
        int m = 0;
        for (boolean b : mask) {
            m += b ? 0 : 1;
        }
        long[] s = new long[m];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (!mask[i]) {
                s[j++] = shape[i];
            }
        }
        return s;
    }

    /**
     * {@code op.accumulate(a, axis)}; {@code axis == null} flattens first (NumPy's cumsum default).
     *
     * @param dtype the dtype to accumulate in, or {@code null} for the input's
     */
    static NDArray accumulate(Ufunc op, NDArray a, Integer axis, DType dtype) {
        a.checkOpen();
        if (op.nin() != 2) {
            throw new IllegalArgumentException("accumulate only supported for binary functions");
        }
        NDArray src = axis == null ? a.ravel() : a;
        try {
            int ax = AxisException.normalize(axis == null ? 0 : axis, src.ndim());
            DType in = dtype == null ? src.dtype() : dtype;
            Ufunc.Loop loop = op.resolve(in, in);
            NDArray out = NDArray.allocate(src.device(), loop.out(), src.shape());
            NDArray x = null;
            try {
                x = Elementwise.asArray(src, loop.in().get(0));
                out.backend().accumulate(op, loop, x, ax, out);
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            } finally {
                if (x != null && x != src) {
                    x.close();
                }
            }
            return out;
        } finally {
            if (src != a) {
                src.close();
            }
        }
    }

    static NDArray cumsum(NDArray a, Integer axis) {
        return accumulate(Ufunc.ADD, a, axis, accumulatorType(a.dtype()));
    }

    static NDArray cumprod(NDArray a, Integer axis) {
        return accumulate(Ufunc.MULTIPLY, a, axis, accumulatorType(a.dtype()));
    }

    /** argmax/argmin along an axis, or over the flattened array when {@code axis == null}. */
    static NDArray argReduce(boolean max, NDArray a, Integer axis, boolean keepdims) {
        a.checkOpen();
        NDArray src = axis == null ? a.ravel() : a;
        try {
            int ax = AxisException.normalize(axis == null ? 0 : axis, src.ndim());
            if (src.shape(ax) == 0) {
                throw new IllegalArgumentException("attempt to get " + (max ? "argmax" : "argmin")
                        + " of an empty sequence");
            }
            long[] kept = src.shape();
            kept[ax] = 1;
            NDArray out = NDArray.allocate(src.device(), DType.INT64, kept);
            try {
                out.backend().argReduce(max, src, ax, out);
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
            if (keepdims && axis != null) {
                return out;
            }
            try (out) {
                if (keepdims) {
                    long[] ones = new long[a.ndim()];
                    java.util.Arrays.fill(ones, 1);
                    return out.reshape(ones);
                }
                boolean[] mask = new boolean[kept.length];
                mask[ax] = true;
                return out.reshape(dropAxes(kept, mask));
            }
        } finally {
            if (src != a) {
                src.close();
            }
        }
    }
}
