package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.ndarray.conformance.OnTestDevice;
import org.junit.jupiter.api.Test;

/**
 * NumPy's {@code out=} and {@code where=} through {@link Ufunc#callInto}, including an output
 * that aliases an input. Expected values are {@code .tolist()} from NumPy 2.4.6 for the
 * expression in each comment.
 */
@OnTestDevice
class OutWhereBehaviorTest {
    /** {@code np.arange(9).reshape(3, 3)} (int64). */
    private static NDArray a33() {
        return on(ND.arange(9)).reshape(3, 3);
    }

    /**
     * A view of {@code base}'s memory with another layout (what basic slicing will produce);
     * used to build NumPy's {@code a[:, ::-1]}, {@code a[1:]} and friends.
     */
    private static NDArray slice(NDArray base, long[] shape, long[] strides, long offset) {
        return base.view(shape, strides, offset);
    }

    @Test
    void outAliasingTheTransposedInputMatchesNumpy() {
        // a = np.arange(9).reshape(3,3); np.add(a, a.T, out=a) -> [[0,4,8],[4,8,12],[8,12,16]]
        NDArray a = a33();
        NDArray r = Ufunc.ADD.callInto(a, null, a, a.transpose());
        assertSame(a, r);
        assertArrayEquals(new long[] {0, 4, 8, 4, 8, 12, 8, 12, 16}, a.toLongArray());
        // np.subtract(a, a.T, out=a) -> [[0,-2,-4],[2,0,-2],[4,2,0]]
        NDArray b = a33();
        Ufunc.SUBTRACT.callInto(b, null, b, b.transpose());
        assertArrayEquals(new long[] {0, -2, -4, 2, 0, -2, 4, 2, 0}, b.toLongArray());
        // the same in float64, with the transposed operand first
        NDArray c = on(ND.arange(0.0, 9.0, 1.0)).reshape(3, 3);
        Ufunc.ADD.callInto(c, null, c.transpose(), c);
        assertArrayEquals(new double[] {0, 4, 8, 4, 8, 12, 8, 12, 16}, c.toDoubleArray());
    }

    @Test
    void outAliasingAReversedInputMatchesNumpy() {
        // a = np.arange(6.).reshape(2,3); np.add(a[:, ::-1], 0, out=a) -> [[2,1,0],[5,4,3]]
        NDArray a = on(ND.arange(0.0, 6.0, 1.0)).reshape(2, 3);
        NDArray rev = slice(a, new long[] {2, 3}, new long[] {3, -1}, 2);
        assertArrayEquals(new double[] {2, 1, 0, 5, 4, 3}, rev.toDoubleArray());
        Ufunc.ADD.callInto(a, null, rev, 0);
        assertArrayEquals(new double[] {2, 1, 0, 5, 4, 3}, a.toDoubleArray());
    }

    @Test
    void outOverlappingAShiftedInputMatchesNumpy() {
        // a = np.arange(5.); np.add(a[:-1], a[1:], out=a[1:]) -> [0, 1, 3, 5, 7]
        NDArray a = on(ND.arange(0.0, 5.0, 1.0));
        NDArray head = slice(a, new long[] {4}, new long[] {1}, 0);
        NDArray tail = slice(a, new long[] {4}, new long[] {1}, 1);
        Ufunc.ADD.callInto(tail, null, head, tail);
        assertArrayEquals(new double[] {0, 1, 3, 5, 7}, a.toDoubleArray());
        // a = np.arange(5.); np.add(a[1:], a[:-1], out=a[:-1]) -> [1, 3, 5, 7, 4]
        NDArray b = on(ND.arange(0.0, 5.0, 1.0));
        NDArray bHead = slice(b, new long[] {4}, new long[] {1}, 0);
        NDArray bTail = slice(b, new long[] {4}, new long[] {1}, 1);
        Ufunc.ADD.callInto(bHead, null, bTail, bHead);
        assertArrayEquals(new double[] {1, 3, 5, 7, 4}, b.toDoubleArray());
    }

    @Test
    void outAliasingTheSameInputIsInPlace() {
        // a = np.arange(4.); np.multiply(a, a, out=a) -> [0, 1, 4, 9]
        NDArray a = on(ND.arange(0.0, 4.0, 1.0));
        Ufunc.MULTIPLY.callInto(a, null, a, a);
        assertArrayEquals(new double[] {0, 1, 4, 9}, a.toDoubleArray());
        NDArray e = on(ND.array(0.0, 1.0));
        Ufunc.EXP.callInto(e, null, e);
        assertArrayEquals(new double[] {1, Math.E}, e.toDoubleArray(), 1e-15);
    }

    @Test
    void outIsWrittenAndReturned() {
        NDArray out = on(ND.full(-1.0, 2, 3));
        NDArray r = Ufunc.ADD.callInto(out, null, on(ND.arange(6)).reshape(2, 3), on(ND.array(10.0, 20.0, 30.0)));
        assertSame(out, r);
        assertArrayEquals(new double[] {10, 21, 32, 13, 24, 35}, out.toDoubleArray());
        // a transposed out: writes land in the right places
        NDArray base = on(ND.zeros(3, 2));
        Ufunc.MULTIPLY.callInto(base.transpose(), null, on(ND.arange(6)).reshape(2, 3), 2);
        // base.T[...] = 2*np.arange(6).reshape(2,3) -> base == [[0,6],[2,8],[4,10]]
        assertArrayEquals(new double[] {0, 6, 2, 8, 4, 10}, base.toDoubleArray());
    }

    @Test
    void outOfAnotherDtypeCastsWithSameKind() {
        // o8 = np.full((2,3), -1, np.int8); np.add(np.arange(6).reshape(2,3), 100, out=o8)
        //   -> [[100,101,102],[103,104,105]]
        NDArray o8 = on(ND.full(DType.INT8, -1, 2, 3));
        Ufunc.ADD.callInto(o8, null, on(ND.arange(6)).reshape(2, 3), 100);
        assertEquals(DType.INT8, o8.dtype());
        assertArrayEquals(new long[] {100, 101, 102, 103, 104, 105}, o8.toLongArray());
        // int result into float out: np.add(np.arange(3), 1, out=np.zeros(3, np.float32)) -> [1, 2, 3]
        NDArray of = on(ND.zeros(DType.FLOAT32, 3));
        Ufunc.ADD.callInto(of, null, on(ND.arange(3)), 1);
        assertArrayEquals(new double[] {1, 2, 3}, of.toDoubleArray());
        // float64 result into float32 out: same kind
        NDArray f32 = on(ND.zeros(DType.FLOAT32, 2));
        Ufunc.DIVIDE.callInto(f32, null, on(ND.array(1.0, 2.0)), 3.0);
        assertArrayEquals(new double[] {(float) (1.0 / 3), (float) (2.0 / 3)}, f32.toDoubleArray());
        // bool result into an int out: np.less(np.arange(3), 1, out=np.zeros(3, int)) -> [1, 0, 0]
        NDArray oi = on(ND.full(DType.INT64, 7, 3));
        Ufunc.LESS.callInto(oi, null, on(ND.arange(3)), 1);
        assertArrayEquals(new long[] {1, 0, 0}, oi.toLongArray());
    }

    @Test
    void whereKeepsOutsValuesWhereFalse() {
        // o = np.full((2,3), -1.); np.multiply(np.arange(6).reshape(2,3), 10, out=o, where=[True,False,True])
        //   -> [[0,-1,20],[30,-1,50]]
        NDArray o = on(ND.full(-1.0, 2, 3));
        NDArray mask = on(ND.array(true, false, true));
        NDArray r = Ufunc.MULTIPLY.callInto(o, mask, on(ND.arange(6)).reshape(2, 3), 10);
        assertSame(o, r);
        assertArrayEquals(new double[] {0, -1, 20, 30, -1, 50}, o.toDoubleArray());
        // a full-shape mask
        NDArray o2 = on(ND.full(DType.INT64, 5, 2, 2));
        NDArray m2 = on(ND.array(new boolean[][] {{false, true}, {true, false}}));
        Ufunc.ADD.callInto(o2, m2, on(ND.arange(4)).reshape(2, 2), 100);
        assertArrayEquals(new long[] {5, 101, 102, 5}, o2.toLongArray());
        // a mask from a comparison, on an out of another dtype (cast path)
        NDArray x = on(ND.array(-2.0, 3.0, -4.0, 5.0));
        NDArray o3 = on(ND.full(DType.FLOAT32, 0, 4));
        Ufunc.SQRT.callInto(o3, ND.greater(x, 0.0), x);
        assertArrayEquals(new double[] {0, (float) Math.sqrt(3), 0, (float) Math.sqrt(5)}, o3.toDoubleArray());
        NDArray o4 = on(ND.full(DType.INT8, 9, 3));
        Ufunc.ADD.callInto(o4, on(ND.array(false, true, false)), on(ND.arange(3)), 1);
        assertArrayEquals(new long[] {9, 2, 9}, o4.toLongArray());
    }

    @Test
    void whereWithoutOutGivesZerosWhereFalse() {
        // NumPy leaves those elements uninitialized (and warns); this library documents zeros.
        NDArray r = Ufunc.ADD.callInto(null, on(ND.array(true, false, true)), on(ND.array(1.0, 2.0, 3.0)), 10.0);
        assertArrayEquals(new double[] {11, 0, 13}, r.toDoubleArray());
        NDArray all = Ufunc.ADD.callInto(null, on(ND.ones(DType.BOOL, 3)), on(ND.array(1.0, 2.0, 3.0)), 10.0);
        assertArrayEquals(new double[] {11, 12, 13}, all.toDoubleArray());
        NDArray none = Ufunc.ADD.callInto(null, on(ND.zeros(DType.BOOL, 3)), on(ND.array(1.0, 2.0, 3.0)), 10.0);
        assertArrayEquals(new double[] {0, 0, 0}, none.toDoubleArray());
    }

    @Test
    void whereAndOutAliasingTogether() {
        // a = np.arange(9).reshape(3,3); np.add(a, a.T, out=a, where=np.eye(3, dtype=bool) == False)
        //   -> [[0,4,8],[4,4,12],[8,12,8]]
        NDArray a = a33();
        NDArray offDiagonal = ND.equal(on(ND.eye(3, 3, 0, DType.BOOL)), false);
        Ufunc.ADD.callInto(a, offDiagonal, a, a.transpose());
        assertArrayEquals(new long[] {0, 4, 8, 4, 4, 12, 8, 12, 8}, a.toLongArray());
    }

    @Test
    void outMayHaveALargerShapeThatTheInputsBroadcastTo() {
        // np.add(np.ones(2), np.ones(2), out=np.zeros((3, 2))) -> [[2,2],[2,2],[2,2]]
        NDArray out = on(ND.zeros(3, 2));
        Ufunc.ADD.callInto(out, null, on(ND.ones(2)), on(ND.ones(2)));
        assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2}, out.toDoubleArray());
    }

    @Test
    void outOfTheBroadcastShapeWithBroadcastInputs() {
        // np.add(np.arange(3), np.arange(2).reshape(2, 1), out=np.zeros((2, 3), int)) -> [[0,1,2],[1,2,3]]
        NDArray out = on(ND.zeros(DType.INT64, 2, 3));
        Ufunc.ADD.callInto(out, null, on(ND.arange(3)), on(ND.arange(2)).reshape(2, 1));
        assertArrayEquals(new long[] {0, 1, 2, 1, 2, 3}, out.toLongArray());
    }
}
