package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.github.ndarray.conformance.HostOnly;
import io.github.ndarray.conformance.OnTestDevice;
import io.github.ndarray.conformance.TestDevice;
import org.junit.jupiter.api.Test;

/**
 * Creation functions: from Java arrays (with the Java type's dtype), filled arrays, ranges,
 * linspace and eye. Values are NumPy 2.4.6's ({@code .tolist()} of the expression in the comment).
 *
 * <p>These are the host overloads (no device argument), so their tests are {@link HostOnly}; the
 * device overloads ({@code ND.zeros(device, ...)}) meet NumPy in the golden creation cases, which
 * run on the device under test. The {@code *Like} functions follow their model's device and run on
 * the device under test here.
 */
@OnTestDevice
class CreationBehaviorTest {
    // ------------------------------------------------------------------ from Java arrays

    @Test
    @HostOnly
    void oneDimensionalArraysOfEachPrimitiveType() {
        NDArray d = ND.array(1.5, -2.25);
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(new double[] {1.5, -2.25}, d.toDoubleArray());
        NDArray f = ND.array(1.5f, 0.1f);
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new double[] {1.5, (double) 0.1f}, f.toDoubleArray());
        NDArray l = ND.array(Long.MAX_VALUE, Long.MIN_VALUE, 3L);
        assertEquals(DType.INT64, l.dtype());
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 3}, l.toLongArray());
        NDArray i = ND.array(Integer.MAX_VALUE, Integer.MIN_VALUE);
        assertEquals(DType.INT32, i.dtype());
        assertArrayEquals(new long[] {Integer.MAX_VALUE, Integer.MIN_VALUE}, i.toLongArray());
        NDArray s = ND.array(new short[] {Short.MIN_VALUE, 7}, null);
        assertEquals(DType.INT16, s.dtype());
        assertArrayEquals(new long[] {Short.MIN_VALUE, 7}, s.toLongArray());
        NDArray b = ND.array(new byte[] {-128, 127}, null);
        assertEquals(DType.INT8, b.dtype());
        assertArrayEquals(new long[] {-128, 127}, b.toLongArray());
        NDArray z = ND.array(true, false, true);
        assertEquals(DType.BOOL, z.dtype());
        assertArrayEquals(new boolean[] {true, false, true}, z.toBooleanArray());
        for (NDArray x : new NDArray[] {d, f, l, i, s, b, z}) {
            assertEquals(1, x.ndim());
        }
    }

    @Test
    @HostOnly
    void twoDimensionalArraysOfEachType() {
        NDArray d = ND.array(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(new long[] {2, 3}, d.shape());
        assertEquals(6.0, d.getDouble(1, 2));
        assertEquals(2.0, d.getDouble(0, 1));
        NDArray f = ND.array(new float[][] {{1}, {2}});
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new long[] {2, 1}, f.shape());
        NDArray l = ND.array(new long[][] {{1, 2}, {3, 4}});
        assertEquals(DType.INT64, l.dtype());
        assertEquals(3L, l.getLong(1, 0));
        NDArray i = ND.array(new int[][] {{1, 2}, {3, 4}, {5, 6}});
        assertEquals(DType.INT32, i.dtype());
        assertArrayEquals(new long[] {3, 2}, i.shape());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, i.toLongArray());
        NDArray z = ND.array(new boolean[][] {{true, false}, {false, true}});
        assertEquals(DType.BOOL, z.dtype());
        assertArrayEquals(new boolean[] {true, false, false, true}, z.toBooleanArray());
        NDArray s = ND.array(new short[][] {{1, 2}}, null);
        assertEquals(DType.INT16, s.dtype());
        NDArray b = ND.array(new byte[][] {{1}, {2}, {3}}, null);
        assertEquals(DType.INT8, b.dtype());
        assertArrayEquals(new long[] {3, 1}, b.shape());
    }

    @Test
    @HostOnly
    void threeDimensionalAndDeeperArrays() {
        // np.array([[[1, 2]], [[3, 4]]]).shape == (2, 1, 2)
        NDArray a = ND.array(new int[][][] {{{1, 2}}, {{3, 4}}}, null);
        assertEquals(DType.INT32, a.dtype());
        assertArrayEquals(new long[] {2, 1, 2}, a.shape());
        assertEquals(3L, a.getLong(1, 0, 0));
        NDArray f = ND.array(new int[][][] {{{1, 2}}, {{3, 4}}}, DType.FLOAT32);
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new double[] {1, 2, 3, 4}, f.toDoubleArray());
        NDArray d = ND.array(new double[][][][] {{{{1}, {2}}, {{3}, {4}}, {{5}, {6}}}}, null);
        assertArrayEquals(new long[] {1, 3, 2, 1}, d.shape());
        assertEquals(DType.FLOAT64, d.dtype());
        assertEquals(5.0, d.getDouble(0, 2, 0, 0));
        NDArray z = ND.array(new boolean[][][] {{{true}, {false}}}, null);
        assertEquals(DType.BOOL, z.dtype());
        assertArrayEquals(new long[] {1, 2, 1}, z.shape());
        NDArray l = ND.array(new long[][][] {{{1, 2, 3}}}, DType.INT8);
        assertEquals(DType.INT8, l.dtype());
        NDArray s = ND.array(new short[][][] {{{1}}}, null);
        assertEquals(DType.INT16, s.dtype());
        NDArray by = ND.array(new byte[][][] {{{1}}}, null);
        assertEquals(DType.INT8, by.dtype());
        NDArray fl = ND.array(new float[][][] {{{1}}}, null);
        assertEquals(DType.FLOAT32, fl.dtype());
    }

    @Test
    @HostOnly
    void boxedArraysUseTheJavaTypesDtype() {
        assertEquals(DType.FLOAT64, ND.array(new Double[] {1.0, 2.0}, null).dtype());
        assertEquals(DType.INT32, ND.array(new Integer[] {1, 2}, null).dtype());
        assertEquals(DType.INT64, ND.array(new Long[][] {{1L}, {2L}}, null).dtype());
        assertEquals(DType.BOOL, ND.array(new Boolean[] {true}, null).dtype());
        assertArrayEquals(new double[] {1, 2}, ND.array(new Double[] {1.0, 2.0}, null).toDoubleArray());
    }

    @Test
    @HostOnly
    void conversionOnCreationCastsLikeNumpy() {
        // np.array([1.9, -1.9, 300.0]).astype(np.int16) -> [1, -1, 300]: truncation toward zero
        NDArray a = ND.array(new double[] {1.9, -1.9, 300.0}, DType.INT16);
        assertArrayEquals(new long[] {1, -1, 300}, a.toLongArray());
        // np.array([0, 2, 0]).astype(bool) -> [False, True, False]
        assertArrayEquals(new boolean[] {false, true, false}, ND.array(new long[] {0, 2, 0}, DType.BOOL).toBooleanArray());
        // np.array([True, False]).astype(np.float32) -> [1.0, 0.0]
        assertArrayEquals(new double[] {1, 0}, ND.array(new boolean[] {true, false}, DType.FLOAT32).toDoubleArray());
    }

    @Test
    @HostOnly
    void theArrayIsACopyOfTheJavaData() {
        double[] src = {1, 2, 3};
        NDArray a = ND.array(src);
        src[0] = 100;
        assertEquals(1.0, a.getDouble(0));
        a.setDouble(-1, 1);
        assertEquals(2.0, src[1]);
    }

    @Test
    @HostOnly
    void emptyJavaArrays() {
        assertArrayEquals(new long[] {0}, ND.array(new double[0]).shape());
        // np.array([[], []]).shape == (2, 0)
        assertArrayEquals(new long[] {2, 0}, ND.array(new double[2][0]).shape());
    }

    @Test
    @HostOnly
    void emptyOuterJavaArrayHasShapeZero() {
        // np.array([]).shape == (0,): the code's own comment intends (0,) for an empty outer array
        assertArrayEquals(new long[] {0}, ND.array(new double[0][]).shape());
        assertArrayEquals(new long[] {0}, ND.array(new int[0][][], null).shape());
    }

    // ------------------------------------------------------------------ filled arrays

    @Test
    @HostOnly
    void zerosOnesFullAndEmpty() {
        NDArray z = ND.zeros(2, 3);
        assertEquals(DType.FLOAT64, z.dtype());
        assertArrayEquals(new double[6], z.toDoubleArray());
        NDArray o = ND.ones(DType.INT8, 3);
        assertEquals(DType.INT8, o.dtype());
        assertArrayEquals(new long[] {1, 1, 1}, o.toLongArray());
        NDArray f = ND.full(2.5, 2, 2);
        assertEquals(DType.FLOAT64, f.dtype());
        assertArrayEquals(new double[] {2.5, 2.5, 2.5, 2.5}, f.toDoubleArray());
        // np.full(3, 7.9, dtype=np.int32) -> [7, 7, 7]
        assertArrayEquals(new long[] {7, 7, 7}, ND.full(DType.INT32, 7.9, 3).toLongArray());
        assertArrayEquals(new boolean[] {true, true}, ND.full(DType.BOOL, 5, 2).toBooleanArray());
        assertArrayEquals(new double[] {Double.NaN}, ND.full(Double.NaN, 1).toDoubleArray());
        NDArray e = ND.empty(DType.FLOAT32, 4, 0);
        assertArrayEquals(new long[] {4, 0}, e.shape());
        assertEquals(DType.FLOAT32, e.dtype());
        // 0-d
        NDArray s = ND.scalar(3.5, DType.FLOAT32);
        assertEquals(0, s.ndim());
        assertEquals(3.5, s.item());
        assertEquals(42.0, ND.full(42.0).item());
    }

    @Test
    void likeFunctionsCopyShapeAndDtype() {
        NDArray model = TestDevice.on(ND.arange(6).astype(DType.INT16)).reshape(3, 2).transpose();
        NDArray[] likes = {ND.zerosLike(model), ND.onesLike(model), ND.fullLike(model, 9.7), ND.emptyLike(model)};
        for (NDArray l : likes) {
            assertArrayEquals(new long[] {2, 3}, l.shape());
            assertEquals(DType.INT16, l.dtype());
            assertEquals(TestDevice.device(), l.device()); // made where the model lives
            assertNotSame(model.storage(), l.storage());
        }
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0}, likes[0].toLongArray());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1}, likes[1].toLongArray());
        // np.full_like(np.zeros(2, np.int16), 9.7) -> [9, 9]
        assertArrayEquals(new long[] {9, 9, 9, 9, 9, 9}, likes[2].toLongArray());
        // the model is left alone
        assertArrayEquals(new long[] {0, 2, 4, 1, 3, 5}, model.toLongArray());
    }

    // ------------------------------------------------------------------ ranges

    @Test
    @HostOnly
    void integerArange() {
        NDArray a = ND.arange(5);
        assertEquals(DType.INT64, a.dtype());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, a.toLongArray());
        // np.arange(10, 0, -3) -> [10, 7, 4, 1]
        assertArrayEquals(new long[] {10, 7, 4, 1}, ND.arange(10, 0, -3).toLongArray());
        // np.arange(-3, 3, 2) -> [-3, -1, 1]
        assertArrayEquals(new long[] {-3, -1, 1}, ND.arange(-3, 3, 2).toLongArray());
        // empty ranges: np.arange(5, 5), np.arange(5, 0), np.arange(0, 5, -1), np.arange(0)
        assertArrayEquals(new long[] {0}, ND.arange(5, 5, 1).shape());
        assertArrayEquals(new long[] {0}, ND.arange(5, 0, 1).shape());
        assertArrayEquals(new long[] {0}, ND.arange(0, 5, -1).shape());
        assertArrayEquals(new long[] {0}, ND.arange(0).shape());
        assertArrayEquals(new long[] {0}, ND.arange(-4).shape());
    }

    @Test
    @HostOnly
    void floatArange() {
        // np.arange(0., 1., .1).tolist()
        double[] tenths = {0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9};
        NDArray a = ND.arange(0.0, 1.0, 0.1);
        assertEquals(DType.FLOAT64, a.dtype());
        assertArrayEquals(tenths, a.toDoubleArray());
        // np.arange(1., 0., -.25) -> [1.0, 0.75, 0.5, 0.25]
        assertArrayEquals(new double[] {1.0, 0.75, 0.5, 0.25}, ND.arange(1.0, 0.0, -0.25).toDoubleArray());
        // np.arange(0., 1., .3) -> [0.0, 0.3, 0.6, 0.8999999999999999]
        assertArrayEquals(new double[] {0.0, 0.3, 0.6, 0.8999999999999999}, ND.arange(0.0, 1.0, 0.3).toDoubleArray());
        // empty: np.arange(.5, -1., .5), np.arange(1., 1., .1)
        assertArrayEquals(new long[] {0}, ND.arange(0.5, -1.0, 0.5).shape());
        assertArrayEquals(new long[] {0}, ND.arange(1.0, 1.0, 0.1).shape());
    }

    @Test
    @HostOnly
    void linspace() {
        // np.linspace(0, 1, 5)
        assertArrayEquals(new double[] {0.0, 0.25, 0.5, 0.75, 1.0}, ND.linspace(0, 1, 5).toDoubleArray());
        // np.linspace(0, 1, 5, endpoint=False)
        assertArrayEquals(new double[] {0.0, 0.2, 0.4, 0.6000000000000001, 0.8},
                ND.linspace(0, 1, 5, false).toDoubleArray());
        // np.linspace(-1, 1, 7)
        assertArrayEquals(new double[] {-1.0, -0.6666666666666667, -0.33333333333333337, 0.0, 0.33333333333333326,
            0.6666666666666665, 1.0}, ND.linspace(-1, 1, 7).toDoubleArray());
        // np.linspace(1, 0, 4)
        assertArrayEquals(new double[] {1.0, 0.6666666666666667, 0.33333333333333337, 0.0},
                ND.linspace(1, 0, 4).toDoubleArray());
        // np.linspace(5, 5, 3)
        assertArrayEquals(new double[] {5, 5, 5}, ND.linspace(5, 5, 3).toDoubleArray());
        // num 0 and 1: np.linspace(2, 3, 0) -> []; np.linspace(2, 3, 1) -> [2.0]; endpoint=False -> [2.0]
        NDArray empty = ND.linspace(2, 3, 0);
        assertArrayEquals(new long[] {0}, empty.shape());
        assertEquals(DType.FLOAT64, empty.dtype());
        assertArrayEquals(new double[] {2.0}, ND.linspace(2, 3, 1).toDoubleArray());
        assertArrayEquals(new double[] {2.0}, ND.linspace(2, 3, 1, false).toDoubleArray());
        assertArrayEquals(new long[] {0}, ND.linspace(2, 3, 0, false).shape());
        // the endpoint is exact
        assertEquals(0.3, ND.linspace(0.1, 0.3, 3).getDouble(2));
    }

    @Test
    @HostOnly
    void eye() {
        // np.eye(3)
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, ND.eye(3).toDoubleArray());
        assertEquals(DType.FLOAT64, ND.eye(3).dtype());
        // np.eye(3, 4, 1)
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1},
                ND.eye(3, 4, 1, DType.FLOAT64).toDoubleArray());
        // np.eye(3, 3, -2)
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 1, 0, 0}, ND.eye(3, 3, -2, DType.FLOAT64).toDoubleArray());
        // np.eye(2, 3, 5): all zeros, shape (2, 3)
        NDArray far = ND.eye(2, 3, 5, DType.FLOAT64);
        assertArrayEquals(new long[] {2, 3}, far.shape());
        assertEquals(0.0, far.sum().item());
        // np.eye(4, 2, -1, dtype=np.int32) -> [[0, 0], [1, 0], [0, 1], [0, 0]]
        NDArray i = ND.eye(4, 2, -1, DType.INT32);
        assertEquals(DType.INT32, i.dtype());
        assertArrayEquals(new long[] {0, 0, 1, 0, 0, 1, 0, 0}, i.toLongArray());
        assertArrayEquals(new long[] {0, 0}, ND.eye(0).shape());
        assertArrayEquals(new boolean[] {true, false, false, true}, ND.eye(2, 2, 0, DType.BOOL).toBooleanArray());
    }
}
