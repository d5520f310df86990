package io.github.ndarray.cpu.blas;

import io.github.ndarray.DType;
import java.lang.foreign.MemorySegment;

/**
 * The LAPACK routines the linalg functions need, in LAPACK's own terms: square column-major
 * matrices with leading dimension {@code max(1, n)}, 1-based pivot indices in an int32
 * segment, {@code info} returned. Implemented by native OpenBLAS and by {@link JavaLapack}.
 */
interface Lapack {
    /** {@return a short description for the log line} */
    String name();

    /**
     * LU factorization with partial pivoting, {@code A = P L U}, in place.
     *
     * @param t FLOAT32 or FLOAT64
     * @param n the order
     * @param a {@code n x n}, column-major
     * @param ipiv {@code n} int32 pivot rows (1-based)
     * @return 0, or {@code i > 0} if {@code U(i,i)} is exactly zero (singular)
     */
    int getrf(DType t, int n, MemorySegment a, MemorySegment ipiv);

    /**
     * Solves {@code op(A) X = B} with the factors of {@link #getrf}, in place in {@code b}.
     *
     * @param t FLOAT32 or FLOAT64
     * @param trans whether {@code op(A)} is {@code A^T}
     * @param n the order
     * @param nrhs the number of right-hand sides
     * @param a the LU factors
     * @param ipiv the pivots
     * @param b {@code n x nrhs}, column-major; overwritten by X
     */
    void getrs(DType t, boolean trans, int n, int nrhs, MemorySegment a, MemorySegment ipiv, MemorySegment b);

    /**
     * The inverse from the factors of {@link #getrf}, in place.
     *
     * @param t FLOAT32 or FLOAT64
     * @param n the order
     * @param a the LU factors, overwritten by the inverse
     * @param ipiv the pivots
     * @return 0, or {@code i > 0} if singular
     */
    int getri(DType t, int n, MemorySegment a, MemorySegment ipiv);
}
