package io.github.ndarray.broadcasting;

import java.util.Arrays;

/**
 * Merges adjacent axes that every operand walks as one, so that a loop over an N-d
 * broadcast or strided operation runs over as few, as long, 1-D strips as possible.
 *
 * <p>Axes {@code i} and {@code i+1} merge when, for every operand,
 * {@code stride[i] == stride[i+1] * shape[i+1]}; axes of size 1 are dropped. The result
 * keeps at least one axis (a 0-d or all-ones shape becomes {@code (1,)} with stride 0), so
 * that loops need no special case for 0-d.
 *
 * {@snippet :
 * // a C-contiguous (2,3,4) array and a (4,) operand broadcast against it
 * Coalesce c = Coalesce.of(new long[]{2, 3, 4}, new long[][]{{12, 4, 1}, {0, 0, 1}});
 * // c.shape() == {6, 4}: the first two axes merge for both operands
 * }
 *
 * @param shape the merged shape, outermost first
 * @param strides per operand, strides of the merged axes
 */
public record Coalesce(long[] shape, long[][] strides) {

    /**
     * Coalesces a shape walked by several operands.
     *
     * {@snippet :
     * // a transposed (3,2) view of a contiguous (2,3) array: its axes cannot merge
     * Coalesce.of(new long[]{3, 2}, new long[][]{{1, 3}}).shape();  // {3, 2}
     * // a 0-d operation
     * Coalesce.of(new long[0], new long[][]{{}, {}}).shape();         // {1}
     * }
     *
     * @param shape the common (broadcast) shape
     * @param strides one stride array per operand, each of {@code shape.length}
     * @return the merged shape and strides, in new arrays the caller may change
     * @throws IllegalArgumentException if an operand's strides differ in length from the shape
     */
    public static Coalesce of(long[] shape, long[][] strides) {
        int nop = strides.length;
        int n = shape.length;
        for (int k = 0; k < nop; k++) {
            if (strides[k].length != n) {
                throw new IllegalArgumentException("operand " + k + " has " + strides[k].length
                        + " strides for the " + n + " axes of " + Shapes.format(shape));
            }
        }
        long[] outShape = new long[Math.max(n, 1)];
        long[][] outStrides = new long[nop][outShape.length];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (shape[i] == 1) {
                continue;
            }
            if (m > 0 && mergeable(outStrides, m - 1, shape[i], strides, i)) {
                outShape[m - 1] *= shape[i];
                for (int k = 0; k < nop; k++) {
                    outStrides[k][m - 1] = strides[k][i];
                }
                continue;
            }
            outShape[m] = shape[i];
            for (int k = 0; k < nop; k++) {
                outStrides[k][m] = strides[k][i];
            }
            m++;
        }
        if (m == 0) {
            return new Coalesce(new long[] {1}, new long[nop][1]);
        }
        long[] finalShape = Arrays.copyOf(outShape, m);
        long[][] finalStrides = new long[nop][];
        for (int k = 0; k < nop; k++) {
            finalStrides[k] = Arrays.copyOf(outStrides[k], m);
        }
        return new Coalesce(finalShape, finalStrides);
    }

    /**
     * Two results are equal when their shapes and strides hold the same numbers.
     *
     * {@snippet :
     * Coalesce.of(new long[]{2, 3}, new long[][]{{3, 1}})
     *         .equals(new Coalesce(new long[]{6}, new long[][]{{1}})); // true
     * }
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Coalesce c && Arrays.equals(shape, c.shape)
                && Arrays.deepEquals(strides, c.strides);
    }

    /**
     * {@return a hash code consistent with {@link #equals}}
     *
     * {@snippet :
     * int h = Coalesce.of(new long[]{2, 3}, new long[][]{{3, 1}}).hashCode();
     * }
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.deepHashCode(strides);
    }

    /**
     * {@return the shape and the strides, readable}
     *
     * {@snippet :
     * Coalesce.of(new long[]{2, 3}, new long[][]{{3, 1}}).toString(); // "Coalesce[shape=(6,), strides=[[1]]]"
     * }
     */
    @Override
    public String toString() {
        return "Coalesce[shape=" + Shapes.format(shape) + ", strides=" + Arrays.deepToString(strides) + "]";
    }

    private static boolean mergeable(long[][] outer, int j, long innerSize, long[][] inner, int i) {
        for (int k = 0; k < outer.length; k++) {
            if (outer[k][j] != inner[k][i] * innerSize) {
                return false;
            }
        }
        return true;
    }
}
