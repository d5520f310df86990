package io.github.ndarray.samples;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Tutorial exercise "strong and weak scaling": the library's own loops on 1, 2, 4, ... threads up
 * to the core count, for {@code x.sum()} and the elementwise {@code x**2 + 2x + 1} of float64
 * {@code x}. Strong scaling keeps the size fixed ({@code --n}, default 1e7) and reports the
 * speedup T(1)/T(t), ideally t; weak scaling grows the size with the threads (n/max per thread)
 * and reports the efficiency T(1)/T(t), ideally 1. Times are the best of {@code --reps} runs after
 * one warm-up.
 *
 * <p>The thread count is {@code ND.setThreads}, which
 * {@code -Dndarray.threads=N} sets at start-up, so one JVM measures every count. Memory-bound loops
 * such as these stop scaling when the memory bus is full, often well below the core count.
 *
 * <p>Run it with
 * {@code ./mvnw -q -pl samples -am compile exec:exec -Dtour.main=io.github.ndarray.samples.Scaling}
 * (options: {@code -Dtour.args="--n 10000000 --reps 5 --max-threads 8 --chart scaling.png"};
 * {@code --chart PATH} writes the table as a PNG chart; {@code --fast}, for CI: n = 1e5, 2 reps).
 */
public final class Scaling {
    private Scaling() {
    }

    /** {@return the workloads, by name: each returns a checksum so that its result is used} */
    static Map<String, ToLongFunction<NDArray>> workloads() {
        Map<String, ToLongFunction<NDArray>> w = new LinkedHashMap<>();
        w.put("x.sum()", x -> {
            try (NDArray s = x.sum()) {
                return (long) s.item();
            }
        });
        w.put("x**2 + 2x + 1", x -> {
            try (NDArray sq = x.pow(2L); NDArray twice = x.mul(2L); NDArray s = sq.add(twice); NDArray r = s.add(1L)) {
                return (long) r.getDouble(0);
            }
        });
        return w;
    }

    /**
     * {@return 1, 2, 4, ... up to {@code max}, and {@code max}}
     *
     * @param max the largest thread count
     */
    static List<Integer> threadCounts(int max) {
        TreeSet<Integer> t = new TreeSet<>();
        for (int k = 1; k <= max; k *= 2) {
            t.add(k);
        }
        t.add(max);
        return new ArrayList<>(t);
    }

    /**
     * Runs the exercise.
     *
     * @param args {@code --n N}, {@code --reps R}, {@code --max-threads T} (default: the cores),
     *     {@code --chart PATH}, {@code --fast}
     * @throws IOException if the chart cannot be written
     */
    public static void main(String[] args) throws IOException {
        Exercises opt = new Exercises(args);
        boolean fast = opt.flag("fast");
        long n = opt.longOption("n", fast ? 100_000 : 10_000_000);
        int reps = (int) opt.longOption("reps", fast ? 2 : 5);
        int cores = Exercises.cores();
        List<Integer> counts = threadCounts((int) opt.longOption("max-threads", cores));
        int max = counts.get(counts.size() - 1);
        long perThread = n / max;
        int before = ND.threads();
        System.out.println("cores: " + cores + "; float64; strong: n = " + n + "; weak: n = " + perThread
                + " per thread; best of " + reps);
        System.out.printf(Locale.ROOT, "%-14s %-7s %-8s %12s %10s %8s%n", "workload", "scaling", "threads", "n", "time",
                "T1/Tt");
        Map<String, List<Double>> series = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, ToLongFunction<NDArray>> w : workloads().entrySet()) {
                for (boolean strong : new boolean[] {true, false}) {
                    List<Double> ratios = new ArrayList<>();
                    long t1 = 0;
                    for (int t : counts) {
                        long size = strong ? n : perThread * t;
                        ND.setThreads(t);
                        long nanos;
                        try (NDArray x = ND.random(7).uniform(0.5, 1.5, size)) {
                            if (x.dtype() != DType.FLOAT64) {
                                throw new IllegalStateException("expected float64, got " + x.dtype());
                            }
                            nanos = Exercises.bestNanos(reps, () -> w.getValue().applyAsLong(x));
                        }
                        if (t == 1) {
                            t1 = nanos;
                        }
                        double ratio = (double) t1 / nanos;
                        ratios.add(ratio);
                        System.out.printf(Locale.ROOT, "%-14s %-7s %-8d %12d %10s %7.2fx%n", w.getKey(),
                                strong ? "strong" : "weak", t, size, Exercises.time(nanos), ratio);
                    }
                    series.put(w.getKey() + ", " + (strong ? "strong (ideal: t)" : "weak (ideal: 1)"), ratios);
                }
            }
        } finally {
            ND.setThreads(before);
        }
        String chart = opt.option("chart", null);
        if (chart != null) {
            writeChart(chart, counts, series, cores);
            System.out.println("chart: " + chart);
        }
    }

    private static void writeChart(String path, List<Integer> counts, Map<String, List<Double>> series, int cores)
            throws IOException {
        XYChart c = new XYChartBuilder().width(900).height(560)
                .title("Strong and weak scaling on " + cores + " cores: T(1 thread) / T(t threads)")
                .xAxisTitle("threads").yAxisTitle("T1 / Tt").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        List<Double> x = counts.stream().map(Integer::doubleValue).toList();
        c.addSeries("ideal strong", x, x).setMarker(SeriesMarkers.NONE);
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            c.addSeries(e.getKey(), x, e.getValue()).setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(c, path, BitmapEncoder.BitmapFormat.PNG);
    }
}
