package io.github.ndarray;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads NumPy's index syntax into {@link Index} values: comma-separated items, each an
 * integer ({@code -1}), a slice {@code start:stop:step} with any part omitted ({@code :},
 * {@code ::2}, {@code 1:}, {@code ::-1}), {@code None}, {@code ...} (at most once), or a
 * list literal of integers or of {@code True}/{@code False}, nested for more dimensions
 * ({@code [[0, 1], [2, 0]]}), read into a host int64 or bool {@link Index.Array}.
 * Whitespace anywhere around the parts is ignored. The empty string is the empty tuple
 * ({@code a[()]}); one trailing comma is allowed as in Python ({@code "1,"} is {@code a[1,]}).
 *
 * <p>Errors are {@link IllegalArgumentException}s whose message names the problem and quotes
 * the whole expression.
 */
final class IndexParser {
    private IndexParser() {
    }

    static List<Index> parse(String expression) {
        if (expression == null) {
            throw new IllegalArgumentException("index expression must not be null");
        }
        List<Index> out = new ArrayList<>();
        if (expression.isBlank()) {
            return out;
        }
        String[] items = topLevelItems(expression);
        boolean ellipsis = false;
        for (int k = 0; k < items.length; k++) {
            String item = items[k].strip();
            if (item.isEmpty()) {
                if (k == items.length - 1 && k > 0) {
                    break; // Python's trailing comma: "1," is the tuple (1,)
                }
                throw error(expression, "item " + (k + 1) + " is empty (two commas in a row, or a comma at the start)");
            }
            Index ix = item(expression, item, k + 1);
            if (ix instanceof Index.Ellipsis) {
                if (ellipsis) {
                    throw error(expression, "an index can only have a single ellipsis ('...')");
                }
                ellipsis = true;
            }
            out.add(ix);
        }
        return out;
    }

    /** The comma-separated items, commas inside list literals' brackets not counted. */
    private static String[] topLevelItems(String expression) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                if (--depth < 0) {
                    throw error(expression, "unbalanced ']'");
                }
            } else if (c == ',' && depth == 0) {
                items.add(expression.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw error(expression, "unbalanced '['");
        }
        items.add(expression.substring(start));
        return items.toArray(new String[0]);
    }

    private static Index item(String expression, String item, int position) {
        if (item.startsWith("[")) {
            return new Index.Array(ListLiteral.parse(item, msg -> error(expression, "item " + position + " \""
                    + item + "\": " + msg)));
        }
        if (item.equals("...")) {
            return Index.ellipsis();
        }
        if (item.equals("None")) {
            return Index.newAxis();
        }
        if (item.indexOf(':') >= 0) {
            String[] parts = item.split(":", -1);
            if (parts.length > 3) {
                throw error(expression, "item " + position + " \"" + item + "\" has " + parts.length
                        + " parts; a slice has at most three, start:stop:step");
            }
            Long start = bound(expression, parts[0], item, position);
            Long stop = bound(expression, parts[1], item, position);
            Long step = parts.length == 3 ? bound(expression, parts[2], item, position) : null;
            if (step != null && step == 0) {
                throw error(expression, "slice step cannot be zero (item " + position + " \"" + item + "\")");
            }
            return Index.slice(start, stop, step);
        }
        if (isInteger(item)) {
            return Index.at(integer(expression, item, item, position));
        }
        throw error(expression, "item " + position + " \"" + item
                + "\" is not an integer, a slice start:stop:step, None or ...");
    }

    /** One part of a slice: empty means null (the default). */
    private static Long bound(String expression, String part, String item, int position) {
        String p = part.strip();
        if (p.isEmpty()) {
            return null;
        }
        if (!isInteger(p)) {
            throw error(expression, "\"" + p + "\" in slice \"" + item + "\" (item " + position
                    + ") is not an integer");
        }
        return integer(expression, p, item, position);
    }

    /** An optional sign, optional whitespace after it (Python allows {@code - 1}), then ASCII digits. */
    private static boolean isInteger(String s) {
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long integer(String expression, String s, String item, int position) {
        boolean negative = s.charAt(0) == '-';
        String digits = s.charAt(0) == '-' || s.charAt(0) == '+' ? s.substring(1).strip() : s;
        try {
            return Long.parseLong(negative ? "-" + digits : digits);
        } catch (NumberFormatException e) {
            throw error(expression, "the number " + s + " in item " + position + " \"" + item
                    + "\" does not fit in a 64-bit long");
        }
    }

    private static IllegalArgumentException error(String expression, String detail) {
        return new IllegalArgumentException("invalid index \"" + expression + "\": " + detail);
    }

    /** An array index written back as a list literal ({@code [[0,1],[2,0]]}, {@code [True,False]}). */
    static String literal(NDArray a) {
        StringBuilder sb = new StringBuilder();
        boolean bool = a.dtype() == DType.BOOL;
        long[] v = a.toLongArray();
        long[] shape = a.shape();
        if (shape.length == 0) {
            return bool ? (v[0] != 0 ? "True" : "False") : Long.toString(v[0]);
        }
        literal(sb, v, shape, 0, new long[] {0}, bool);
        return sb.toString();
    }

    private static void literal(StringBuilder sb, long[] v, long[] shape, int axis, long[] next, boolean bool) {
        sb.append('[');
        for (long i = 0; i < shape[axis]; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (axis == shape.length - 1) {
                long x = v[(int) next[0]++];
                sb.append(bool ? (x != 0 ? "True" : "False") : Long.toString(x));
            } else {
                literal(sb, v, shape, axis + 1, next, bool);
            }
        }
        sb.append(']');
    }
}
