package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import io.github.ndarray.cpu.blas.BlasMatmul;
import io.github.ndarray.spi.HostElements;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Batched matrix product, {@code out[..., i, j] = sum_k a[..., i, k] * b[..., k, j]}.
 * float32 and float64 go to BLAS ({@link BlasMatmul}: native OpenBLAS, or the Vector API
 * GEMM when the natives cannot load). Everything else (integers, bool, mixed-dtype loops)
 * runs the definition here: floats accumulated in double, integers in long (wrapping), bool
 * as or-of-ands, correct for every layout.
 */
final class MatrixMultiply {
    private MatrixMultiply() {
    }

    static void matmul(Ufunc.Loop loop, NDArray a, NDArray b, NDArray out) {
        if (dot(a, b, out)) {
            return;
        }
        if (BlasMatmul.matmul(a, b, out)) {
            return;
        }
        definition(loop, a, b, out);
    }

    /**
     * A single dot product of two contiguous float vectors ({@code (1,k) @ (k,1)}, what a 1-D
     * {@code matmul} and {@code linalg.norm} become) through the Vector API kernel {@link LoopDot}:
     * no native call and no OpenBLAS thread hand-off, which cost ~10 µs per call at mid sizes.
     *
     * @return false (having done nothing) if this is not such a product
     */
    private static boolean dot(NDArray a, NDArray b, NDArray out) {
        DType t = out.dtype();
        if (!Kernels.VECTOR_API || (t != DType.FLOAT64 && t != DType.FLOAT32) || a.dtype() != t || b.dtype() != t
                || out.size() != 1) {
            return false;
        }
        int nd = out.ndim();
        long k = a.shape(-1);
        if (k == 0 || (k > 1 && (a.elementStrides()[nd - 1] != 1 || b.elementStrides()[nd - 2] != 1))) {
            return false;
        }
        MemorySegment sa = CpuBackend.segment(a.storage());
        MemorySegment sb = CpuBackend.segment(b.storage());
        MemorySegment sc = CpuBackend.segment(out.storage());
        // out.size() == 1: every batch axis has length 1, so the offsets are the arrays' own.
        if (t == DType.FLOAT64) {
            double r = LoopDot.dot64(sa, a.elementOffset(), sb, b.elementOffset(), k, true);
            HostElements.setDouble(sc, t, out.elementOffset(), r);
        } else {
            double r = LoopDot.dot32(sa, a.elementOffset(), sb, b.elementOffset(), k, true);
            HostElements.setDouble(sc, t, out.elementOffset(), (float) r);
        }
        CpuBackend.keepAlive(new NDArray[] {a, b, out});
        return true;
    }

    /** The definition, for every dtype and layout. */
    static void definition(Ufunc.Loop loop, NDArray a, NDArray b, NDArray out) {
        long[] os = out.shape();
        int nd = os.length;
        long n = os[nd - 2];
        long m = os[nd - 1];
        long k = a.shape(-1);
        long[] as = a.elementStrides();
        long[] bs = b.elementStrides();
        long[] cs = out.elementStrides();
        long ai = as[nd - 2];
        long ak = as[nd - 1];
        long bk = bs[nd - 2];
        long bj = bs[nd - 1];
        long ci = cs[nd - 2];
        long cj = cs[nd - 1];
        MemorySegment sa = CpuBackend.segment(a.storage());
        MemorySegment sb = CpuBackend.segment(b.storage());
        MemorySegment sc = CpuBackend.segment(out.storage());
        DType ta = loop.in().get(0);
        DType tb = loop.in().get(1);
        DType tc = loop.out();
        boolean floating = ta.isFloating();
        long[] batch = Arrays.copyOf(os, nd - 2);
        StridedWalk.walk(batch, new long[][] {Arrays.copyOf(as, nd - 2), Arrays.copyOf(bs, nd - 2), Arrays.copyOf(cs, nd - 2)},
                new long[] {a.elementOffset(), b.elementOffset(), out.elementOffset()}, (off, st, count) -> {
                    for (long t = 0; t < count; t++) {
                        long a0 = off[0] + t * st[0];
                        long b0 = off[1] + t * st[1];
                        long c0 = off[2] + t * st[2];
                        for (long i = 0; i < n; i++) {
                            for (long j = 0; j < m; j++) {
                                long pa = a0 + i * ai;
                                long pb = b0 + j * bj;
                                long pc = c0 + i * ci + j * cj;
                                if (floating) {
                                    double acc = 0;
                                    for (long p = 0; p < k; p++) {
                                        acc += HostElements.getDouble(sa, ta, pa + p * ak) * HostElements.getDouble(sb, tb, pb + p * bk);
                                    }
                                    HostElements.setDouble(sc, tc, pc, acc);
                                } else {
                                    long acc = 0;
                                    for (long p = 0; p < k; p++) {
                                        acc += HostElements.getLong(sa, ta, pa + p * ak) * HostElements.getLong(sb, tb, pb + p * bk);
                                    }
                                    HostElements.setLong(sc, tc, pc, tc == DType.BOOL ? (acc != 0 ? 1 : 0) : acc);
                                }
                            }
                        }
                    }
                });
        CpuBackend.keepAlive(new NDArray[] {a, b, out});
    }
}
