package io.github.ndarray.broadcasting;

/**
 * NumPy's broadcasting rules: align shapes on the right; two sizes agree when they are equal
 * or one of them is 1; a missing leading axis counts as 1.
 *
 * {@snippet :
 * long[] r = Broadcast.shape(new long[]{3, 1}, new long[]{2});     // {3, 2}
 * long[] s = Broadcast.strides(new long[]{3, 1}, new long[]{1, 1}, r); // {1, 0}
 * }
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * The shape that the given shapes broadcast to.
     *
     * @param shapes any number of shapes (none gives {@code ()})
     * @return the broadcast shape
     * @throws BroadcastException if two shapes disagree on an axis
     * @throws IllegalArgumentException if a shape has a negative size or too many dimensions
     */
    public static long[] shape(long[]... shapes) {
        int ndim = 0;
        for (long[] s : shapes) {
            Shapes.checkedSize(s);
            ndim = Math.max(ndim, s.length);
        }
        long[] result = new long[ndim];
        java.util.Arrays.fill(result, 1);
        for (long[] s : shapes) {
            int lead = ndim - s.length;
            for (int i = 0; i < s.length; i++) {
                long d = s[i];
                long r = result[lead + i];
                if (d == r || d == 1) {
                    continue;
                }
                if (r == 1) {
                    result[lead + i] = d;
                } else {
                    throw new BroadcastException(shapes);
                }
            }
        }
        return result;
    }

    /**
     * The strides with which an operand is read when broadcast to {@code target}: stride 0 on
     * the axes it is stretched along and on the leading axes it lacks.
     *
     * @param shape the operand's shape
     * @param strides the operand's strides (any unit)
     * @param target a shape that {@code shape} broadcasts to
     * @return strides of length {@code target.length}
     * @throws BroadcastException if {@code shape} does not broadcast to {@code target}
     */
    public static long[] strides(long[] shape, long[] strides, long[] target) {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("shape and strides differ in length");
        }
        if (shape.length > target.length) {
            throw new BroadcastException(shape, target);
        }
        long[] out = new long[target.length];
        int lead = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            long d = shape[i];
            long t = target[lead + i];
            if (d == t) {
                out[lead + i] = t == 1 ? 0 : strides[i];
            } else if (d == 1) {
                out[lead + i] = 0;
            } else {
                throw new BroadcastException(shape, target);
            }
        }
        return out;
    }
}
