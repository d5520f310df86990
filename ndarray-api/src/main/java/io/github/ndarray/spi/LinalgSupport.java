package io.github.ndarray.spi;

import io.github.ndarray.NDArray;

/**
 * Dense linear solvers and decompositions, an optional capability of a {@link Backend} (LAPACK
 * on the CPU, cuSOLVER on a GPU). The api has validated everything: shapes (square where the
 * routine needs it), one float dtype (float32 or float64) for every operand, batch axes
 * broadcast to the output's (stride 0 where stretched), all on the backend's device. Outputs
 * may be allocated without zeroing: a method writes every element of each. The leading (batch)
 * axes of every operand are the same; a method walks them in any order.
 *
 * {@snippet :
 * LinalgSupport la = backend.capability(LinalgSupport.class); // null if the backend has none
 * }
 */
public interface LinalgSupport {
    /**
     * Solves {@code a[...] @ out[...] = b[...]} for each matrix of the batch (LAPACK's
     * {@code gesv}): {@code a} is {@code (..., n, n)}, {@code b} and {@code out}
     * {@code (..., n, k)}.
     *
     * @param a the coefficient matrices
     * @param b the right-hand sides
     * @param out the solutions
     * @throws IllegalArgumentException with the message {@code "Singular matrix"} (NumPy's
     *     {@code LinAlgError}) if a matrix is singular
     */
    void solve(NDArray a, NDArray b, NDArray out);

    /**
     * The inverse of each matrix of the batch: {@code a} and {@code out} are {@code (..., n, n)}.
     *
     * @param a the matrices
     * @param out the inverses
     * @throws IllegalArgumentException with the message {@code "Singular matrix"} if a matrix is singular
     */
    void inv(NDArray a, NDArray out);

    /**
     * The determinant of each matrix of the batch: {@code a} is {@code (..., n, n)},
     * {@code out} {@code (...)}. Singular matrices give 0, {@code 0x0} matrices 1.
     *
     * @param a the matrices
     * @param out the determinants
     */
    void det(NDArray a, NDArray out);

    /**
     * The singular value decomposition {@code a = u @ diag(s) @ vh} of each matrix (LAPACK's
     * {@code gesdd}): {@code a} is {@code (..., m, n)}, {@code s} {@code (..., k)} with
     * {@code k = min(m, n)}, descending. {@code u} and {@code vh} are both {@code null} (values
     * only), or {@code (..., m, m)} and {@code (..., n, n)} (full), or {@code (..., m, k)} and
     * {@code (..., k, n)} (reduced). For {@code k = 0} the full factors are identities.
     *
     * @param a the matrices
     * @param s receives the singular values
     * @param u receives the left singular vectors (columns), or {@code null}
     * @param vh receives the right singular vectors (rows), or {@code null}
     * @throws io.github.ndarray.LinAlgException "SVD did not converge"
     */
    void svd(NDArray a, NDArray s, NDArray u, NDArray vh);

    /**
     * Eigenvalues (ascending) and optionally eigenvectors of each symmetric matrix (LAPACK's
     * {@code syevd}), reading one triangle: {@code a} is {@code (..., n, n)}, {@code w}
     * {@code (..., n)}, {@code v} {@code (..., n, n)} (eigenvectors as columns) or {@code null}.
     *
     * @param a the matrices
     * @param lower read the lower triangle (NumPy's {@code UPLO='L'}), else the upper
     * @param w receives the eigenvalues
     * @param v receives the eigenvectors, or {@code null}
     * @throws io.github.ndarray.LinAlgException "Eigenvalues did not converge"
     */
    void eigh(NDArray a, boolean lower, NDArray w, NDArray v);

    /**
     * The QR factorization {@code a = q @ r} of each matrix (LAPACK's {@code geqrf} and
     * {@code orgqr}): {@code a} is {@code (..., m, n)}, {@code k = min(m, n)}; {@code q} is
     * {@code (..., m, k)} with {@code r} {@code (..., k, n)} (reduced), or {@code (..., m, m)}
     * with {@code r} {@code (..., m, n)} (complete), or {@code null} with {@code r}
     * {@code (..., k, n)} (R only). {@code r} is upper triangular (zeros below the diagonal).
     *
     * @param a the matrices
     * @param q receives Q, or {@code null}
     * @param r receives R
     */
    void qr(NDArray a, NDArray q, NDArray r);

    /**
     * The Cholesky factor of each symmetric positive definite matrix (LAPACK's {@code potrf}):
     * {@code a} and {@code out} {@code (..., n, n)}; {@code out} is {@code L} with
     * {@code a = L @ L.T} read from the lower triangle, or {@code U} with {@code a = U.T @ U}
     * read from the upper; the other triangle is zero.
     *
     * @param a the matrices
     * @param upper whether to return the upper factor
     * @param out receives the factors
     * @throws io.github.ndarray.LinAlgException "Matrix is not positive definite"
     */
    void cholesky(NDArray a, boolean upper, NDArray out);

    /**
     * The sign and the natural log of the absolute value of the determinant of each matrix,
     * from an LU factorization: {@code a} is {@code (..., n, n)}, {@code sign} and
     * {@code logabsdet} {@code (...)}. A singular matrix gives sign 0 and log {@code -inf}, a
     * {@code 0x0} matrix sign 1 and log 0.
     *
     * @param a the matrices
     * @param sign receives +1, -1 or 0
     * @param logabsdet receives {@code log|det|}
     */
    void slogdet(NDArray a, NDArray sign, NDArray logabsdet);
}
