package io.github.ndarray.cpu.blas;

import io.github.ndarray.cpu.Parallel;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pure-Java float64 GEMM, {@code C = alpha A B (+ C)}, for any strides (transposed, sliced,
 * negative or zero): GotoBLAS's blocking in Java. B is packed into {@code KC x NC} panels of
 * {@code NR}-wide strips, A into {@code MC x KC} blocks of {@code MR}-high strips (packing
 * reads any layout, so transposes cost nothing extra), and an {@code MR x NR} register-tile
 * micro-kernel of Vector API FMAs runs over them: 6 rows by two vectors (12 accumulators).
 * Row blocks of C run in parallel on {@link Parallel}.
 *
 * <p>{@link JavaSgemm} is generated from this file by {@code java scripts/GenTypedLoops.java}.
 */
final class JavaDgemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int ES = Double.BYTES;
    private static final ValueLayout.OfDouble E = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    static final int MR = 6;
    static final int NR = 2 * L;
    static final int KC = 384;
    static final int MC = 16 * MR;
    static final int NC = Math.max(NR, 2048 / NR * NR);
    /** Below this many multiply-adds, a plain triple loop beats packing. */
    private static final long SMALL = 32 * 32 * 32;
    /** Below this many multiply-adds, one thread. */
    private static final long PARALLEL = 128L * 128 * 128;

    private JavaDgemm() {
    }

    /**
     * {@code C = alpha * A B}, or {@code C += alpha * A B} when {@code accumulate}; A is
     * {@code m x k}, B {@code k x n}, C {@code m x n}; offsets and strides in elements.
     */
    static void gemm(int m, int n, int k, double alpha,
            MemorySegment a, long aOff, long aRs, long aCs,
            MemorySegment b, long bOff, long bRs, long bCs,
            boolean accumulate, MemorySegment c, long cOff, long cRs, long cCs) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0 || (long) m * n * k <= SMALL) {
            small(m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, accumulate, c, cOff, cRs, cCs);
            return;
        }
        boolean parallel = (long) m * n * k >= PARALLEL && Parallel.threads() > 1;
        int ncMax = Math.min(NC, roundUp(n, NR));
        int kcMax = Math.min(KC, k);
        double[] bp = new double[ncMax * kcMax];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, bOff + pc * bRs + jc * bCs, bRs, bCs, kc, nc, bp);
                boolean acc = accumulate || pc > 0;
                int blocks = (m + MC - 1) / MC;
                int jc0 = jc;
                int pc0 = pc;
                Parallel.forRange(blocks, parallel ? 1 : blocks, (s, e) -> {
                    double[] ap = new double[Math.min(MC, roundUp(m, MR)) * kc];
                    double[] tile = new double[MR * NR];
                    for (long blk = s; blk < e; blk++) {
                        int ic = (int) blk * MC;
                        int mc = Math.min(MC, m - ic);
                        packA(a, aOff + ic * aRs + pc0 * aCs, aRs, aCs, mc, kc, ap);
                        for (int jr = 0; jr < nc; jr += NR) {
                            int nr = Math.min(NR, nc - jr);
                            for (int ir = 0; ir < mc; ir += MR) {
                                int mr = Math.min(MR, mc - ir);
                                kernel(kc, ap, ir * kc, bp, jr * kc, alpha, acc, c,
                                        cOff + (ic + ir) * cRs + (jc0 + jr) * cCs, cRs, cCs, mr, nr, tile);
                            }
                        }
                    }
                });
            }
        }
    }

    private static int roundUp(int x, int r) {
        return (x + r - 1) / r * r;
    }

    /** Packs the {@code kc x nc} block of B at {@code off} into NR-wide strips, zero-padded. */
    private static void packB(MemorySegment b, long off, long rs, long cs, int kc, int nc, double[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            long col0 = off + jr * cs;
            if (nr == NR && cs == 1) {
                for (int p = 0; p < kc; p++) {
                    long byteOff = (col0 + p * rs) * ES;
                    DoubleVector.fromMemorySegment(S, b, byteOff, ORDER).intoArray(bp, base + p * NR);
                    DoubleVector.fromMemorySegment(S, b, byteOff + (long) L * ES, ORDER).intoArray(bp, base + p * NR + L);
                }
            } else {
                for (int j = 0; j < NR; j++) {
                    if (j < nr) {
                        long col = col0 + j * cs;
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * NR + j] = b.getAtIndex(E, col + p * rs);
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * NR + j] = 0;
                        }
                    }
                }
            }
        }
    }

    /** Packs the {@code mc x kc} block of A at {@code off} into MR-high strips, zero-padded. */
    private static void packA(MemorySegment a, long off, long rs, long cs, int mc, int kc, double[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (cs == 1 || rs != 1) {
                // Rows are (closer to) contiguous: read along each row.
                for (int r = 0; r < MR; r++) {
                    if (r < mr) {
                        long row = off + (ir + r) * rs;
                        for (int p = 0; p < kc; p++) {
                            ap[base + p * MR + r] = a.getAtIndex(E, row + p * cs);
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            ap[base + p * MR + r] = 0;
                        }
                    }
                }
            } else {
                // Columns are contiguous (a transposed A): read down each column.
                for (int p = 0; p < kc; p++) {
                    long col = off + ir + p * cs;
                    for (int r = 0; r < MR; r++) {
                        ap[base + p * MR + r] = r < mr ? a.getAtIndex(E, col + r) : 0;
                    }
                }
            }
        }
    }

    /** One MR x NR tile of C from a packed strip of A and one of B. */
    private static void kernel(int kc, double[] ap, int ai, double[] bp, int bi, double alpha, boolean acc,
            MemorySegment c, long co, long cRs, long cCs, int mr, int nr, double[] tile) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector x = DoubleVector.broadcast(S, ap[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            ai += MR;
            bi += NR;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        flush(tile, alpha, acc, c, co, cRs, cCs, mr, nr);
    }

    /**
     * Adds (or writes) the tile to C. Vectors never cross a method boundary here: passed as
     * arguments to a method that is not inlined they would be boxed, and the micro-kernel
     * would lose its intrinsics (measured: a third of the speed).
     */
    private static void flush(double[] tile, double alpha, boolean acc, MemorySegment c, long co, long cRs, long cCs,
            int mr, int nr) {
        if (nr == NR && cCs == 1) {
            for (int r = 0; r < mr; r++) {
                long off = (co + r * cRs) * ES;
                for (int h = 0; h < NR; h += L) {
                    DoubleVector v = DoubleVector.fromArray(S, tile, r * NR + h);
                    if (alpha != 1) {
                        v = v.mul(alpha);
                    }
                    long o = off + (long) h * ES;
                    if (acc) {
                        v = v.add(DoubleVector.fromMemorySegment(S, c, o, ORDER));
                    }
                    v.intoMemorySegment(c, o, ORDER);
                }
            }
            return;
        }
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                long idx = co + r * cRs + j * cCs;
                double v = alpha * tile[r * NR + j];
                c.setAtIndex(E, idx, acc ? c.getAtIndex(E, idx) + v : v);
            }
        }
    }

    /** The definition, for small products (and k == 0). */
    private static void small(int m, int n, int k, double alpha,
            MemorySegment a, long aOff, long aRs, long aCs,
            MemorySegment b, long bOff, long bRs, long bCs,
            boolean accumulate, MemorySegment c, long cOff, long cRs, long cCs) {
        for (int i = 0; i < m; i++) {
            long ar = aOff + i * aRs;
            for (int j = 0; j < n; j++) {
                long bc = bOff + j * bCs;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a.getAtIndex(E, ar + p * aCs) * b.getAtIndex(E, bc + p * bRs);
                }
                long idx = cOff + i * cRs + j * cCs;
                double v = alpha * s;
                c.setAtIndex(E, idx, accumulate ? c.getAtIndex(E, idx) + v : v);
            }
        }
    }
}
