package io.github.ndarray;

import io.github.ndarray.broadcasting.Broadcast;
import io.github.ndarray.broadcasting.Shapes;
import java.util.Arrays;

/**
 * {@code matmul}, {@code dot}, {@code vdot}, {@code inner} and {@code outer} with NumPy's shape
 * rules; the backend multiplies (float32/float64 through BLAS on the CPU).
 */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /**
     * NumPy's {@code matmul}: 1-D left operands gain a leading 1, 1-D right operands a
     * trailing 1 (both removed from the result), leading axes broadcast as batches.
     */
    static NDArray matmul(NDArray a, NDArray b) {
        a.checkOpen();
        b.checkOpen();
        Elementwise.checkSameDevice(a, b);
        for (int i = 0; i < 2; i++) {
            if ((i == 0 ? a : b).ndim() == 0) {
                throw new IllegalArgumentException("matmul: Input operand " + i
                        + " does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)");
            }
        }
        long[] as = a.ndim() == 1 ? new long[] {1, a.shape(0)} : a.shape();
        long[] bs = b.ndim() == 1 ? new long[] {b.shape(0), 1} : b.shape();
        long n = as[as.length - 2];
        long k = as[as.length - 1];
        long k2 = bs[bs.length - 2];
        long m = bs[bs.length - 1];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: Input operand 1 has a mismatch in its core dimension 0, "
                    + "with gufunc signature (n?,k),(k,m?)->(n?,m?) (size " + k2 + " is different from " + k + ")");
        }
        long[] batch = Broadcast.shape(Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        long[] outShape = concat(batch, n, m);
        Ufunc.Loop loop = Ufunc.MATMUL.resolve(a.dtype(), b.dtype());
        NDArray out = NDArray.allocate(a.device(), loop.out(), outShape);
        try (NDArray a2 = a.reshape(as);
                NDArray b2 = b.reshape(bs);
                NDArray ac = Elementwise.asArray(a2, loop.in().get(0));
                NDArray bc = Elementwise.asArray(b2, loop.in().get(1));
                NDArray ab = ac.broadcastTo(concat(batch, n, k));
                NDArray bb = bc.broadcastTo(concat(batch, k, m))) {
            out.backend().matmul(loop, ab, bb, out);
        }
        if (a.ndim() > 1 && b.ndim() > 1) {
            return out;
        }
        long[] finalShape = a.ndim() == 1 && b.ndim() == 1 ? batch
                : a.ndim() == 1 ? concat(batch, m) : concat(batch, n);
        try (out) {
            return out.reshape(finalShape);
        }
    }

    /**
     * NumPy's {@code dot}: scalars multiply; otherwise a sum product over the last axis of
     * {@code a} and the second-to-last of {@code b} (the last, if {@code b} is 1-D).
     */
    static NDArray dot(NDArray a, NDArray b) {
        if (a.ndim() == 0 || b.ndim() == 0) {
            return Ufunc.MULTIPLY.call(a, b);
        }
        if (a.ndim() <= 2 && b.ndim() <= 2 || b.ndim() == 1) {
            return matmul(a, b);
        }
        if (a.ndim() == 1) {
            return matmul(a, b);
        }
        // a (..., k) with b (..., k, m): every row of a meets every matrix of b.
        long k = a.shape(-1);
        if (b.shape(-2) != k) {
            throw new IllegalArgumentException("shapes " + Shapes.format(a.shape()) + " and "
                    + Shapes.format(b.shape()) + " not aligned: " + k + " (dim " + (a.ndim() - 1) + ") != "
                    + b.shape(-2) + " (dim " + (b.ndim() - 2) + ")");
        }
        int[] perm = new int[b.ndim()];
        perm[0] = b.ndim() - 2;
        for (int i = 1, j = 0; i < perm.length; j++) {
            if (j != b.ndim() - 2) {
                perm[i++] = j;
            }
        }
        long[] bShape = b.shape();
        long[] aShape = a.shape();
        // Explicit sizes rather than -1: with k == 0 a -1 could not be inferred.
        long rows = 1;
        for (int i = 0; i < a.ndim() - 1; i++) {
            rows *= aShape[i];
        }
        long cols = 1;
        for (int i = 0; i < b.ndim(); i++) {
            cols *= i == b.ndim() - 2 ? 1 : bShape[i];
        }
        try (NDArray a2 = a.reshape(rows, k);
                NDArray bt = b.permuteDims(perm);
                NDArray b2 = bt.reshape(k, cols);
                NDArray c = matmul(a2, b2)) {
            long[] shape = new long[a.ndim() - 1 + b.ndim() - 1];
            System.arraycopy(aShape, 0, shape, 0, a.ndim() - 1);
            System.arraycopy(bShape, 0, shape, a.ndim() - 1, b.ndim() - 2);
            shape[shape.length - 1] = bShape[b.ndim() - 1];
            return c.reshape(shape);
        }
    }

    /**
     * NumPy's {@code vdot} for real arrays: both flattened, the sum of products, a 0-d array
     * of the operands' matmul dtype.
     */
    static NDArray vdot(NDArray a, NDArray b) {
        a.checkOpen();
        b.checkOpen();
        Elementwise.checkSameDevice(a, b);
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("cannot reshape array of size " + b.size() + " into shape (" + a.size() + ",)");
        }
        try (NDArray fa = a.reshape(a.size());
                NDArray fb = b.reshape(b.size())) {
            return matmul(fa, fb);
        }
    }

    /**
     * NumPy's {@code inner}: the sum product over the last axes; the result's shape is
     * {@code a.shape[:-1] + b.shape[:-1]}. Computed as {@code a2 @ b2.T} on 2-D views, so that
     * BLAS sees {@code b} as a transpose, not a copy.
     */
    static NDArray inner(NDArray a, NDArray b) {
        a.checkOpen();
        b.checkOpen();
        Elementwise.checkSameDevice(a, b);
        if (a.ndim() == 0 || b.ndim() == 0) {
            return Ufunc.MULTIPLY.call(a, b);
        }
        long k = a.shape(-1);
        if (b.shape(-1) != k) {
            // NumPy reports b with its last two axes swapped, as its dot sees it.
            long[] bs = b.shape();
            if (bs.length >= 2) {
                long t = bs[bs.length - 1];
                bs[bs.length - 1] = bs[bs.length - 2];
                bs[bs.length - 2] = t;
            }
            int bDim = Math.max(0, b.ndim() - 2);
            throw new IllegalArgumentException("shapes " + Shapes.format(a.shape()) + " and " + Shapes.format(bs)
                    + " not aligned: " + k + " (dim " + (a.ndim() - 1) + ") != " + b.shape(-1) + " (dim " + bDim + ")");
        }
        long[] as = a.shape();
        long[] bs = b.shape();
        long ra = 1;
        for (int i = 0; i < as.length - 1; i++) {
            ra *= as[i];
        }
        long rb = 1;
        for (int i = 0; i < bs.length - 1; i++) {
            rb *= bs[i];
        }
        long[] shape = new long[as.length - 1 + bs.length - 1];
        System.arraycopy(as, 0, shape, 0, as.length - 1);
        System.arraycopy(bs, 0, shape, as.length - 1, bs.length - 1);
        try (NDArray a2 = a.reshape(ra, k);
                NDArray b2 = b.reshape(rb, k);
                NDArray bt = b2.transpose();
                NDArray c = matmul(a2, bt)) {
            return c.reshape(shape);
        }
    }

    /**
     * NumPy's {@code outer}: both flattened, {@code out[i, j] = a[i] * b[j]} by the
     * {@code multiply} ufunc (exact products, NumPy's promotion).
     */
    static NDArray outer(NDArray a, NDArray b) {
        a.checkOpen();
        b.checkOpen();
        Elementwise.checkSameDevice(a, b);
        try (NDArray col = a.reshape(a.size(), 1);
                NDArray row = b.reshape(1, b.size())) {
            return Ufunc.MULTIPLY.call(col, row);
        }
    }

    /** {@return {@code head} followed by {@code tail}} */
    static long[] concat(long[] head, long... tail) {
        long[] r = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }
}
