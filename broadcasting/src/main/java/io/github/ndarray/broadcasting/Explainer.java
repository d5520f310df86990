package io.github.ndarray.broadcasting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/** Applies NumPy's three broadcasting rules one step at a time and writes each step down. */
final class Explainer {
    private Explainer() {
    }

    static Explanation explain(long[][] shapes) {
        int ndim = Broadcast.checkedNdim(shapes);
        long[][] padded = padLeft(shapes, ndim);
        List<String> steps = new ArrayList<>();
        steps.add("rule 1: pad on the left with 1s -> " + (shapes.length == 0 ? "nothing to pad" : formatAll(padded)));
        if (ndim == 0) {
            steps.add("no axes to compare: every shape is 0-d");
        }
        long[] result = new long[ndim];
        for (int k = 1; k <= ndim; k++) {
            int axis = ndim - k;
            long[] sizes = column(padded, axis);
            String prefix = "axis -" + k + ": " + (sizes.length == 1 ? "size " : "sizes ") + join(sizes) + " -> ";
            int first = firstNotOne(sizes, -1);
            int second = first < 0 ? -1 : firstNotOne(sizes, sizes[first]);
            if (second >= 0) {
                String clash = sizes.length == 2 ? "" : sizes[first] + " and " + sizes[second] + " are ";
                steps.add(prefix + clash + "neither equal nor 1: cannot broadcast (fails at axis " + axis + ")");
                steps.add("rule 3: error: " + BroadcastException.message(shapes));
                return new Explanation(shapes, header(shapes), steps, null, ndim, axis);
            }
            result[axis] = first < 0 ? 1 : sizes[first];
            steps.add(prefix + agreement(sizes, result[axis]));
        }
        Broadcast.checkResultSize(result);
        steps.add("result " + Shapes.format(result));
        return new Explanation(shapes, header(shapes), steps, result, ndim, -1);
    }

    private static String header(long[][] shapes) {
        if (shapes.length == 0) {
            return "no shapes";
        }
        StringBuilder sb = new StringBuilder(shapes.length == 1 ? "shape " : "shapes ");
        for (int i = 0; i < shapes.length; i++) {
            if (i > 0) {
                sb.append(i == shapes.length - 1 ? " and " : ", ");
            }
            sb.append(Shapes.format(shapes[i]));
        }
        return sb.toString();
    }

    private static long[][] padLeft(long[][] shapes, int ndim) {
        long[][] padded = new long[shapes.length][ndim];
        for (int i = 0; i < shapes.length; i++) {
            int lead = ndim - shapes[i].length;
            Arrays.fill(padded[i], 0, lead, 1);
            System.arraycopy(shapes[i], 0, padded[i], lead, shapes[i].length);
        }
        return padded;
    }

    private static long[] column(long[][] padded, int axis) {
        long[] sizes = new long[padded.length];
        for (int i = 0; i < padded.length; i++) {
            sizes[i] = padded[i][axis];
        }
        return sizes;
    }

    /** Index of the first size that is neither 1 nor {@code other}, or -1. */
    private static int firstNotOne(long[] sizes, long other) {
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] != 1 && sizes[i] != other) {
                return i;
            }
        }
        return -1;
    }

    /** Rule 2 in words, for sizes that agree on {@code size}. */
    private static String agreement(long[] sizes, long size) {
        for (long s : sizes) {
            if (s != size) {
                return "1 stretches to " + size;
            }
        }
        return (sizes.length == 1 ? "" : "equal, ") + "result " + size;
    }

    private static String formatAll(long[][] shapes) {
        StringJoiner j = new StringJoiner(" ");
        for (long[] s : shapes) {
            j.add(Shapes.format(s));
        }
        return j.toString();
    }

    private static String join(long[] sizes) {
        StringJoiner j = new StringJoiner(", ");
        for (long s : sizes) {
            j.add(Long.toString(s));
        }
        return j.toString();
    }
}
