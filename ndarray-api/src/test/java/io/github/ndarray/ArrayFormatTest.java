package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code toString()} against NumPy's {@code repr}: golden cases made by
 * {@code scripts/gen_repr_golden.py} (random arrays of every dtype and 1 to 4 dimensions,
 * NaN/inf, scientific notation, 0-d, empty, wrapped rows, summarized arrays, views).
 */
class ArrayFormatTest {
    private static final String CASES = "repr/repr_cases.tsv";

    /**
     * Cases where this library knowingly prints differently from NumPy, by id. Each one is
     * still run: it must keep differing (so a fix shows up and the entry is removed).
     */
    private static final Set<String> KNOWN_DIFFERENCES = Set.of();

    private record Case(String id, DType dtype, long[] shape, String view, String[] values, String expected) {
    }

    private static List<Case> load() throws IOException {
        try (InputStream in = ArrayFormatTest.class.getResourceAsStream(CASES)) {
            if (in == null) {
                throw new IOException("missing test resource " + CASES);
            }
            return load(in);
        }
    }

    private static List<Case> load(InputStream in) throws IOException {
        List<Case> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            assertEquals(6, f.length, "bad line: " + line);
            out.add(new Case(f[0], DType.of(f[1]), longs(f[2], ","), f[3],
                    f[4].isEmpty() ? new String[0] : f[4].split(" "), unescape(f[5])));
        }
        return out;
    }

    private static long[] longs(String s, String sep) {
        if (s.isEmpty()) {
            return new long[0];
        }
        String[] p = s.split(sep);
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Long.parseLong(p[i]);
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Rebuilds the case's base array element by element, then takes the view. */
    private static NDArray build(Case c) {
        NDArray a = ND.zeros(c.dtype, c.shape);
        long[] idx = new long[c.shape.length];
        for (String v : c.values) {
            switch (c.dtype) {
                case FLOAT64 -> a.setDouble(Double.longBitsToDouble(Long.parseUnsignedLong(v, 16)), idx);
                case FLOAT32 -> a.setDouble(Float.intBitsToFloat(Integer.parseUnsignedInt(v, 16)), idx);
                default -> a.setLong(Long.parseLong(v), idx);
            }
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < c.shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        if (c.view.equals("-")) {
            return a;
        }
        if (c.view.equals("T")) {
            return a.transpose();
        }
        if (c.view.startsWith("B:")) {
            return a.broadcastTo(longs(c.view.substring(2), ","));
        }
        if (c.view.startsWith("S:")) {
            return slice(a, c.view.substring(2).split(";", -1));
        }
        throw new IllegalArgumentException("unknown view " + c.view);
    }

    /**
     * Basic slicing ({@code start:stop:step} per leading axis), built directly as a strided
     * view so that this test does not depend on the indexing code.
     */
    private static NDArray slice(NDArray a, String[] axes) {
        long[] shape = a.shape();
        long[] strides = a.elementStrides();
        long offset = a.elementOffset();
        for (int d = 0; d < axes.length; d++) {
            String[] p = axes[d].split(":", -1);
            Long start = part(p, 0);
            Long stop = part(p, 1);
            Long stepPart = part(p, 2);
            long step = stepPart == null ? 1 : stepPart;
            long n = shape[d];
            long lo;
            long hi;
            if (step > 0) {
                lo = start == null ? 0 : clamp(start < 0 ? start + n : start, 0, n);
                hi = stop == null ? n : clamp(stop < 0 ? stop + n : stop, 0, n);
            } else {
                lo = start == null ? n - 1 : clamp(start < 0 ? start + n : start, -1, n - 1);
                hi = stop == null ? -1 : clamp(stop < 0 ? stop + n : stop, -1, n - 1);
            }
            long len = step > 0 ? Math.max(0, (hi - lo + step - 1) / step) : Math.max(0, (lo - hi - step - 1) / -step);
            if (len > 0) {
                offset += lo * strides[d];
            }
            shape[d] = len;
            strides[d] *= step;
        }
        return a.view(shape, strides, offset);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static Long part(String[] p, int i) {
        return i < p.length && !p[i].isEmpty() ? Long.valueOf(p[i]) : null;
    }

    @Test
    void matchesNumpyRepr() throws IOException {
        List<Case> cases = load();
        assertTrue(cases.size() > 500, "expected several hundred cases, got " + cases.size());
        check(cases);
    }

    /**
     * A larger run on demand: {@code python3 scripts/gen_repr_golden.py SEED COUNT FILE}, then
     * {@code ./mvnw -pl broadcasting,ndarray-api test -Dtest=ArrayFormatTest -Dndarray.repr.cases=FILE}.
     */
    @Test
    void matchesNumpyReprOnExtraCases() throws IOException {
        String file = System.getProperty("ndarray.repr.cases");
        Assumptions.assumeTrue(file != null && !file.isEmpty(), "no -Dndarray.repr.cases file given");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            check(load(in));
        }
    }

    private static void check(List<Case> cases) {
        List<String> failures = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        for (Case c : cases) {
            String actual;
            try {
                actual = build(c).toString();
            } catch (RuntimeException e) {
                actual = "<" + e + ">";
            }
            boolean same = actual.equals(c.expected);
            if (KNOWN_DIFFERENCES.contains(c.id)) {
                if (same) {
                    fixed.add(c.id);
                }
            } else if (!same) {
                failures.add(c.id + "\n--- expected (NumPy)\n" + c.expected + "\n--- actual\n" + actual);
            }
        }
        if (!failures.isEmpty() || !fixed.isEmpty()) {
            StringBuilder msg = new StringBuilder();
            msg.append(failures.size()).append(" of ").append(cases.size()).append(" cases differ from NumPy");
            if (!fixed.isEmpty()) {
                msg.append("; known differences now agreeing (remove them from KNOWN_DIFFERENCES): ").append(fixed);
            }
            for (String f : failures.subList(0, Math.min(failures.size(), 20))) {
                msg.append("\n\n").append(f);
            }
            fail(msg.toString());
        }
    }

    @Test
    void examplesFromTheContract() {
        assertEquals("array([1, 2, 3])", ND.array(new long[]{1, 2, 3}).toString());
        assertEquals("array([1, 2, 3], dtype=int32)", ND.array(new int[]{1, 2, 3}).toString());
        assertEquals("array([1., 2.])", ND.array(new double[]{1, 2}).toString());
        assertEquals("array([ True, False])", ND.array(new boolean[]{true, false}).toString());
        assertEquals("array([[1.5, 2. ],\n       [3. , 4. ]], dtype=float32)",
                ND.array(new float[][]{{1.5f, 2}, {3, 4}}).toString());
        assertEquals("array(5, dtype=int8)", ND.zeros(DType.INT8).setLong(5).toString());
        assertEquals("array(1.5)", ND.zeros(DType.FLOAT64).setDouble(1.5).toString());
        assertEquals("array([], shape=(0, 3), dtype=float64)", ND.zeros(0, 3).toString());
        assertEquals("array([1.e-05, 1.e+10])", ND.array(new double[]{1e-5, 1e10}).toString());
    }

    @Test
    void closedArray() {
        NDArray a = ND.zeros(2);
        a.close();
        assertEquals("array(<closed>)", a.toString());
    }

    @Test
    void hugeSummarizedArrayReadsOnlyCorners() {
        // 1.6e10 elements (a broadcast view of 3) would not fit a Java array; repr reads only
        // the corners it shows.
        NDArray col = ND.zeros(DType.INT8, 3, 1).setLong(7, 0, 0).setLong(-8, 1, 0).setLong(9, 2, 0);
        NDArray a = col.broadcastTo(5, 3, 1L << 30);
        assertEquals("""
                array([[[ 7,  7,  7, ...,  7,  7,  7],
                        [-8, -8, -8, ..., -8, -8, -8],
                        [ 9,  9,  9, ...,  9,  9,  9]],

                       [[ 7,  7,  7, ...,  7,  7,  7],
                        [-8, -8, -8, ..., -8, -8, -8],
                        [ 9,  9,  9, ...,  9,  9,  9]],

                       [[ 7,  7,  7, ...,  7,  7,  7],
                        [-8, -8, -8, ..., -8, -8, -8],
                        [ 9,  9,  9, ...,  9,  9,  9]],

                       [[ 7,  7,  7, ...,  7,  7,  7],
                        [-8, -8, -8, ..., -8, -8, -8],
                        [ 9,  9,  9, ...,  9,  9,  9]],

                       [[ 7,  7,  7, ...,  7,  7,  7],
                        [-8, -8, -8, ..., -8, -8, -8],
                        [ 9,  9,  9, ...,  9,  9,  9]]],
                      shape=(5, 3, 1073741824), dtype=int8)""", a.toString());
    }
}
