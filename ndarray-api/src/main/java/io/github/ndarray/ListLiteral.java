package io.github.ndarray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A nested list literal of an index expression, {@code [[0, -1], [2, 0]]} or
 * {@code [True, False]}, read into a host array: int64 for integers, bool for booleans; the
 * empty list {@code []} is an empty int64 array, as NumPy takes it. Lists must be rectangular
 * and of one kind.
 */
final class ListLiteral {
    private final String text;
    private final Function<String, IllegalArgumentException> error;
    private int pos;
    private final List<Long> values = new ArrayList<>();
    private Boolean bool;
    /** The nesting depth of the numbers, once one is seen; -1 before. */
    private int leafDepth = -1;

    private ListLiteral(String text, Function<String, IllegalArgumentException> error) {
        this.text = text;
        this.error = error;
    }

    static NDArray parse(String text, Function<String, IllegalArgumentException> error) {
        ListLiteral p = new ListLiteral(text, error);
        List<Long> shape = new ArrayList<>();
        p.skipSpace();
        p.list(0, shape);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw error.apply("unexpected text after the list");
        }
        if (p.leafDepth >= 0 && p.leafDepth != shape.size()) {
            throw error.apply("the list is not rectangular (an empty list beside a nonempty one)");
        }
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        if (Boolean.TRUE.equals(p.bool)) {
            boolean[] b = new boolean[p.values.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = p.values.get(i) != 0;
            }
            return ND.array(b).reshape(dims);
        }
        return ND.array(p.values.stream().mapToLong(Long::longValue).toArray()).reshape(dims);
    }

    /** One bracketed list at nesting {@code depth}; records or checks the length of that level. */
    private void list(int depth, List<Long> shape) {
        if (leafDepth >= 0 && depth >= leafDepth) {
            throw error.apply("the list is not rectangular (a list where a number was expected)");
        }
        expect('[');
        long n = 0;
        skipSpace();
        while (peek() != ']') {
            if (peek() == '[') {
                list(depth + 1, shape);
            } else {
                if (leafDepth >= 0 && leafDepth != depth + 1) {
                    throw error.apply("the list is not rectangular (a number where a list was expected)");
                }
                leafDepth = depth + 1;
                scalar();
            }
            n++;
            skipSpace();
            if (peek() != ',') {
                break;
            }
            pos++;
            skipSpace();
        }
        expect(']');
        skipSpace();
        while (shape.size() <= depth) {
            shape.add(-1L);
        }
        if (shape.get(depth) < 0) {
            shape.set(depth, n);
        } else if (shape.get(depth) != n) {
            throw error.apply("the list is not rectangular (lengths " + shape.get(depth) + " and " + n + ")");
        }
    }

    private void scalar() {
        int start = pos;
        while (pos < text.length() && ",] \t".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String tok = text.substring(start, pos);
        boolean isBool = tok.equals("True") || tok.equals("False");
        if (bool != null && bool != isBool) {
            throw error.apply("a list index mixes booleans and integers");
        }
        bool = isBool;
        if (isBool) {
            values.add(tok.equals("True") ? 1L : 0L);
            return;
        }
        try {
            values.add(Long.parseLong(tok.startsWith("+") ? tok.substring(1) : tok));
        } catch (NumberFormatException e) {
            throw error.apply("\"" + tok + "\" is not an integer or True/False");
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error.apply("expected '" + c + "' at position " + pos);
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
