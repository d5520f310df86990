package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScalarTest {
    @Test
    void integersWrapToTheWidthLikeACCast() {
        assertEquals(255, Scalar.of(DType.UINT8, -1L).longValue());
        assertEquals(0xFF, Scalar.of(DType.INT8, -1L).bits());
        assertEquals(-1, Scalar.of(DType.INT8, -1L).longValue());
        assertEquals(-128, Scalar.of(DType.INT8, 128L).longValue());
        assertEquals(-32768, Scalar.of(DType.INT16, 32768L).longValue());
        assertEquals(Long.MIN_VALUE, Scalar.of(DType.INT64, Long.MIN_VALUE).longValue());
        assertEquals(Integer.MIN_VALUE, Scalar.of(DType.INT32, 1L << 31).longValue());
        assertEquals(3, Scalar.of(DType.INT32, 3.9).longValue());
        assertEquals(-3.0, Scalar.of(DType.INT16, -3.9).doubleValue());
    }

    @Test
    void boolIsNotZero() {
        assertEquals(1, Scalar.of(DType.BOOL, 7L).bits());
        assertEquals(1, Scalar.of(DType.BOOL, Double.NaN).bits());
        assertEquals(0, Scalar.of(DType.BOOL, -0.0).bits());
        assertEquals(1.0, Scalar.of(DType.BOOL, true).doubleValue());
        assertEquals(1L, Scalar.of(DType.INT64, true).longValue());
        assertEquals(0.0, Scalar.of(DType.FLOAT32, false).doubleValue());
    }

    @Test
    void floatsKeepTheirBits() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Scalar.of(DType.FLOAT64, -0.0).bits());
        assertNotEquals(Scalar.of(DType.FLOAT64, 0.0), Scalar.of(DType.FLOAT64, -0.0));
        assertEquals(Scalar.of(DType.FLOAT64, Double.NaN), Scalar.of(DType.FLOAT64, Double.NaN));
        assertEquals((double) 0.1f, Scalar.of(DType.FLOAT32, 0.1).doubleValue());
        assertEquals(Float.floatToRawIntBits(0.1f), (int) Scalar.of(DType.FLOAT32, 0.1).bits());
        assertEquals(0, Scalar.of(DType.FLOAT32, -1.0).bits() >>> 32, "float32 bits are zero-extended");
        assertEquals(9007199254740993L - 1, Scalar.of(DType.FLOAT64, 9007199254740993L).longValue(), "rounded to double");
        assertEquals(-2, Scalar.of(DType.FLOAT64, -2.5).longValue());
    }

    @Test
    void toStringIsNumpysRepr() {
        assertEquals("np.uint8(255)", Scalar.of(DType.UINT8, 255L).toString());
        assertEquals("np.True_", Scalar.of(DType.BOOL, true).toString());
        assertEquals("np.False_", Scalar.of(DType.BOOL, false).toString());
        assertEquals("np.float64(-0.0)", Scalar.of(DType.FLOAT64, -0.0).toString());
        assertEquals("np.float32(0.1)", Scalar.of(DType.FLOAT32, 0.1).toString());
        assertEquals("np.float64(nan)", Scalar.of(DType.FLOAT64, Double.NaN).toString());
        assertEquals("np.float64(-inf)", Scalar.of(DType.FLOAT64, Double.NEGATIVE_INFINITY).toString());
        assertEquals("np.int8(-5)", Scalar.of(DType.INT8, -5L).toString());
    }

    @Test
    void bitsOutsideTheElementAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Scalar(DType.UINT8, 256));
        assertThrows(IllegalArgumentException.class, () -> new Scalar(DType.INT8, -1));
        assertThrows(IllegalArgumentException.class, () -> new Scalar(DType.BOOL, 2));
        assertThrows(IllegalArgumentException.class, () -> new Scalar(DType.FLOAT32, 1L << 32));
        assertThrows(NullPointerException.class, () -> new Scalar(null, 0));
        assertEquals(-1, new Scalar(DType.INT64, -1).longValue());
    }
}
