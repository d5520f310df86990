package io.github.ndarray.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts, drawn with XChart from the merged rows (the same numbers as the CSV). */
public final class Charts {
    private static final Color FASTER = new Color(0x2e, 0x7d, 0x32);
    private static final Color SLOWER = new Color(0xc6, 0x28, 0x28);
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2)};

    private Charts() {
    }

    /**
     * Writes {@code <base>-ratio.png/.svg} (NumPy time over ours per workload, log scale) and,
     * when some op was measured at three sizes or more on both sides, {@code <base>-scaling.png/.svg}
     * (time per call against size, log-log).
     *
     * @param rows the rows
     * @param dir the output folder
     * @param title the first line of the chart titles
     * @return the files written
     * @throws IOException on write failure
     */
    public static List<Path> write(List<Row> rows, Path dir, String title) throws IOException {
        List<Path> files = new ArrayList<>();
        CategoryChart ratio = ratioChart(rows, title);
        if (ratio != null) {
            files.addAll(save(ratio, dir.resolve("compare-ratio")));
        }
        XYChart scaling = scalingChart(rows, title);
        if (scaling != null) {
            files.addAll(save(scaling, dir.resolve("compare-scaling")));
        }
        return files;
    }

    private static List<Path> save(Chart<?, ?> chart, Path base) throws IOException {
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return List.of(Path.of(base + ".png"), Path.of(base + ".svg"));
    }

    static String category(Row r) {
        return r.w().label() + " " + r.w().sizeText() + (r.w().dtype().equals("float64") ? "" : " " + r.w().dtype());
    }

    private static CategoryChart ratioChart(List<Row> rows, String title) {
        List<String> names = new ArrayList<>();
        List<Double> faster = new ArrayList<>();
        List<Double> slower = new ArrayList<>();
        List<Double> parity = new ArrayList<>();
        for (Row r : rows) {
            double v = r.ratio();
            if (Double.isNaN(v) || r.w().op().startsWith("copy")) {
                continue;
            }
            names.add(category(r));
            faster.add(v >= 1 ? v : null);
            slower.add(v < 1 ? v : null);
            parity.add(1.0);
        }
        if (names.isEmpty()) {
            return null;
        }
        double lo = 1;
        double hi = 1;
        for (int i = 0; i < names.size(); i++) {
            double v = faster.get(i) != null ? faster.get(i) : slower.get(i);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        CategoryChart c = new CategoryChartBuilder().width(Math.max(900, 34 * names.size() + 200)).height(720)
                .title(title + " - NumPy time / our time (above 1: we are faster)")
                .xAxisTitle("workload").yAxisTitle("NumPy / ours (log scale)").build();
        Styler s = c.getStyler();
        c.getStyler().setYAxisLogarithmic(true);
        // Bars on a log axis need an explicit floor (XChart would start them at 0): whole decades.
        c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo) - 1e-9)));
        c.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi) + 1e-9)));
        c.getStyler().setOverlapped(true);
        c.getStyler().setXAxisLabelRotation(70);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        s.setToolTipsEnabled(false);
        // XChart refuses an all-empty series on a log axis: add each colour only when it has bars.
        if (faster.stream().anyMatch(v -> v != null)) {
            c.addSeries("we are faster", names, faster).setFillColor(FASTER);
        }
        if (slower.stream().anyMatch(v -> v != null)) {
            c.addSeries("NumPy is faster", names, slower).setFillColor(SLOWER);
        }
        CategorySeries p = c.addSeries("parity", names, parity);
        p.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        p.setLineColor(Color.DARK_GRAY);
        p.setLineStyle(SeriesLines.DASH_DASH);
        p.setMarker(SeriesMarkers.NONE);
        return c;
    }

    private static XYChart scalingChart(List<Row> rows, String title) {
        Map<String, List<Row>> families = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.w().op().startsWith("copy")) {
                continue;
            }
            families.computeIfAbsent(r.w().op() + " " + r.w().dtype(), k -> new ArrayList<>()).add(r);
        }
        families.values().removeIf(list -> list.stream().filter(r -> !Double.isNaN(r.ratio())).count() < 3);
        if (families.isEmpty()) {
            return null;
        }
        XYChart c = new XYChartBuilder().width(1100).height(720)
                .title(title + " - time per call against size (solid: ours, dashed: NumPy)")
                .xAxisTitle("n (elements, or side of the square)").yAxisTitle("seconds per call").build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setToolTipsEnabled(false);
        int k = 0;
        for (Map.Entry<String, List<Row>> e : families.entrySet()) {
            Color color = PALETTE[k++ % PALETTE.length];
            List<Double> x = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            List<Double> numpy = new ArrayList<>();
            for (Row r : e.getValue()) {
                if (!Double.isNaN(r.ratio())) {
                    x.add((double) r.w().n());
                    ours.add(r.ours().seconds());
                    numpy.add(r.numpy().seconds());
                }
            }
            String name = e.getValue().get(0).w().label() + (e.getKey().endsWith("float64") ? "" : " " + e.getValue().get(0).w().dtype());
            XYSeries so = c.addSeries(name + " (ours)", x, ours);
            so.setLineColor(color);
            so.setMarkerColor(color);
            so.setMarker(SeriesMarkers.CIRCLE);
            XYSeries sn = c.addSeries(name + " (NumPy)", x, numpy);
            sn.setLineColor(color);
            sn.setMarkerColor(color);
            sn.setMarker(SeriesMarkers.DIAMOND);
            sn.setLineStyle(SeriesLines.DASH_DASH);
        }
        return c;
    }
}
