package io.github.ndarray.cpu.blas;

import io.github.ndarray.DType;
import io.github.ndarray.LinAlgException;
import io.github.ndarray.NDArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;

/**
 * The CPU backend's {@code solve}, {@code inv}, {@code det} and {@code slogdet}: LU
 * factorization through LAPACK ({@code getrf}, {@code getrs}, {@code getri}) from native OpenBLAS or
 * {@link JavaLapack}, one matrix of the batch at a time.
 *
 * <p>Each matrix is first copied into a scratch buffer (LAPACK factors in place), in C order
 * as it is: to column-major LAPACK that buffer holds {@code A^T}. That is all we need:
 * {@code det(A^T) = det(A)}; {@code inv(A^T) = inv(A)^T}, which read back in C order is
 * {@code inv(A)}; and {@code A X = B} is {@code (A^T)^T X = B}, {@code getrs} with
 * {@code TRANS='T'}. So no matrix is transposed on the way in or out, except the right-hand
 * sides when they have several columns. A broadcast {@code a} (stride 0 over the batch) is
 * factored once. Scratch memory comes from a shared arena: big factorizations run on
 * {@code NativeBlas}'s big-stack thread.
 */
public final class CpuLinalg {
    private CpuLinalg() {
    }

    /**
     * Solves {@code a[...] @ out[...] = b[...]}.
     *
     * @param a {@code (..., n, n)} float32/float64
     * @param b {@code (..., n, k)}, same dtype, batch axes broadcast to out's
     * @param out {@code (..., n, k)}, same dtype
     * @throws IllegalArgumentException "Singular matrix" if a matrix is singular
     */
    public static void solve(NDArray a, NDArray b, NDArray out) {
        DType t = check(a, out);
        long[] shape = out.shape();
        int nd = shape.length;
        int n = order(a);
        long k = shape[nd - 1];
        if (k > Integer.MAX_VALUE || (long) n * k > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("solve: too many right-hand sides: " + k);
        }
        long batches = Matrices.batchCount(shape, 2);
        if (n == 0 || batches == 0) {
            return;
        }
        int nrhs = (int) k;
        NDArray[] ops = {a, b, out};
        long[][] st = {a.elementStrides(), b.elementStrides(), out.elementStrides()};
        MemorySegment sa = Matrices.segment(a);
        MemorySegment sb = Matrices.segment(b);
        MemorySegment so = Matrices.segment(out);
        Lapack lapack = Blas.lapack();
        long es = t.itemSize();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment lu = arena.allocate((long) n * n * es, 64);
            MemorySegment piv = arena.allocate(ValueLayout.JAVA_INT, n);
            MemorySegment x = arena.allocate(Math.max(1, (long) n * nrhs * es), 64);
            long[] off = new long[3];
            long factored = -1;
            for (long idx = 0; idx < batches; idx++) {
                Matrices.offsets(shape, 2, idx, ops, st, off);
                if (off[0] != factored) {
                    Matrices.copy(t, n, n, sa, off[0], st[0][nd - 2], st[0][nd - 1], lu, 0, n, 1);
                    if (lapack.getrf(t, n, lu, piv) > 0) {
                        throw singular();
                    }
                    factored = off[0];
                }
                if (nrhs == 0) {
                    continue;
                }
                // B into column-major n x nrhs: x[i + j*n] = b[i, j].
                Matrices.copy(t, n, nrhs, sb, off[1], st[1][nd - 2], st[1][nd - 1], x, 0, 1, n);
                lapack.getrs(t, true, n, nrhs, lu, piv, x);
                Matrices.copy(t, n, nrhs, x, 0, 1, n, so, off[2], st[2][nd - 2], st[2][nd - 1]);
            }
        }
        Reference.reachabilityFence(ops);
    }

    /**
     * The inverse of each matrix.
     *
     * @param a {@code (..., n, n)} float32/float64
     * @param out {@code (..., n, n)}, same dtype
     * @throws IllegalArgumentException "Singular matrix" if a matrix is singular
     */
    public static void inv(NDArray a, NDArray out) {
        DType t = check(a, out);
        long[] shape = out.shape();
        int nd = shape.length;
        int n = order(a);
        long batches = Matrices.batchCount(shape, 2);
        if (n == 0 || batches == 0) {
            return;
        }
        NDArray[] ops = {a, out};
        long[][] st = {a.elementStrides(), out.elementStrides()};
        MemorySegment sa = Matrices.segment(a);
        MemorySegment so = Matrices.segment(out);
        Lapack lapack = Blas.lapack();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment lu = arena.allocate((long) n * n * t.itemSize(), 64);
            MemorySegment piv = arena.allocate(ValueLayout.JAVA_INT, n);
            long[] off = new long[2];
            for (long idx = 0; idx < batches; idx++) {
                Matrices.offsets(shape, 2, idx, ops, st, off);
                Matrices.copy(t, n, n, sa, off[0], st[0][nd - 2], st[0][nd - 1], lu, 0, n, 1);
                if (lapack.getrf(t, n, lu, piv) > 0 || lapack.getri(t, n, lu, piv) > 0) {
                    throw singular();
                }
                Matrices.copy(t, n, n, lu, 0, n, 1, so, off[1], st[1][nd - 2], st[1][nd - 1]);
            }
        }
        Reference.reachabilityFence(ops);
    }

    /**
     * The determinant of each matrix, from the LU factors: the product of U's diagonal (in
     * float64), negated once per row interchange; 0 for a singular matrix, 1 for 0x0.
     *
     * @param a {@code (..., n, n)} float32/float64
     * @param out {@code (...)}, same dtype
     */
    public static void det(NDArray a, NDArray out) {
        eachLu(a, new NDArray[] {out}, (t, n, lu, piv, singular, so, off) -> {
            double det = singular ? 0 : 1;
            for (int i = 0; i < n && !singular; i++) {
                det *= Matrices.get(t, lu, (long) i * n + i);
                if (piv.getAtIndex(ValueLayout.JAVA_INT, i) != i + 1) {
                    det = -det;
                }
            }
            Matrices.set(t, so[0], off[1], det);
        });
    }

    /**
     * The sign and {@code log|det|} of each matrix, from the LU factors: the sum of
     * {@code log|U(i,i)|}, the sign from U's diagonal and the row interchanges; sign 0 and
     * {@code -inf} for a singular matrix, 1 and 0 for 0x0.
     *
     * @param a {@code (..., n, n)} float32/float64
     * @param sign {@code (...)}, same dtype
     * @param logabsdet {@code (...)}, same dtype
     */
    public static void slogdet(NDArray a, NDArray sign, NDArray logabsdet) {
        eachLu(a, new NDArray[] {sign, logabsdet}, (t, n, lu, piv, singular, so, off) -> {
            double sg = singular ? 0 : 1;
            double log = singular ? Double.NEGATIVE_INFINITY : 0;
            for (int i = 0; i < n && !singular; i++) {
                double d = Matrices.get(t, lu, (long) i * n + i);
                log += Math.log(Math.abs(d));
                if ((d < 0) != (piv.getAtIndex(ValueLayout.JAVA_INT, i) != i + 1)) {
                    sg = -sg;
                }
            }
            Matrices.set(t, so[0], off[1], sg);
            Matrices.set(t, so[1], off[2], log);
        });
    }

    /** What {@link #eachLu} does with one matrix's LU factors. */
    @FunctionalInterface
    private interface LuConsumer {
        /**
         * @param lu the factors (column-major n x n); meaningless when singular
         * @param singular whether getrf found an exact zero pivot (always false for n = 0)
         * @param outs the segments of the outputs
         * @param off the element offsets of this matrix in a (index 0) and in each output
         */
        void accept(DType t, int n, MemorySegment lu, MemorySegment piv, boolean singular, MemorySegment[] outs,
                long[] off);
    }

    /** Factors each matrix of {@code a} by LU and hands the factors to {@code body} with the outputs' offsets. */
    private static void eachLu(NDArray a, NDArray[] outs, LuConsumer body) {
        DType t = a.dtype();
        for (NDArray o : outs) {
            if ((t != DType.FLOAT32 && t != DType.FLOAT64) || o.dtype() != t) {
                throw new IllegalArgumentException("det works on float32 and float64, got " + t + " -> " + o.dtype());
            }
        }
        long[] shape = a.shape();
        int nd = shape.length;
        int n = order(a);
        long batches = Matrices.batchCount(shape, 2);
        if (batches == 0) {
            return;
        }
        NDArray[] ops = new NDArray[outs.length + 1];
        long[][] st = new long[ops.length][];
        MemorySegment[] so = new MemorySegment[outs.length];
        ops[0] = a;
        st[0] = a.elementStrides();
        for (int k = 0; k < outs.length; k++) {
            ops[k + 1] = outs[k];
            st[k + 1] = java.util.Arrays.copyOf(outs[k].elementStrides(), nd); // zeros for the core axes
            so[k] = Matrices.segment(outs[k]);
        }
        MemorySegment sa = Matrices.segment(a);
        Lapack lapack = n == 0 ? null : Blas.lapack();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment lu = arena.allocate(Math.max(1, (long) n * n * t.itemSize()), 64);
            MemorySegment piv = arena.allocate(ValueLayout.JAVA_INT, Math.max(1, n));
            long[] off = new long[ops.length];
            for (long idx = 0; idx < batches; idx++) {
                Matrices.offsets(shape, 2, idx, ops, st, off);
                boolean singular = false;
                if (n > 0) {
                    Matrices.copy(t, n, n, sa, off[0], st[0][nd - 2], st[0][nd - 1], lu, 0, n, 1);
                    singular = lapack.getrf(t, n, lu, piv) > 0;
                }
                body.accept(t, n, lu, piv, singular, so, off);
            }
        }
        Reference.reachabilityFence(ops);
    }

    private static DType check(NDArray a, NDArray out) {
        DType t = a.dtype();
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || out.dtype() != t) {
            throw new IllegalArgumentException("LAPACK works on float32 and float64, got " + t + " -> " + out.dtype());
        }
        return t;
    }

    static int order(NDArray a) {
        long n = a.shape(-1);
        if (a.shape(-2) != n) {
            throw new LinAlgException("Last 2 dimensions of the array must be square");
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrix too large for LAPACK: " + n + " x " + n);
        }
        return (int) n;
    }

    private static LinAlgException singular() {
        return new LinAlgException("Singular matrix");
    }
}
