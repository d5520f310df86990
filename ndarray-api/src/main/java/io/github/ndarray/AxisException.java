package io.github.ndarray;

/**
 * An axis argument out of range or repeated, like NumPy's {@code AxisError}: it is an
 * {@link IllegalArgumentException}, with NumPy's message, e.g.
 * {@code axis 2 is out of bounds for array of dimension 2}.
 */
public final class AxisException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message
     */
    public AxisException(String message) {
        super(message);
    }

    /**
     * Normalizes an axis that may be negative (counted from the end).
     *
     * @param axis the axis
     * @param ndim the number of dimensions
     * @return the axis in {@code [0, ndim)}
     * @throws AxisException if out of range
     */
    public static int normalize(long axis, int ndim) {
        if (axis < -ndim || axis >= ndim) {
            throw new AxisException("axis " + axis + " is out of bounds for array of dimension " + ndim);
        }
        return (int) (axis < 0 ? axis + ndim : axis);
    }

    /**
     * Normalizes a set of axes; repeated axes are refused.
     *
     * @param axes the axes, possibly negative
     * @param ndim the number of dimensions
     * @return a mask with {@code true} at each named axis
     * @throws AxisException if an axis is out of range or repeated
     */
    public static boolean[] normalizeSet(int[] axes, int ndim) {
        boolean[] mask = new boolean[ndim];
        for (int a : axes) {
            int n = normalize(a, ndim);
            if (mask[n]) {
                throw new AxisException("duplicate value in 'axis'");
            }
            mask[n] = true;
        }
        return mask;
    }
}
