package io.github.ndarray.cpu.blas;

import io.github.ndarray.DType;
import io.github.ndarray.LinAlgException;
import io.github.ndarray.NDArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.util.Arrays;

/**
 * The CPU backend's matrix decompositions — {@code svd}, {@code eigh}, {@code qr},
 * {@code cholesky} — through native LAPACK ({@code gesdd}, {@code syevd},
 * {@code geqrf}/{@code orgqr}, {@code potrf}), one matrix of the batch at a time.
 *
 * <p>Each matrix is copied into a column-major scratch buffer (LAPACK works in place, and
 * column-major is its layout), whatever the input's strides; the factors are copied from
 * LAPACK's column-major buffers into the outputs' layouts. The copies are O(mn) against the
 * decompositions' O(mn·min(m, n)), and they make transposed, sliced and broadcast inputs all
 * one case. Without native LAPACK ({@code -Dndarray.blas=java}) these throw
 * {@link UnsupportedOperationException}.
 */
public final class CpuDecompositions {
    private CpuDecompositions() {
    }

    /**
     * The SVD of each matrix; see {@code LinalgSupport.svd}.
     *
     * @param a {@code (..., m, n)}
     * @param s {@code (..., k)}
     * @param u {@code (..., m, m)} or {@code (..., m, k)}, or {@code null}
     * @param vh {@code (..., n, n)} or {@code (..., k, n)}, or {@code null}
     * @throws LinAlgException "SVD did not converge"
     */
    public static void svd(NDArray a, NDArray s, NDArray u, NDArray vh) {
        Batch b = new Batch(a, s, u, vh);
        int m = b.rows;
        int n = b.cols;
        int k = Math.min(m, n);
        int ucols = u == null ? 0 : (int) u.shape(-1);
        int vrows = vh == null ? 0 : (int) vh.shape(-2);
        char jobz = u == null ? 'N' : (ucols == m && vrows == n ? 'A' : 'S');
        DType t = b.dtype;
        Lapack lapack = k == 0 ? null : Blas.lapack();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment work = b.scratch(arena, m, n);
            MemorySegment sv = b.scratch(arena, 1, k);
            MemorySegment us = b.scratch(arena, m, ucols);
            MemorySegment vs = b.scratch(arena, vrows, n);
            while (b.next()) {
                if (k == 0) {
                    // NumPy: the full factors of an empty matrix are identities
                    b.identity(2, m, ucols);
                    b.identity(3, vrows, n);
                    continue;
                }
                b.load(work, m);
                // LAPACK's scaling step refuses NaN/inf (an "illegal argument"); NumPy reports it as this
                if (!finite(t, work, (long) m * n) || lapack.gesdd(t, jobz, m, n, work, sv, us, Math.max(1, m), vs, Math.max(1, vrows)) > 0) {
                    throw new LinAlgException("SVD did not converge");
                }
                b.storeVector(1, sv, k);
                if (u != null) {
                    b.store(2, us, m, ucols, m);
                    b.store(3, vs, vrows, n, vrows);
                }
            }
        }
        b.done();
    }

    /**
     * Eigenvalues and eigenvectors of each symmetric matrix; see {@code LinalgSupport.eigh}.
     *
     * @param a {@code (..., n, n)}
     * @param lower read the lower triangle, else the upper
     * @param w {@code (..., n)}
     * @param v {@code (..., n, n)} or {@code null}
     * @throws LinAlgException "Eigenvalues did not converge"
     */
    public static void eigh(NDArray a, boolean lower, NDArray w, NDArray v) {
        Batch b = new Batch(a, w, v);
        int n = CpuLinalg.order(a);
        Lapack lapack = n == 0 ? null : Blas.lapack();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment work = b.scratch(arena, n, n);
            MemorySegment ws = b.scratch(arena, 1, n);
            while (n > 0 && b.next()) {
                b.load(work, n);
                if (!finite(b.dtype, work, (long) n * n) || lapack.syevd(b.dtype, v != null, lower, n, work, ws) > 0) {
                    throw new LinAlgException("Eigenvalues did not converge");
                }
                b.storeVector(1, ws, n);
                if (v != null) {
                    b.store(2, work, n, n, n);
                }
            }
        }
        b.done();
    }

    /**
     * The QR factorization of each matrix; see {@code LinalgSupport.qr}.
     *
     * @param a {@code (..., m, n)}
     * @param q {@code (..., m, k)} or {@code (..., m, m)}, or {@code null}
     * @param r {@code (..., k, n)} or {@code (..., m, n)}
     */
    public static void qr(NDArray a, NDArray q, NDArray r) {
        Batch b = new Batch(a, r, q);
        int m = b.rows;
        int n = b.cols;
        int k = Math.min(m, n);
        int qcols = q == null ? 0 : (int) q.shape(-1);
        int rrows = (int) r.shape(-2);
        // Q's complete form has more columns than A when m > n: orgqr builds them in the same buffer.
        int width = Math.max(n, qcols);
        DType t = b.dtype;
        Lapack lapack = k == 0 ? null : Blas.lapack();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment work = b.scratch(arena, m, width);
            MemorySegment tau = b.scratch(arena, 1, k);
            while (b.next()) {
                if (k == 0) {
                    b.zero(1, rrows, n);
                    b.identity(2, m, qcols);
                    continue;
                }
                b.load(work, m);
                lapack.geqrf(t, m, n, work, m, tau);
                b.storeTriangle(1, work, m, rrows, n, true);
                if (q != null) {
                    lapack.orgqr(t, m, qcols, k, work, m, tau);
                    b.store(2, work, m, qcols, m);
                }
            }
        }
        b.done();
    }

    /**
     * The Cholesky factor of each matrix; see {@code LinalgSupport.cholesky}.
     *
     * @param a {@code (..., n, n)}
     * @param upper return U (from the upper triangle), else L (from the lower)
     * @param out {@code (..., n, n)}
     * @throws LinAlgException "Matrix is not positive definite"
     */
    public static void cholesky(NDArray a, boolean upper, NDArray out) {
        Batch b = new Batch(a, out);
        int n = CpuLinalg.order(a);
        Lapack lapack = n == 0 ? null : Blas.lapack();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment work = b.scratch(arena, n, n);
            while (n > 0 && b.next()) {
                b.load(work, n);
                if (lapack.potrf(b.dtype, !upper, n, work) > 0) {
                    throw new LinAlgException("Matrix is not positive definite");
                }
                b.storeTriangle(1, work, n, n, n, upper);
            }
        }
        b.done();
    }

    private static boolean finite(DType t, MemorySegment m, long count) {
        for (long i = 0; i < count; i++) {
            if (!Double.isFinite(Matrices.get(t, m, i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks the batch axes of an input matrix stack and its outputs (operand 0 is the input,
     * {@code null} outputs are skipped), moving matrices between their strided layouts and
     * LAPACK's column-major scratch buffers.
     */
    private static final class Batch {
        final DType dtype;
        final int rows;
        final int cols;
        private final NDArray[] ops;
        private final long[][] strides;
        private final MemorySegment[] segments;
        private final long[] shape;
        private final long count;
        private final long[] off;
        private long index = -1;

        Batch(NDArray a, NDArray... outs) {
            dtype = a.dtype();
            if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) {
                throw new IllegalArgumentException("LAPACK works on float32 and float64, not " + dtype);
            }
            if (a.shape(-2) > Integer.MAX_VALUE || a.shape(-1) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("matrix too large for LAPACK: " + a.shape(-2) + " x " + a.shape(-1));
            }
            rows = (int) a.shape(-2);
            cols = (int) a.shape(-1);
            shape = a.shape();
            count = Matrices.batchCount(shape, 2);
            ops = new NDArray[outs.length + 1];
            ops[0] = a;
            System.arraycopy(outs, 0, ops, 1, outs.length);
            strides = new long[ops.length][];
            segments = new MemorySegment[ops.length];
            for (int i = 0; i < ops.length; i++) {
                if (ops[i] == null) {
                    // a skipped output: offsets computed against a's strides, never used
                    strides[i] = new long[shape.length];
                    continue;
                }
                if (ops[i].dtype() != dtype) {
                    throw new IllegalArgumentException("LAPACK operands must share one dtype: " + dtype + " and "
                            + ops[i].dtype());
                }
                // vectors (..., k) get a zero stride for the missing core axis
                strides[i] = Arrays.copyOf(ops[i].elementStrides(), Math.max(shape.length, ops[i].ndim()));
                segments[i] = Matrices.segment(ops[i]);
            }
            off = new long[ops.length];
        }

        MemorySegment scratch(Arena arena, int r, int c) {
            return arena.allocate(Math.max(1L, (long) r * c) * dtype.itemSize(), 64);
        }

        /** {@return whether there is another matrix; moves the offsets to it} */
        boolean next() {
            if (++index >= count) {
                return false;
            }
            NDArray[] present = new NDArray[ops.length];
            for (int i = 0; i < ops.length; i++) {
                present[i] = ops[i] == null ? ops[0] : ops[i];
            }
            Matrices.offsets(shape, 2, index, present, strides, off);
            return true;
        }

        /** Copies the input matrix into column-major {@code dst} with leading dimension {@code ld}. */
        void load(MemorySegment dst, int ld) {
            int nd = shape.length;
            Matrices.copy(dtype, rows, cols, segments[0], off[0], strides[0][nd - 2], strides[0][nd - 1], dst, 0, 1, ld);
        }

        /** Copies a column-major {@code r x c} matrix (leading dimension {@code ld}) into output {@code k}. */
        void store(int k, MemorySegment src, int r, int c, int ld) {
            long[] st = strides[k];
            int nd = ops[k].ndim();
            Matrices.copy(dtype, r, c, src, 0, 1, ld, segments[k], off[k], st[nd - 2], st[nd - 1]);
        }

        /** Copies {@code len} values into the last axis of output {@code k}. */
        void storeVector(int k, MemorySegment src, int len) {
            Matrices.copy(dtype, 1, len, src, 0, 0, 1, segments[k], off[k], 0, strides[k][ops[k].ndim() - 1]);
        }

        /**
         * Writes one triangle of a column-major matrix into output {@code k} ({@code r x c}),
         * zeros elsewhere: the upper triangle (with the diagonal) or the lower.
         */
        void storeTriangle(int k, MemorySegment src, int ld, int r, int c, boolean upper) {
            long[] st = strides[k];
            int nd = ops[k].ndim();
            long rs = st[nd - 2];
            long cs = st[nd - 1];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    boolean keep = upper ? i <= j : i >= j;
                    double v = keep ? Matrices.get(dtype, src, i + (long) j * ld) : 0;
                    Matrices.set(dtype, segments[k], off[k] + i * rs + j * cs, v);
                }
            }
        }

        void zero(int k, int r, int c) {
            long[] st = strides[k];
            int nd = ops[k].ndim();
            Matrices.zero(dtype, r, c, segments[k], off[k], st[nd - 2], st[nd - 1]);
        }

        /** Writes the {@code r x c} identity (ones on the main diagonal) into output {@code k}, if present. */
        void identity(int k, int r, int c) {
            if (ops[k] == null) {
                return;
            }
            zero(k, r, c);
            long[] st = strides[k];
            int nd = ops[k].ndim();
            for (int i = 0; i < Math.min(r, c); i++) {
                Matrices.set(dtype, segments[k], off[k] + i * (st[nd - 2] + st[nd - 1]), 1);
            }
        }

        void done() {
            Reference.reachabilityFence(ops);
        }
    }
}
