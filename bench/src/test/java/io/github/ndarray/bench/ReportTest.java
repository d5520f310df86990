package io.github.ndarray.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table and CSV formatting, on made-up results (no benchmark runs here). */
class ReportTest {
    private static Row row(String id, String op, long n, Timer.Result numpy, Timer.Result ours, double dn, double dox) {
        Workload w = new Workload(id, op, "float64", n, op.equals("add") ? "a + b" : "exp(a)");
        return new Row(w, Ops.work(w), numpy, dn, ours, dox);
    }

    private static Timer.Result ok(double s) {
        return new Timer.Result("ok", s, 15, 1, "");
    }

    @Test
    void tableAndCsv() {
        List<Row> rows = List.of(
                row("add_1e7", "add", 10_000_000, ok(0.008), ok(0.004), 1.5e7, 1.5e7),
                row("exp_1e3", "exp", 1000, ok(1e-6), new Timer.Result("too slow", 2.5, 0, 0,
                        Timer.tooSlow(1.0, "one call took 2.50 s")), 1, Double.NaN),
                row("add_1e3", "add", 1000, null, new Timer.Result("error", Double.NaN, 0, 0, "error: a, \"b\""), Double.NaN,
                        Double.NaN));
        String t = Report.table(rows, 20.0);
        String[] lines = t.split("\n");
        assertEquals(5, lines.length);
        assertTrue(lines[0].startsWith("| workload"), lines[0]);
        // 240 MB in 4 ms = 60 GB/s, 300% of 20 GB/s; ratio 8 / 4 = 2
        assertTrue(lines[2].contains(" 8.00 ms |") && lines[2].contains(" 4.00 ms |") && lines[2].contains("2.00x")
                && lines[2].contains("60.0 GB/s") && lines[2].contains("300%"), lines[2]);
        assertTrue(lines[3].contains("too slow") && lines[3].contains("skipped: too slow (>1s per call"), lines[3]);
        assertTrue(lines[4].contains("n/a"), lines[4]);
        for (String l : lines) {
            assertEquals(lines[0].length(), l.length(), "aligned columns");
        }

        String csv = Report.csv(rows, 20.0);
        List<List<String>> back = Report.parseCsv(csv);
        assertEquals(4, back.size());
        int cols = back.get(0).size();
        for (List<String> r : back) {
            assertEquals(cols, r.size());
        }
        assertEquals("2.0", back.get(1).get(7));
        assertEquals("ok", back.get(1).get(back.get(0).indexOf("check")));
        assertEquals("ours: error: a, \"b\"", back.get(3).get(cols - 1));
    }

    /** Several rounds: the ratio is the median of the rounds' ratios, the spread their range. */
    @Test
    void interleavedRoundsGiveAMedianRatioAndASpread() {
        Workload w = new Workload("add_1e7", "add", "float64", 10_000_000, "a + b");
        Row r = new Row(w, Ops.work(w), ok(0.008), 1, ok(0.004), 1, new double[] {2.5, 1.5, 2.0});
        assertEquals(2.0, r.ratio());
        String line = Report.table(List.of(r), 20.0).split("\n")[2];
        assertTrue(line.contains(" 2.00x |") && line.contains(" 1.50-2.50 |"), line);
        List<List<String>> csv = Report.parseCsv(Report.csv(List.of(r), 20.0));
        List<String> header = csv.get(0);
        assertEquals("1.5", csv.get(1).get(header.indexOf("ratio_min")));
        assertEquals("2.5", csv.get(1).get(header.indexOf("ratio_max")));
        assertEquals("3", csv.get(1).get(header.indexOf("rounds")));
        Timer.Result combined = Compare.combine(List.of(ok(3), new Timer.Result("error", Double.NaN, 0, 0, "x"), ok(1), ok(2)));
        assertEquals(2.0, combined.seconds());
        assertEquals(45, combined.samples());
    }

    @Test
    void formats() {
        assertEquals("812 ns", Timer.seconds(812e-9));
        assertEquals("12.3 µs", Timer.seconds(12.3e-6));
        assertEquals("1.00 ms", Timer.seconds(0.9996e-3));
        assertEquals("1e7", Workload.count(10_000_000));
        assertEquals("1.25e7", Workload.count(12_500_000));
        assertEquals("3162", Workload.count(3162));
        assertEquals("316228", Workload.count(316228));
        assertEquals(2.0, Timer.median(new double[] {3, 1, 2, 9}, 3));
    }

    @Test
    void sameNumbersAsNumPy() {
        // bench_numpy.py's uniform(1, 3, 0.5, 1.5) and uniform(7, 2, -1, 1), printed with repr()
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1.066561575172281, 1.245781757262701, 1.4710027535867962},
                Inputs.uniform(1, 3, 0.5, 1.5));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {-0.22034050321745702, -0.9664234109436878},
                Inputs.uniform(7, 2, -1, 1));
    }
}
