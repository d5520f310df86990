package io.github.ndarray.spi;

import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;

/**
 * Gathers, scatters and the search for nonzero elements: the kernels under NumPy's advanced
 * indexing ({@code a[idx]}, {@code a[idx] = v}, {@code np.take}, {@code np.add.at},
 * {@code np.nonzero}), an optional capability of a {@link Backend}. The api has validated
 * everything before a call: every index is an int64 array in bounds and non-negative, all
 * index arrays have one shape {@code B} and are C-contiguous, operands live on the backend's
 * device and have the dtypes stated below.
 *
 * <p>Shapes: {@code src} (and {@code dst}) is {@code (n0, ..., n(k-1), R...)} where {@code k}
 * is the number of index arrays; the other operand is {@code (B..., R...)}: one row of shape
 * {@code R} per index tuple.
 *
 * {@snippet :
 * IndexSupport ix = backend.capability(IndexSupport.class); // null if the backend has none
 * }
 */
public interface IndexSupport {
    /**
     * {@code out[b..., r...] = src[indices[0][b...], ..., indices[k-1][b...], r...]}.
     *
     * @param src the array read, any strides
     * @param indices k int64 arrays of shape B, C-contiguous, each in {@code [0, n_j)}
     * @param out the result, shape {@code B + R}, of src's dtype, any strides, not overlapping src
     */
    void gather(NDArray src, NDArray[] indices, NDArray out);

    /**
     * Writes rows of {@code values} at the indexed positions of {@code dst}, index tuples taken
     * in C order of {@code B}. With {@code op == null} each row is stored (a position indexed
     * twice keeps the last row, NumPy's {@code a[idx] = v}); otherwise it is combined,
     * {@code dst[i] = op(dst[i], values[b])}, so repeated positions accumulate
     * ({@code np.add.at}).
     *
     * @param dst the array written, any strides (no two of its indices share an element)
     * @param indices k int64 arrays of shape B, C-contiguous, each in {@code [0, n_j)}
     * @param values rows of dst's dtype, shape {@code B + R} (stride 0 where broadcast), not overlapping dst
     * @param op a binary ufunc whose {@code loop} takes and gives dst's dtype, or {@code null} to store
     * @param loop the resolved loop of {@code op}, or {@code null}
     */
    void scatter(NDArray dst, NDArray[] indices, NDArray values, Ufunc op, Ufunc.Loop loop);

    /**
     * {@return how many elements of {@code a} are nonzero (true, NaN counts as nonzero)}
     *
     * @param a any dtype, any strides
     */
    long countNonzero(NDArray a);

    /**
     * The coordinates of the nonzero elements of {@code a}, in C order ({@code np.argwhere}).
     *
     * @param a any dtype, any strides
     * @param out int64, C-contiguous, shape {@code (countNonzero(a), a.ndim())}
     */
    void nonzero(NDArray a, NDArray out);
}
