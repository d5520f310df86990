package io.github.ndarray.cpu.blas;

import io.github.ndarray.DType;
import java.lang.foreign.MemorySegment;

/**
 * The LAPACK routines the linalg functions need, in LAPACK's own terms: column-major
 * matrices (square ones with leading dimension {@code max(1, n)}), 1-based pivot indices in an
 * int32 segment, {@code info} returned. Implemented by native OpenBLAS and by {@link JavaLapack},
 * which has only the LU routines and throws {@link UnsupportedOperationException} for the
 * decompositions. Routines that need workspace allocate it themselves (after LAPACK's
 * workspace query).
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

    /**
     * The singular value decomposition {@code A = U S V^T} by divide and conquer ({@code gesdd}).
     *
     * @param t FLOAT32 or FLOAT64
     * @param jobz {@code 'A'} all of U and V^T, {@code 'S'} the first {@code min(m, n)} columns of
     *     U and rows of V^T, {@code 'N'} the singular values only
     * @param m rows of A
     * @param n columns of A
     * @param a {@code m x n}, leading dimension {@code max(1, m)}; destroyed
     * @param s {@code min(m, n)} singular values, descending
     * @param u U, leading dimension {@code ldu} (ignored for {@code 'N'})
     * @param ldu U's leading dimension, at least 1
     * @param vt V^T, leading dimension {@code ldvt} (ignored for {@code 'N'})
     * @param ldvt V^T's leading dimension, at least 1
     * @return 0, or {@code > 0} if the iteration did not converge
     */
    int gesdd(DType t, char jobz, int m, int n, MemorySegment a, MemorySegment s, MemorySegment u, int ldu,
            MemorySegment vt, int ldvt);

    /**
     * Eigenvalues (ascending), and optionally eigenvectors, of a symmetric matrix ({@code syevd}).
     *
     * @param t FLOAT32 or FLOAT64
     * @param vectors whether to compute the eigenvectors (into {@code a}, one per column)
     * @param lower whether to read the lower triangle of {@code a} (else the upper)
     * @param n the order
     * @param a {@code n x n}; overwritten by the eigenvectors or destroyed
     * @param w {@code n} eigenvalues
     * @return 0, or {@code > 0} if the iteration did not converge
     */
    int syevd(DType t, boolean vectors, boolean lower, int n, MemorySegment a, MemorySegment w);

    /**
     * The QR factorization {@code A = Q R} by Householder reflections ({@code geqrf}): R in the
     * upper triangle of {@code a}, the reflectors below it and in {@code tau}.
     *
     * @param t FLOAT32 or FLOAT64
     * @param m rows
     * @param n columns
     * @param a {@code m x n} with leading dimension {@code lda}
     * @param lda at least {@code max(1, m)}
     * @param tau {@code min(m, n)} reflector scales
     */
    void geqrf(DType t, int m, int n, MemorySegment a, int lda, MemorySegment tau);

    /**
     * Forms the first {@code n} columns of Q from {@code k} reflectors of {@link #geqrf}
     * ({@code orgqr}), in place.
     *
     * @param t FLOAT32 or FLOAT64
     * @param m rows of Q
     * @param n columns of Q to form, {@code m >= n >= k}
     * @param k reflectors
     * @param a the reflectors in its first {@code k} columns; overwritten by Q
     * @param lda at least {@code max(1, m)}
     * @param tau the reflector scales
     */
    void orgqr(DType t, int m, int n, int k, MemorySegment a, int lda, MemorySegment tau);

    /**
     * The Cholesky factorization of a symmetric positive definite matrix ({@code potrf}), in the
     * triangle it is read from.
     *
     * @param t FLOAT32 or FLOAT64
     * @param lower {@code A = L L^T} from the lower triangle (else {@code U^T U} from the upper)
     * @param n the order
     * @param a {@code n x n}; the factor replaces the triangle read
     * @return 0, or {@code i > 0} if the leading minor of order i is not positive
     */
    int potrf(DType t, boolean lower, int n, MemorySegment a);
}
