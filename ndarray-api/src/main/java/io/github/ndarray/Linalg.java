package io.github.ndarray;

import io.github.ndarray.broadcasting.Broadcast;
import io.github.ndarray.spi.LinalgSupport;
import java.util.Arrays;

/**
 * NumPy's {@code np.linalg}, first part: {@code solve}, {@code inv}, {@code det}, {@code norm},
 * plus {@code vdot}, {@code inner} and {@code outer}. On the CPU, LAPACK and BLAS do the work
 * (native OpenBLAS, or a pure-Java fallback).
 *
 * {@snippet :
 * NDArray a = ND.array(new double[][] {{3, 1}, {1, 2}});
 * NDArray x = Linalg.solve(a, ND.array(new double[] {9, 8}));   // array([2., 3.])
 * double d = Linalg.det(a).item();                                // 5.0
 * double n = Linalg.norm(x).item();                               // sqrt(13)
 * }
 *
 * <p>As in NumPy: the matrix functions work on stacks {@code (..., n, n)} (leading axes
 * broadcast in {@code solve}); integer and bool inputs are computed in float64, float32 stays
 * float32 (a float32/float64 mix gives float64); {@code 0x0} matrices are allowed
 * ({@code det} is 1). NumPy's {@code LinAlgError} becomes {@link LinAlgException} (an {@link IllegalArgumentException})
 * with NumPy's message: {@code "Singular matrix"},
 * {@code "Last 2 dimensions of the array must be square"},
 * {@code "1-dimensional array given. Array must be at least two-dimensional"}.
 *
 * <p><b>{@code norm}, the subset:</b> {@link #norm(NDArray)} is the 2-norm of the flattened
 * array (any ndim; Frobenius for a matrix). {@link #norm(NDArray, double)} takes NumPy's
 * {@code ord} for a 1-D array (any real p, with {@code 0}, {@code ±1}, {@code 2} and
 * {@code ±inf} as in NumPy) and for a 2-D array {@code 1, -1, inf, -inf} (max/min column or
 * row sum of |x|); {@link #norm(NDArray, String)} takes {@code "fro"} for 2-D;
 * {@link #norm(NDArray, double, int, boolean)} gives vector norms along one axis. Matrix
 * {@code ord=2, -2, "nuc"} need the SVD and are refused (IllegalArgumentException); so are
 * tuple axes.
 */
public final class Linalg {
    private Linalg() {
    }

    // ------------------------------------------------------------------ solve, inv, det

    /**
     * Solves {@code a @ x = b} ({@code np.linalg.solve}). NumPy 2's rule: a 1-D {@code b} is
     * one right-hand side, {@code (n,)}; otherwise {@code b} is {@code (..., n, k)} and the
     * leading axes of {@code a} and {@code b} broadcast.
     *
     * @param a {@code (..., n, n)}
     * @param b {@code (n,)} or {@code (..., n, k)}
     * @return x, of b's shape (batch axes broadcast)
     * @throws IllegalArgumentException for a singular matrix ("Singular matrix"), a non-square
     *     or lower than 2-D {@code a}, or mismatched shapes
     */
    public static NDArray solve(NDArray a, NDArray b) {
        a.checkOpen();
        b.checkOpen();
        Elementwise.checkSameDevice(a, b);
        checkSquareStack(a);
        DType t = floatType(a.dtype(), b.dtype());
        long n = a.shape(-1);
        boolean vector = b.ndim() == 1;
        if (b.ndim() == 0) {
            throw new IllegalArgumentException("solve: Input operand 1 does not have enough dimensions (has 0, "
                    + "gufunc core with signature (m,m),(m,n)->(m,n) requires 2)");
        }
        long[] aBatch = Arrays.copyOf(a.shape(), a.ndim() - 2);
        long[] batch;
        long k;
        if (vector) {
            if (b.shape(0) != n) {
                throw new IllegalArgumentException("solve1: Input operand 1 has a mismatch in its core dimension 0, "
                        + "with gufunc signature (m,m),(m)->(m) (size " + b.shape(0) + " is different from " + n + ")");
            }
            batch = aBatch;
            k = 1;
        } else {
            if (b.shape(-2) != n) {
                throw new IllegalArgumentException("solve: Input operand 1 has a mismatch in its core dimension 0, "
                        + "with gufunc signature (m,m),(m,n)->(m,n) (size " + b.shape(-2) + " is different from " + n + ")");
            }
            batch = Broadcast.shape(aBatch, Arrays.copyOf(b.shape(), b.ndim() - 2));
            k = b.shape(-1);
        }
        Device dev = a.device();
        NDArray out = NDArray.allocate(dev, t, LinearAlgebra.concat(batch, n, k));
        try (NDArray av = a.reshape(a.shape());
                NDArray bv = vector ? b.reshape(n, 1) : b.reshape(b.shape());
                NDArray ac = Elementwise.asArray(av, t);
                NDArray bc = Elementwise.asArray(bv, t);
                NDArray ab = ac.broadcastTo(LinearAlgebra.concat(batch, n, n));
                NDArray bb = bc.broadcastTo(LinearAlgebra.concat(batch, n, k))) {
            Capabilities.require(out, LinalgSupport.class, "linalg.solve").solve(ab, bb, out);
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        if (!vector) {
            return out;
        }
        try (out) {
            return out.reshape(LinearAlgebra.concat(batch, n));
        }
    }

    /**
     * The inverse of a matrix, or of each in a stack ({@code np.linalg.inv}).
     *
     * @param a {@code (..., n, n)}
     * @return the inverse(s), same shape
     * @throws IllegalArgumentException for a singular matrix ("Singular matrix") or a non-square
     *     or lower than 2-D {@code a}
     */
    public static NDArray inv(NDArray a) {
        a.checkOpen();
        checkSquareStack(a);
        DType t = floatType(a.dtype());
        NDArray out = NDArray.allocate(a.device(), t, a.shape());
        try (NDArray av = a.reshape(a.shape());
                NDArray ac = Elementwise.asArray(av, t)) {
            Capabilities.require(out, LinalgSupport.class, "linalg.inv").inv(ac, out);
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * The determinant of a matrix, or of each in a stack ({@code np.linalg.det}), from an LU
     * factorization. Singular matrices give 0, a {@code 0x0} matrix 1.
     *
     * @param a {@code (..., n, n)}
     * @return {@code (...)}: a 0-d array for one matrix
     * @throws IllegalArgumentException for a non-square or lower than 2-D {@code a}
     */
    public static NDArray det(NDArray a) {
        a.checkOpen();
        checkSquareStack(a);
        DType t = floatType(a.dtype());
        NDArray out = NDArray.allocate(a.device(), t, Arrays.copyOf(a.shape(), a.ndim() - 2));
        try (NDArray av = a.reshape(a.shape());
                NDArray ac = Elementwise.asArray(av, t)) {
            Capabilities.require(out, LinalgSupport.class, "linalg.det").det(ac, out);
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    // ------------------------------------------------------------------ decompositions

    /**
     * NumPy's {@code SVDResult}: {@code a = u @ diag(s) @ vh}. Closing it closes the arrays.
     *
     * @param u the left singular vectors (columns), or {@code null} without {@code computeUV}
     * @param s the singular values, descending
     * @param vh the right singular vectors (rows), or {@code null}
     */
    public record SVDResult(NDArray u, NDArray s, NDArray vh) implements AutoCloseable {
        @Override
        public void close() {
            closeAll(u, s, vh);
        }
    }

    /**
     * NumPy's {@code EighResult}. Closing it closes the arrays.
     *
     * @param eigenvalues ascending
     * @param eigenvectors the columns, or {@code null} from {@link #eigvalsh}
     */
    public record EighResult(NDArray eigenvalues, NDArray eigenvectors) implements AutoCloseable {
        @Override
        public void close() {
            closeAll(eigenvalues, eigenvectors);
        }
    }

    /**
     * NumPy's {@code QRResult}. Closing it closes the arrays.
     *
     * @param q orthonormal columns, or {@code null} for mode {@code "r"}
     * @param r upper triangular
     */
    public record QRResult(NDArray q, NDArray r) implements AutoCloseable {
        @Override
        public void close() {
            closeAll(q, r);
        }
    }

    /**
     * NumPy's {@code SlogdetResult}: {@code det = sign * exp(logabsdet)}. Closing it closes the arrays.
     *
     * @param sign +1, -1, or 0 for a singular matrix
     * @param logabsdet {@code log|det|}, {@code -inf} for a singular matrix
     */
    public record SlogdetResult(NDArray sign, NDArray logabsdet) implements AutoCloseable {
        @Override
        public void close() {
            closeAll(sign, logabsdet);
        }
    }

    /**
     * The singular value decomposition of a matrix or a stack ({@code np.linalg.svd}), by
     * LAPACK's {@code gesdd}. Signs of singular vectors are LAPACK's: compare by reconstruction.
     *
     * {@snippet :
     * try (Linalg.SVDResult r = Linalg.svd(a, false, true)) {
     *     NDArray back = r.u().mul(r.s().expandDims(-2)).matmul(r.vh());   // == a
     * }
     * }
     *
     * @param a {@code (..., m, n)}
     * @param fullMatrices {@code u} {@code (..., m, m)} and {@code vh} {@code (..., n, n)}; else
     *     {@code (..., m, k)} and {@code (..., k, n)}, {@code k = min(m, n)}
     * @param computeUV whether to compute {@code u} and {@code vh} (else they are {@code null})
     * @return the factors; float32 for float32 input, else float64
     * @throws LinAlgException for fewer than 2 dimensions, or "SVD did not converge"
     */
    public static SVDResult svd(NDArray a, boolean fullMatrices, boolean computeUV) {
        return Decompositions.svd(a, fullMatrices, computeUV);
    }

    /**
     * {@code np.linalg.svd(a)}: full matrices, with {@code u} and {@code vh}.
     *
     * @param a {@code (..., m, n)}
     * @return the factors
     * @throws LinAlgException see {@link #svd(NDArray, boolean, boolean)}
     */
    public static SVDResult svd(NDArray a) {
        return svd(a, true, true);
    }

    /**
     * Eigenvalues and eigenvectors of a symmetric matrix or stack ({@code np.linalg.eigh}),
     * reading the lower ({@code "L"}) or upper ({@code "U"}) triangle only; LAPACK's {@code syevd}.
     * {@code a @ v == v * w} for each eigenpair.
     *
     * @param a {@code (..., n, n)}
     * @param uplo {@code "L"} or {@code "U"}
     * @return eigenvalues {@code (..., n)} ascending, eigenvectors {@code (..., n, n)} as columns
     * @throws LinAlgException for a non-square matrix or "Eigenvalues did not converge"
     */
    public static EighResult eigh(NDArray a, String uplo) {
        return Decompositions.eigh(a, uplo, true);
    }

    /**
     * {@code np.linalg.eigh(a)}: the lower triangle.
     *
     * @param a {@code (..., n, n)}
     * @return eigenvalues and eigenvectors
     */
    public static EighResult eigh(NDArray a) {
        return eigh(a, "L");
    }

    /**
     * Eigenvalues of a symmetric matrix or stack ({@code np.linalg.eigvalsh}).
     *
     * @param a {@code (..., n, n)}
     * @param uplo {@code "L"} or {@code "U"}
     * @return the eigenvalues {@code (..., n)}, ascending
     */
    public static NDArray eigvalsh(NDArray a, String uplo) {
        return Decompositions.eigh(a, uplo, false).eigenvalues();
    }

    /**
     * The QR factorization ({@code np.linalg.qr}) by LAPACK's {@code geqrf}/{@code orgqr}.
     *
     * @param a {@code (..., m, n)}
     * @param mode {@code "reduced"} (q {@code (..., m, k)}, r {@code (..., k, n)}),
     *     {@code "complete"} (q {@code (..., m, m)}, r {@code (..., m, n)}) or {@code "r"}
     *     (r only, q {@code null})
     * @return q and r
     * @throws IllegalArgumentException for another mode; LinAlgException for fewer than 2 dims
     */
    public static QRResult qr(NDArray a, String mode) {
        return Decompositions.qr(a, mode);
    }

    /**
     * {@code np.linalg.qr(a)}: mode {@code "reduced"}.
     *
     * @param a {@code (..., m, n)}
     * @return q and r
     */
    public static QRResult qr(NDArray a) {
        return qr(a, "reduced");
    }

    /**
     * The Cholesky factor ({@code np.linalg.cholesky(a, upper=upper)}): lower {@code L} with
     * {@code a = L @ L.T} read from the lower triangle, or upper {@code U} with
     * {@code a = U.T @ U} from the upper.
     *
     * @param a {@code (..., n, n)}, symmetric positive definite
     * @param upper whether to return the upper factor
     * @return the factor, zeros in the other triangle
     * @throws LinAlgException "Matrix is not positive definite", or a non-square matrix
     */
    public static NDArray cholesky(NDArray a, boolean upper) {
        return Decompositions.cholesky(a, upper);
    }

    /**
     * {@code np.linalg.cholesky(a)}: the lower factor.
     *
     * @param a {@code (..., n, n)}
     * @return L
     */
    public static NDArray cholesky(NDArray a) {
        return cholesky(a, false);
    }

    /**
     * The sign and log of the absolute determinant ({@code np.linalg.slogdet}), which does not
     * overflow where {@code det} does.
     *
     * @param a {@code (..., n, n)}
     * @return sign and logabsdet, each {@code (...)}
     * @throws LinAlgException for a non-square matrix
     */
    public static SlogdetResult slogdet(NDArray a) {
        return Decompositions.slogdet(a);
    }

    private static void closeAll(NDArray... arrays) {
        for (NDArray x : arrays) {
            if (x != null) {
                x.close();
            }
        }
    }

    // ------------------------------------------------------------------ norm

    /**
     * The 2-norm of the flattened array, {@code sqrt(sum(x*x))} as one dot product: the
     * vector 2-norm of a 1-D array, the Frobenius norm of a matrix ({@code np.linalg.norm(x)}).
     *
     * @param x any shape; integers and bool are taken as float64
     * @return a 0-d array (float32 for float32 input, else float64)
     */
    public static NDArray norm(NDArray x) {
        x.checkOpen();
        // Straight to the backend's matmul of (1, n) @ (n, 1): the general matmul's broadcasting
        // views, casts and result reshapes cost more than the product itself for small n.
        long n = x.size();
        Device dev = x.device();
        try (NDArray xf = floats(x);
                NDArray row = xf.reshape(1, n);
                NDArray col = row.reshape(n, 1);
                NDArray sq = NDArray.allocate(dev, xf.dtype(), 1, 1)) {
            DType t = xf.dtype();
            xf.backend().matmul(Ufunc.MATMUL.resolve(t, t), row, col, sq);
            if (dev.type() == Device.Type.CPU) {
                // sqrt of the float32 value in double, rounded once to float32, is the correctly
                // rounded float32 sqrt: the same value as the ufunc, without its dispatch.
                NDArray r = NDArray.allocate(dev, t);
                r.setDouble(Math.sqrt(sq.getDouble(0, 0)));
                return r;
            }
            try (NDArray s = sq.reshape()) {
                return Ufunc.SQRT.call(s);
            }
        }
    }

    /**
     * {@code np.linalg.norm(x, ord)} for a vector or a matrix.
     *
     * <p>1-D: {@code inf} max|x|, {@code -inf} min|x|, {@code 0} the count of nonzeros,
     * {@code 1} sum|x|, {@code 2} the 2-norm, any other p {@code sum(|x|^p)^(1/p)}.
     * 2-D: {@code 1} the largest column sum of |x|, {@code -1} the smallest, {@code inf} the
     * largest row sum, {@code -inf} the smallest.
     *
     * @param x a 1-D or 2-D array
     * @param ord the order
     * @return a 0-d array
     * @throws IllegalArgumentException for other ndims ("Improper number of dimensions to
     *     norm."), matrix orders other than ±1, ±inf ("Invalid norm order for matrices."), or
     *     ±2 (needs the SVD, not supported)
     */
    public static NDArray norm(NDArray x, double ord) {
        x.checkOpen();
        if (x.ndim() == 1) {
            if (ord == 2) {
                return norm(x);
            }
            try (NDArray xf = floats(x)) {
                return vectorNorm(xf, ord, 0, false);
            }
        }
        if (x.ndim() != 2) {
            throw new IllegalArgumentException("Improper number of dimensions to norm.");
        }
        if (ord == 2 || ord == -2) {
            throw new IllegalArgumentException("norm: matrix ord=" + (int) ord
                    + " (extreme singular value) needs the SVD, which is not supported yet");
        }
        boolean columns = ord == 1 || ord == -1;
        boolean rows = ord == Double.POSITIVE_INFINITY || ord == Double.NEGATIVE_INFINITY;
        if (!columns && !rows) {
            throw new IllegalArgumentException("Invalid norm order for matrices.");
        }
        boolean largest = ord > 0;
        try (NDArray xf = floats(x);
                NDArray ax = Ufunc.ABSOLUTE.call(xf);
                NDArray sums = ND.sum(ax, false, columns ? 0 : 1)) {
            if (largest) {
                return maxOrZero(sums, false, 0);
            }
            return ND.min(sums, false, 0);
        }
    }

    /**
     * {@code np.linalg.norm(x, ord)} with a string order: {@code "fro"} (or {@code "f"}), the
     * Frobenius norm of a 2-D array.
     *
     * @param x a 2-D array
     * @param ord {@code "fro"} or {@code "f"}
     * @return a 0-d array
     * @throws IllegalArgumentException for other orders or ndims, with NumPy's messages;
     *     {@code "nuc"} (needs the SVD) is not supported
     */
    public static NDArray norm(NDArray x, String ord) {
        x.checkOpen();
        if (x.ndim() == 1) {
            throw new IllegalArgumentException("Invalid norm order '" + ord + "' for vectors");
        }
        if (x.ndim() != 2) {
            throw new IllegalArgumentException("Improper number of dimensions to norm.");
        }
        if (ord.equals("fro") || ord.equals("f")) {
            return norm(x);
        }
        if (ord.equals("nuc")) {
            throw new IllegalArgumentException("norm: ord='nuc' (sum of singular values) needs the SVD, which is not supported yet");
        }
        throw new IllegalArgumentException("Invalid norm order for matrices.");
    }

    /**
     * Vector norms along one axis, {@code np.linalg.norm(x, ord, axis=axis, keepdims=keepdims)},
     * with the vector orders of {@link #norm(NDArray, double)}.
     *
     * @param x any array with at least one axis
     * @param ord the order
     * @param axis the axis, negative counted from the end
     * @param keepdims whether the reduced axis stays with size 1
     * @return the norms
     * @throws AxisException if the axis is out of range
     */
    public static NDArray norm(NDArray x, double ord, int axis, boolean keepdims) {
        x.checkOpen();
        int ax = AxisException.normalize(axis, x.ndim());
        try (NDArray xf = floats(x)) {
            return vectorNorm(xf, ord, ax, keepdims);
        }
    }

    /** NumPy's vector-norm branch, on a float array. */
    private static NDArray vectorNorm(NDArray x, double ord, int axis, boolean keepdims) {
        if (ord == Double.POSITIVE_INFINITY) {
            try (NDArray ax = Ufunc.ABSOLUTE.call(x)) {
                return maxOrZero(ax, keepdims, axis);
            }
        }
        if (ord == Double.NEGATIVE_INFINITY) {
            try (NDArray ax = Ufunc.ABSOLUTE.call(x)) {
                return ND.min(ax, keepdims, axis);
            }
        }
        if (ord == 0) {
            try (NDArray nz = Ufunc.NOT_EQUAL.call(x, 0L);
                    NDArray f = nz.astype(x.dtype())) {
                return ND.sum(f, keepdims, axis);
            }
        }
        if (ord == 1) {
            try (NDArray ax = Ufunc.ABSOLUTE.call(x)) {
                return ND.sum(ax, keepdims, axis);
            }
        }
        if (ord == 2) {
            try (NDArray sq = Ufunc.MULTIPLY.call(x, x);
                    NDArray s = ND.sum(sq, keepdims, axis)) {
                return Ufunc.SQRT.call(s);
            }
        }
        try (NDArray ax = Ufunc.ABSOLUTE.call(x);
                NDArray p = Ufunc.POWER.call(ax, ord);
                NDArray s = ND.sum(p, keepdims, axis)) {
            return Ufunc.POWER.call(s, 1.0 / ord);
        }
    }

    /** {@code a.max(axis, initial=0)}: 0 where the axis is empty (values here are |x| sums, never negative). */
    private static NDArray maxOrZero(NDArray a, boolean keepdims, int axis) {
        if (a.shape(axis) > 0) {
            return ND.max(a, keepdims, axis);
        }
        long[] shape = a.shape();
        if (keepdims) {
            shape[axis] = 1;
        } else {
            long[] s = new long[shape.length - 1];
            for (int i = 0, j = 0; i < shape.length; i++) {
                if (i != axis) {
                    s[j++] = shape[i];
                }
            }
            shape = s;
        }
        return NDArray.allocate(a.device(), a.dtype(), shape);
    }

    // ------------------------------------------------------------------ products

    /**
     * {@code np.vdot} for real arrays: the dot product of the flattened arrays.
     *
     * @param a any shape
     * @param b any shape, of a's size
     * @return a 0-d array of the promoted dtype
     * @throws IllegalArgumentException if the sizes differ
     */
    public static NDArray vdot(NDArray a, NDArray b) {
        return LinearAlgebra.vdot(a, b);
    }

    /**
     * {@code np.inner}: the sum product over the last axes of {@code a} and {@code b}; shape
     * {@code a.shape[:-1] + b.shape[:-1]}. A 0-d operand multiplies.
     *
     * @param a an array
     * @param b an array with a's last axis size
     * @return the inner products
     * @throws IllegalArgumentException if the last axes differ
     */
    public static NDArray inner(NDArray a, NDArray b) {
        return LinearAlgebra.inner(a, b);
    }

    /**
     * {@code np.outer}: {@code out[i, j] = a.ravel()[i] * b.ravel()[j]}.
     *
     * @param a any shape
     * @param b any shape
     * @return {@code (a.size, b.size)}
     */
    public static NDArray outer(NDArray a, NDArray b) {
        return LinearAlgebra.outer(a, b);
    }

    // ------------------------------------------------------------------ helpers

    /** NumPy's {@code _commonType}: float32 if every input is float32, else float64. */
    static DType floatType(DType... types) {
        for (DType t : types) {
            if (t != DType.FLOAT32) {
                return DType.FLOAT64;
            }
        }
        return DType.FLOAT32;
    }

    /** A view of x (float32/float64), or a float64 copy for other dtypes; the caller closes it. */
    private static NDArray floats(NDArray x) {
        if (x.dtype() == DType.FLOAT32 || x.dtype() == DType.FLOAT64) {
            return x.reshape(x.shape());
        }
        return x.astype(DType.FLOAT64);
    }

    private static void checkSquareStack(NDArray a) {
        Decompositions.checkSquare(a);
    }
}
