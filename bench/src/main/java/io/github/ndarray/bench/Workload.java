package io.github.ndarray.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code workloads.tsv}: the same list drives our side and NumPy's.
 *
 * @param id unique name, e.g. {@code exp_1e7}
 * @param op what to compute (see {@link Ops})
 * @param dtype {@code float64}, {@code float32} or {@code int64}
 * @param n the element count, the side of a square operand, or the number of points
 * @param label the expression, for the table
 */
public record Workload(String id, String op, String dtype, long n, String label) {
    /** Where the list lives on the class path. */
    public static final String RESOURCE = "/io/github/ndarray/bench/workloads.tsv";

    /** {@return the workloads of the bundled list} */
    public static List<Workload> bundled() {
        try (InputStream in = Workload.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the bundled list's text, to hand to the NumPy side unchanged} */
    public static String bundledText() {
        try (InputStream in = Workload.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses the tab-separated list; {@code #} starts a comment line.
     *
     * @param text the file's text
     * @return the workloads, in order
     */
    public static List<Workload> parse(String text) {
        List<Workload> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 5) {
                    throw new IllegalArgumentException("workloads.tsv line " + no + ": expected 5 tab-separated fields, got " + f.length);
                }
                out.add(new Workload(f[0].trim(), f[1].trim(), f[2].trim(), Long.parseLong(f[3].trim()), f[4].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@return the size as the table shows it: {@code 1e7}, {@code 1000x1000}, {@code 2000 pts}} */
    public String sizeText() {
        return switch (op) {
            case "bcast_add", "outer_mul", "transpose_add", "matmul", "solve" -> n + "x" + n;
            case "pdist" -> n + " pts";
            default -> count(n);
        };
    }

    /**
     * Writes a count as NumPy users read it: {@code 1e7} for powers of ten, {@code 1.25e7},
     * or the plain number when that is shorter.
     *
     * @param n the count
     * @return the text
     */
    static String count(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        int e = (int) Math.floor(Math.log10(n));
        double m = n / Math.pow(10, e);
        if (Math.abs(m - Math.rint(m)) < 1e-9 && Math.rint(m) == 1) {
            return "1e" + e;
        }
        String mant = String.format(java.util.Locale.ROOT, "%.3f", m).replaceAll("0+$", "").replaceAll("\\.$", "");
        String sci = mant + "e" + e;
        return sci.length() < Long.toString(n).length() && Math.abs(Double.parseDouble(mant) * Math.pow(10, e) - n) < 0.5
                ? sci : Long.toString(n);
    }
}
