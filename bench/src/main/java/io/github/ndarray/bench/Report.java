package io.github.ndarray.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table (Markdown, so that it pastes into the README) and the CSV. */
public final class Report {
    private Report() {
    }

    /** The table's column titles. */
    static final List<String> COLUMNS = List.of("workload", "size", "dtype", "NumPy", "ours", "NumPy/ours", "spread",
            "ours rate", "of copy BW", "note");
    /** The numeric columns, right-aligned: NumPy .. of copy BW. */
    private static final int FIRST_RIGHT = 3;
    private static final int LAST_RIGHT = 8;

    /**
     * The Markdown table.
     *
     * @param rows the rows
     * @param copyGBs the machine's copy bandwidth in GB/s (NaN if unknown), for the "of copy BW" column
     * @return the table, one line per row plus the header
     */
    public static String table(List<Row> rows, double copyGBs) {
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(List.of(r.w().label(), r.w().sizeText(), r.w().dtype(), time(r.numpy()), time(r.ours()), ratio(r.ratio()),
                    spread(r), rate(r.oursRate(), r.work().unit()), pctCopy(r, copyGBs), note(r)));
        }
        int[] width = new int[COLUMNS.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = COLUMNS.get(c).length();
            for (List<String> row : cells) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, COLUMNS, width);
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < width.length; c++) {
            boolean right = c >= FIRST_RIGHT && c <= LAST_RIGHT;
            rule.add((right ? "-".repeat(Math.max(1, width[c] - 1)) + ":" : "-".repeat(width[c])));
        }
        line(sb, rule, width);
        for (List<String> row : cells) {
            line(sb, row, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            String pad = " ".repeat(width[c] - v.length());
            boolean right = c >= FIRST_RIGHT && c <= LAST_RIGHT;
            sb.append(' ').append(right ? pad + v : v + pad).append(" |");
        }
        sb.append('\n');
    }

    static String time(Timer.Result r) {
        if (r == null) {
            return "n/a";
        }
        return switch (r.status()) {
            case "ok" -> Timer.seconds(r.seconds());
            case "too slow" -> "too slow";
            case "unavailable" -> "n/a";
            default -> "error";
        };
    }

    static String ratio(double v) {
        return Double.isNaN(v) ? "" : Timer.sig3(v) + "x";
    }

    /** {@return "0.91-1.12": the smallest and largest round's ratio of an interleaved run, or "" for one round} */
    static String spread(Row r) {
        return Double.isNaN(r.ratioMin()) ? "" : Timer.sig3(r.ratioMin()) + "-" + Timer.sig3(r.ratioMax());
    }

    static String rate(double v, String unit) {
        return Double.isNaN(v) ? "" : Timer.sig3(v) + " " + unit;
    }

    /** Traffic per call from which a workload streams from memory rather than cache (2x a 32 MiB L3). */
    static final double DRAM_BYTES = 64e6;

    static String pctCopy(Row r, double copyGBs) {
        if (!r.work().unit().equals("GB/s") || Double.isNaN(r.oursRate()) || Double.isNaN(copyGBs)
                || r.w().op().startsWith("copy") || r.work().perCall() < DRAM_BYTES) {
            return "";
        }
        return String.format(Locale.ROOT, "%.0f%%", 100 * r.oursRate() / copyGBs);
    }

    static String note(Row r) {
        List<String> parts = new ArrayList<>();
        if (r.ours() != null && !r.ours().ok() && !r.ours().note().isEmpty()) {
            parts.add("ours: " + r.ours().note());
        }
        if (r.numpy() != null && !r.numpy().ok() && !r.numpy().note().isEmpty()) {
            parts.add("NumPy: " + r.numpy().note());
        }
        if (r.check().equals("MISMATCH")) {
            parts.add("results differ: NumPy sum " + r.numpyDigest() + ", ours " + r.oursDigest());
        }
        return String.join("; ", parts).replace('|', '/');
    }

    /** The CSV header. */
    static final String CSV_HEADER = "id,op,label,size,dtype,numpy_s,ours_s,ratio_numpy_over_ours,unit,ours_rate,numpy_rate,"
            + "ours_pct_copy_bw,numpy_samples,numpy_inner,ours_samples,ours_inner,numpy_status,ours_status,ratio_min,ratio_max,rounds,check,note";

    /**
     * The CSV, one row per workload, times in seconds, empty where there is no value.
     *
     * @param rows the rows
     * @param copyGBs the machine's copy bandwidth, GB/s
     * @return the text
     */
    public static String csv(List<Row> rows, double copyGBs) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Row r : rows) {
            Timer.Result np = r.numpy();
            String pct = pctCopy(r, copyGBs).replace("%", "");
            List<String> f = List.of(r.w().id(), r.w().op(), r.w().label(), r.w().sizeText(), r.w().dtype(),
                    np != null && np.ok() ? num(np.seconds()) : "", r.ours().ok() ? num(r.ours().seconds()) : "",
                    num(r.ratio()), r.work().unit(), num(r.oursRate()), num(r.numpyRate()), pct,
                    np == null ? "" : Integer.toString(np.samples()), np == null ? "" : Long.toString(np.inner()),
                    Integer.toString(r.ours().samples()), Long.toString(r.ours().inner()),
                    np == null ? "not run" : np.status(), r.ours().status(), num(r.ratioMin()), num(r.ratioMax()),
                    Integer.toString(r.roundRatios().length), r.check(), note(r));
            for (int i = 0; i < f.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(csvField(f.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /**
     * Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180).
     *
     * @param s the field
     * @return the field as written
     */
    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * Splits CSV text into records (RFC 4180: quoted fields, doubled quotes).
     *
     * @param text the CSV
     * @return the records, header included
     */
    public static List<List<String>> parseCsv(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                rec.add(f.toString());
                f.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || f.length() > 0) {
                    rec.add(f.toString());
                    out.add(rec);
                }
                rec = new ArrayList<>();
                f.setLength(0);
                any = false;
            } else {
                f.append(c);
                any = true;
            }
        }
        if (any || f.length() > 0) {
            rec.add(f.toString());
            out.add(rec);
        }
        return out;
    }
}
