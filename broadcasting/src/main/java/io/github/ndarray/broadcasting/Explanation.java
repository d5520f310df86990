package io.github.ndarray.broadcasting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A step-by-step account of NumPy's broadcasting rules applied to some shapes, written for a
 * learner: the shapes padded on the left with 1s (rule 1), each axis compared from the right
 * (rule 2), and the first axis where the sizes neither match nor include a 1 (rule 3).
 * Made by {@link Broadcast#explain}; immutable.
 *
 * {@snippet :
 * Explanation e = Broadcast.explain(new long[]{1, 10, 3}, new long[]{10, 1, 3});
 * e.broadcasts();          // true
 * e.result().get();        // {10, 10, 3}
 * e.steps().get(1);        // "axis -1: sizes 3, 3 -> equal, result 3"
 * System.out.println(e);   // the header line, then one line per step
 * }
 */
public final class Explanation {
    private final long[][] shapes;
    private final String header;
    private final List<String> steps;
    private final long[] result;
    private final int ndim;
    private final int failingAxis;

    /**
     * @param result the broadcast shape, or {@code null} when broadcasting fails
     * @param failingAxis the failing axis counted from the left of the padded shapes, or -1
     */
    Explanation(long[][] shapes, String header, List<String> steps, long[] result, int ndim, int failingAxis) {
        this.shapes = copy(shapes);
        this.header = header;
        this.steps = List.copyOf(steps);
        this.result = result == null ? null : result.clone();
        this.ndim = ndim;
        this.failingAxis = failingAxis;
    }

    /**
     * {@return copies of the shapes that were explained, in the order given}
     *
     * {@snippet :
     * Broadcast.explain(new long[]{3}, new long[0]).shapes(); // [{3}, {}]
     * }
     */
    public List<long[]> shapes() {
        List<long[]> list = new ArrayList<>(shapes.length);
        for (long[] s : shapes) {
            list.add(s.clone());
        }
        return List.copyOf(list);
    }

    /**
     * {@return the number of axes after padding: the length of the longest shape}
     *
     * {@snippet :
     * Broadcast.explain(new long[]{2, 1, 3}, new long[]{3}).ndim(); // 3
     * }
     */
    public int ndim() {
        return ndim;
    }

    /**
     * {@return the first line of {@link #toString()}, naming the shapes}
     *
     * {@snippet :
     * Broadcast.explain(new long[]{3, 1}, new long[]{1, 2}).header(); // "shapes (3,1) and (1,2)"
     * }
     */
    public String header() {
        return header;
    }

    /**
     * {@return the steps in order, one line each: rule 1's padding, one line per axis compared
     * (right to left, stopping at a failing axis), then the result or the error}
     *
     * {@snippet :
     * Broadcast.explain(new long[]{3, 1}, new long[]{1, 2}).steps();
     * // [rule 1: pad on the left with 1s -> (3,1) (1,2),
     * //  axis -1: sizes 1, 2 -> 1 stretches to 2,
     * //  axis -2: sizes 3, 1 -> 1 stretches to 3,
     * //  result (3,2)]
     * }
     */
    public List<String> steps() {
        return steps;
    }

    /**
     * {@return whether the shapes broadcast together}
     *
     * {@snippet :
     * Broadcast.explain(new long[]{3}, new long[]{2}).broadcasts(); // false
     * }
     */
    public boolean broadcasts() {
        return result != null;
    }

    /**
     * {@return a copy of the broadcast shape, or empty when the shapes do not broadcast}
     *
     * {@snippet :
     * Broadcast.explain(new long[]{0}, new long[]{1}).result(); // Optional[{0}]
     * Broadcast.explain(new long[]{0}, new long[]{3}).result(); // Optional.empty
     * }
     */
    public Optional<long[]> result() {
        return result == null ? Optional.empty() : Optional.of(result.clone());
    }

    /**
     * {@return the axis where broadcasting fails, counted from the left of the padded shapes
     * (so it indexes the would-be result), or empty when the shapes broadcast}
     *
     * {@snippet :
     * Broadcast.explain(new long[]{3, 4, 6, 2}, new long[]{3, 5, 1, 2}).failingAxis(); // OptionalInt[1]
     * }
     */
    public OptionalInt failingAxis() {
        return failingAxis < 0 ? OptionalInt.empty() : OptionalInt.of(failingAxis);
    }

    /**
     * {@return the failing axis counted from the right as a negative number, as in "axis -3",
     * or empty when the shapes broadcast}
     *
     * {@snippet :
     * Broadcast.explain(new long[]{3, 4, 6, 2}, new long[]{3, 5, 1, 2}).failingAxisFromRight(); // OptionalInt[-3]
     * }
     */
    public OptionalInt failingAxisFromRight() {
        return failingAxis < 0 ? OptionalInt.empty() : OptionalInt.of(failingAxis - ndim);
    }

    /**
     * {@return the header and the steps, one per line}
     *
     * {@snippet :
     * System.out.println(Broadcast.explain(new long[]{5, 1}, new long[]{1, 5}));
     * // shapes (5,1) and (1,5)
     * // rule 1: pad on the left with 1s -> (5,1) (1,5)
     * // axis -1: sizes 1, 5 -> 1 stretches to 5
     * // axis -2: sizes 5, 1 -> 1 stretches to 5
     * // result (5,5)
     * }
     */
    @Override
    public String toString() {
        return header + "\n" + String.join("\n", steps);
    }

    /**
     * Two explanations are equal when they explain equal shapes (and so say the same).
     *
     * {@snippet :
     * Broadcast.explain(new long[]{2}).equals(Broadcast.explain(new long[]{2})); // true
     * }
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Explanation e && Arrays.deepEquals(shapes, e.shapes);
    }

    /**
     * {@return a hash code consistent with {@link #equals}}
     *
     * {@snippet :
     * int h = Broadcast.explain(new long[]{2}).hashCode();
     * }
     */
    @Override
    public int hashCode() {
        return Arrays.deepHashCode(shapes);
    }

    private static long[][] copy(long[][] shapes) {
        long[][] c = new long[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            c[i] = shapes[i].clone();
        }
        return c;
    }
}
