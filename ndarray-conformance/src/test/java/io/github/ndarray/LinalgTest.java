package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.conformance.HostOnly;
import io.github.ndarray.conformance.OnTestDevice;
import io.github.ndarray.spi.Backend;
import io.github.ndarray.spi.LinalgSupport;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * {@link Linalg} as a user meets it, on the device under test ({@code TestDevice}): the
 * documented example, dtype and shape rules, inputs left untouched, bad input. On the CPU the
 * build runs it with both BLAS modes (executions {@code cpu} and {@code cpu-java-blas}). NumPy's
 * own values for many more cases are in {@code io.github.ndarray.blas.LinalgGoldenTest}.
 */
@OnTestDevice
class LinalgTest {
    @Test
    void documentedExample() {
        NDArray a = on(ND.array(new double[][] {{3, 1}, {1, 2}}));
        NDArray x = Linalg.solve(a, on(ND.array(new double[] {9, 8})));
        assertArrayEquals(new double[] {2, 3}, x.toDoubleArray(), 1e-15);
        assertEquals(5.0, Linalg.det(a).item(), 1e-14);
        assertEquals(Math.sqrt(13), Linalg.norm(x).item(), 1e-15);
        assertArrayEquals(new double[] {0.4, -0.2, -0.2, 0.6}, Linalg.inv(a).toDoubleArray(), 1e-15);
    }

    @Test
    void inputsAreNotOverwritten() {
        NDArray base = on(ND.random(3).uniform(-1, 1, 80, 80)).add(on(ND.eye(80)).mul(5.0));
        for (NDArray a : new NDArray[] {base, base.transpose(), base.get("::-1, :")}) {
            double[] before = a.toDoubleArray();
            NDArray b = on(ND.random(4).uniform(-1, 1, 80, 3));
            double[] bBefore = b.toDoubleArray();
            Linalg.solve(a, b);
            Linalg.inv(a);
            Linalg.det(a);
            assertArrayEquals(before, a.toDoubleArray(), 0.0);
            assertArrayEquals(bBefore, b.toDoubleArray(), 0.0);
        }
    }

    @Test
    void solveAndInverseAreRightInFloat32() {
        NDArray a = on(ND.random(5).uniform(-1, 1, 150, 150)).add(on(ND.eye(150)).mul(150.0)).astype(DType.FLOAT32);
        NDArray inv = Linalg.inv(a);
        assertEquals(DType.FLOAT32, inv.dtype());
        assertTrue(ND.allclose(ND.matmul(a, inv), on(ND.eye(150)).astype(DType.FLOAT32), 0, 1e-5));
        NDArray b = on(ND.random(6).uniform(-1, 1, 150)).astype(DType.FLOAT32);
        NDArray x = Linalg.solve(a, b);
        assertEquals(DType.FLOAT32, x.dtype());
        assertTrue(ND.allclose(ND.matmul(a, x), b, 0, 1e-5));
    }

    @Test
    void dtypesFollowNumPy() {
        NDArray i = on(ND.array(new long[][] {{2, 1}, {1, 3}}));
        assertEquals(DType.FLOAT64, Linalg.inv(i).dtype());
        assertEquals(DType.FLOAT64, Linalg.det(i).dtype());
        assertEquals(5.0, Linalg.det(i).item(), 1e-14);
        assertEquals(DType.FLOAT64, Linalg.solve(i, on(ND.array(new int[] {1, 2}))).dtype());
        NDArray f = i.astype(DType.FLOAT32);
        assertEquals(DType.FLOAT32, Linalg.det(f).dtype());
        assertEquals(DType.FLOAT32, Linalg.solve(f, on(ND.array(new float[] {1, 2}))).dtype());
        assertEquals(DType.FLOAT64, Linalg.solve(f, on(ND.array(new double[] {1, 2}))).dtype());
        assertEquals(DType.FLOAT32, Linalg.norm(f).dtype());
        assertEquals(DType.FLOAT64, Linalg.norm(i).dtype());
        assertEquals(DType.INT64, Linalg.vdot(i, i).dtype());
        assertEquals(15L, Linalg.vdot(i, i).getLong());
    }

    @Test
    void stacksAndBroadcasting() {
        NDArray a = on(ND.random(7).uniform(-1, 1, 3, 1, 4, 4)).add(on(ND.eye(4)).mul(4.0));
        NDArray b = on(ND.random(8).uniform(-1, 1, 5, 4, 2));
        NDArray x = Linalg.solve(a, b);
        assertArrayEquals(new long[] {3, 5, 4, 2}, x.shape());
        assertTrue(ND.allclose(ND.matmul(a, x), b.broadcastTo(3, 5, 4, 2), 1e-12, 1e-12));
        assertArrayEquals(new long[] {3, 1}, Linalg.det(a).shape());
        assertArrayEquals(new long[] {3, 1, 4, 4}, Linalg.inv(a).shape());
        assertArrayEquals(new long[] {3, 1, 4}, Linalg.solve(a, on(ND.ones(4))).shape());
        assertEquals(0, Linalg.det(on(ND.eye(3))).ndim());
    }

    @Test
    void emptyMatrices() {
        assertEquals(1.0, Linalg.det(on(ND.zeros(0, 0))).item());
        assertArrayEquals(new double[] {1, 1}, Linalg.det(on(ND.zeros(2, 0, 0))).toDoubleArray());
        assertArrayEquals(new long[] {0, 0}, Linalg.inv(on(ND.zeros(0, 0))).shape());
        assertArrayEquals(new long[] {0, 3}, Linalg.solve(on(ND.zeros(0, 0)), on(ND.zeros(0, 3))).shape());
        assertArrayEquals(new long[] {3, 0}, Linalg.solve(on(ND.eye(3)), on(ND.zeros(3, 0))).shape());
        assertEquals(0.0, Linalg.norm(on(ND.zeros(0))).item());
        assertArrayEquals(new long[] {0, 4}, Linalg.outer(on(ND.zeros(0)), on(ND.ones(4))).shape());
        NDArray c = ND.matmul(on(ND.ones(3, 0)), on(ND.ones(0, 2)));
        assertArrayEquals(new double[6], c.toDoubleArray());
    }

    @Test
    void badInputReadsLikeNumPy() {
        NDArray singular = on(ND.array(new double[][] {{1, 2}, {2, 4}}));
        assertEquals("Singular matrix", assertThrows(IllegalArgumentException.class,
                () -> Linalg.solve(singular, on(ND.ones(2)))).getMessage());
        assertEquals("Singular matrix", assertThrows(IllegalArgumentException.class,
                () -> Linalg.inv(singular)).getMessage());
        assertEquals(0.0, Linalg.det(singular).item());
        assertEquals("Last 2 dimensions of the array must be square",
                assertThrows(IllegalArgumentException.class, () -> Linalg.inv(on(ND.ones(2, 3)))).getMessage());
        assertEquals("1-dimensional array given. Array must be at least two-dimensional",
                assertThrows(IllegalArgumentException.class, () -> Linalg.det(on(ND.ones(3)))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linalg.solve(on(ND.eye(3)), on(ND.ones(2))));
        assertThrows(IllegalArgumentException.class, () -> Linalg.solve(on(ND.eye(3)), on(ND.ones(2, 2))));
        assertThrows(io.github.ndarray.broadcasting.BroadcastException.class,
                () -> Linalg.solve(on(ND.ones(2, 3, 3)), on(ND.ones(4, 3, 1))));
        assertThrows(IllegalArgumentException.class, () -> Linalg.vdot(on(ND.ones(3)), on(ND.ones(4))));
        assertThrows(IllegalArgumentException.class, () -> Linalg.inner(on(ND.ones(3)), on(ND.ones(4))));
        assertThrows(AxisException.class, () -> Linalg.norm(on(ND.ones(3)), 2, 1, false));
    }

    @Test
    void normSubset() {
        NDArray v = on(ND.array(new double[] {3, -4, 0}));
        assertEquals(5.0, Linalg.norm(v).item(), 0);
        assertEquals(5.0, Linalg.norm(v, 2).item(), 0);
        assertEquals(7.0, Linalg.norm(v, 1).item(), 0);
        assertEquals(4.0, Linalg.norm(v, Double.POSITIVE_INFINITY).item(), 0);
        assertEquals(0.0, Linalg.norm(v, Double.NEGATIVE_INFINITY).item(), 0);
        assertEquals(2.0, Linalg.norm(v, 0).item(), 0);
        assertEquals(Math.cbrt(91), Linalg.norm(v, 3).item(), 1e-14);
        NDArray m = on(ND.array(new double[][] {{1, -2}, {3, 4}}));
        assertEquals(Math.sqrt(30), Linalg.norm(m).item(), 1e-15);
        assertEquals(Math.sqrt(30), Linalg.norm(m, "fro").item(), 1e-15);
        assertEquals(6.0, Linalg.norm(m, 1).item(), 0);
        assertEquals(4.0, Linalg.norm(m, -1).item(), 0);
        assertEquals(7.0, Linalg.norm(m, Double.POSITIVE_INFINITY).item(), 0);
        assertEquals(3.0, Linalg.norm(m, Double.NEGATIVE_INFINITY).item(), 0);
        assertArrayEquals(new double[] {Math.sqrt(5), 5}, Linalg.norm(m, 2, 1, false).toDoubleArray(), 1e-15);
        assertArrayEquals(new long[] {1, 2}, Linalg.norm(m, 1, 0, true).shape());
        IllegalArgumentException svd = assertThrows(IllegalArgumentException.class, () -> Linalg.norm(m, 2));
        assertTrue(svd.getMessage().contains("SVD"), svd.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Linalg.norm(m, "nuc")).getMessage().contains("SVD"));
        assertEquals("Invalid norm order for matrices.",
                assertThrows(IllegalArgumentException.class, () -> Linalg.norm(m, 3)).getMessage());
        assertEquals("Invalid norm order 'fro' for vectors",
                assertThrows(IllegalArgumentException.class, () -> Linalg.norm(v, "fro")).getMessage());
        assertEquals("Improper number of dimensions to norm.",
                assertThrows(IllegalArgumentException.class, () -> Linalg.norm(on(ND.ones(2, 2, 2)), 1)).getMessage());
    }

    @Test
    void productsVdotInnerOuter() {
        NDArray a = on(ND.arange(6)).reshape(2, 3).astype(DType.FLOAT64);
        NDArray b = on(ND.array(new double[] {1, 10, 100}));
        assertEquals(0 * 1 + 1 * 10 + 2 * 100 + 3 * 1 + 4 * 10 + 5 * 100, Linalg.vdot(a, on(ND.array(new double[] {1, 10, 100, 1, 10, 100}))).item(), 0);
        assertArrayEquals(new double[] {210, 543}, Linalg.inner(a, b).toDoubleArray(), 0);
        assertArrayEquals(new long[] {2, 2}, Linalg.inner(a, a).shape());
        NDArray o = Linalg.outer(on(ND.array(new double[] {1, 2})), b);
        assertArrayEquals(new double[] {1, 10, 100, 2, 20, 200}, o.toDoubleArray(), 0);
    }

    @Test
    void closedAndNullArguments() {
        NDArray a = on(ND.eye(2));
        NDArray closed = on(ND.eye(2));
        closed.close();
        assertThrows(IllegalStateException.class, () -> Linalg.solve(closed, on(ND.ones(2))));
        assertThrows(IllegalStateException.class, () -> Linalg.solve(a, closed));
        assertThrows(IllegalStateException.class, () -> Linalg.inv(closed));
        assertThrows(IllegalStateException.class, () -> Linalg.det(closed));
        assertThrows(IllegalStateException.class, () -> Linalg.norm(closed));
        assertThrows(IllegalStateException.class, () -> Linalg.vdot(a, closed));
        assertThrows(NullPointerException.class, () -> Linalg.solve(null, a));
        assertThrows(NullPointerException.class, () -> Linalg.inv(null));
        assertThrows(NullPointerException.class, () -> Linalg.norm(a, (String) null));
        // results own their memory: closing the inputs leaves them valid
        NDArray m = on(ND.array(new double[][] {{2, 0}, {0, 4}}));
        NDArray inv = Linalg.inv(m);
        NDArray n = Linalg.norm(m);
        m.close();
        assertArrayEquals(new double[] {0.5, 0, 0, 0.25}, inv.toDoubleArray(), 0);
        assertEquals(Math.sqrt(20), n.item(), 1e-15);
    }

    /** A backend without the linear-algebra capability is refused naming the operation and the device. */
    @Test
    @HostOnly // about the Backend SPI's capability lookup, seen through a stub and the CPU: no device computes
    void aBackendWithoutLinalgIsRefusedClearly() {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("name")) {
                return "stub";
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new AssertionError(method.getName());
        };
        Backend stub = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, h);
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
                () -> Capabilities.require(stub, Device.cpu(), LinalgSupport.class, "linalg.solve"));
        assertEquals("linalg.solve is not supported on cpu (backend stub has no LinalgSupport)", u.getMessage());
        assertNotNull(ND.eye(2).backend().capability(LinalgSupport.class), "the CPU has it");
    }
}
