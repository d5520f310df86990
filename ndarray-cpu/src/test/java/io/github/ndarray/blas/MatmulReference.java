package io.github.ndarray.blas;

import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.util.Arrays;

/**
 * An independent float64 oracle for matmul, the definition's loops over C-order elements with
 * no BLAS: the BLAS kernel tests here and the NumPy-golden linear algebra of ndarray-conformance
 * (which depends on this module's test-jar for it) judge every element against it.
 */
public final class MatmulReference {
    private MatmulReference() {
    }

    /**
     * {@code {A @ B, |A| @ |B|}} in float64 without BLAS: matmul's 1-D and batch-broadcast
     * rules applied to views, the elements read out in C order, and the definition's loops.
     */
    public static NDArray[] of(NDArray a, NDArray b) {
        boolean aVec = a.ndim() == 1;
        boolean bVec = b.ndim() == 1;
        NDArray a2 = aVec ? a.reshape(1, a.shape(0)) : a;
        NDArray b2 = bVec ? b.reshape(b.shape(0), 1) : b;
        long[] as = a2.shape();
        long[] bs = b2.shape();
        int n = (int) as[as.length - 2];
        int k = (int) as[as.length - 1];
        int m = (int) bs[bs.length - 1];
        long[] batch = ND.broadcastShapes(Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        double[] x = a2.broadcastTo(concat(batch, n, k)).toDoubleArray();
        double[] y = b2.broadcastTo(concat(batch, k, m)).toDoubleArray();
        int batches = 1;
        for (long d : batch) {
            batches *= (int) d;
        }
        double[] c = new double[batches * n * m];
        double[] s = new double[c.length];
        for (int t = 0; t < batches; t++) {
            int xo = t * n * k;
            int yo = t * k * m;
            int co = t * n * m;
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < k; p++) {
                    double xv = x[xo + i * k + p];
                    double xa = Math.abs(xv);
                    int yr = yo + p * m;
                    int cr = co + i * m;
                    for (int j = 0; j < m; j++) {
                        c[cr + j] += xv * y[yr + j];
                        s[cr + j] += xa * Math.abs(y[yr + j]);
                    }
                }
            }
        }
        long[] shape = concat(batch, n, m);
        if (aVec || bVec) {
            long[] t = batch;
            if (!aVec) {
                t = concat(batch, n);
            } else if (!bVec) {
                t = concat(batch, m);
            }
            shape = t;
        }
        return new NDArray[] {ND.array(c).reshape(shape), ND.array(s).reshape(shape)};
    }

    private static long[] concat(long[] head, long... tail) {
        long[] r = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }
}
