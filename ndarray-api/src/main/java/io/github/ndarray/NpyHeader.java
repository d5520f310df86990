package io.github.ndarray;

import io.github.ndarray.broadcasting.Shapes;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a {@code .npy} file: what the Python dict literal says, checked, plus where
 * the data starts. {@link #parse} is a small strict parser for exactly the literal NumPy
 * writes, {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}, and
 * {@link #format} writes the header bytes exactly as NumPy 2 writes them.
 *
 * <p>The parser accepts what Python's {@code ast.literal_eval} accepts for this form: the
 * three keys in any order, each exactly once, in single or double quotes; whitespace
 * (space, tab, newline, CR, form feed) between tokens; an optional trailing comma in the
 * dict and in the shape tuple; {@code ()} and {@code (5,)}; and, as NumPy's reader does
 * for files written on Python 2, an {@code L} suffix on the dimensions. It refuses anything
 * else: other keys, escapes in strings, string prefixes, comments, integer forms other
 * than plain decimal, text after the closing brace except whitespace.
 *
 * @param dtype the element type
 * @param swap whether the data's byte order differs from the native order of host memory
 * @param fortranOrder whether the data is in column-major (Fortran) order
 * @param shape the shape, checked: no negative dimensions, at most 64 of them, a product
 *     and a byte size that fit a {@code long}
 */
record NpyHeader(DType dtype, boolean swap, boolean fortranOrder, long[] shape) {

    /** NumPy's {@code GROWTH_AXIS_MAX_DIGITS}: the header leaves room to grow axis 0. */
    static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** NumPy's {@code ARRAY_ALIGN}: the data starts at a multiple of this many bytes. */
    static final int ARRAY_ALIGN = 64;
    /** The magic string's 6 bytes, then the major and minor version bytes. */
    static final int MAGIC_LEN = 8;

    /** {@return the number of elements} */
    long size() {
        return Shapes.checkedSize(shape);
    }

    /** {@return the number of data bytes; the constructor checked that it fits} */
    long byteSize() {
        return size() * dtype.itemSize();
    }

    // ------------------------------------------------------------------ writing

    /**
     * The header bytes NumPy 2 writes for a little-endian, C-order array: magic, version,
     * header length, the dict with keys sorted, spaces to let axis 0 grow, then spaces and
     * a newline so that the data starts at a multiple of 64 bytes. Version 1.0, or 2.0 if
     * the header does not fit a 2-byte length (never, with at most 64 dimensions).
     *
     * @param descr the dtype's descr, e.g. {@code <f8}
     * @param shape the shape
     * @return the bytes that precede the data
     */
    static byte[] format(String descr, long[] shape) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': ")
                .append(pythonTuple(shape)).append(", }");
        if (shape.length > 0) {
            sb.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        byte[] dict = sb.toString().getBytes(StandardCharsets.US_ASCII);
        int hlen = dict.length + 1;
        int lengthBytes = 2;
        int pad = ARRAY_ALIGN - ((MAGIC_LEN + lengthBytes + hlen) % ARRAY_ALIGN);
        int major = 1;
        if (hlen + pad > 0xFFFF) {
            major = 2;
            lengthBytes = 4;
            pad = ARRAY_ALIGN - ((MAGIC_LEN + lengthBytes + hlen) % ARRAY_ALIGN);
        }
        int total = hlen + pad;
        byte[] out = new byte[MAGIC_LEN + lengthBytes + total];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = (byte) major;
        out[7] = 0;
        for (int i = 0; i < lengthBytes; i++) {
            out[MAGIC_LEN + i] = (byte) (total >>> (8 * i));
        }
        int p = MAGIC_LEN + lengthBytes;
        System.arraycopy(dict, 0, out, p, dict.length);
        p += dict.length;
        for (int i = 0; i < pad; i++) {
            out[p++] = ' ';
        }
        out[p] = '\n';
        return out;
    }

    /** {@return Python's repr of a tuple of ints: {@code ()}, {@code (5,)}, {@code (3, 4)}} */
    static String pythonTuple(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    // ------------------------------------------------------------------ reading

    /**
     * Parses and checks a header dict.
     *
     * @param text the header, decoded (latin-1 for versions 1 and 2, UTF-8 for 3)
     * @return the header
     * @throws IOException naming what is wrong, and quoting the header
     */
    static NpyHeader parse(String text) throws IOException {
        return new Parser(text).header();
    }

    /**
     * The dtype a descr names, and whether its data needs a byte swap.
     *
     * @param descr e.g. {@code <f8}, {@code >i4}, {@code |b1}
     * @return the dtype and whether its data needs a byte swap
     * @throws IOException if the descr is not a type string of a supported dtype
     */
    static Descr dtypeOf(String descr) throws IOException {
        if (descr.isEmpty()) {
            throw new IOException("the header's descr is empty");
        }
        char order = descr.charAt(0);
        String body = "<>=|".indexOf(order) >= 0 ? descr.substring(1) : descr;
        if (body.length() < 2 || !Character.isLetter(body.charAt(0)) || !body.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            String what = body.startsWith("M8") ? " (datetime64)" : body.startsWith("m8") ? " (timedelta64)"
                    : body.equals("O") ? " (object: pickled Python objects)" : "";
            throw new IOException("unsupported dtype '" + descr + "'" + what + ": this reader knows " + SUPPORTED);
        }
        DType t = switch (body) {
            case "b1" -> DType.BOOL;
            case "i1" -> DType.INT8;
            case "u1" -> DType.UINT8;
            case "i2" -> DType.INT16;
            case "i4" -> DType.INT32;
            case "i8" -> DType.INT64;
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            default -> null;
        };
        if (t == null) {
            String name = numpyName(body);
            throw new IOException("unsupported dtype '" + descr + "'" + (name == null ? "" : " (" + name + ")")
                    + ": this reader knows " + SUPPORTED);
        }
        ByteOrder fileOrder = switch (order) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder(); // '=', '|' and none: native, as np.dtype reads them
        };
        boolean swap = t.itemSize() > 1 && fileOrder != ByteOrder.nativeOrder();
        return new Descr(t, swap);
    }

    /**
     * A parsed descr.
     *
     * @param dtype the element type
     * @param swap whether the file's byte order differs from the host's
     */
    record Descr(DType dtype, boolean swap) {
    }

    private static final String SUPPORTED =
            "|b1 (bool), |i1, |u1, <i2, <i4, <i8, <f4, <f8 (and '>' big-endian, '=' native)";

    /** NumPy's name for a type string it knows but this library does not support, or null. */
    private static String numpyName(String body) {
        char k = body.charAt(0);
        String n = body.substring(1);
        return switch (k) {
            case 'u' -> n.equals("2") || n.equals("4") || n.equals("8") ? "uint" + (8 * Integer.parseInt(n)) : null;
            case 'f' -> n.equals("2") ? "float16" : n.equals("12") || n.equals("16") ? "longdouble" : null;
            case 'c' -> n.equals("8") || n.equals("16") ? "complex" + (8 * Integer.parseInt(n))
                    : n.equals("24") || n.equals("32") ? "clongdouble" : null;
            case 'U' -> "unicode string";
            case 'S', 'a' -> "byte string";
            case 'V' -> "void";
            default -> null;
        };
    }

    /** A recursive-descent parser over the header text; every error is an IOException. */
    private static final class Parser {
        private final String s;
        private int p;

        Parser(String s) {
            this.s = s;
        }

        NpyHeader header() throws IOException {
            ws();
            expect('{', "the header must be a dict literal starting with '{'");
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            List<String> seen = new ArrayList<>();
            ws();
            while (peek() != '}') {
                String key = string("a key");
                if (seen.contains(key)) {
                    throw fail("the key '" + key + "' appears twice");
                }
                seen.add(key);
                ws();
                expect(':', "expected ':' after the key '" + key + "'");
                ws();
                switch (key) {
                    case "descr" -> descr = descr();
                    case "fortran_order" -> fortran = bool();
                    case "shape" -> shape = tuple();
                    default -> throw fail("unexpected key '" + key + "' (a header holds exactly 'descr', "
                            + "'fortran_order' and 'shape')");
                }
                ws();
                if (peek() == ',') {
                    p++;
                    ws();
                } else if (peek() != '}') {
                    throw fail("expected ',' or '}' after the value of '" + key + "'");
                }
            }
            p++;
            ws();
            if (p < s.length()) {
                throw fail("unexpected text after the closing '}'");
            }
            for (String k : new String[] {"descr", "fortran_order", "shape"}) {
                if (!seen.contains(k)) {
                    throw fail("the key '" + k + "' is missing");
                }
            }
            Descr t = dtypeOf(descr);
            DType dtype = t.dtype();
            try {
                Shapes.checkedSize(shape);
            } catch (IllegalArgumentException e) {
                throw new IOException("invalid shape " + pythonTuple(shape) + " in the header: " + e.getMessage(), e);
            }
            // NumPy's rule, which also holds for empty arrays: the item size times the
            // product of the nonzero dimensions must fit in 2^63 - 1 bytes.
            long bytes = dtype.itemSize();
            for (long d : shape) {
                if (d != 0) {
                    if (d > Long.MAX_VALUE / bytes) {
                        throw new IOException("invalid shape " + pythonTuple(shape) + " in the header: an array of "
                                + dtype + " of this shape is too big (over 2^63 bytes, ignoring zero dimensions, "
                                + "as NumPy counts)");
                    }
                    bytes *= d;
                }
            }
            return new NpyHeader(dtype, t.swap(), fortran, shape);
        }

        private String descr() throws IOException {
            char c = peek();
            if (c == '[') {
                throw fail("unsupported dtype: structured dtypes (a list of fields as descr) are not supported");
            }
            if (c == '(') {
                throw fail("unsupported dtype: subarray dtypes (a tuple as descr) are not supported");
            }
            return string("the descr");
        }

        private boolean bool() throws IOException {
            if (s.startsWith("True", p)) {
                p += 4;
                noIdentifierFollows();
                return true;
            }
            if (s.startsWith("False", p)) {
                p += 5;
                noIdentifierFollows();
                return false;
            }
            throw fail("fortran_order must be True or False");
        }

        private void noIdentifierFollows() throws IOException {
            if (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) {
                throw fail("fortran_order must be True or False");
            }
        }

        private long[] tuple() throws IOException {
            expect('(', "the shape must be a tuple of ints, e.g. (3, 4) or (5,) or ()");
            List<Long> dims = new ArrayList<>();
            ws();
            boolean comma = false;
            while (peek() != ')') {
                if (dims.size() >= Shapes.MAX_DIMS) {
                    throw fail("the shape has more than " + Shapes.MAX_DIMS + " dimensions");
                }
                dims.add(integer());
                ws();
                comma = peek() == ',';
                if (comma) {
                    p++;
                    ws();
                } else if (peek() != ')') {
                    throw fail("expected ',' or ')' in the shape");
                }
            }
            if (dims.size() == 1 && !comma) {
                throw fail("the shape (" + dims.get(0) + ") is an int, not a tuple: a 1-d shape is written ("
                        + dims.get(0) + ",)");
            }
            p++;
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private long integer() throws IOException {
            int start = p;
            boolean negative = peek() == '-';
            if (negative) {
                p++;
                ws();
            }
            int digits = p;
            while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                p++;
            }
            if (p == digits) {
                throw fail("expected an integer dimension in the shape");
            }
            String d = s.substring(digits, p);
            if (d.length() > 1 && d.charAt(0) == '0') {
                throw fail("the dimension " + d + " has a leading zero");
            }
            if (p < s.length() && (s.charAt(p) == 'L' || s.charAt(p) == 'l')) {
                p++; // Python 2's long suffix, as NumPy's reader allows
            }
            if (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_' || s.charAt(p) == '.')) {
                throw fail("the dimension " + s.substring(start, p + 1) + "... is not a plain decimal integer");
            }
            if (negative && !d.chars().allMatch(c -> c == '0')) {
                throw fail("negative dimension -" + d + " in the shape");
            }
            try {
                return Long.parseLong(d);
            } catch (NumberFormatException e) {
                throw fail("the dimension " + d + " is too large");
            }
        }

        private String string(String what) throws IOException {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw fail("expected " + what + " as a quoted string");
            }
            int start = ++p;
            while (p < s.length() && s.charAt(p) != q) {
                char c = s.charAt(p);
                if (c == '\\') {
                    throw fail("escapes in strings are not supported");
                }
                if (c == '\n' || c == '\r') {
                    throw fail("unterminated string");
                }
                p++;
            }
            if (p >= s.length()) {
                throw fail("unterminated string");
            }
            return s.substring(start, p++);
        }

        private void ws() {
            while (p < s.length()) {
                char c = s.charAt(p);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                    return;
                }
                p++;
            }
        }

        private char peek() throws IOException {
            if (p >= s.length()) {
                throw fail("the header ends too early");
            }
            return s.charAt(p);
        }

        private void expect(char c, String message) throws IOException {
            if (peek() != c) {
                throw fail(message);
            }
            p++;
        }

        private IOException fail(String message) {
            return new IOException("malformed header: " + message + " at character " + p + " of " + quote(s));
        }
    }

    /** The header text for a message: printable, escaped like Python's repr, and cut short. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), 200);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        if (s.length() > n) {
            sb.append("... (").append(s.length()).append(" characters)");
        }
        return sb.toString();
    }
}
