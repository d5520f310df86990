package io.github.ndarray.spi;

import io.github.ndarray.NDArray;

/**
 * Dense linear solvers, an optional capability of a {@link Backend} (LAPACK on the CPU,
 * cuSOLVER on a GPU). The api has validated everything: square matrices, one float dtype
 * (float32 or float64), batch axes broadcast to the output's (stride 0 where stretched), all
 * on the backend's device.
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
}
