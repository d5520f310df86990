package io.github.ndarray.broadcasting;

/**
 * Shape utilities shared by every module: validation, sizes with overflow checks, and
 * NumPy's printed form of a shape.
 */
public final class Shapes {
    /** The most dimensions an array may have (NumPy 2 allows 64). */
    public static final int MAX_DIMS = 64;

    private Shapes() {
    }

    /**
     * Formats a shape the way NumPy prints it: {@code ()}, {@code (3,)}, {@code (3,4)}.
     *
     * @param shape the shape
     * @return the printed form
     */
    public static String format(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    /**
     * Checks that a shape is valid: at most {@link #MAX_DIMS} dimensions, none negative,
     * and a product that fits in a {@code long}.
     *
     * @param shape the shape to check
     * @return the number of elements
     * @throws IllegalArgumentException if the shape is invalid
     */
    public static long checkedSize(long[] shape) {
        if (shape.length > MAX_DIMS) {
            throw new IllegalArgumentException(
                    "maximum supported dimension for an ndarray is " + MAX_DIMS + ", found " + shape.length);
        }
        long size = 1;
        boolean overflow = false;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimensions are not allowed: " + format(shape));
            }
            if (!overflow) {
                long hi = Math.multiplyHigh(size, d);
                long lo = size * d;
                if (hi != 0 || lo < 0) {
                    overflow = true;
                } else {
                    size = lo;
                }
            }
        }
        if (overflow && size != 0 && !containsZero(shape)) {
            throw new IllegalArgumentException(
                    "array is too big; the product of the dimensions " + format(shape) + " overflows a long");
        }
        return containsZero(shape) ? 0 : size;
    }

    private static boolean containsZero(long[] shape) {
        for (long d : shape) {
            if (d == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * C-order (row-major) strides of a contiguous array, in elements.
     *
     * @param shape the shape
     * @return strides in elements; the last axis has stride 1
     */
    public static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }
}
