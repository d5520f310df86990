package io.github.ndarray.cpu;

import io.github.ndarray.DType;

/**
 * NumPy's scalar semantics where Java's operators differ: floor division and remainder that
 * round toward minus infinity, C's {@code pow} special cases, integer power, shifts past the
 * bit width, {@code sign}, {@code trunc}.
 */
final class ScalarMath {
    private ScalarMath() {
    }

    /** NumPy's float floor division ({@code npy_floor_divide}): consistent with {@link #floorMod(double, double)}. */
    static double floorDivide(double a, double b) {
        if (b == 0) {
            return a / b;
        }
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1.0;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(div);
        if (div - floor > 0.5) {
            floor += 1.0;
        }
        return floor;
    }

    /** NumPy's float remainder: the result has the divisor's sign; a zero result takes b's sign. */
    static double floorMod(double a, double b) {
        if (b == 0) {
            return a % b; // NaN, as C's fmod
        }
        double mod = a % b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
            }
        } else {
            mod = Math.copySign(0.0, b);
        }
        return mod;
    }

    /** Integer floor division; division by zero gives 0 as in NumPy. */
    static long floorDivide(long a, long b) {
        return b == 0 ? 0 : Math.floorDiv(a, b);
    }

    /** Integer remainder with the divisor's sign; by zero gives 0 as in NumPy. */
    static long floorMod(long a, long b) {
        return b == 0 ? 0 : Math.floorMod(a, b);
    }

    /** C99 {@code pow}: {@code pow(1, y)} and {@code pow(-1, ±inf)} are 1, which Java's {@code Math.pow} disagrees with. */
    static double pow(double a, double b) {
        if (a == 1.0 || (a == -1.0 && Double.isInfinite(b))) {
            return 1.0;
        }
        return StrictMath.pow(a, b);
    }

    /**
     * {@code x ** y} with y one value for the whole loop (a stride-0 exponent), as NumPy 2's float
     * power loop computes it: y = 2 is {@code x * x}, 0.5 is {@code sqrt(x)} and -1 is {@code 1 / x}.
     * They differ from C's pow where sqrt does: {@code (-inf) ** 0.5} is NaN (pow: inf) and
     * {@code (-0.0) ** 0.5} is -0.0 (pow: 0.0); x * x and 1 / x are pow's values, correctly rounded.
     */
    static double powByScalar(double x, double y) {
        if (y == 2) {
            return x * x;
        } else if (y == 0.5) {
            return Math.sqrt(x);
        } else if (y == -1) {
            return 1 / x;
        }
        return pow(x, y);
    }

    /** Integer power by squaring, wrapping like C; negative exponents are refused as in NumPy. */
    static long pow(long base, long exp) {
        if (exp < 0) {
            throw negativePower();
        }
        long result = 1;
        long b = base;
        long e = exp;
        while (e != 0) {
            if ((e & 1) != 0) {
                result *= b;
            }
            b *= b;
            e >>>= 1;
        }
        return result;
    }

    /** NumPy's refusal of a negative integer exponent (a {@code ValueError} there). */
    static IllegalArgumentException negativePower() {
        return new IllegalArgumentException("Integers to negative integer powers are not allowed.");
    }

    /** {@code x << s} in a type of {@code bits} bits: 0 once s reaches the width. */
    static long leftShift(long x, long s, int bits) {
        return s < 0 || s >= bits ? 0 : x << s;
    }

    /** {@code x >> s} (arithmetic) in a type of {@code bits} bits: the sign fill once s reaches the width. */
    static long rightShift(long x, long s, int bits) {
        return s < 0 || s >= bits ? (x < 0 ? -1 : 0) : x >> s;
    }

    /** {@code np.sign} on floats: NaN stays NaN. */
    static double sign(double x) {
        return x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : x;
    }

    /** {@code np.trunc}: toward zero, keeping the sign of zero. */
    static double trunc(double x) {
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }

    /** {@code np.log2}, exact on powers of two. */
    static double log2(double x) {
        if (x > 0 && x < Double.POSITIVE_INFINITY && (Double.doubleToRawLongBits(x) & 0x000FFFFFFFFFFFFFL) == 0
                && Math.getExponent(x) >= Double.MIN_EXPONENT) {
            return Math.getExponent(x);
        }
        return StrictMath.log(x) / LN2;
    }

    private static final double LN2 = StrictMath.log(2.0);

    /** {@code np.maximum}: NaN propagates from either side; ties give the first operand. */
    static double maximum(double a, double b) {
        return a >= b || a != a ? a : b;
    }

    /** {@code np.minimum}: NaN propagates from either side; ties give the first operand. */
    static double minimum(double a, double b) {
        return a <= b || a != a ? a : b;
    }

    /** {@code np.fmax}: a NaN is ignored when the other value is a number; ties give the first operand. */
    static double fmax(double a, double b) {
        return a >= b || b != b ? a : b;
    }

    /** {@code np.fmin}: a NaN is ignored when the other value is a number; ties give the first operand. */
    static double fmin(double a, double b) {
        return a <= b || b != b ? a : b;
    }

    /** A running float value as the loop's dtype holds it: float32 rounds at every step, like NumPy's loops. */
    static double round(double v, DType t) {
        return t == DType.FLOAT32 ? (float) v : v;
    }

    /** A running integer value as the loop's dtype holds it: wrapped to the width (bool: 0 or 1). */
    static long wrap(long v, DType t) {
        return switch (t) {
            case BOOL -> v != 0 ? 1 : 0;
            case INT8 -> (byte) v;
            case UINT8 -> v & 0xFF;
            case INT16 -> (short) v;
            case INT32 -> (int) v;
            default -> v;
        };
    }

    /** The bit width of an integer dtype. */
    static int bits(DType t) {
        return t.itemSize() * 8;
    }

    /**
     * One step of an integer fold of the vector templates ({@link LoopFoldI64}, {@link AxisFoldI64}
     * and their narrower copies): {@code x} and {@code y} hold values of a type whose bits are
     * {@code bits}, sign-extended; the unsigned ops compare them under that mask.
     *
     * @param op a {@link SimdKernels} op code
     */
    static long foldLong(int op, long x, long y, long bits) {
        return switch (op) {
            case SimdKernels.ADD -> x + y;
            case SimdKernels.MUL -> x * y;
            case SimdKernels.MAXIMUM -> Math.max(x, y);
            case SimdKernels.MINIMUM -> Math.min(x, y);
            case SimdKernels.AND -> x & y;
            case SimdKernels.OR -> x | y;
            case SimdKernels.XOR -> x ^ y;
            case SimdKernels.UMAX -> Long.compareUnsigned(x & bits, y & bits) >= 0 ? x : y;
            case SimdKernels.UMIN -> Long.compareUnsigned(x & bits, y & bits) <= 0 ? x : y;
            default -> throw new AssertionError(op);
        };
    }
}
