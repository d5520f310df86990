package io.github.ndarray;

import java.util.Objects;

/**
 * One value of a dtype, held as the element's raw bits: what a backend copies into memory or
 * passes to a kernel as an argument, with no boxing and no loss (a float64 NaN payload, the sign
 * of {@code -0.0} and uint8 255 all survive). Two scalars are equal when dtype and bits are.
 *
 * <p>The bits are those of one element of {@code dtype} in memory, zero-extended to 64 bits:
 * bool is 0 or 1, int8 {@code -1} is {@code 0xFF}, float32 is {@link Float#floatToRawIntBits},
 * float64 is {@link Double#doubleToRawLongBits}. The factories convert the way a cast to the
 * dtype does: integers wrap to the width, bool is "not zero", floats round to the nearest.
 *
 * {@snippet :
 * Scalar a = Scalar.of(DType.UINT8, -1L);     // uint8(255): wraps like a C cast
 * Scalar b = Scalar.of(DType.FLOAT32, 0.1);   // rounded to float32
 * Scalar c = Scalar.of(DType.BOOL, true);     // bool(True), bits 1
 * long v = a.longValue();                     // 255
 * double d = b.doubleValue();                 // 0.10000000149011612
 * Ufunc.BITWISE_AND.identity(DType.INT16);    // int16(-1): every bit set
 * }
 *
 * @param dtype the element type
 * @param bits the element's bits, zero-extended to 64 bits
 */
public record Scalar(DType dtype, long bits) {
    /**
     * Checks that {@code bits} is one element of {@code dtype}.
     *
     * @throws IllegalArgumentException if bits are set above the element's width, or a bool is neither 0 nor 1
     */
    public Scalar {
        Objects.requireNonNull(dtype, "dtype");
        if ((bits & ~mask(dtype)) != 0 || (dtype == DType.BOOL && bits > 1)) {
            throw new IllegalArgumentException("bits 0x" + Long.toHexString(bits) + " are not one " + dtype);
        }
    }

    /**
     * The value {@code v} in {@code dtype}: floats round to the nearest, bool is {@code v != 0}
     * (NaN is true), integers take Java's conversion to long (toward zero, saturating) and wrap.
     *
     * @param dtype the element type
     * @param v the value
     * @return the scalar
     */
    public static Scalar of(DType dtype, double v) {
        if (dtype == DType.BOOL) {
            return of(dtype, v != 0);
        }
        if (dtype.isFloating()) {
            return new Scalar(dtype, floatBits(dtype, v));
        }
        return of(dtype, (long) v);
    }

    /**
     * The value {@code v} in {@code dtype}: integers wrap to the width (as a C cast does), bool is
     * {@code v != 0}, floats round to the nearest.
     *
     * @param dtype the element type
     * @param v the value
     * @return the scalar
     */
    public static Scalar of(DType dtype, long v) {
        if (dtype == DType.BOOL) {
            return of(dtype, v != 0);
        }
        if (dtype.isFloating()) {
            return new Scalar(dtype, floatBits(dtype, (double) v));
        }
        return new Scalar(dtype, v & mask(dtype));
    }

    /**
     * The value {@code v} in {@code dtype}: 1 or 0 of that type.
     *
     * @param dtype the element type
     * @param v the value
     * @return the scalar
     */
    public static Scalar of(DType dtype, boolean v) {
        if (dtype == DType.BOOL) {
            return new Scalar(dtype, v ? 1 : 0);
        }
        return of(dtype, v ? 1L : 0L);
    }

    /** {@return the value as a double (integers convert exactly up to 2^53)} */
    public double doubleValue() {
        return switch (dtype.kind()) {
            case FLOAT -> dtype.itemSize() == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
            default -> longValue();
        };
    }

    /** {@return the value as a long: signed integers sign-extended, floats truncated toward zero} */
    public long longValue() {
        return switch (dtype.kind()) {
            case FLOAT -> (long) doubleValue();
            case SIGNED -> {
                int shift = 64 - 8 * dtype.itemSize();
                yield bits << shift >> shift;
            }
            default -> bits;
        };
    }

    /** {@return NumPy's repr of the scalar, e.g. {@code np.uint8(255)}, {@code np.float64(-0.0)}, {@code np.True_}} */
    @Override
    public String toString() {
        if (dtype == DType.BOOL) {
            return bits != 0 ? "np.True_" : "np.False_";
        }
        String value = switch (dtype.kind()) {
            case FLOAT -> floatText(doubleValue(), dtype.itemSize() == 4);
            default -> Long.toString(longValue());
        };
        return "np." + dtype + "(" + value + ")";
    }

    /** Java's shortest text that reads back as the same value (float32 read as float32). */
    private static String floatText(double v, boolean single) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return single ? Float.toString((float) v) : Double.toString(v);
    }

    private static long floatBits(DType dtype, double v) {
        return dtype.itemSize() == 4 ? Float.floatToRawIntBits((float) v) & 0xFFFF_FFFFL : Double.doubleToRawLongBits(v);
    }

    /** The bits one element of {@code dtype} occupies. */
    private static long mask(DType dtype) {
        int width = 8 * dtype.itemSize();
        return width >= 64 ? -1L : (1L << width) - 1;
    }
}
