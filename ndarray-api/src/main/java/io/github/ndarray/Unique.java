package io.github.ndarray;

/**
 * The result of {@link ND#unique(NDArray, boolean, boolean, boolean)}, NumPy's
 * {@code np.unique(a, return_index, return_inverse, return_counts)}: the parts not asked for are
 * {@code null}. Closing it closes every part.
 *
 * {@snippet :
 * try (Unique u = ND.unique(ND.array(new long[] {3, 1, 3}), true, true, true)) {
 *     u.values();   // [1, 3]
 *     u.indices();  // [1, 0]  first occurrences
 *     u.inverse();  // [1, 0, 1]  a == values[inverse]
 *     u.counts();   // [1, 2]
 * }
 * }
 *
 * @param values the sorted unique values (NaNs counted as one, last)
 * @param indices int64 positions in the flattened input of each value's first occurrence, or null
 * @param inverse int64 positions in {@code values} of each input element, of the input's shape, or null
 * @param counts int64 number of occurrences of each value, or null
 */
public record Unique(NDArray values, NDArray indices, NDArray inverse, NDArray counts) implements AutoCloseable {
    @Override
    public void close() {
        for (NDArray a : new NDArray[] {values, indices, inverse, counts}) {
            if (a != null) {
                a.close();
            }
        }
    }
}
