package io.github.ndarray;

/**
 * One element of a NumPy index: an integer, a slice, a new axis, an ellipsis, or an array of
 * integers or booleans (advanced indexing, see {@link NDArray#get(Index...)}).
 * {@link #parse(String)} reads NumPy's own syntax, list literals included.
 *
 * {@snippet :
 * Index[] ix = Index.parse("1:, ::-1, None, ...");
 * NDArray v = a.get(Index.slice(1L, null, null), Index.at(0));   // a[1:, 0]
 * NDArray w = a.get(Index.array(0, 2, 2), Index.all());          // a[[0, 2, 2], :]
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
     * An array index: an integer array picks positions along an axis (negatives from the
     * end), a bool array of k dimensions selects along k axes where it is true. Several array
     * indices broadcast together; see {@link NDArray#get(Index...)} for where their axes go.
     * An array on the host may index an array on any device (it is copied there, like a
     * literal); one on another device is refused.
     *
     * @param array the indices (an integer or bool array)
     */
    record Array(NDArray array) implements Index {
        /**
         * Checks the array is there.
         *
         * @throws IllegalArgumentException if it is null
         */
        public Array {
            if (array == null) {
                throw new IllegalArgumentException("an array index must not be null");
            }
        }

        @Override
        public String toString() {
            return IndexParser.literal(array);
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

    /**
     * An array index.
     *
     * @param array an integer or bool array
     * @return the index
     */
    static Index array(NDArray array) {
        return new Array(array);
    }

    /**
     * An integer-array index from positions ({@code a[[0, 2, 2]]}).
     *
     * @param positions positions, negative counted from the end
     * @return the index, over a host int64 array
     */
    static Index array(long... positions) {
        return new Array(ND.array(positions));
    }

    /**
     * A boolean-mask index ({@code a[[True, False, True]]}).
     *
     * @param mask true where selected
     * @return the index, over a host bool array
     */
    static Index mask(boolean... mask) {
        return new Array(ND.array(mask));
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
     * Parses NumPy's index syntax: comma-separated integers, slices
     * {@code start:stop:step} with any part omitted, {@code None}, {@code ...} (at most
     * once), and list literals of integers or of {@code True}/{@code False}, nested for more
     * dimensions ({@code "[[0, 1], [2, 0]], 1:"}), which become host {@link Array} indices. Whitespace is ignored; the empty string means no index (a view of everything);
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
