package io.github.ndarray.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.DType;
import io.github.ndarray.Linalg;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API dot product ({@link LoopDot}) behind 1-D matmul and {@code linalg.norm}:
 * against the exact sum of products, the same bits on any thread count, and through the
 * public entry points on contiguous, offset and strided views of every float type.
 */
class LoopDotTest {
    private static final int SAVED_THREADS = Parallel.threads();
    private static final double U = 0x1p-53;
    private static final int[] LENGTHS = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 511, 512, 513,
        1000, 4099, 70_001, 600_003};

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(SAVED_THREADS);
    }

    /** Error bound in units of {@code sum |x y|}: the leaf's partial sums, lanes, tail and the halving tree. */
    private static double bound(long n) {
        int depth = 64 - Long.numberOfLeadingZeros(Math.max(1, n / 1024));
        return (64 + 3 + 3 + 8 + 2 + depth) * U;
    }

    private static double[] random(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1) * Math.pow(2, r.nextInt(-10, 10));
        }
        return v;
    }

    private static double[] exact(double[] x, int xo, double[] y, int yo, int n) {
        BigDecimal s = BigDecimal.ZERO;
        double abs = 0;
        for (int i = 0; i < n; i++) {
            s = s.add(new BigDecimal(x[xo + i]).multiply(new BigDecimal(y[yo + i])));
            abs += Math.abs(x[xo + i] * y[yo + i]);
        }
        return new double[] {s.round(MathContext.DECIMAL128).doubleValue(), abs};
    }

    @Test
    void float64DotIsWithinThePairwiseBound() {
        SplittableRandom r = new SplittableRandom(21);
        for (int n : LENGTHS) {
            double[] x = random(r, n + 3);
            double[] y = random(r, n + 5);
            try (NDArray a = ND.array(x); NDArray b = ND.array(y)) {
                MemorySegment sa = CpuBackend.segment(a.storage());
                MemorySegment sb = CpuBackend.segment(b.storage());
                for (boolean parallel : new boolean[] {false, true}) {
                    double[] want = exact(x, 3, y, 5, n);
                    double got = LoopDot.dot64(sa, 3, sb, 5, n, parallel);
                    assertTrue(Math.abs(got - want[0]) <= bound(n) * want[1], "n=" + n + ": " + got + " vs " + want[0]);
                    double[] self = exact(x, 2, x, 2, n);
                    double gotSelf = LoopDot.dot64(sa, 2, sa, 2, n, parallel);
                    assertTrue(Math.abs(gotSelf - self[0]) <= bound(n) * self[1], "self n=" + n);
                    // x . x shifted by one: same segment, another offset, so not the one-load path
                    double[] shifted = exact(x, 2, x, 3, n);
                    double gotShifted = LoopDot.dot64(sa, 2, sa, 3, n, parallel);
                    assertTrue(Math.abs(gotShifted - shifted[0]) <= bound(n) * shifted[1], "shifted n=" + n);
                }
            }
        }
    }

    /** float32 products are exact in double, so the float32 dot is within the double bound of the exact value. */
    @Test
    void float32DotAccumulatesInDouble() {
        SplittableRandom r = new SplittableRandom(22);
        for (int n : LENGTHS) {
            float[] xf = new float[n + 1];
            float[] yf = new float[n];
            double[] x = new double[n + 1];
            double[] y = new double[n];
            for (int i = 0; i <= n; i++) {
                xf[i] = (float) r.nextDouble(-1, 1);
                x[i] = xf[i];
            }
            for (int i = 0; i < n; i++) {
                yf[i] = (float) r.nextDouble(-1, 1);
                y[i] = yf[i];
            }
            try (NDArray a = ND.array(xf); NDArray b = ND.array(yf)) {
                MemorySegment sa = CpuBackend.segment(a.storage());
                MemorySegment sb = CpuBackend.segment(b.storage());
                for (boolean parallel : new boolean[] {false, true}) {
                    double[] want = exact(x, 1, y, 0, n);
                    double got = LoopDot.dot32(sa, 1, sb, 0, n, parallel);
                    assertTrue(Math.abs(got - want[0]) <= bound(n) * want[1], "n=" + n + ": " + got + " vs " + want[0]);
                    double[] self = exact(x, 1, x, 1, n);
                    assertTrue(Math.abs(LoopDot.dot32(sa, 1, sa, 1, n, parallel) - self[0]) <= bound(n) * self[1]);
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        SplittableRandom r = new SplittableRandom(23);
        double[] x = random(r, 3_000_017);
        double[] y = random(r, 3_000_017);
        double[] first = null;
        for (int threads = 1; threads <= 4; threads++) {
            Parallel.setThreads(threads);
            try (NDArray a = ND.array(x); NDArray b = ND.array(y); NDArray f = a.astype(DType.FLOAT32);
                    NDArray g = b.astype(DType.FLOAT32); NDArray d = a.matmul(b); NDArray n = Linalg.norm(a);
                    NDArray df = f.matmul(g); NDArray nf = Linalg.norm(f)) {
                double[] got = {d.item(), n.item(), df.item(), nf.item()};
                if (first == null) {
                    first = got;
                } else {
                    assertArrayEquals(first, got, 0.0, threads + " threads");
                }
            }
        }
    }

    /** norm and 1-D matmul through the public API: offset, strided and 2-D inputs, float32 and integers. */
    @Test
    void normAndVectorMatmulOnViews() {
        SplittableRandom r = new SplittableRandom(24);
        for (int n : new int[] {1, 5, 33, 1000, 300_001}) {
            double[] x = random(r, 2 * n + 1);
            try (NDArray a = ND.array(x); NDArray tail = a.get("1:"); NDArray every2 = a.get("::2");
                    NDArray head = a.get(":" + n); NDArray rest = a.get(n + ":" + 2 * n)) {
                double norm = Math.sqrt(exact(x, 1, x, 1, 2 * n)[0]);
                assertEquals(norm, Linalg.norm(tail).item(), bound(2 * n) * norm, "tail " + n);
                BigDecimal evenSum = BigDecimal.ZERO;
                for (int i = 0; i < x.length; i += 2) {
                    evenSum = evenSum.add(new BigDecimal(x[i]).multiply(new BigDecimal(x[i])));
                }
                double even = evenSum.round(MathContext.DECIMAL128).doubleValue();
                assertEquals(Math.sqrt(even), Linalg.norm(every2).item(), bound(n) * Math.sqrt(even), "::2 " + n);
                double[] want = exact(x, 0, x, n, n);
                try (NDArray d = head.matmul(rest)) {
                    assertEquals(0, d.ndim());
                    assertEquals(want[0], d.item(), bound(n) * want[1], "dot " + n);
                }
            }
        }
        try (NDArray m = ND.array(new double[][] {{1, 2, 3}, {4, 5, 6}}); NDArray mt = m.T();
                NDArray f = ND.array(new float[] {3, 4}); NDArray i = ND.array(new int[] {3, 4, 12});
                NDArray e = ND.zeros(0); NDArray nf = Linalg.norm(f)) {
            assertEquals(Math.sqrt(91), Linalg.norm(m).item(), 1e-15);
            assertEquals(Math.sqrt(91), Linalg.norm(mt).item(), 1e-15);
            assertEquals(DType.FLOAT32, nf.dtype());
            assertEquals(0, nf.ndim());
            assertEquals(5.0, nf.item());
            assertEquals(13.0, Linalg.norm(i).item());
            assertEquals(0.0, Linalg.norm(e).item());
            assertEquals(Double.POSITIVE_INFINITY, Linalg.norm(ND.array(new double[] {1e200, 1})).item());
            assertTrue(Double.isNaN(Linalg.norm(ND.array(new double[] {1, Double.NaN, 2})).item()));
        }
    }
}
