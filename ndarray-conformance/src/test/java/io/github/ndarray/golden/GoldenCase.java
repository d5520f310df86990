package io.github.ndarray.golden;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of a golden file written by {@code scripts/gen_golden.py}: the op, its parameters,
 * its operands (arrays with a view recipe, or Java scalars), optional {@code out=} and
 * {@code where=} arrays, and NumPy's answer (a result, or the exception NumPy raised). The
 * format is described in the script's docstring and at the top of every file.
 */
final class GoldenCase {
    /** An array operand: dtype, base shape, view recipe and the base values in C order. */
    record ArrayOperand(String dtype, long[] shape, String recipe, String[] values) {
    }

    /** A Java scalar operand: {@code int} (a {@code Long}), {@code float} (a {@code Double}) or {@code bool}. */
    record ScalarOperand(String kind, String value) {
    }

    final String file;
    final int line;
    final String id;
    final String op;
    final Map<String, String> params = new LinkedHashMap<>();
    /** {@link ArrayOperand}s and {@link ScalarOperand}s, in call order. */
    final List<Object> operands = new ArrayList<>();
    ArrayOperand out;
    ArrayOperand where;
    String expectDtype;
    long[] expectShape;
    String[] expectValues;
    String raises;
    String raisesMessage;
    String skip;

    private GoldenCase(String file, int line, String id, String op, String params) {
        this.file = file;
        this.line = line;
        this.id = id;
        this.op = op;
        for (String kv : params.trim().split(" +")) {
            if (!kv.isEmpty()) {
                int eq = kv.indexOf('=');
                this.params.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
    }

    /** Reads {@code /golden/<file>} from the test classpath. */
    static List<GoldenCase> load(String file) {
        List<GoldenCase> cases = new ArrayList<>();
        InputStream in = GoldenCase.class.getResourceAsStream("/golden/" + file);
        if (in == null) {
            throw new IllegalStateException("golden file /golden/" + file + " is not on the test classpath; "
                    + "run scripts/gen_golden.py");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            GoldenCase c = null;
            int n = 0;
            for (String s; (s = r.readLine()) != null;) {
                n++;
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\t", -1);
                switch (f[0]) {
                    case "case" -> {
                        c = new GoldenCase(file, n, f[1], f[2], f.length > 3 ? f[3] : "");
                        cases.add(c);
                    }
                    case "arg" -> c.operands.add(array(f));
                    case "scalar" -> c.operands.add(new ScalarOperand(f[1], f[2]));
                    case "out" -> c.out = array(f);
                    case "where" -> c.where = array(f);
                    case "expect" -> {
                        c.expectDtype = f[1];
                        c.expectShape = parseShape(f[2]);
                        c.expectValues = values(f[3]);
                    }
                    case "raises" -> {
                        c.raises = f[1];
                        c.raisesMessage = f.length > 2 ? f[2] : "";
                    }
                    case "skip" -> c.skip = f[1];
                    default -> throw new IllegalStateException(file + ":" + n + ": unknown line kind " + f[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static ArrayOperand array(String[] f) {
        return new ArrayOperand(f[1], parseShape(f[2]), f[3], values(f[4]));
    }

    private static String[] values(String s) {
        return s.isEmpty() ? new String[0] : s.split(" ");
    }

    /** Parses NumPy's shape notation: {@code (3,4)}, {@code (5,)}, {@code ()}. */
    static long[] parseShape(String s) {
        s = s.trim();
        if (!s.startsWith("(") || !s.endsWith(")")) {
            throw new IllegalArgumentException("bad shape " + s);
        }
        List<Long> dims = new ArrayList<>();
        for (String p : s.substring(1, s.length() - 1).split(",")) {
            if (!p.isBlank()) {
                dims.add(Long.parseLong(p.trim()));
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** Reads a float token: {@code nan}, {@code inf}, {@code -inf} or a Java-readable (hex) float. */
    static double parseDouble(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** The source line, for failure messages. */
    String where() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return id;
    }
}
