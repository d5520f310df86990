package io.github.ndarray;

/**
 * One element of a NumPy basic index: an integer, a slice, a new axis or an ellipsis.
 * {@link #parse(String)} reads NumPy's own syntax.
 *
 * {@snippet :
 * Index[] ix = Index.parse("1:, ::-1, None, ...");
 * NDArray v = a.get(Index.slice(1L, null, null), Index.at(0));   // a[1:, 0]
 * }
 *
 * <p>{@code toString()} writes each index in NumPy's syntax ({@code "1:"}, {@code "::-1"},
 * {@code "None"}, {@code "..."}), so that {@code Index.parse(index.toString())} gives it back.
 */
public sealed interface Index {
    /**
     * A single integer position; it removes the axis.
     *
     * @param i the position, negative counted from the end
     */
    record At(long i) implements Index {
        @Override
        public String toString() {
            return Long.toString(i);
        }
    }

    /**
     * A slice {@code start:stop:step}; null parts take NumPy's defaults. Bounds are clamped
     * to the axis as Python's {@code slice.indices} does; negatives count from the end.
     *
     * @param start first position, or null (0, or the last position when the step is negative)
     * @param stop the position to stop before, or null (past the end in the step's direction)
     * @param step the step, or null (1); never 0
     */
    record Slice(Long start, Long stop, Long step) implements Index {
        /**
         * Checks the step.
         *
         * @throws IllegalArgumentException if the step is 0
         */
        public Slice {
            if (step != null && step == 0) {
                throw new IllegalArgumentException("slice step cannot be zero");
            }
        }

        @Override
        public String toString() {
            String s = (start == null ? "" : start.toString()) + ":" + (stop == null ? "" : stop.toString());
            return step == null ? s : s + ":" + step;
        }
    }

    /** {@code None} / {@code np.newaxis}: inserts an axis of size 1. */
    record NewAxis() implements Index {
        @Override
        public String toString() {
            return "None";
        }
    }

    /** {@code ...}: as many full slices as needed. */
    record Ellipsis() implements Index {
        @Override
        public String toString() {
            return "...";
        }
    }

    /**
     * An integer index.
     *
     * @param i the position
     * @return the index
     */
    static Index at(long i) {
        return new At(i);
    }

    /**
     * A slice {@code start:stop:step}.
     *
     * @param start start, or null
     * @param stop stop, or null
     * @param step step, or null (1); never 0
     * @return a slice
     * @throws IllegalArgumentException if the step is 0
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
     * {@code start:stop:step} with any part omitted, {@code None}, {@code ...} (at most
     * once). Whitespace is ignored; the empty string means no index (a view of everything);
     * a single trailing comma is allowed, as in Python ({@code "1,"}).
     *
     * @param expression e.g. {@code "1:, ::-1, None, ..."}
     * @return the indices
     * @throws IllegalArgumentException if the expression is malformed
     */
    static Index[] parse(String expression) {
        return IndexParser.parse(expression).toArray(new Index[0]);
    }
}
