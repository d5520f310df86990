package io.github.ndarray.broadcasting;

import java.util.Arrays;

/**
 * NumPy's broadcasting rules: align shapes on the right; two sizes agree when they are equal
 * or one of them is 1; a missing leading axis counts as 1.
 *
 * {@snippet :
 * long[] r = Broadcast.shape(new long[]{3, 1}, new long[]{2});     // {3, 2}
 * long[] s = Broadcast.strides(new long[]{3, 1}, new long[]{1, 1}, r); // {1, 0}
 * System.out.println(Broadcast.explain(new long[]{3, 1}, new long[]{2})); // the rules, step by step
 * }
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * The shape that the given shapes broadcast to.
     *
     * {@snippet :
     * Broadcast.shape(new long[]{5, 1}, new long[]{1, 5});   // {5, 5}
     * Broadcast.shape(new long[]{0}, new long[]{1});         // {0}
     * Broadcast.shape(new long[]{3}, new long[]{2});
     * // throws BroadcastException: operands could not be broadcast together with shapes (3,) (2,)
     * }
     *
     * @param shapes any number of shapes (none gives {@code ()})
     * @return the broadcast shape
     * @throws BroadcastException if two shapes disagree on an axis
     * @throws IllegalArgumentException if a shape has a negative size or too many dimensions,
     *         or the broadcast shape has more elements than a {@code long} can count
     */
    public static long[] shape(long[]... shapes) {
        int ndim = checkedNdim(shapes);
        long[] result = new long[ndim];
        Arrays.fill(result, 1);
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
        checkResultSize(result);
        return result;
    }

    /**
     * Explains, step by step, how NumPy's three rules apply to the given shapes: pad on the
     * left with 1s; compare the axes right to left, where equal sizes agree and a 1 stretches;
     * fail at the first axis where neither holds. It agrees with {@link #shape} on every input.
     *
     * {@snippet :
     * Explanation e = Broadcast.explain(new long[]{3, 4, 6, 2}, new long[]{3, 5, 1, 2});
     * e.broadcasts();      // false
     * e.failingAxis();     // OptionalInt[1]
     * System.out.println(e);
     * // shapes (3,4,6,2) and (3,5,1,2)
     * // rule 1: pad on the left with 1s -> (3,4,6,2) (3,5,1,2)
     * // axis -1: sizes 2, 2 -> equal, result 2
     * // axis -2: sizes 6, 1 -> 1 stretches to 6
     * // axis -3: sizes 4, 5 -> neither equal nor 1: cannot broadcast (fails at axis 1)
     * // rule 3: error: operands could not be broadcast together with shapes (3,4,6,2) (3,5,1,2)
     * }
     *
     * @param shapes any number of shapes (none gives {@code ()})
     * @return the explanation; it never throws for shapes that merely disagree
     * @throws IllegalArgumentException if a shape has a negative size or too many dimensions,
     *         or the broadcast shape has more elements than a {@code long} can count
     */
    public static Explanation explain(long[]... shapes) {
        return Explainer.explain(shapes);
    }

    /**
     * The strides with which an operand is read when broadcast to {@code target}: stride 0 on
     * the axes it is stretched along and on the leading axes it lacks.
     *
     * {@snippet :
     * // a (3,1) C-contiguous operand read as (2,3,4)
     * Broadcast.strides(new long[]{3, 1}, new long[]{1, 1}, new long[]{2, 3, 4}); // {0, 1, 0}
     * }
     *
     * @param shape the operand's shape
     * @param strides the operand's strides (any unit)
     * @param target a shape that {@code shape} broadcasts to
     * @return strides of length {@code target.length}
     * @throws BroadcastException if {@code shape} does not broadcast to {@code target}
     * @throws IllegalArgumentException if {@code shape} and {@code strides} differ in length,
     *         or a shape is invalid
     */
    public static long[] strides(long[] shape, long[] strides, long[] target) {
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("shape and strides differ in length: "
                    + Shapes.format(shape) + " and " + strides.length + " strides");
        }
        Shapes.checkedSize(shape);
        Shapes.checkedSize(target);
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

    /** Validates every shape and returns the longest length. */
    static int checkedNdim(long[][] shapes) {
        int ndim = 0;
        for (long[] s : shapes) {
            Shapes.checkedSize(s);
            ndim = Math.max(ndim, s.length);
        }
        return ndim;
    }

    /** Rejects a broadcast result whose element count overflows, as NumPy does. */
    static void checkResultSize(long[] result) {
        try {
            Shapes.checkedSize(result);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broadcast dimensions too large: " + Shapes.format(result), e);
        }
    }
}
