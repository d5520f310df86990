package io.github.ndarray.cuda;

import io.github.ndarray.DType;
import io.github.ndarray.NDArray;
import io.github.ndarray.broadcasting.Coalesce;
import java.util.Arrays;

/**
 * Matrix products on the device: float32 and float64 through cuBLAS, everything else (and
 * every dtype when cuBLAS is missing) through the generated kernel {@code matmul_<dtype>}, the
 * CPU backend's definition. Operands arrive with broadcast batch axes (stride 0) and shapes
 * {@code (..., m, k) @ (..., k, n) -> (..., m, n)}.
 */
final class Matmul {
    private static final int MAXDIM = Layout.MAXDIM;
    private static final int FIELDS = 5 + 4 * MAXDIM + 6 + 3;

    private Matmul() {
    }

    static void matmul(CudaDevice d, NDArray a, NDArray b, NDArray out) {
        int nd = out.ndim();
        long m = out.shape(nd - 2);
        long n = out.shape(nd - 1);
        long k = a.shape(nd - 1);
        if (out.size() == 0) {
            return;
        }
        DType t = out.dtype();
        if (k == 0) {
            CudaBackend.fill(d, out, 0);
            return;
        }
        if ((t == DType.FLOAT32 || t == DType.FLOAT64) && d.cublas() != null && blas(d, a, b, out, m, n, k)) {
            return;
        }
        generic(d, a, b, out, m, n, k);
    }

    /**
     * cuBLAS is column-major: the row-major product {@code C = A B} is the column-major
     * {@code C^T = B^T A^T}, so B goes first. A matrix whose rows are contiguous is its
     * transpose in column-major order ("N"); one whose columns are contiguous is "T".
     *
     * @return false (having done nothing) when a layout does not fit (the generic kernel serves)
     */
    private static boolean blas(CudaDevice d, NDArray a, NDArray b, NDArray out, long m, long n, long k) {
        int nd = out.ndim();
        if (m > Integer.MAX_VALUE || n > Integer.MAX_VALUE || k > Integer.MAX_VALUE) {
            return false;
        }
        Mat cb = Mat.of(b, k, n);
        Mat ca = Mat.of(a, m, k);
        Mat cc = Mat.of(out, m, n);
        if (cb == null || ca == null || cc == null || cc.trans) {
            return false;
        }
        long[] batch = Arrays.copyOf(out.shape(), nd - 2);
        long[][] bs = {Arrays.copyOf(a.elementStrides(), nd - 2), Arrays.copyOf(b.elementStrides(), nd - 2),
            Arrays.copyOf(out.elementStrides(), nd - 2)};
        Coalesce c = Coalesce.of(batch, bs);
        if (c.shape().length != 1 || c.shape()[0] > Integer.MAX_VALUE) {
            return false;
        }
        long pa = Layout.operand(a, d.device).address();
        long pb = Layout.operand(b, d.device).address();
        long pc = Layout.operand(out, d.device).address();
        d.cublas().gemm(out.dtype() == DType.FLOAT64, cb.trans, ca.trans, (int) n, (int) m, (int) k, pb, cb.ld,
                c.strides()[1][0], pa, ca.ld, c.strides()[0][0], pc, cc.ld, c.strides()[2][0], (int) c.shape()[0]);
        return true;
    }

    /** A matrix operand in cuBLAS's terms: transposed or not, and its leading dimension (elements). */
    private record Mat(boolean trans, int ld) {
        /** {@return the operand's form, or null if neither its rows nor its columns are contiguous} */
        static Mat of(NDArray x, long rows, long cols) {
            int nd = x.ndim();
            long rs = rows == 1 ? Math.max(1, cols) : x.elementStrides()[nd - 2];
            long cs = cols == 1 ? 1 : x.elementStrides()[nd - 1];
            if (cs == 1 && rs >= Math.max(1, cols) && rs <= Integer.MAX_VALUE) {
                return new Mat(false, (int) rs);
            }
            long rs2 = rows == 1 ? 1 : x.elementStrides()[nd - 2];
            long cs2 = cols == 1 ? Math.max(1, rows) : x.elementStrides()[nd - 1];
            if (rs2 == 1 && cs2 >= Math.max(1, rows) && cs2 <= Integer.MAX_VALUE) {
                return new Mat(true, (int) cs2);
            }
            return null;
        }
    }

    private static void generic(CudaDevice d, NDArray a, NDArray b, NDArray out, long m, long n, long k) {
        int nd = out.ndim();
        long ia = a.dtype().itemSize();
        long ib = b.dtype().itemSize();
        long ic = out.dtype().itemSize();
        long[] as = a.elementStrides();
        long[] bs = b.elementStrides();
        long[] cs = out.elementStrides();
        long[] batch = Arrays.copyOf(out.shape(), nd - 2);
        long[][] st = {scale(Arrays.copyOf(as, nd - 2), ia), scale(Arrays.copyOf(bs, nd - 2), ib),
            scale(Arrays.copyOf(cs, nd - 2), ic)};
        Coalesce c = Coalesce.of(batch, st);
        if (c.shape().length > MAXDIM) {
            throw new UnsupportedOperationException("matmul over " + c.shape().length + " batch axes that cannot be"
                    + " merged is not supported on CUDA (at most " + MAXDIM + ")");
        }
        long batchN = 1;
        for (long x : batch) {
            batchN *= x;
        }
        byte[] p = new Params(FIELDS).put(batchN).put(m).put(n).put(k).put(c.shape().length).array(c.shape(), MAXDIM)
                .array(c.strides()[0], MAXDIM).array(c.strides()[1], MAXDIM).array(c.strides()[2], MAXDIM)
                .put(as[nd - 2] * ia).put(as[nd - 1] * ia).put(bs[nd - 2] * ib).put(bs[nd - 1] * ib)
                .put(cs[nd - 2] * ic).put(cs[nd - 1] * ic)
                .put(Layout.operand(a, d.device).address()).put(Layout.operand(b, d.device).address())
                .put(Layout.operand(out, d.device).address()).bytes();
        d.launch(KernelSource.matmul(out.dtype()), batchN * m * n, p);
    }

    private static long[] scale(long[] v, long f) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
        return v;
    }
}
