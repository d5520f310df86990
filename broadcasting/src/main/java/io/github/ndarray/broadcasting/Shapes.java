package io.github.ndarray.broadcasting;

/**
 * Shape utilities shared by every module: validation, sizes with overflow checks, and
 * NumPy's printed form of a shape.
 *
 * {@snippet :
 * long[] shape = Shapes.parse("(2,3,4)");
 * long n = Shapes.checkedSize(shape);           // 24
 * long[] st = Shapes.contiguousStrides(shape);  // {12, 4, 1}
 * String s = Shapes.format(shape);              // "(2,3,4)"
 * }
 */
public final class Shapes {
    /** The most dimensions an array may have (NumPy 2 allows 64). */
    public static final int MAX_DIMS = 64;

    private Shapes() {
    }

    /**
     * Formats a shape the way NumPy prints it: {@code ()}, {@code (3,)}, {@code (3,4)}.
     *
     * {@snippet :
     * Shapes.format(new long[]{3, 4}); // "(3,4)"
     * Shapes.format(new long[]{3});    // "(3,)"
     * Shapes.format(new long[0]);      // "()"
     * }
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
     * Reads a shape written the way NumPy prints it, and a little more leniently: the
     * parentheses may be square brackets or left out, spaces are allowed, and a one-axis
     * shape may drop its trailing comma. The result is checked with {@link #checkedSize}.
     *
     * {@snippet :
     * Shapes.parse("(3,4)");     // {3, 4}
     * Shapes.parse("(3,)");      // {3}
     * Shapes.parse("[2, 0, 5]"); // {2, 0, 5}
     * Shapes.parse("()");        // {} (0-d)
     * }
     *
     * @param text the shape's text
     * @return the shape
     * @throws IllegalArgumentException if the text is not a shape, or the shape is invalid
     */
    public static long[] parse(String text) {
        String body = text.strip();
        if (body.length() >= 2 && (body.startsWith("(") && body.endsWith(")")
                || body.startsWith("[") && body.endsWith("]"))) {
            body = body.substring(1, body.length() - 1).strip();
        } else if (body.isEmpty()) {
            throw new IllegalArgumentException("not a shape: '" + text + "' (write () for a 0-d shape)");
        }
        if (body.isEmpty()) {
            return new long[0];
        }
        if (body.endsWith(",")) {
            body = body.substring(0, body.length() - 1);
        }
        String[] parts = body.split(",", -1);
        long[] shape = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Long.parseLong(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a shape: '" + text + "'", e);
            }
        }
        checkedSize(shape);
        return shape;
    }

    /**
     * Checks that a shape is valid: at most {@link #MAX_DIMS} dimensions, none negative,
     * and a product that fits in a {@code long}. A shape with a zero-size axis has 0 elements
     * whatever its other sizes are.
     *
     * {@snippet :
     * Shapes.checkedSize(new long[]{3, 4});               // 12
     * Shapes.checkedSize(new long[0]);                    // 1 (0-d)
     * Shapes.checkedSize(new long[]{0, Long.MAX_VALUE});  // 0
     * Shapes.checkedSize(new long[]{-1});                 // throws IllegalArgumentException
     * }
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
     * {@snippet :
     * Shapes.contiguousStrides(new long[]{2, 3, 4}); // {12, 4, 1}
     * }
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
