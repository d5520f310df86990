package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.broadcasting.BroadcastException;
import io.github.ndarray.conformance.OnTestDevice;
import org.junit.jupiter.api.Test;

/**
 * Views through {@link NDArray}: reshape, transpose, permuteDims, swapAxes, expandDims, squeeze,
 * broadcastTo and ravel share memory with their base (NumPy's {@code np.shares_memory}), except
 * where NumPy copies too; strides in bytes and contiguity match NumPy 2.4.6.
 */
@OnTestDevice
class ViewsBehaviorTest {
    /** {@code np.arange(24.).reshape(2, 3, 4)}. */
    private static NDArray a234() {
        return on(ND.arange(0.0, 24.0, 1.0)).reshape(2, 3, 4);
    }

    // ------------------------------------------------------------------ views share memory

    @Test
    void reshapeOfAContiguousArrayIsAView() {
        NDArray a = on(ND.arange(0.0, 6.0, 1.0));
        NDArray b = a.reshape(2, 3);
        assertArrayEquals(new long[] {2, 3}, b.shape());
        assertSame(a.storage(), b.storage());
        b.setDouble(42, 1, 2);
        assertEquals(42.0, a.getDouble(5));
        a.setDouble(-7, 0);
        assertEquals(-7.0, b.getDouble(0, 0));
        // and back, through long and int overloads
        NDArray c = b.reshape(3L, 2L);
        c.setDouble(9, 2, 0);
        assertEquals(9.0, a.getDouble(4));
    }

    @Test
    void transposeIsAView() {
        NDArray a = a234();
        NDArray t = a.transpose();
        assertArrayEquals(new long[] {4, 3, 2}, t.shape());
        // np.arange(24.).reshape(2,3,4).T[3, 1, 0] == 7.0
        assertEquals(7.0, t.getDouble(3, 1, 0));
        t.setDouble(-1, 3, 1, 0);
        assertEquals(-1.0, a.getDouble(0, 1, 3));
        assertArrayEquals(t.shape(), a.T().shape());
    }

    @Test
    void permuteDimsIsAView() {
        NDArray a = a234();
        NDArray p = a.permuteDims(1, 2, 0);
        assertArrayEquals(new long[] {3, 4, 2}, p.shape());
        // np.permute_dims(a, (1, 2, 0))[2, 1, 1] == a[1, 2, 1] == 21
        assertEquals(21.0, p.getDouble(2, 1, 1));
        a.setDouble(100, 1, 2, 1);
        assertEquals(100.0, p.getDouble(2, 1, 1));
        // negative axes
        NDArray q = a.permuteDims(-1, 0, 1);
        assertArrayEquals(new long[] {4, 2, 3}, q.shape());
        assertEquals(100.0, q.getDouble(1, 1, 2));
    }

    @Test
    void swapAxesIsAView() {
        NDArray a = a234();
        NDArray s = a.swapAxes(0, 2);
        assertArrayEquals(new long[] {4, 3, 2}, s.shape());
        s.setDouble(55, 0, 2, 1);
        assertEquals(55.0, a.getDouble(1, 2, 0));
        assertArrayEquals(new long[] {2, 3, 4}, a.swapAxes(-1, -1).shape());
    }

    @Test
    void expandDimsAndSqueezeAreViews() {
        NDArray a = on(ND.array(1.0, 2.0, 3.0));
        NDArray e0 = a.expandDims(0);
        NDArray e1 = a.expandDims(1);
        NDArray em = a.expandDims(-1);
        assertArrayEquals(new long[] {1, 3}, e0.shape());
        assertArrayEquals(new long[] {3, 1}, e1.shape());
        assertArrayEquals(new long[] {3, 1}, em.shape());
        e1.setDouble(20, 1, 0);
        assertEquals(20.0, a.getDouble(1));
        NDArray sq = e0.expandDims(2).squeeze();
        assertArrayEquals(new long[] {3}, sq.shape());
        sq.setDouble(30, 2);
        assertEquals(30.0, a.getDouble(2));
        NDArray s1 = on(ND.zeros(1, 3, 1)).squeeze(0);
        assertArrayEquals(new long[] {3, 1}, s1.shape());
        assertArrayEquals(new long[] {3}, on(ND.zeros(1, 3, 1)).squeeze(0, -1).shape());
        // a 0-d result
        assertArrayEquals(new long[0], on(ND.ones(1, 1)).squeeze().shape());
    }

    @Test
    void broadcastToIsAViewWithZeroStrides() {
        NDArray a = on(ND.array(1.0, 2.0, 3.0));
        NDArray b = a.broadcastTo(4, 3);
        assertArrayEquals(new long[] {4, 3}, b.shape());
        // np.broadcast_to(np.arange(3.), (4, 3)).strides == (0, 8)
        assertArrayEquals(new long[] {0, 8}, b.strides());
        a.setDouble(9, 1);
        for (int i = 0; i < 4; i++) {
            assertEquals(9.0, b.getDouble(i, 1), "row " + i);
        }
        assertArrayEquals(new double[] {1, 9, 3, 1, 9, 3, 1, 9, 3, 1, 9, 3}, b.toDoubleArray());
        assertFalse(b.isContiguous());
        assertArrayEquals(new long[] {2, 4, 3}, ND.broadcastTo(b, 2, 4, 3).shape());
    }

    @Test
    void ravelOfAContiguousArrayIsAView() {
        NDArray a = a234();
        NDArray r = a.ravel();
        assertArrayEquals(new long[] {24}, r.shape());
        r.setDouble(-5, 23);
        assertEquals(-5.0, a.getDouble(1, 2, 3));
    }

    @Test
    void ravelOfATransposedArrayIsACopyInCOrder() {
        NDArray a = on(ND.arange(6)).reshape(2, 3);
        NDArray r = a.transpose().ravel();
        // np.ravel(np.arange(6).reshape(2, 3).T) == [0, 3, 1, 4, 2, 5]
        assertArrayEquals(new long[] {0, 3, 1, 4, 2, 5}, r.toLongArray());
        r.setLong(99, 0);
        assertEquals(0, a.getLong(0, 0), "a copy: writing it leaves the base alone");
        assertNotSame(a.storage(), r.storage());
    }

    @Test
    void reshapeOfATransposedArrayCopiesAndSaysSoByNotSharing() {
        NDArray a = on(ND.arange(0.0, 6.0, 1.0)).reshape(2, 3);
        NDArray t = a.transpose();
        NDArray r = t.reshape(6);
        // np.shares_memory(a, a.T.reshape(6)) is False; values in C order of a.T
        assertNotSame(a.storage(), r.storage());
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, r.toDoubleArray());
        r.setDouble(99, 0);
        assertEquals(0.0, a.getDouble(0, 0));
        assertEquals(0.0, t.getDouble(0, 0));
        assertTrue(r.isContiguous());
        // ... but a reshape that only splits an axis of the transposed array stays a view:
        // np.shares_memory(b, b.T.reshape(3, 2, 2)) with b = np.arange(12.).reshape(4, 3)
        NDArray b = on(ND.arange(0.0, 12.0, 1.0)).reshape(4, 3);
        NDArray split = b.transpose().reshape(3, 2, 2);
        assertSame(b.storage(), split.storage());
        split.setDouble(-3, 2, 1, 1);
        assertEquals(-3.0, b.getDouble(3, 2));
    }

    @Test
    void minusOneIsInferredThroughNDArray() {
        assertArrayEquals(new long[] {2, 12}, a234().reshape(2, -1).shape());
        assertArrayEquals(new long[] {6, 4}, a234().reshape(-1, 4).shape());
        assertArrayEquals(new long[] {24}, a234().reshape(-1).shape());
        assertArrayEquals(new long[] {3, 0}, on(ND.zeros(0)).reshape(3, -1).shape());
        assertArrayEquals(new long[] {1}, on(ND.scalar(4, DType.INT8)).reshape(-1).shape());
        assertArrayEquals(new long[0], on(ND.ones(1, 1)).reshape(new long[0]).shape());
    }

    @Test
    void reshapeErrorsUseNumpysMessages() {
        NDArray a = on(ND.arange(6));
        assertEquals("can only specify one unknown dimension",
                assertThrows(IllegalArgumentException.class, () -> a.reshape(-1, -1)).getMessage());
        assertEquals("cannot reshape array of size 6 into shape (4,2)",
                assertThrows(IllegalArgumentException.class, () -> a.reshape(4, 2)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> a.reshape(2, -3)).getMessage()
                .startsWith("negative dimensions are not allowed"));
    }

    @Test
    void viewsOfViewsCompose() {
        NDArray a = a234();
        NDArray v = a.transpose().expandDims(1).swapAxes(0, 3).squeeze(1);
        // np.swapaxes(np.expand_dims(a.T, 1), 0, 3).squeeze(1): shape (2, 3, 4) and equal to a
        assertArrayEquals(new long[] {2, 3, 4}, v.shape());
        assertArrayEquals(a.toDoubleArray(), v.toDoubleArray());
        v.setDouble(1234, 1, 1, 1);
        assertEquals(1234.0, a.getDouble(1, 1, 1));
    }

    // ------------------------------------------------------------------ strides and contiguity

    @Test
    void stridesInBytesMatchNumpy() {
        NDArray x = on(ND.arange(24)).reshape(2, 3, 4); // int64
        // x.strides, x.T.strides, x.transpose(1,0,2).strides, np.swapaxes(x,0,2).strides
        assertArrayEquals(new long[] {96, 32, 8}, x.strides());
        assertArrayEquals(new long[] {8, 32, 96}, x.transpose().strides());
        assertArrayEquals(new long[] {32, 96, 8}, x.permuteDims(1, 0, 2).strides());
        assertArrayEquals(new long[] {8, 32, 96}, x.swapAxes(0, 2).strides());
        // np.arange(6, dtype=np.float32).reshape(2, 3).strides == (12, 4)
        assertArrayEquals(new long[] {12, 4}, on(ND.arange(6)).astype(DType.FLOAT32).reshape(2, 3).strides());
        // np.arange(6, dtype=np.int16).reshape(2, 3).T.strides == (2, 6)
        assertArrayEquals(new long[] {2, 6}, on(ND.arange(6)).astype(DType.INT16).reshape(2, 3).transpose().strides());
        // np.arange(6).reshape(2, 1, 3).strides == (24, 24, 8)
        assertArrayEquals(new long[] {24, 24, 8}, on(ND.arange(6)).reshape(2, 1, 3).strides());
        // np.zeros((2, 1, 3)).strides == (24, 24, 8); np.zeros((4,), bool).strides == (1,)
        assertArrayEquals(new long[] {24, 24, 8}, on(ND.zeros(2, 1, 3)).strides());
        assertArrayEquals(new long[] {1}, on(ND.zeros(DType.BOOL, 4)).strides());
        // 0-d
        assertArrayEquals(new long[0], on(ND.scalar(1, DType.FLOAT64)).strides());
        // np.zeros((3, 1)).squeeze().strides == (8,)
        assertArrayEquals(new long[] {8}, on(ND.zeros(3, 1)).squeeze().strides());
    }

    @Test
    void stridesOfSizeOneAxesAfterAContiguousReshapeMatchNumpy() {
        // np.expand_dims(np.arange(3), 0).strides == (24, 8); np.expand_dims(np.arange(3), 1).strides == (8, 8)
        assertArrayEquals(new long[] {24, 8}, on(ND.arange(3)).expandDims(0).strides());
        assertArrayEquals(new long[] {8, 8}, on(ND.arange(3)).expandDims(1).strides());
        // np.arange(6).reshape(1, 6).strides == (48, 8)
        assertArrayEquals(new long[] {48, 8}, on(ND.arange(6)).reshape(1, 6).strides());
    }

    @Test
    void isContiguousMatchesNumpysCContiguousFlag() {
        NDArray x = a234();
        assertTrue(x.isContiguous());
        assertFalse(x.transpose().isContiguous());
        assertFalse(x.permuteDims(1, 0, 2).isContiguous());
        assertTrue(x.permuteDims(0, 1, 2).isContiguous());
        assertTrue(x.expandDims(1).isContiguous());
        assertTrue(x.reshape(6, 4).isContiguous());
        assertFalse(x.broadcastTo(2, 2, 3, 4).isContiguous());
        assertTrue(x.transpose().copy().isContiguous());
        // size-1 axes do not matter: np.ones((3, 1)).T.flags.c_contiguous is True
        assertTrue(on(ND.ones(3, 1)).transpose().isContiguous());
        // an empty array is contiguous whatever its strides: np.zeros((0, 3)).T.flags.c_contiguous
        assertTrue(on(ND.zeros(0, 3)).transpose().isContiguous());
        assertTrue(on(ND.scalar(1, DType.INT32)).isContiguous());
        // broadcasting along a size-1 target axis keeps contiguity
        assertTrue(on(ND.ones(3)).broadcastTo(1, 3).isContiguous());
    }

    @Test
    void viewsKeepDtypeAndValues() {
        NDArray i = on(ND.array(new int[][] {{1, 2, 3}, {4, 5, 6}}));
        NDArray t = i.transpose();
        assertEquals(DType.INT32, t.dtype());
        assertArrayEquals(new long[] {1, 4, 2, 5, 3, 6}, t.toLongArray());
        assertArrayEquals(new long[] {4, 12}, t.strides());
        assertArrayEquals(new long[] {1, 4, 2, 5, 3, 6}, t.copy().toLongArray());
    }

    @Test
    void opsReadViewsCorrectly() {
        NDArray a = on(ND.arange(0.0, 6.0, 1.0)).reshape(2, 3);
        // a.T + a.T == 2 * a.T; (a.T @ a) == [[9,12,15],[12,17,22],[15,22,29]]
        assertArrayEquals(new double[] {0, 6, 2, 8, 4, 10}, a.transpose().add(a.transpose()).toDoubleArray());
        assertArrayEquals(new double[] {9, 12, 15, 12, 17, 22, 15, 22, 29},
                a.transpose().matmul(a).toDoubleArray());
        assertArrayEquals(new double[] {3, 12}, a.transpose().sum(0).toDoubleArray());
        assertArrayEquals(new double[] {3, 5, 7}, a.sum(0).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, a.broadcastTo(2, 2, 3).sum(0).mul(0.5).reshape(6)
                .toDoubleArray());
    }

    @Test
    void viewErrorsAreIllegalArguments() {
        NDArray a = a234();
        assertThrows(AxisException.class, () -> a.permuteDims(0, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> a.permuteDims(0, 0, 1));
        assertThrows(AxisException.class, () -> a.expandDims(4));
        assertThrows(AxisException.class, () -> a.expandDims(-5));
        assertThrows(AxisException.class, () -> a.swapAxes(3, 0));
        assertThrows(IllegalArgumentException.class, () -> a.squeeze(0));
        assertThrows(BroadcastException.class, () -> a.broadcastTo(2, 3, 5));
    }
}
