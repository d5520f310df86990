package io.github.ndarray.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of the seed's CuPy workload, {@code norm(random(n))} with the host-to-device copy,
 * drawn here from the TSV files a GPU run brought back ({@link GpuCompare} and
 * {@code scripts/bench_cupy.py}): time per call against n for our GPU, CuPy and our CPU. The
 * GPU machine has no {@code java.desktop}, so the drawing happens on this side.
 *
 * <pre>{@code
 * java -cp bench.jar:... io.github.ndarray.bench.GpuNormChart gpu-bench.tsv cupy-bench.tsv docs/bench/gpu-norm.png
 * }</pre>
 */
public final class GpuNormChart {
    private GpuNormChart() {
    }

    /**
     * Draws the chart.
     *
     * @param args the two TSV files, then the PNG to write
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Map<String, TreeMap<Long, Double>> series = new java.util.LinkedHashMap<>();
        series.put("ours, GPU (H2D + norm)", new TreeMap<>());
        series.put("CuPy (H2D + norm)", new TreeMap<>());
        series.put("ours, CPU", new TreeMap<>());
        for (String file : new String[] {args[0], args[1]}) {
            for (String line : Files.readAllLines(Path.of(file))) {
                String[] f = line.split("\t");
                if (f.length < 5 || !f[0].equals("norm_h2d")) {
                    continue;
                }
                String key = switch (f[3]) {
                    case "cuda" -> "ours, GPU (H2D + norm)";
                    case "cupy" -> "CuPy (H2D + norm)";
                    default -> "ours, CPU";
                };
                series.get(key).put(Long.parseLong(f[2]), Double.parseDouble(f[4]));
            }
        }
        XYChart c = new XYChartBuilder().width(1000).height(640)
                .title("norm(random(n)) from a host array: GPU times include the copy to the device")
                .xAxisTitle("n (float64 elements)").yAxisTitle("microseconds per call").build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        Color[] colors = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};
        int k = 0;
        for (Map.Entry<String, TreeMap<Long, Double>> e : series.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            e.getValue().forEach((n, us) -> {
                x.add((double) n);
                y.add(us);
            });
            XYSeries s = c.addSeries(e.getKey(), x, y);
            s.setLineColor(colors[k]);
            s.setMarkerColor(colors[k++]);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(c, args[2], BitmapEncoder.BitmapFormat.PNG);
    }
}
