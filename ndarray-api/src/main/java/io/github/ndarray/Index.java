package io.github.ndarray;

/**
 * One element of a NumPy basic index: an integer, a slice, a new axis or an ellipsis.
 * {@link #parse(String)} reads NumPy's own syntax.
 *
 * {@snippet :
 * Index[] ix = Index.parse("1:, ::-1, None, ...");
 * NDArray v = a.get(Index.slice(1, null, null), Index.at(0));
 * }
 */
public sealed interface Index {
    /** A single integer position; it removes the axis. @param i the position, negative from the end */
    record At(long i) implements Index {
    }

    /** A slice {@code start:stop:step}; null parts take NumPy's defaults. */
    record Slice(Long start, Long stop, Long step) implements Index {
    }

    /** {@code None} / {@code np.newaxis}: inserts an axis of size 1. */
    record NewAxis() implements Index {
    }

    /** {@code ...}: as many full slices as needed. */
    record Ellipsis() implements Index {
    }

    /**
     * @param i the position
     * @return an integer index
     */
    static Index at(long i) {
        return new At(i);
    }

    /**
     * @param start start, or null
     * @param stop stop, or null
     * @param step step, or null (1); never 0
     * @return a slice
     */
    static Index slice(Long start, Long stop, Long step) {
        return new Slice(start, stop, step);
    }

    /** {@return a full slice, {@code :}} */
    static Index all() {
        return new Slice(null, null, null);
    }

    /** {@return {@code None}} */
    static Index newAxis() {
        return new NewAxis();
    }

    /** {@return {@code ...}} */
    static Index ellipsis() {
        return new Ellipsis();
    }

    /**
     * Parses NumPy's basic index syntax: comma-separated integers, slices
     * {@code start:stop:step}, {@code None}, {@code ...}.
     *
     * @param expression e.g. {@code "1:, ::-1, None, ..."}
     * @return the indices
     * @throws IllegalArgumentException if the expression is malformed
     */
    static Index[] parse(String expression) {
        return IndexParser.parse(expression).toArray(new Index[0]);
    }
}
