package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ndarray.conformance.OnTestDevice;
import org.junit.jupiter.api.Test;

/**
 * Type promotion as users meet it through operations (NumPy 2, NEP 50): Java scalars are weak,
 * arrays (0-d included) are strong. Each expectation is {@code (x.dtype, x.tolist())} printed by
 * NumPy 2.4.6 for the expression in the comment.
 */
@OnTestDevice
class PromotionBehaviorTest {
    private static NDArray i8(long... v) {
        return on(ND.array(v)).astype(DType.INT8);
    }

    @Test
    void weakIntegerScalarsKeepTheArrayTypeAndWrapLikeC() {
        // np.array([127, -128, 5], np.int8) + 1 -> int8 [-128, -127, 6]
        NDArray r = i8(127, -128, 5).add(1L);
        assertEquals(DType.INT8, r.dtype());
        assertArrayEquals(new long[] {-128, -127, 6}, r.toLongArray());
        // np.array([255, 0], np.uint8) + 1 -> uint8 [0, 1]
        r = on(ND.array(255L, 0L)).astype(DType.UINT8).add(1L);
        assertEquals(DType.UINT8, r.dtype());
        assertArrayEquals(new long[] {0, 1}, r.toLongArray());
        // np.array([100], np.int8) * 2 -> int8 [-56]
        r = i8(100).mul(2L);
        assertEquals(DType.INT8, r.dtype());
        assertArrayEquals(new long[] {-56}, r.toLongArray());
        // boxed Integer, Short and Byte are weak integers too
        assertEquals(DType.INT16, Ufunc.ADD.call(on(ND.ones(DType.INT16, 2)), Integer.valueOf(3)).dtype());
        assertEquals(DType.INT8, Ufunc.ADD.call(i8(1), Short.valueOf((short) 3)).dtype());
        assertEquals(DType.UINT8, Ufunc.ADD.call(on(ND.ones(DType.UINT8, 1)), Byte.valueOf((byte) 3)).dtype());
    }

    @Test
    void outOfRangeWeakIntegersAreRefusedLikeNumpysOverflowError() {
        // np.ones(3, np.int8) + 300 -> OverflowError: Python integer 300 out of bounds for int8
        assertEquals("Python integer 300 out of bounds for int8",
                assertThrows(IllegalArgumentException.class, () -> i8(1, 2, 3).add(300L)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> on(ND.ones(DType.UINT8, 2)).sub(-1L));
        assertThrows(IllegalArgumentException.class, () -> on(ND.ones(DType.INT32, 2)).mul(1L << 31));
        // int64 takes every long
        assertEquals(Long.MIN_VALUE + 1, on(ND.arange(1, 2, 1)).add(Long.MIN_VALUE).getLong(0));
    }

    @Test
    void outOfRangeWeakIntegersAreCheckedAgainstTheChosenLoop() {
        // np.logical_and(np.array([0, 2], np.int8), 300) -> bool [False, True] (the truth of 300)
        NDArray r = Ufunc.LOGICAL_AND.call(i8(0, 2), 300L);
        assertEquals(DType.BOOL, r.dtype());
        assertArrayEquals(new boolean[] {false, true}, r.toBooleanArray());
        // np.logical_xor(np.array([0, 1], np.uint8), -1000) -> bool [True, False]
        assertArrayEquals(new boolean[] {true, false},
                Ufunc.LOGICAL_XOR.call(on(ND.array(0L, 1L)).astype(DType.UINT8), -1000L).toBooleanArray());
        // np.array([3, -4], np.int8) / 2**31 -> float64 [3/2**31, -4/2**31] (the float64 loop takes it)
        r = i8(3, -4).div(1L << 31);
        assertEquals(DType.FLOAT64, r.dtype());
        assertArrayEquals(new double[] {3 / 0x1p31, -4 / 0x1p31}, r.toDoubleArray());
        // np.floor_divide(np.array([3], np.int8), 300) -> OverflowError (the int8 loop)
        assertThrows(IllegalArgumentException.class, () -> Ufunc.FLOOR_DIVIDE.call(i8(3), 300L));
    }

    @Test
    void weakFloatScalars() {
        // np.array([1.5, 2], np.float32) + 1.5 -> float32 [3.0, 3.5]
        NDArray r = on(ND.array(1.5f, 2f)).add(1.5);
        assertEquals(DType.FLOAT32, r.dtype());
        assertArrayEquals(new double[] {3.0, 3.5}, r.toDoubleArray());
        // np.array([1, 2], np.int32) + 1.5 -> float64 [2.5, 3.5]
        r = on(ND.array(1, 2)).add(1.5);
        assertEquals(DType.FLOAT64, r.dtype());
        assertArrayEquals(new double[] {2.5, 3.5}, r.toDoubleArray());
        // np.array([1, 2], np.int16) * 2.5 -> float64 [2.5, 5.0]
        r = on(ND.array(1, 2)).astype(DType.INT16).mul(2.5);
        assertEquals(DType.FLOAT64, r.dtype());
        assertArrayEquals(new double[] {2.5, 5.0}, r.toDoubleArray());
        // a boxed Java Float is a weak float like a Python float
        assertEquals(DType.FLOAT32, Ufunc.ADD.call(on(ND.ones(DType.FLOAT32, 1)), Float.valueOf(1.5f)).dtype());
        // np.array([16777216], np.float32) + 1 -> float32 [16777216.0]: the sum is rounded to float32
        r = on(ND.array(16777216f)).add(1L);
        assertEquals(DType.FLOAT32, r.dtype());
        assertEquals(16777216.0, r.getDouble(0));
    }

    @Test
    void boolArraysWithWeakScalars() {
        // np.array([True, False]) + 1 -> int64 [2, 1]
        NDArray r = on(ND.array(true, false)).add(1L);
        assertEquals(DType.INT64, r.dtype());
        assertArrayEquals(new long[] {2, 1}, r.toLongArray());
        // np.array([True, False]) + True -> bool [True, True]  (add on bool is logical or)
        r = Ufunc.ADD.call(on(ND.array(true, false)), true);
        assertEquals(DType.BOOL, r.dtype());
        assertArrayEquals(new boolean[] {true, true}, r.toBooleanArray());
        // np.array([True, False]) * True -> bool [True, False]
        r = Ufunc.MULTIPLY.call(on(ND.array(true, false)), true);
        assertEquals(DType.BOOL, r.dtype());
        assertArrayEquals(new boolean[] {true, false}, r.toBooleanArray());
        // np.array([True, False]) + 0.5 -> float64
        assertEquals(DType.FLOAT64, on(ND.array(true, false)).add(0.5).dtype());
    }

    @Test
    void arraysPromoteByType() {
        // np.array([1, 2], np.int8) + np.array([200, 100], np.uint8) -> int16 [201, 102]
        NDArray r = i8(1, 2).add(on(ND.array(200L, 100L)).astype(DType.UINT8));
        assertEquals(DType.INT16, r.dtype());
        assertArrayEquals(new long[] {201, 102}, r.toLongArray());
        // np.array([1, 2], np.float32) + np.array([3, 4], np.int32) -> float64 [4.0, 6.0]
        r = on(ND.array(1f, 2f)).add(on(ND.array(3, 4)));
        assertEquals(DType.FLOAT64, r.dtype());
        assertArrayEquals(new double[] {4, 6}, r.toDoubleArray());
        // np.array([True, False]) + np.array([True, True]) -> bool [True, True]
        r = on(ND.array(true, false)).add(on(ND.array(true, true)));
        assertEquals(DType.BOOL, r.dtype());
        assertArrayEquals(new boolean[] {true, true}, r.toBooleanArray());
        // np.array([3], np.uint8) - np.array([5], np.uint8) -> uint8 [254]
        NDArray u = on(ND.array(3L)).astype(DType.UINT8).sub(on(ND.array(5L)).astype(DType.UINT8));
        assertEquals(DType.UINT8, u.dtype());
        assertArrayEquals(new long[] {254}, u.toLongArray());
    }

    @Test
    void zeroDimensionalArraysAreStrong() {
        // np.array([1, 2], np.int8) + np.array(1000) -> int64 [1001, 1002]: a 0-d array is not weak
        NDArray r = i8(1, 2).add(on(ND.scalar(1000, DType.INT64)));
        assertEquals(DType.INT64, r.dtype());
        assertArrayEquals(new long[] {1001, 1002}, r.toLongArray());
        // np.ones(2, np.float32) + np.array(2.0) -> float64
        assertEquals(DType.FLOAT64, on(ND.ones(DType.FLOAT32, 2)).add(on(ND.scalar(2, DType.FLOAT64))).dtype());
    }

    @Test
    void scalarsOnlyOperationsUseDefaultTypes() {
        // np.add(1, 2) -> int64; np.add(1, 2.5) -> float64; np.add(True, True) -> bool
        assertEquals(DType.INT64, Ufunc.ADD.call(1L, 2L).dtype());
        assertEquals(3L, Ufunc.ADD.call(1L, 2L).getLong());
        assertEquals(DType.FLOAT64, Ufunc.ADD.call(1L, 2.5).dtype());
        assertEquals(DType.BOOL, Ufunc.ADD.call(true, true).dtype());
        assertEquals(0, Ufunc.ADD.call(1L, 2L).ndim());
    }

    @Test
    void divisionAndMathWidenIntegers() {
        // np.array([7, 8]) / np.array([2, 4]) -> float64 [3.5, 2.0]
        NDArray r = on(ND.array(7L, 8L)).div(on(ND.array(2L, 4L)));
        assertEquals(DType.FLOAT64, r.dtype());
        assertArrayEquals(new double[] {3.5, 2.0}, r.toDoubleArray());
        // int8 / int8 -> float64 too; int16 / float32 -> float32
        assertEquals(DType.FLOAT64, i8(1).div(i8(2)).dtype());
        assertEquals(DType.FLOAT32, on(ND.ones(DType.INT16, 1)).div(on(ND.ones(DType.FLOAT32, 1))).dtype());
        // np.array([7, -7], np.int16) // 2 -> int16 [3, -4];  % 3 -> int16 [1, 2]
        NDArray s = on(ND.array(7, -7)).astype(DType.INT16);
        NDArray fd = ND.floorDivide(s, 2);
        assertEquals(DType.INT16, fd.dtype());
        assertArrayEquals(new long[] {3, -4}, fd.toLongArray());
        NDArray md = ND.remainder(s, 3);
        assertEquals(DType.INT16, md.dtype());
        assertArrayEquals(new long[] {1, 2}, md.toLongArray());
        // np.sqrt(np.array([4, 9], np.int32)) -> float64 [2.0, 3.0]
        NDArray q = ND.sqrt(on(ND.array(4, 9)));
        assertEquals(DType.FLOAT64, q.dtype());
        assertArrayEquals(new double[] {2, 3}, q.toDoubleArray());
        // np.exp(np.array([0, 1], np.int16)) -> float32
        NDArray e = ND.exp(on(ND.array(0, 1)).astype(DType.INT16));
        assertEquals(DType.FLOAT32, e.dtype());
        assertEquals(Math.E, e.getDouble(1), 3e-7 * Math.E);
        // int8 -> NumPy float16; ours float32 (documented deviation: no float16 yet)
        assertEquals(DType.FLOAT32, ND.sin(i8(1)).dtype());
    }

    @Test
    void comparisonsAreBoolWhateverTheInputs() {
        NDArray r = ND.less(i8(1, 5), 2.5);
        assertEquals(DType.BOOL, r.dtype());
        assertArrayEquals(new boolean[] {true, false}, r.toBooleanArray());
        assertEquals(DType.BOOL, ND.equal(on(ND.array(1f)), on(ND.array(1L))).dtype());
        assertEquals(DType.BOOL, ND.isnan(on(ND.array(1, 2))).dtype());
    }

    @Test
    void reductionsWidenSmallIntegersLikeNumpy() {
        // np.array([100, 100], np.int8).sum() -> int64 200; .prod() -> int64 10000; .max() -> int8
        NDArray a = i8(100, 100);
        assertEquals(DType.INT64, a.sum().dtype());
        assertEquals(200L, a.sum().getLong());
        assertEquals(DType.INT64, a.prod().dtype());
        assertEquals(10000L, a.prod().getLong());
        assertEquals(DType.INT8, a.max().dtype());
        // np.array([True, True, False]).sum() -> int64 2; .mean() -> float64
        NDArray b = on(ND.array(true, true, false));
        assertEquals(DType.INT64, b.sum().dtype());
        assertEquals(2L, b.sum().getLong());
        assertEquals(DType.FLOAT64, b.mean().dtype());
        // np.ones(3, np.float32).mean() -> float32
        assertEquals(DType.FLOAT32, on(ND.ones(DType.FLOAT32, 3)).mean().dtype());
    }
}
