package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.conformance.OnTestDevice;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Linalg}'s decompositions on the device under test: NumPy's values for small fixed
 * matrices (singular values, eigenvalues, Cholesky factors, slogdet are unique; written with
 * NumPy 2.4), and for random matrices, batches, float32, non-contiguous and empty inputs the
 * defining properties, since signs of singular vectors and eigenvectors are LAPACK's choice:
 * {@code U S Vh = A}, {@code A V = V diag(w)}, {@code Q R = A} with orthonormal factors.
 * Tolerances scale with the dtype's epsilon and the matrix size and norm (the inputs are
 * well conditioned; the singular/eigen values' errors are bounded by {@code eps * |A|}).
 */
@OnTestDevice
class DecompositionsTest {
    private static final double[][] SPD = {{4, 1, 2}, {1, 5, 3}, {2, 3, 6}};
    /** The pure-Java LAPACK ({@code -Dndarray.blas=java}) has LU only. */
    private static final boolean JAVA_LAPACK = "java".equals(System.getProperty("ndarray.blas"));

    @BeforeEach
    void needsNativeLapack(org.junit.jupiter.api.TestInfo info) {
        Assumptions.assumeTrue(!JAVA_LAPACK || info.getTestMethod().orElseThrow().getName().equals("javaFallbackSaysWhy"),
                "the decompositions need native LAPACK");
    }

    @Test
    void javaFallbackSaysWhy() {
        Assumptions.assumeTrue(JAVA_LAPACK, "runs with -Dndarray.blas=java");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Linalg.svd(on(ND.eye(3))));
        assertTrue(e.getMessage().contains("needs native LAPACK"), e.getMessage());
    }

    @Test
    void numpyValues() {
        NDArray b = on(ND.array(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertArrayEquals(new double[] {0x1.3041cc5389e82p+3, 0x1.8bb591a293fe6p-1},
                Linalg.svd(b, false, false).s().toDoubleArray(), 1e-14);
        NDArray a = on(ND.array(SPD));
        assertArrayEquals(new double[] {0x1.18e201a241d40p+1, 0x1.b181af3ad95f2p+1, 0x1.2d6713c8b9330p+3},
                Linalg.eigvalsh(a, "L").toDoubleArray(), 1e-14);
        assertArrayEquals(new double[] {2, 0, 0, 0.5, 0x1.16f8334644df9p+1, 0, 1, 0x1.25a6f29acf3c2p+0,
            0x1.eb5fbf57bb63fp+0}, Linalg.cholesky(a).toDoubleArray(), 1e-15);
        try (Linalg.SlogdetResult r = Linalg.slogdet(on(ND.array(new double[][] {{0, 2}, {3, 1}})))) {
            assertEquals(-1.0, r.sign().item());
            assertEquals(0x1.cab0bfa2a2002p+0, r.logabsdet().item(), 1e-15);
        }
        double[] absR = Linalg.qr(b).r().toDoubleArray();
        double[] numpyAbsR = {4.123105625617661, 5.335783750799326, 6.5484618759809905, 0.0, 0.7276068751089995,
            1.455213750217998};
        for (int i = 0; i < absR.length; i++) {
            assertEquals(numpyAbsR[i], Math.abs(absR[i]), 1e-14);
        }
    }

    @Test
    void svdReconstructs() {
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (long[] shape : new long[][] {{7, 5}, {5, 7}, {3, 6, 6}, {1, 1}, {2, 40, 30}}) {
                NDArray a = on(ND.random(11).uniform(-1, 1, shape).astype(t));
                for (boolean full : new boolean[] {true, false}) {
                    try (Linalg.SVDResult r = Linalg.svd(a, full, true)) {
                        assertEquals(t, r.s().dtype());
                        NDArray us = (full ? r.u().get("..., :" + r.s().shape(-1)) : r.u()).mul(r.s().expandDims(-2));
                        NDArray vh = full ? r.vh().get("..., :" + r.s().shape(-1) + ", :") : r.vh();
                        close(us.matmul(vh), a, t, "svd " + t + " " + java.util.Arrays.toString(shape));
                        orthonormal(r.u(), t);
                        orthonormal(r.vh().swapAxes(-1, -2), t);
                    }
                }
            }
        }
    }

    @Test
    void eighSatisfiesDefinition() {
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            NDArray x = on(ND.random(5).uniform(-1, 1, 4, 30, 30));
            NDArray a = x.add(x.swapAxes(-1, -2)).astype(t);
            for (String uplo : new String[] {"L", "U"}) {
                try (Linalg.EighResult r = Linalg.eigh(a, uplo)) {
                    NDArray v = r.eigenvectors();
                    close(a.matmul(v), v.mul(r.eigenvalues().expandDims(-2)), t, "eigh " + uplo);
                    orthonormal(v, t);
                }
            }
            // only one triangle is read
            NDArray lowerOnly = a.mul(on(ND.ones(30, 30)).sub(on(ND.eye(30, 30, 1, DType.FLOAT64))).astype(t));
            close(Linalg.eigvalsh(a, "L"), Linalg.eigvalsh(lowerOnly.swapAxes(-1, -2).copy(), "U"), t, "uplo");
        }
    }

    @Test
    void qrAndCholeskyReconstruct() {
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (long[] shape : new long[][] {{9, 4}, {4, 9}, {2, 6, 6}}) {
                NDArray a = on(ND.random(3).uniform(-1, 1, shape).astype(t));
                for (String mode : new String[] {"reduced", "complete"}) {
                    try (Linalg.QRResult r = Linalg.qr(a, mode)) {
                        close(r.q().matmul(r.r()), a, t, "qr " + mode);
                        orthonormal(r.q(), t);
                    }
                }
                try (Linalg.QRResult r = Linalg.qr(a, "r")) {
                    assertNull(r.q());
                }
            }
            // non-contiguous: a transposed, row-reversed SPD stack
            NDArray x = on(ND.random(8).uniform(-1, 1, 3, 20, 20));
            NDArray spd = x.matmul(x.swapAxes(-1, -2)).add(on(ND.eye(20))).astype(t).get("..., ::-1, ::-1");
            NDArray l = Linalg.cholesky(spd);
            close(l.matmul(l.swapAxes(-1, -2)), spd, t, "cholesky");
            NDArray u = Linalg.cholesky(spd, true);
            close(u.swapAxes(-1, -2).matmul(u), spd, t, "cholesky upper");
            close(l.swapAxes(-1, -2), u, t, "U = L^T");
        }
    }

    @Test
    void emptyAndIntegerInputs() {
        try (Linalg.SVDResult r = Linalg.svd(on(ND.zeros(0, 3)))) {
            assertArrayEquals(new long[] {0, 0}, r.u().shape());
            assertArrayEquals(new long[] {0}, r.s().shape());
            assertArrayEquals(ND.eye(3).toDoubleArray(), r.vh().toDoubleArray());
        }
        assertArrayEquals(new long[] {2, 0, 0}, Linalg.cholesky(on(ND.zeros(2, 0, 0))).shape());
        try (Linalg.SlogdetResult r = Linalg.slogdet(on(ND.zeros(0, 0)))) {
            assertEquals(1.0, r.sign().item());
            assertEquals(0.0, r.logabsdet().item());
        }
        NDArray ints = on(ND.array(new long[][] {{2, 1}, {1, 2}}));
        assertEquals(DType.FLOAT64, Linalg.eigvalsh(ints, "L").dtype());
        assertArrayEquals(new double[] {1, 3}, Linalg.eigvalsh(ints, "L").toDoubleArray(), 1e-15);
    }

    @Test
    void numpyErrors() {
        LinAlgException e = assertThrows(LinAlgException.class, () -> Linalg.cholesky(on(ND.array(new double[][] {{1, 2}, {2, 1}}))));
        assertEquals("Matrix is not positive definite", e.getMessage());
        e = assertThrows(LinAlgException.class, () -> Linalg.svd(on(ND.array(new double[][] {{1, Double.NaN}, {2, 1}}))));
        assertEquals("SVD did not converge", e.getMessage());
        e = assertThrows(LinAlgException.class, () -> Linalg.eigh(on(ND.zeros(2, 3))));
        assertEquals("Last 2 dimensions of the array must be square", e.getMessage());
        e = assertThrows(LinAlgException.class, () -> Linalg.qr(on(ND.zeros(3))));
        assertEquals("1-dimensional array given. Array must be at least two-dimensional", e.getMessage());
        e = assertThrows(LinAlgException.class, () -> Linalg.inv(on(ND.zeros(2, 2))));
        assertEquals("Singular matrix", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linalg.qr(on(ND.zeros(2, 2)), "raw"));
        assertThrows(IllegalArgumentException.class, () -> Linalg.eigh(on(ND.eye(2)), "X"));
        try (Linalg.SlogdetResult r = Linalg.slogdet(on(ND.zeros(2, 2)))) {
            assertEquals(0.0, r.sign().item());
            assertEquals(Double.NEGATIVE_INFINITY, r.logabsdet().item());
        }
    }

    /** The harness can fail: a perturbed reconstruction is caught. */
    @Test
    void comparisonCanFail() {
        NDArray a = on(ND.random(1).uniform(-1, 1, 5, 5));
        assertThrows(AssertionError.class, () -> close(a.add(1e-9), a, DType.FLOAT64, "perturbed"));
    }

    /** {@code |got - want| <= 100 n eps max|want|}, elementwise. */
    private static void close(NDArray got, NDArray want, DType t, String what) {
        double[] g = got.toDoubleArray();
        double[] w = want.toDoubleArray();
        assertEquals(w.length, g.length, what);
        double max = 0;
        for (double x : w) {
            max = Math.max(max, Math.abs(x));
        }
        double eps = t == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
        long n = Math.max(want.ndim() > 0 ? want.shape(-1) : 1, 1);
        double tol = 100 * n * eps * Math.max(max, 1e-300);
        for (int i = 0; i < g.length; i++) {
            assertTrue(Math.abs(g[i] - w[i]) <= tol, what + " at " + i + ": " + g[i] + " vs " + w[i] + " tol " + tol);
        }
    }

    /** The columns of {@code q} are orthonormal: {@code q.T @ q = I}. */
    private static void orthonormal(NDArray q, DType t) {
        long k = q.shape(-1);
        close(q.swapAxes(-1, -2).matmul(q), on(ND.eye(k)).astype(t).broadcastTo(
                LinearAlgebra.concat(java.util.Arrays.copyOf(q.shape(), q.ndim() - 2), k, k)), t, "orthonormal");
    }
}
