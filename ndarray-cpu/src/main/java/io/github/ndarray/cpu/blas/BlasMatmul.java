package io.github.ndarray.cpu.blas;

import io.github.ndarray.DType;
import io.github.ndarray.NDArray;
import io.github.ndarray.cpu.Parallel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;

/**
 * Batched float32/float64 matrix product through BLAS {@code gemm}.
 *
 * <p>Native OpenBLAS gets our off-heap memory directly: an operand whose rows are contiguous
 * is passed as is (leading dimension = its row stride), one whose columns are contiguous (a
 * transposed, F-ordered view) as a BLAS transpose; only other layouts (negative, zero or
 * doubly strided) are copied to a contiguous scratch first. An F-ordered output is computed
 * as {@code C^T = B^T A^T}. A 1x1 result (a dot product of strided vectors) goes to
 * {@code ?dot}. The Java GEMM reads any layout while packing, so it never copies.
 *
 * <p>Batches (the leading axes, already broadcast, stride 0 where stretched) loop over the
 * same handles; many small matrices run in parallel over the batch instead of inside BLAS.
 */
public final class BlasMatmul {
    /** Per-matrix multiply-adds below which a batch is split over threads instead. */
    private static final long SMALL_MATRIX = 64L * 64 * 64;

    private BlasMatmul() {
    }

    /**
     * {@code out[..., i, j] = sum_k a[..., i, k] * b[..., k, j]} for float32 or float64.
     *
     * @param a {@code (..., n, k)}, batch axes broadcast to out's
     * @param b {@code (..., k, m)}
     * @param out {@code (..., n, m)}, of a's and b's dtype
     * @return false (having done nothing) if this path does not apply: other dtypes, a matrix
     *     axis beyond int range, or no BLAS at all ({@link Blas#available()}); the caller then
     *     uses its generic loop
     */
    public static boolean matmul(NDArray a, NDArray b, NDArray out) {
        DType t = out.dtype();
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || a.dtype() != t || b.dtype() != t || !Blas.available()) {
            return false;
        }
        long[] os = out.shape();
        int nd = os.length;
        if (nd < 2) {
            return false;
        }
        long n = os[nd - 2];
        long m = os[nd - 1];
        long k = a.shape(-1);
        if (n > Integer.MAX_VALUE || m > Integer.MAX_VALUE || k > Integer.MAX_VALUE) {
            return false;
        }
        long batches = Matrices.batchCount(os, 2);
        if (n == 0 || m == 0 || batches == 0) {
            return true;
        }
        NDArray[] ops = {a, b, out};
        long[][] strides = {a.elementStrides(), b.elementStrides(), out.elementStrides()};
        Job job = new Job(t, (int) n, (int) m, (int) k, os, ops, strides,
                Matrices.segment(a), Matrices.segment(b), Matrices.segment(out), Blas.kind() == Blas.Kind.NATIVE);
        long perMatrix = n * m * Math.max(k, 1);
        if (batches > 1 && perMatrix < SMALL_MATRIX && Parallel.threads() > 1) {
            Parallel.forRange(batches, Math.max(1, (SMALL_MATRIX * 4) / perMatrix), job::run);
        } else {
            job.run(0, batches);
        }
        Reference.reachabilityFence(ops);
        return true;
    }

    /** One matmul call: the shapes, layouts and segments, and a range of batch indices to do. */
    private record Job(DType t, int n, int m, int k, long[] shape, NDArray[] ops, long[][] st,
            MemorySegment sa, MemorySegment sb, MemorySegment sc, boolean nativeBlas) {
        void run(long start, long end) {
            int nd = shape.length;
            long ai = st[0][nd - 2];
            long ak = st[0][nd - 1];
            long bk = st[1][nd - 2];
            long bj = st[1][nd - 1];
            long ci = st[2][nd - 2];
            long cj = st[2][nd - 1];
            long[] off = new long[3];
            try (Arena scratch = nativeBlas ? Arena.ofConfined() : null) {
                Scratch sA = new Scratch();
                Scratch sB = new Scratch();
                Scratch sC = new Scratch();
                for (long idx = start; idx < end; idx++) {
                    Matrices.offsets(shape, 2, idx, ops, st, off);
                    if (k == 0) {
                        Matrices.zero(t, n, m, sc, off[2], ci, cj);
                    } else if (!nativeBlas) {
                        if (t == DType.FLOAT64) {
                            JavaDgemm.gemm(n, m, k, 1.0, sa, off[0], ai, ak, sb, off[1], bk, bj, false, sc, off[2], ci, cj);
                        } else {
                            JavaSgemm.gemm(n, m, k, 1.0f, sa, off[0], ai, ak, sb, off[1], bk, bj, false, sc, off[2], ci, cj);
                        }
                    } else if (n == 1 && m == 1 && dotFits(ak) && dotFits(bk)) {
                        MemorySegment x = sa.asSlice(dotBase(off[0], ak) * t.itemSize());
                        MemorySegment y = sb.asSlice(dotBase(off[1], bk) * t.itemSize());
                        Matrices.set(t, sc, off[2], NativeBlas.dot(t, k, x, (int) ak, y, (int) bk));
                    } else {
                        nativeGemm(scratch, off, ai, ak, bk, bj, ci, cj, sA, sB, sC);
                    }
                }
            }
        }

        private boolean dotFits(long inc) {
            return inc != 0 && Math.abs(inc) <= Integer.MAX_VALUE;
        }

        /** BLAS addresses a vector with a negative increment from its lowest element. */
        private long dotBase(long off, long inc) {
            return inc < 0 ? off + (k - 1) * inc : off;
        }

        private void nativeGemm(Arena arena, long[] off, long ai, long ak, long bk, long bj, long ci, long cj,
                Scratch sA, Scratch sB, Scratch sC) {
            long es = t.itemSize();
            Operand opA = operand(arena, sa, off[0], n, k, ai, ak, sA);
            Operand opB = operand(arena, sb, off[1], k, m, bk, bj, sB);
            long[] fc = form(n, m, ci, cj);
            if (fc != null && fc[0] == 0) {
                NativeBlas.gemm(t, opA.trans, opB.trans, n, m, k, opA.seg, opA.ld, opB.seg, opB.ld,
                        sc.asSlice(off[2] * es), (int) fc[1]);
            } else if (fc != null) {
                // C is column-contiguous: C^T = B^T A^T, row-major with leading dimension fc[1].
                NativeBlas.gemm(t, !opB.trans, !opA.trans, m, n, k, opB.seg, opB.ld, opA.seg, opA.ld,
                        sc.asSlice(off[2] * es), (int) fc[1]);
            } else {
                MemorySegment tmp = sC.get(arena, (long) n * m * es);
                NativeBlas.gemm(t, opA.trans, opB.trans, n, m, k, opA.seg, opA.ld, opB.seg, opB.ld, tmp, Math.max(1, m));
                Matrices.copy(t, n, m, tmp, 0, m, 1, sc, off[2], ci, cj);
            }
        }

        /** The operand as BLAS sees it: as is, transposed, or copied to a contiguous scratch. */
        private Operand operand(Arena arena, MemorySegment s, long off, int rows, int cols, long rs, long cs,
                Scratch scratch) {
            long[] f = form(rows, cols, rs, cs);
            if (f != null) {
                return new Operand(s.asSlice(off * t.itemSize()), f[0] == 1, (int) f[1]);
            }
            if (scratch.source != off) {
                MemorySegment tmp = scratch.get(arena, (long) rows * cols * t.itemSize());
                Matrices.copy(t, rows, cols, s, off, rs, cs, tmp, 0, cols, 1);
                scratch.source = off; // a broadcast batch (stride 0) reuses the copy
            }
            return new Operand(scratch.segment, false, Math.max(1, cols));
        }
    }

    private record Operand(MemorySegment seg, boolean trans, int ld) {
    }

    /** A reusable contiguous buffer, remembering which source matrix it holds. */
    private static final class Scratch {
        MemorySegment segment;
        long source = -1;

        MemorySegment get(Arena arena, long bytes) {
            if (segment == null || segment.byteSize() < bytes) {
                segment = arena.allocate(Math.max(bytes, 1), 64);
            }
            source = -1;
            return segment;
        }
    }

    /**
     * How BLAS can address a {@code rows x cols} matrix with these element strides without a copy.
     *
     * @return {@code {0, ld}} row-major (no transpose), {@code {1, ld}} column-major (a transpose),
     *     or null if neither (then it is copied)
     */
    static long[] form(int rows, int cols, long rs, long cs) {
        if ((cols <= 1 || cs == 1) && (rows <= 1 || rs >= Math.max(1, cols))) {
            long ld = rows <= 1 ? Math.max(1, cols) : rs;
            if (ld <= Integer.MAX_VALUE) {
                return new long[] {0, ld};
            }
        }
        if ((rows <= 1 || rs == 1) && (cols <= 1 || cs >= Math.max(1, rows))) {
            long ld = cols <= 1 ? Math.max(1, rows) : cs;
            if (ld <= Integer.MAX_VALUE) {
                return new long[] {1, ld};
            }
        }
        return null;
    }
}
