package io.github.ndarray.cpu.blas;

import io.github.ndarray.DType;
import io.github.ndarray.cpu.Parallel;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * LAPACK's LU routines in Java, for when native OpenBLAS cannot load. The matrix is read into
 * a column-major {@code double[]} (float32 is factored in float64 and rounded back) and
 * factored by blocked right-looking LU with partial pivoting, LAPACK's {@code dgetrf}
 * algorithm: an unblocked panel of {@link #NB} columns, the row swaps applied to the rest,
 * a triangular solve for the block row of U, and the trailing update through
 * {@link JavaDgemm}, which is where the time goes and which runs on all threads.
 */
final class JavaLapack implements Lapack {
    static final JavaLapack INSTANCE = new JavaLapack();
    static final int NB = 64;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private JavaLapack() {
    }

    @Override
    public String name() {
        return "Java LU (blocked, partial pivoting)";
    }

    @Override
    public int getrf(DType t, int n, MemorySegment a, MemorySegment ipiv) {
        double[] m = read(t, a, (long) n * n);
        int[] piv = new int[n];
        int info = getrf(m, n, piv);
        write(t, m, a);
        for (int i = 0; i < n; i++) {
            ipiv.setAtIndex(ValueLayout.JAVA_INT, i, piv[i] + 1);
        }
        return info;
    }

    @Override
    public void getrs(DType t, boolean trans, int n, int nrhs, MemorySegment a, MemorySegment ipiv, MemorySegment b) {
        double[] lu = read(t, a, (long) n * n);
        int[] piv = pivots(ipiv, n);
        double[] x = read(t, b, (long) n * nrhs);
        getrs(trans, n, nrhs, lu, piv, x);
        write(t, x, b);
    }

    @Override
    public int getri(DType t, int n, MemorySegment a, MemorySegment ipiv) {
        double[] lu = read(t, a, (long) n * n);
        for (int j = 0; j < n; j++) {
            if (lu[j + j * n] == 0) {
                return j + 1;
            }
        }
        int[] piv = pivots(ipiv, n);
        double[] x = new double[n * n];
        for (int j = 0; j < n; j++) {
            x[j + j * n] = 1;
        }
        getrs(false, n, n, lu, piv, x);
        write(t, x, a);
        return 0;
    }

    @Override
    public int gesdd(DType t, char jobz, int m, int n, MemorySegment a, MemorySegment s, MemorySegment u, int ldu,
            MemorySegment vt, int ldvt) {
        throw needsNative("the SVD (gesdd)");
    }

    @Override
    public int syevd(DType t, boolean vectors, boolean lower, int n, MemorySegment a, MemorySegment w) {
        throw needsNative("the symmetric eigensolver (syevd)");
    }

    @Override
    public void geqrf(DType t, int m, int n, MemorySegment a, int lda, MemorySegment tau) {
        throw needsNative("the QR factorization (geqrf)");
    }

    @Override
    public void orgqr(DType t, int m, int n, int k, MemorySegment a, int lda, MemorySegment tau) {
        throw needsNative("the QR factorization (orgqr)");
    }

    @Override
    public int potrf(DType t, boolean lower, int n, MemorySegment a) {
        throw needsNative("the Cholesky factorization (potrf)");
    }

    /** The Java fallback keeps LU only: the decompositions need OpenBLAS's LAPACK. */
    private static UnsupportedOperationException needsNative(String what) {
        return new UnsupportedOperationException(what + " needs native LAPACK (OpenBLAS), but the CPU backend uses "
                + "the pure-Java fallback, which has LU only (solve, inv, det): " + Blas.describe());
    }

    // ------------------------------------------------------------------ the algorithms, column-major double[]

    /** LU with partial pivoting in place; {@code piv} gets 0-based pivot rows; returns LAPACK's info. */
    static int getrf(double[] a, int n, int[] piv) {
        int info = 0;
        MemorySegment seg = MemorySegment.ofArray(a);
        for (int j0 = 0; j0 < n; j0 += NB) {
            int start = j0;
            int jb = Math.min(NB, n - j0);
            int end = j0 + jb;
            for (int j = j0; j < end; j++) {
                int colJ = j * n;
                int p = j;
                double best = Math.abs(a[j + colJ]);
                for (int i = j + 1; i < n; i++) {
                    double v = Math.abs(a[i + colJ]);
                    if (v > best) {
                        best = v;
                        p = i;
                    }
                }
                piv[j] = p;
                double pivot = a[p + colJ];
                if (pivot != 0) {
                    if (p != j) {
                        swapRows(a, n, j, p, j0, end);
                    }
                    if (Math.abs(pivot) >= Double.MIN_NORMAL) {
                        scale(a, colJ + j + 1, n - j - 1, 1 / pivot);
                    } else {
                        for (int i = j + 1; i < n; i++) {
                            a[i + colJ] /= pivot;
                        }
                    }
                } else if (info == 0) {
                    info = j + 1;
                }
                // Rank-1 update of the rest of the panel.
                for (int c = j + 1; c < end; c++) {
                    double f = a[j + c * n];
                    if (f != 0) {
                        axpy(-f, a, colJ + j + 1, a, c * n + j + 1, n - j - 1);
                    }
                }
            }
            // The panel's row swaps, applied to the columns left and right of it.
            for (int j = j0; j < end; j++) {
                if (piv[j] != j) {
                    swapRows(a, n, j, piv[j], 0, j0);
                    swapRows(a, n, j, piv[j], end, n);
                }
            }
            if (end < n) {
                // U12 = L11^-1 A12 (unit lower triangular), column by column.
                int rest = n - end;
                Parallel.forRange(rest, Math.max(1, 4096 / jb), (s, e) -> {
                    for (long cc = s; cc < e; cc++) {
                        int col = (int) (end + cc) * n;
                        for (int j = start; j < end; j++) {
                            double x = a[j + col];
                            if (x != 0) {
                                axpy(-x, a, j * n + j + 1, a, col + j + 1, end - j - 1);
                            }
                        }
                    }
                });
                // A22 -= A21 U12, computed as its transpose so that every operand is row-contiguous:
                // A22^T (rest x rest, row stride n) -= U12^T (rest x jb) A21^T (jb x rest).
                JavaDgemm.gemm(rest, rest, jb, -1.0,
                        seg, j0 + (long) end * n, n, 1,
                        seg, end + (long) j0 * n, n, 1,
                        true, seg, end + (long) end * n, n, 1);
            }
        }
        return info;
    }

    /** Solves {@code op(A) X = B} for the {@code nrhs} columns of {@code b} (column-major, n rows). */
    static void getrs(boolean trans, int n, int nrhs, double[] lu, int[] piv, double[] b) {
        Parallel.forRange(nrhs, Math.max(1, 16384 / Math.max(1, n)), (s, e) -> {
            for (long r = s; r < e; r++) {
                int off = (int) r * n;
                if (!trans) {
                    for (int j = 0; j < n; j++) {
                        int p = piv[j];
                        if (p != j) {
                            double t = b[off + j];
                            b[off + j] = b[off + p];
                            b[off + p] = t;
                        }
                    }
                    // L y = b: column-oriented forward substitution (unit diagonal).
                    for (int j = 0; j < n; j++) {
                        double x = b[off + j];
                        if (x != 0) {
                            axpy(-x, lu, j * n + j + 1, b, off + j + 1, n - j - 1);
                        }
                    }
                    // U x = y: column-oriented back substitution.
                    for (int j = n - 1; j >= 0; j--) {
                        double x = b[off + j] / lu[j + j * n];
                        b[off + j] = x;
                        if (x != 0) {
                            axpy(-x, lu, j * n, b, off, j);
                        }
                    }
                } else {
                    // U^T z = b: forward, dot products with the columns of U.
                    for (int j = 0; j < n; j++) {
                        b[off + j] = (b[off + j] - dot(lu, j * n, b, off, j)) / lu[j + j * n];
                    }
                    // L^T w = z: backward, dot products with the columns of L below the diagonal.
                    for (int j = n - 1; j >= 0; j--) {
                        b[off + j] -= dot(lu, j * n + j + 1, b, off + j + 1, n - j - 1);
                    }
                    for (int j = n - 1; j >= 0; j--) {
                        int p = piv[j];
                        if (p != j) {
                            double t = b[off + j];
                            b[off + j] = b[off + p];
                            b[off + p] = t;
                        }
                    }
                }
            }
        });
    }

    private static void swapRows(double[] a, int n, int r1, int r2, int c0, int c1) {
        for (int c = c0; c < c1; c++) {
            int o = c * n;
            double t = a[r1 + o];
            a[r1 + o] = a[r2 + o];
            a[r2 + o] = t;
        }
    }

    private static void scale(double[] a, int off, int len, double f) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, a, off + i).mul(f).intoArray(a, off + i);
        }
        for (; i < len; i++) {
            a[off + i] *= f;
        }
    }

    /** {@code y[yo..] += alpha * x[xo..]} over {@code len} elements. */
    private static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            DoubleVector.fromArray(S, x, xo + i).fma(DoubleVector.broadcast(S, alpha), DoubleVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    private static double dot(double[] x, int xo, double[] y, int yo, int len) {
        int i = 0;
        DoubleVector acc = DoubleVector.zero(S);
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            acc = DoubleVector.fromArray(S, x, xo + i).fma(DoubleVector.fromArray(S, y, yo + i), acc);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s += x[xo + i] * y[yo + i];
        }
        return s;
    }

    // ------------------------------------------------------------------ segment <-> double[]

    private static double[] read(DType t, MemorySegment s, long count) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix too large for the Java LAPACK fallback: " + count + " elements");
        }
        double[] r = new double[(int) count];
        if (t == DType.FLOAT64) {
            MemorySegment.copy(s, ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, r, 0, r.length);
        } else {
            for (int i = 0; i < r.length; i++) {
                r[i] = s.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i);
            }
        }
        return r;
    }

    private static void write(DType t, double[] v, MemorySegment s) {
        if (t == DType.FLOAT64) {
            MemorySegment.copy(v, 0, s, ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, v.length);
        } else {
            for (int i = 0; i < v.length; i++) {
                s.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, (float) v[i]);
            }
        }
    }

    private static int[] pivots(MemorySegment ipiv, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = ipiv.getAtIndex(ValueLayout.JAVA_INT, i) - 1;
        }
        return p;
    }
}
