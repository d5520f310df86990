package io.github.ndarray.difftest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the program files that {@code scripts/difftest/difftest.py} writes (format in its docstring). */
final class Programs {
    private Programs() {
    }

    /** One program: its id, the documented differences it meets, statements, expectations. */
    record Program(String id, List<String> deviations, List<String[]> statements, List<String[]> expectations) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("program ").append(id).append('\n');
            for (String[] s : statements) {
                b.append("  ").append(String.join(" ", s)).append('\n');
            }
            return b.toString();
        }
    }

    static List<Program> read(InputStream in, boolean gzipped) throws IOException {
        List<Program> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(gzipped ? new GZIPInputStream(in) : in,
                StandardCharsets.UTF_8))) {
            Program cur = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "P" -> {
                        cur = new Program(f[1], new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                        out.add(cur);
                    }
                    case "D" -> cur.deviations().add(f[1]);
                    case "E", "X" -> cur.expectations().add(f);
                    default -> cur.statements().add(f);
                }
            }
        }
        return out;
    }

    static long[] shape(String s) {
        String body = s.substring(1, s.length() - 1);
        return Arrays.stream(body.split(",")).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
    }

    static int[] ints(String s) {
        return s.equals("none") || s.isEmpty() ? new int[0]
                : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** A float64 token as the generator writes it: Python's repr, nan, inf, -inf. */
    static double parseFloat(String s) {
        return parseFloat(s, false);
    }

    /** A float token; float32 values are written as their shortest decimal, so they read back as floats. */
    static double parseFloat(String s, boolean float32) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> float32 ? Float.parseFloat(s) : Double.parseDouble(s);
        };
    }
}
