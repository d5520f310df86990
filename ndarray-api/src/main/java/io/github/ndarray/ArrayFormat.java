package io.github.ndarray;

import java.util.function.LongFunction;

/**
 * NumPy's {@code repr} of an array, with NumPy 2's default print options: precision 8,
 * threshold 1000, edgeitems 3, linewidth 75, floatmode {@code 'maxprec'}, sign {@code '-'}.
 *
 * {@snippet :
 * array([1, 2, 3])
 * array([1.5 , 2.25,  nan], dtype=float32)
 * array([[ True, False]])
 * array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))
 * array([], shape=(0, 3), dtype=float64)
 * }
 *
 * <p>Elements are read one by one with {@code getDouble}/{@code getLong}, so any view
 * (strided, transposed, broadcast) prints without a copy; a summarized array reads only the
 * corners it shows (on a device too).
 */
final class ArrayFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 75;
    private static final String PREFIX = "array(";
    private static final String SEPARATOR = ", ";
    private static final String SUMMARY = "...";

    private ArrayFormat() {
    }

    static String repr(NDArray a) {
        // A small device array comes to the host in one copy; a summarized one is read element by
        // element (each a one-element copy), so only the corners it shows cross to the host.
        if (a.device().type() != Device.Type.CPU && a.size() <= THRESHOLD) {
            try (NDArray host = a.to(Device.cpu())) {
                return repr(host);
            }
        }
        long[] shape = a.shape();
        long size = a.size();
        DType dtype = a.dtype();
        boolean summarize = size > THRESHOLD;
        String body;
        if (size == 0) {
            body = "[]";
        } else {
            LongFunction<String> fmt = formatter(a, shape, summarize);
            // array2string is called with suffix ")", which narrows the line by one.
            body = new Printer(shape, fmt, summarize).print(LINE_WIDTH - 1, " ".repeat(1 + PREFIX.length()));
        }
        StringBuilder extras = new StringBuilder();
        if ((size == 0 && !(shape.length == 1)) || summarize) {
            extras.append("shape=").append(NpyHeader.pythonTuple(shape));
        }
        boolean implied = dtype == DType.FLOAT64 || dtype == DType.INT64 || dtype == DType.BOOL;
        if (!implied || size == 0) {
            if (!extras.isEmpty()) {
                extras.append(", ");
            }
            extras.append("dtype=").append(dtype);
        }
        if (extras.isEmpty()) {
            return PREFIX + body + ")";
        }
        String arr = PREFIX + body + ",";
        String extra = extras + ")";
        int lastLineLen = arr.length() - (arr.lastIndexOf('\n') + 1);
        String spacer = lastLineLen + extra.length() + 1 > LINE_WIDTH ? "\n" + " ".repeat(PREFIX.length()) : " ";
        return arr + spacer + extra;
    }

    /**
     * The element formatter, built (as NumPy builds it) from the elements that will be shown.
     * The returned function maps a C-order flat index of {@code a} to the element's text.
     */
    private static LongFunction<String> formatter(NDArray a, long[] shape, boolean summarize) {
        long[] shown = shownIndices(shape, summarize);
        long[] idx = new long[shape.length];
        DType dtype = a.dtype();
        switch (dtype.kind()) {
            case BOOL -> {
                String trueText = shape.length == 0 ? "True" : " True";
                return flat -> a.getLong(unravel(flat, shape, idx)) != 0 ? trueText : "False";
            }
            case SIGNED, UNSIGNED -> {
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (long flat : shown) {
                    long v = a.getLong(unravel(flat, shape, idx));
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                int width = Math.max(Long.toString(min).length(), Long.toString(max).length());
                return flat -> {
                    String s = Long.toString(a.getLong(unravel(flat, shape, idx)));
                    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
                };
            }
            default -> {
                double[] values = new double[shown.length];
                for (int i = 0; i < shown.length; i++) {
                    values[i] = a.getDouble(unravel(shown[i], shape, idx));
                }
                FloatFormat.Array f = new FloatFormat.Array(values, dtype == DType.FLOAT32);
                return flat -> f.format(a.getDouble(unravel(flat, shape, idx)));
            }
        }
    }

    private static long[] unravel(long flat, long[] shape, long[] idx) {
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    /** C-order flat indices of the elements shown: all, or the edge items of each axis. */
    private static long[] shownIndices(long[] shape, boolean summarize) {
        int nd = shape.length;
        long[][] perAxis = new long[nd][];
        long count = 1;
        for (int d = 0; d < nd; d++) {
            long n = shape[d];
            if (summarize && n > 2L * EDGE_ITEMS) {
                perAxis[d] = new long[2 * EDGE_ITEMS];
                for (int i = 0; i < EDGE_ITEMS; i++) {
                    perAxis[d][i] = i;
                    perAxis[d][EDGE_ITEMS + i] = n - EDGE_ITEMS + i;
                }
            } else {
                if (n > Integer.MAX_VALUE) {
                    throw new IllegalStateException("unreachable: unsummarized axis of " + n);
                }
                perAxis[d] = new long[(int) n];
                for (int i = 0; i < n; i++) {
                    perAxis[d][i] = i;
                }
            }
            count *= perAxis[d].length;
        }
        long[] out = new long[Math.toIntExact(count)];
        int[] pos = new int[nd];
        for (int k = 0; k < out.length; k++) {
            long flat = 0;
            for (int d = 0; d < nd; d++) {
                flat = flat * shape[d] + perAxis[d][pos[d]];
            }
            out[k] = flat;
            for (int d = nd - 1; d >= 0; d--) {
                if (++pos[d] < perAxis[d].length) {
                    break;
                }
                pos[d] = 0;
            }
        }
        return out;
    }

    /** NumPy's {@code _formatArray}: nested brackets, line wrapping, summaries. */
    private static final class Printer {
        private final long[] shape;
        private final LongFunction<String> fmt;
        private final boolean summarize;

        Printer(long[] shape, LongFunction<String> fmt, boolean summarize) {
            this.shape = shape;
            this.fmt = fmt;
            this.summarize = summarize;
        }

        String print(int lineWidth, String nextLinePrefix) {
            return recurse(0, 0, nextLinePrefix, lineWidth);
        }

        /**
         * @param axis the axis this call prints
         * @param base C-order flat index of the first element of this sub-array, times the
         *             remaining axes' sizes (i.e. the flat index with trailing zeros)
         */
        private String recurse(int axis, long base, String hangingIndent, int currWidth) {
            int axesLeft = shape.length - axis;
            if (axesLeft == 0) {
                return fmt.apply(base);
            }
            long stride = 1;
            for (int d = axis + 1; d < shape.length; d++) {
                stride *= shape[d];
            }
            String nextHangingIndent = hangingIndent + " ";
            int nextWidth = currWidth - 1;
            long len = shape[axis];
            boolean showSummary = summarize && 2L * EDGE_ITEMS < len;
            long leading = showSummary ? EDGE_ITEMS : 0;
            long trailing = showSummary ? EDGE_ITEMS : len;
            StringBuilder s = new StringBuilder();
            if (axesLeft == 1) {
                int elemWidth = currWidth - 1;
                StringBuilder line = new StringBuilder(hangingIndent);
                for (long i = 0; i < leading; i++) {
                    String word = recurse(axis + 1, base + i * stride, nextHangingIndent, nextWidth);
                    line = extendLine(s, line, word, elemWidth, hangingIndent);
                    line.append(SEPARATOR);
                }
                if (showSummary) {
                    line = extendLine(s, line, SUMMARY, elemWidth, hangingIndent);
                    line.append(SEPARATOR);
                }
                for (long i = trailing; i > 1; i--) {
                    String word = recurse(axis + 1, base + (len - i) * stride, nextHangingIndent, nextWidth);
                    line = extendLine(s, line, word, elemWidth, hangingIndent);
                    line.append(SEPARATOR);
                }
                String word = recurse(axis + 1, base + (len - 1) * stride, nextHangingIndent, nextWidth);
                line = extendLine(s, line, word, elemWidth, hangingIndent);
                s.append(line);
            } else {
                String lineSep = "," + "\n".repeat(axesLeft - 1);
                for (long i = 0; i < leading; i++) {
                    s.append(hangingIndent)
                            .append(recurse(axis + 1, base + i * stride, nextHangingIndent, nextWidth))
                            .append(lineSep);
                }
                if (showSummary) {
                    s.append(hangingIndent).append(SUMMARY).append(lineSep);
                }
                for (long i = trailing; i > 1; i--) {
                    s.append(hangingIndent)
                            .append(recurse(axis + 1, base + (len - i) * stride, nextHangingIndent, nextWidth))
                            .append(lineSep);
                }
                s.append(hangingIndent)
                        .append(recurse(axis + 1, base + (len - 1) * stride, nextHangingIndent, nextWidth));
            }
            return "[" + s.substring(hangingIndent.length()) + "]";
        }

        /** Appends {@code word} to {@code line}, first moving the line to {@code s} if it would be too long. */
        private static StringBuilder extendLine(StringBuilder s, StringBuilder line, String word, int lineWidth,
                                                String nextLinePrefix) {
            boolean needsWrap = line.length() + word.length() > lineWidth;
            if (line.length() <= nextLinePrefix.length()) {
                needsWrap = false;
            }
            if (needsWrap) {
                int end = line.length();
                while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
                    end--;
                }
                s.append(line, 0, end).append('\n');
                line = new StringBuilder(nextLinePrefix);
            }
            return line.append(word);
        }
    }
}
