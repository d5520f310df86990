package io.github.ndarray;

import io.github.ndarray.broadcasting.Broadcast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy's array manipulation routines: flips, rotations and axis moves as views; splits as
 * views; stacks, tiles, repeats and rolls built from {@code concatenate}, broadcasting and
 * gathers, so that every backend has them.
 */
final class Manipulation {
    private Manipulation() {
    }

    // ------------------------------------------------------------------ views

    /** {@code np.flip(m, axis)}: the axes reversed (all when none are given); a view. */
    static NDArray flip(NDArray a, int... axes) {
        int nd = a.ndim();
        Index[] idx = new Index[nd];
        Arrays.fill(idx, Index.all());
        if (axes.length == 0) {
            Arrays.fill(idx, Index.slice(null, null, -1L));
        }
        for (int ax : axes) {
            idx[AxisException.normalize(ax, nd)] = Index.slice(null, null, -1L);
        }
        return a.get(idx);
    }

    static NDArray fliplr(NDArray a) {
        if (a.ndim() < 2) {
            throw new IllegalArgumentException("Input must be >= 2-d.");
        }
        return flip(a, 1);
    }

    static NDArray flipud(NDArray a) {
        if (a.ndim() < 1) {
            throw new IllegalArgumentException("Input must be >= 1-d.");
        }
        return flip(a, 0);
    }

    /** {@code np.moveaxis(a, source, destination)}: a view. */
    static NDArray moveaxis(NDArray a, int[] source, int[] destination) {
        int nd = a.ndim();
        if (source.length != destination.length) {
            throw new IllegalArgumentException("`source` and `destination` arguments must have the same number of elements");
        }
        int[] src = normalizeAll(source, nd, "source");
        int[] dst = normalizeAll(destination, nd, "destination");
        int[] order = new int[nd];
        Arrays.fill(order, -1);
        boolean[] moved = new boolean[nd];
        for (int i = 0; i < src.length; i++) {
            order[dst[i]] = src[i];
            moved[src[i]] = true;
        }
        for (int d = 0, next = 0; d < nd; d++) {
            if (order[d] < 0) {
                while (moved[next]) {
                    next++;
                }
                order[d] = next++;
            }
        }
        return a.permuteDims(order);
    }

    private static int[] normalizeAll(int[] axes, int nd, String what) {
        int[] out = new int[axes.length];
        boolean[] seen = new boolean[nd];
        for (int i = 0; i < axes.length; i++) {
            out[i] = AxisException.normalize(axes[i], nd);
            if (seen[out[i]]) {
                throw new IllegalArgumentException("repeated axis in `" + what + "` argument");
            }
            seen[out[i]] = true;
        }
        return out;
    }

    /** {@code np.rot90(m, k, axes)}: a view rotated by k quarter turns from the first axis towards the second. */
    static NDArray rot90(NDArray a, int k, int axis0, int axis1) {
        int nd = a.ndim();
        if (nd < 2) {
            throw new IllegalArgumentException("Axes must be different.");
        }
        int a0 = AxisException.normalize(axis0, nd);
        int a1 = AxisException.normalize(axis1, nd);
        if (a0 == a1) {
            throw new IllegalArgumentException("Axes must be different.");
        }
        int turns = Math.floorMod(k, 4);
        if (turns == 0) {
            return a.get(Index.ellipsis());
        }
        if (turns == 2) {
            try (NDArray once = flip(a, a0)) {
                return flip(once, a1);
            }
        }
        int[] swap = new int[nd];
        for (int d = 0; d < nd; d++) {
            swap[d] = d == a0 ? a1 : d == a1 ? a0 : d;
        }
        if (turns == 1) {
            try (NDArray f = flip(a, a1)) {
                return f.permuteDims(swap);
            }
        }
        try (NDArray t = a.permuteDims(swap)) {
            return flip(t, a1);
        }
    }

    /** {@code np.diagonal(a, offset, axis1, axis2)}: a view, the diagonal as the last axis. */
    static NDArray diagonal(NDArray a, long offset, int axis1, int axis2) {
        int nd = a.ndim();
        if (nd < 2) {
            throw new IllegalArgumentException("diag requires an array of at least two dimensions");
        }
        int a1 = AxisException.normalize(axis1, nd);
        int a2 = AxisException.normalize(axis2, nd);
        if (a1 == a2) {
            throw new IllegalArgumentException("axis1 and axis2 cannot be the same");
        }
        long[] shape = a.shape();
        long[] strides = a.elementStrides();
        long start = a.elementOffset();
        long n1 = shape[a1];
        long n2 = shape[a2];
        long len;
        if (offset >= 0) {
            len = Math.max(0, Math.min(n1, n2 - offset));
            start += len > 0 ? offset * strides[a2] : 0;
        } else {
            len = Math.max(0, Math.min(n1 + offset, n2));
            start += len > 0 ? -offset * strides[a1] : 0;
        }
        long[] outShape = new long[nd - 1];
        long[] outStrides = new long[nd - 1];
        for (int d = 0, q = 0; d < nd; d++) {
            if (d != a1 && d != a2) {
                outShape[q] = shape[d];
                outStrides[q++] = strides[d];
            }
        }
        outShape[nd - 2] = len;
        outStrides[nd - 2] = strides[a1] + strides[a2];
        return a.view(outShape, outStrides, start);
    }

    /** {@code np.atleast_1d/2d/3d}: views with size-1 axes added as NumPy places them. */
    static NDArray atleast(NDArray a, int ndim) {
        long[] s = a.shape();
        long[] shape = switch (ndim) {
            case 1 -> s.length >= 1 ? s : new long[] {1};
            case 2 -> s.length >= 2 ? s : s.length == 1 ? new long[] {1, s[0]} : new long[] {1, 1};
            default -> s.length >= 3 ? s : s.length == 2 ? new long[] {s[0], s[1], 1}
                    : s.length == 1 ? new long[] {1, s[0], 1} : new long[] {1, 1, 1};
        };
        return a.reshape(shape);
    }

    /** {@code np.broadcast_arrays(*arrays)}: read-only views broadcast to one shape. */
    static NDArray[] broadcastArrays(NDArray... arrays) {
        long[][] shapes = new long[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            shapes[i] = arrays[i].shape();
        }
        long[] shape = Broadcast.shape(shapes);
        NDArray[] out = new NDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i].broadcastTo(shape);
        }
        return out;
    }

    // ------------------------------------------------------------------ splitting

    /** {@code np.array_split(a, sections, axis)}: sections of sizes differing by at most one, larger first. */
    static NDArray[] arraySplit(NDArray a, int sections, int axis) {
        if (sections <= 0) {
            throw new IllegalArgumentException("number sections must be larger than 0.");
        }
        int ax = AxisException.normalize(axis, a.ndim());
        long n = a.shape(ax);
        long each = n / sections;
        long extras = n % sections;
        long[] cuts = new long[sections - 1];
        long at = 0;
        for (int i = 0; i < sections - 1; i++) {
            at += each + (i < extras ? 1 : 0);
            cuts[i] = at;
        }
        return split(a, cuts, ax);
    }

    /** {@code np.split(a, sections, axis)}: equal sections, or NumPy's error. */
    static NDArray[] split(NDArray a, int sections, int axis) {
        int ax = AxisException.normalize(axis, a.ndim());
        if (sections <= 0 || a.shape(ax) % sections != 0) {
            throw new IllegalArgumentException("array split does not result in an equal division");
        }
        return arraySplit(a, sections, ax);
    }

    /** {@code np.split(a, indices, axis)}: views between the cut positions (clamped as slices are). */
    static NDArray[] split(NDArray a, long[] cuts, int axis) {
        int ax = AxisException.normalize(axis, a.ndim());
        NDArray[] out = new NDArray[cuts.length + 1];
        Index[] idx = new Index[ax + 1];
        Arrays.fill(idx, Index.all());
        for (int i = 0; i <= cuts.length; i++) {
            Long start = i == 0 ? null : cuts[i - 1];
            Long stop = i == cuts.length ? null : cuts[i];
            idx[ax] = Index.slice(start, stop, null);
            out[i] = a.get(idx);
        }
        return out;
    }

    /** hsplit (axis 1, or 0 for 1-D), vsplit (axis 0), dsplit (axis 2), with NumPy's dimension checks. */
    static int splitAxis(NDArray a, char which) {
        return switch (which) {
            case 'h' -> {
                if (a.ndim() == 0) {
                    throw new IllegalArgumentException("hsplit only works on arrays of 1 or more dimensions");
                }
                yield a.ndim() > 1 ? 1 : 0;
            }
            case 'v' -> {
                if (a.ndim() < 2) {
                    throw new IllegalArgumentException("vsplit only works on arrays of 2 or more dimensions");
                }
                yield 0;
            }
            default -> {
                if (a.ndim() < 3) {
                    throw new IllegalArgumentException("dsplit only works on arrays of 3 or more dimensions");
                }
                yield 2;
            }
        };
    }

    // ------------------------------------------------------------------ joining

    /** hstack, vstack, dstack and column_stack: each array raised to at least d dimensions, then concatenated. */
    static NDArray stackAlong(NDArray[] arrays, char which) {
        if (arrays.length == 0) {
            throw new IllegalArgumentException("need at least one array to concatenate");
        }
        List<NDArray> views = new ArrayList<>();
        try {
            boolean all1d = true;
            for (NDArray a : arrays) {
                all1d &= a.ndim() <= 1;
            }
            int axis = 0;
            for (NDArray a : arrays) {
                NDArray v = switch (which) {
                    case 'h' -> atleast(a, 1);
                    case 'v' -> atleast(a, 2);
                    case 'd' -> atleast(a, 3);
                    default -> a.ndim() < 2 ? a.reshape(a.size(), 1) : a.get(Index.ellipsis());
                };
                views.add(v);
            }
            axis = switch (which) {
                case 'h' -> all1d ? 0 : 1;
                case 'v' -> 0;
                case 'd' -> 2;
                default -> 1;
            };
            return Joining.concatenate(views.toArray(new NDArray[0]), axis);
        } finally {
            views.forEach(NDArray::close);
        }
    }

    // ------------------------------------------------------------------ repeating and rolling

    /** {@code np.tile(a, reps)}. */
    static NDArray tile(NDArray a, long... reps) {
        int nd = Math.max(a.ndim(), reps.length);
        long[] shape = new long[nd];
        long[] r = new long[nd];
        Arrays.fill(shape, 1);
        Arrays.fill(r, 1);
        System.arraycopy(a.shape(), 0, shape, nd - a.ndim(), a.ndim());
        for (long x : reps) {
            if (x < 0) {
                throw new IllegalArgumentException("negative dimensions are not allowed");
            }
        }
        System.arraycopy(reps, 0, r, nd - reps.length, reps.length);
        long[] interleaved = new long[2 * nd];
        long[] wide = new long[2 * nd];
        long[] result = new long[nd];
        for (int d = 0; d < nd; d++) {
            interleaved[2 * d] = 1;
            interleaved[2 * d + 1] = shape[d];
            wide[2 * d] = r[d];
            wide[2 * d + 1] = shape[d];
            result[d] = r[d] * shape[d];
        }
        try (NDArray spread = a.reshape(interleaved); NDArray b = spread.broadcastTo(wide); NDArray c = b.copy()) {
            return c.reshape(result);
        }
    }

    /** {@code np.repeat(a, repeats, axis)}: each element (or slice along axis) repeated; {@code axis == null} flattens. */
    static NDArray repeat(NDArray a, long[] repeats, Integer axis) {
        NDArray src = axis == null ? a.ravel() : a;
        try {
            int ax = axis == null ? 0 : AxisException.normalize(axis, a.ndim());
            long n = src.shape(ax);
            if (repeats.length != 1 && repeats.length != n) {
                throw new IllegalArgumentException("operands could not be broadcast together with shape (" + n
                        + ",) (" + repeats.length + ",)");
            }
            long total = 0;
            for (int i = 0; i < n; i++) {
                long k = repeats[repeats.length == 1 ? 0 : i];
                if (k < 0) {
                    throw new IllegalArgumentException("repeats may not contain negative values.");
                }
                total = Math.addExact(total, k);
            }
            long[] positions = new long[Math.toIntExact(total)];
            for (int i = 0, q = 0; i < n; i++) {
                for (long k = repeats[repeats.length == 1 ? 0 : i]; k > 0; k--) {
                    positions[q++] = i;
                }
            }
            try (NDArray p = ND.array(positions)) {
                return IndexRoutines.take(src, p, ax);
            }
        } finally {
            if (src != a) {
                src.close();
            }
        }
    }

    /** {@code np.roll(a, shift, axis)}: elements shifted with wrap-around; {@code axis == null} on the flattened array. */
    static NDArray roll(NDArray a, long shift, Integer axis) {
        if (axis == null) {
            try (NDArray flat = a.ravel(); NDArray rolled = roll(flat, shift, 0)) {
                return rolled.reshape(a.shape());
            }
        }
        int ax = AxisException.normalize(axis, a.ndim());
        long n = a.shape(ax);
        long s = n == 0 ? 0 : Math.floorMod(shift, n);
        Index[] head = new Index[ax + 1];
        Index[] tail = new Index[ax + 1];
        Arrays.fill(head, Index.all());
        Arrays.fill(tail, Index.all());
        head[ax] = Index.slice(n - s, null, null);
        tail[ax] = Index.slice(null, n - s, null);
        try (NDArray h = a.get(head); NDArray t = a.get(tail)) {
            return Joining.concatenate(new NDArray[] {h, t}, ax);
        }
    }

    // ------------------------------------------------------------------ grids and triangles

    /** {@code np.meshgrid(*xi, indexing)}: copies of the 1-D inputs broadcast to the grid. */
    static NDArray[] meshgrid(boolean ij, NDArray... xs) {
        int n = xs.length;
        long[] shape = new long[n];
        for (int i = 0; i < n; i++) {
            shape[i] = xs[i].size();
        }
        if (!ij && n >= 2) {
            long t = shape[0];
            shape[0] = shape[1];
            shape[1] = t;
        }
        NDArray[] out = new NDArray[n];
        for (int i = 0; i < n; i++) {
            long[] s = new long[n];
            Arrays.fill(s, 1);
            int at = !ij && n >= 2 && i < 2 ? 1 - i : i;
            s[at] = shape[at];
            try (NDArray r = xs[i].reshape(s); NDArray b = r.broadcastTo(shape)) {
                out[i] = b.copy();
            }
        }
        return out;
    }

    /** {@code np.tril(m, k)} ({@code upper == false}) and {@code np.triu(m, k)}: zeros outside the triangle. */
    static NDArray triangle(NDArray m, long k, boolean upper) {
        if (m.ndim() < 2) {
            throw new IllegalArgumentException("input array must be at least 2-d");
        }
        long rows = m.shape(-2);
        long cols = m.shape(-1);
        try (NDArray r = ND.arange(m.device(), 0, rows, 1); NDArray rc = r.reshape(rows, 1);
                NDArray c = ND.arange(m.device(), 0, cols, 1); NDArray above = Ufunc.SUBTRACT.call(c, rc);
                NDArray keep = upper ? Ufunc.GREATER_EQUAL.call(above, k) : Ufunc.LESS_EQUAL.call(above, k);
                NDArray zero = ND.zeros(m.device(), m.dtype())) {
            return Ufunc.WHERE.call(keep, m, zero);
        }
    }

    /** {@code np.diag(v, k)}: a 1-D array to a square matrix with v on diagonal k; a 2-D array's diagonal k, copied. */
    static NDArray diag(NDArray v, long k) {
        if (v.ndim() == 1) {
            long n = v.size() + Math.abs(k);
            NDArray out = ND.zeros(v.device(), v.dtype(), n, n);
            try (NDArray d = diagonal(out, k, 0, 1)) {
                d.assign(v);
            }
            return out;
        }
        if (v.ndim() != 2) {
            throw new IllegalArgumentException("Input must be 1- or 2-d.");
        }
        try (NDArray d = diagonal(v, k, 0, 1)) {
            return d.copy();
        }
    }

    /** {@code np.trace(a, offset)}: the sum of diagonal {@code offset} over the first two axes. */
    static NDArray trace(NDArray a, long offset) {
        try (NDArray d = diagonal(a, offset, 0, 1)) {
            return ND.sum(d, -1);
        }
    }
}
