package io.github.ndarray;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads NumPy's basic index syntax into {@link Index} values: comma-separated items, each an
 * integer ({@code -1}), a slice {@code start:stop:step} with any part omitted ({@code :},
 * {@code ::2}, {@code 1:}, {@code ::-1}), {@code None}, or {@code ...} (at most once).
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
        String[] items = expression.split(",", -1);
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

    private static Index item(String expression, String item, int position) {
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
}
