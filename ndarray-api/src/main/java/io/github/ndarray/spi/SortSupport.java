package io.github.ndarray.spi;

import io.github.ndarray.NDArray;

/**
 * Sorting and binary search, an optional capability of a {@link Backend}. Rows are the last
 * axis of C-contiguous arrays: the api moves the sorted axis last and copies before calling.
 * The order is NumPy's: ascending, NaN after everything else, {@code -0.0} equal to
 * {@code 0.0}; bool as 0/1, uint8 unsigned.
 *
 * {@snippet :
 * SortSupport s = backend.capability(SortSupport.class); // null if the backend has none
 * }
 */
public interface SortSupport {
    /**
     * Sorts every row of {@code a} in place.
     *
     * @param a C-contiguous, any dtype, at least one dimension
     */
    void sort(NDArray a);

    /**
     * The stable sorting permutation of every row: {@code out[..., j]} is the position in its
     * row of the j-th smallest element; equal elements keep their order.
     *
     * @param a C-contiguous, any dtype, at least one dimension
     * @param out int64, C-contiguous, a's shape
     */
    void argsort(NDArray a, NDArray out);

    /**
     * For each value, where it would be inserted in the sorted row to keep it sorted
     * ({@code np.searchsorted}): the first position whose element is not less than the value
     * ({@code right == false}), or the first whose element is greater ({@code right == true}).
     *
     * @param sorted 1-D, C-contiguous, sorted in this interface's order
     * @param values C-contiguous, of sorted's dtype
     * @param right which side of equal elements
     * @param out int64, C-contiguous, values' shape
     */
    void searchsorted(NDArray sorted, NDArray values, boolean right, NDArray out);
}
