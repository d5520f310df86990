package io.github.ndarray.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The comparison against NumPy: runs {@code scripts/bench_numpy.py} on the workload list, then
 * the same list on this library in this JVM, and prints one table; writes {@code compare.csv},
 * {@code compare.md} and the charts into the output folder (default {@code bench-out/}).
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests exec:exec
 * ./mvnw -q -pl bench -am package -DskipTests exec:exec -Dbench.args="--only exp|matmul --budget 5"
 * </pre>
 *
 * <p>Options: {@code --only REGEX} (workload ids), {@code --out DIR}, {@code --no-numpy},
 * {@code --python CMD}, {@code --numpy-csv FILE} (reuse NumPy results instead of running it),
 * {@code --threads N} (ours), {@code --numpy-threads N} (OpenBLAS's, through its environment),
 * {@code --jit-prepass S} (seconds per small workload before timing; 0 turns it off),
 * {@code --warmup S}, {@code --min-sample S}, {@code --repeats N}, {@code --budget S},
 * {@code --max-call S} (see {@link Timer}).
 */
public final class Compare {
    private Compare() {
    }

    /**
     * Runs the comparison.
     *
     * @param args options (one whitespace-separated string is split)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<String> a = Jmh.splitArgs(args);
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve("bench-out");
        String only = null;
        boolean numpyOn = true;
        String python = "python3";
        Path numpyCsv = null;
        Timer.Settings d = Timer.Settings.defaults();
        double warmup = d.warmupS();
        double minSample = d.minSampleS();
        int repeats = d.repeats();
        double budget = d.budgetS();
        double maxCall = d.maxCallS();
        String numpyThreads = null;
        double prepass = 0.2;
        for (int i = 0; i < a.size(); i++) {
            String o = a.get(i);
            switch (o) {
                case "--only" -> only = a.get(++i);
                case "--out" -> out = root.resolve(a.get(++i));
                case "--no-numpy" -> numpyOn = false;
                case "--python" -> python = a.get(++i);
                case "--numpy-csv" -> numpyCsv = root.resolve(a.get(++i));
                case "--warmup" -> warmup = Double.parseDouble(a.get(++i));
                case "--min-sample" -> minSample = Double.parseDouble(a.get(++i));
                case "--repeats" -> repeats = Integer.parseInt(a.get(++i));
                case "--budget" -> budget = Double.parseDouble(a.get(++i));
                case "--max-call" -> maxCall = Double.parseDouble(a.get(++i));
                case "--jit-prepass" -> prepass = Double.parseDouble(a.get(++i));
                case "--threads" -> setOurThreads(Integer.parseInt(a.get(++i)));
                case "--numpy-threads" -> numpyThreads = Integer.toString(Integer.parseInt(a.get(++i)));
                case "-h", "--help" -> {
                    System.out.println("options: --only REGEX --out DIR --no-numpy --python CMD --numpy-csv FILE "
                            + "--threads N --numpy-threads N --jit-prepass S --warmup S --min-sample S --repeats N --budget S --max-call S (see docs/benchmarks.md)");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + o + " (try --help)");
            }
        }
        Timer.Settings settings = new Timer.Settings(warmup, minSample, repeats, budget, maxCall);
        Files.createDirectories(out);
        long started = System.nanoTime();
        String load = loadAverage();

        List<Workload> spec = Workload.bundled();
        if (only != null) {
            Pattern p = Pattern.compile(only);
            spec = spec.stream().filter(w -> p.matcher(w.id()).find()).toList();
        }
        Path specFile = out.resolve("workloads.tsv");
        Files.writeString(specFile, Workload.bundledText());

        // NumPy first, in its own process, then ours: one after the other, never at the same time.
        Map<String, List<String>> numpy = null;
        Map<String, String> numpyMeta = new HashMap<>();
        String numpyWhy = null;
        double numpySeconds = 0;
        if (numpyCsv != null) {
            numpy = readNumpy(numpyCsv);
            numpyMeta = readMeta(numpyCsv.resolveSibling("numpy-meta.tsv"));
        } else if (numpyOn) {
            Path csv = out.resolve("numpy.csv");
            Path script = root.resolve("scripts/bench_numpy.py");
            List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--spec", specFile.toString(), "--out",
                    csv.toString(), "--warmup", Double.toString(warmup), "--min-sample", Double.toString(minSample),
                    "--repeats", Integer.toString(repeats), "--budget", Double.toString(budget), "--max-call",
                    Double.toString(maxCall)));
            if (only != null) {
                cmd.addAll(List.of("--only", only));
            }
            long t = System.nanoTime();
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
                if (numpyThreads != null) {
                    pb.environment().put("OPENBLAS_NUM_THREADS", numpyThreads);
                    pb.environment().put("OMP_NUM_THREADS", numpyThreads);
                }
                Process proc = pb.start();
                int rc = proc.waitFor();
                if (rc == 0) {
                    numpy = readNumpy(csv);
                    numpyMeta = readMeta(out.resolve("numpy-meta.tsv"));
                } else {
                    numpyWhy = rc == 3 ? "python3 has no numpy" : "bench_numpy.py failed (exit " + rc + ")";
                }
            } catch (IOException e) {
                numpyWhy = "cannot run " + python + ": " + e.getMessage();
            }
            numpySeconds = (System.nanoTime() - t) * 1e-9;
        } else {
            numpyWhy = "--no-numpy";
        }
        if (numpyWhy != null) {
            System.err.println("NumPy not run (" + numpyWhy + "): showing ours only");
        }

        long tOurs = System.nanoTime();
        jitPrepass(spec, prepass);
        List<Row> rows = new ArrayList<>();
        Map<String, double[]> seen = new HashMap<>();
        int k = 0;
        for (Workload w : spec) {
            k++;
            Ops.Work work = Ops.work(w);
            Timer.Result ours;
            double digest = Double.NaN;
            double[] prev = seen.get(w.op() + " " + w.dtype());
            double predicted = prev == null ? 0 : prev[1] * work.perCall() / prev[0];
            // Skip unrun only when clearly too slow: predicted from a time that the work dominates
            // (>= 1% of the limit, not per-call overhead) at over 10x the limit. Otherwise one call decides.
            if (prev != null && work.perCall() > prev[0] && prev[1] >= maxCall / 100 && predicted > 10 * maxCall) {
                ours = new Timer.Result("too slow", predicted, 0, 0, Timer.tooSlow(maxCall, "predicted " + Timer.seconds(predicted)));
            } else {
                try (Ops.Prepared p = Ops.prepare(w)) {
                    ours = Timer.time(p::call, settings);
                    if (ours.ok()) {
                        digest = p.digest();
                    }
                } catch (Ops.Unavailable e) {
                    ours = new Timer.Result("unavailable", Double.NaN, 0, 0, "not available in this build (" + e.getMessage() + ")");
                } catch (Throwable e) {
                    ours = new Timer.Result("error", Double.NaN, 0, 0, "error: " + e);
                }
            }
            if (ours.ok() || ours.status().equals("too slow")) {
                seen.put(w.op() + " " + w.dtype(), new double[] {work.perCall(), ours.seconds()});
            }
            Timer.Result np = null;
            double npDigest = Double.NaN;
            if (numpy != null) {
                List<String> f = numpy.get(w.id());
                if (f != null) {
                    np = new Timer.Result(f.get(1), parse(f.get(2)), Integer.parseInt(f.get(3)), Long.parseLong(f.get(4)), f.get(6));
                    npDigest = parse(f.get(5));
                }
            }
            rows.add(new Row(w, work, np, npDigest, ours, digest));
            System.err.printf(Locale.ROOT, "[ours  %2d/%d] %-16s %s%n", k, spec.size(), w.id(),
                    ours.ok() ? Timer.seconds(ours.seconds()) : ours.note());
        }
        double oursSeconds = (System.nanoTime() - tOurs) * 1e-9;

        // The machine's copy bandwidth: the best memcpy-like rate either side reached.
        double copy = Double.NaN;
        List<String> copyParts = new ArrayList<>();
        for (Row r : rows) {
            if (r.w().op().startsWith("copy")) {
                String what = r.w().op().equals("copy") ? "copy()" : "copyto";
                if (!Double.isNaN(r.numpyRate())) {
                    copyParts.add("NumPy " + what + " " + Timer.sig3(r.numpyRate()) + " GB/s");
                    copy = Double.isNaN(copy) ? r.numpyRate() : Math.max(copy, r.numpyRate());
                }
                if (!Double.isNaN(r.oursRate())) {
                    copyParts.add("ours " + (what.equals("copyto") ? "dst.assign(src)" : what) + " " + Timer.sig3(r.oursRate()) + " GB/s");
                    copy = Double.isNaN(copy) ? r.oursRate() : Math.max(copy, r.oursRate());
                }
            }
        }
        double total = (System.nanoTime() - started) * 1e-9;
        StringBuilder md = new StringBuilder();
        md.append(header(numpyMeta, numpyWhy, settings, copyParts, copy, load)).append('\n');
        md.append(Report.table(rows, copy)).append('\n');
        md.append(String.format(Locale.ROOT, "NumPy/ours = NumPy's time / our time: above 1 we are faster. "
                + "Took %.0f s (NumPy %.0f s, ours %.0f s).%n", total, numpySeconds, oursSeconds));
        Files.writeString(out.resolve("compare.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("compare.csv"), Report.csv(rows, copy), StandardCharsets.UTF_8);
        List<Path> charts = List.of();
        try {
            charts = Charts.write(rows, out, "ndarray for Java vs NumPy, " + machine());
        } catch (Throwable e) {
            System.err.println("chart not drawn: " + e);
        }
        System.out.println();
        System.out.print(md);
        System.out.println("Wrote " + root.relativize(out.resolve("compare.csv")) + ", " + root.relativize(out.resolve("compare.md"))
                + charts.stream().map(p -> ", " + root.relativize(p)).reduce("", String::concat));
    }

    /**
     * Runs every small workload (at most 1 MB of traffic per call) for {@code seconds} before
     * any timing, so that the JIT has compiled the shared dispatch path by the time the first
     * small workload is timed, rather than during its warm-up only (NumPy has nothing to
     * compile). Large workloads compile their loops within their own warm-up.
     */
    private static void jitPrepass(List<Workload> spec, double seconds) {
        if (seconds <= 0) {
            return;
        }
        for (Workload w : spec) {
            if (Ops.work(w).perCall() > 1e6) {
                continue;
            }
            try (Ops.Prepared p = Ops.prepare(w)) {
                long end = System.nanoTime() + (long) (seconds * 1e9);
                while (System.nanoTime() < end) {
                    p.call();
                }
            } catch (Throwable e) {
                // unavailable or failing: the timed run reports it
            }
        }
    }

    private static double parse(String s) {
        return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static Map<String, List<String>> readNumpy(Path csv) throws IOException {
        Map<String, List<String>> m = new HashMap<>();
        List<List<String>> recs = Report.parseCsv(Files.readString(csv, StandardCharsets.UTF_8));
        for (List<String> r : recs.subList(1, recs.size())) {
            m.put(r.get(0), r);
        }
        return m;
    }

    private static Map<String, String> readMeta(Path p) throws IOException {
        Map<String, String> m = new HashMap<>();
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    m.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return m;
    }

    /** {@return CPU model and core count, as {@code /proc/cpuinfo} and the JVM see them} */
    static String machine() {
        String cpu = System.getProperty("os.arch");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the architecture
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    static void setOurThreads(int n) {
        try {
            Class.forName("io.github.ndarray.cpu.Parallel").getMethod("setThreads", int.class).invoke(null, n);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set the CPU backend's threads", e);
        }
    }

    static int ourThreads() {
        try {
            return (int) Class.forName("io.github.ndarray.cpu.Parallel").getMethod("threads").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The 1-minute load average before anything ran, with a warning when other processes were
     * using a good part of the cores (then both sides were measured on a busy machine).
     */
    static String loadAverage() {
        try {
            double l = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
            int cores = Runtime.getRuntime().availableProcessors();
            return String.format(Locale.ROOT, "%.2f on %d cores%s", l, cores,
                    l > 0.5 * cores ? " (busy: other processes were competing for the cores; rerun on a quiet machine)" : "");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String header(Map<String, String> meta, String numpyWhy, Timer.Settings s, List<String> copyParts, double copy,
            String load) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ndarray for Java vs NumPy: ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(", ").append(machine()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append("\n\n");
        int threads = ourThreads();
        sb.append("- ours: Java ").append(Runtime.version()).append(", ndarray threads ")
                .append(threads < 0 ? "?" : Integer.toString(threads)).append('\n');
        if (numpyWhy != null) {
            sb.append("- NumPy: not run (").append(numpyWhy).append(")\n");
        } else {
            sb.append("- NumPy ").append(meta.getOrDefault("numpy", "?")).append(" (Python ").append(meta.getOrDefault("python", "?"))
                    .append(", BLAS ").append(meta.getOrDefault("blas", "?")).append(")\n");
        }
        sb.append(String.format(Locale.ROOT, "- timing, both sides: one cold call, %.1f s of warm-up calls, then the median of up to %d "
                + "samples, each >= %.0f ms of back-to-back calls; at most %.0f s per workload; a call over %.0f s is not "
                + "repeated (too slow). Inputs: the same seeded random numbers on both sides. Elementwise ops write into a "
                + "scratch out= array on both sides; expressions, reductions, matmul, solve and the distance matrix make fresh arrays on both.%n",
                s.warmupS(), s.repeats(), s.minSampleS() * 1e3, s.budgetS(), s.maxCallS()));
        if (load != null) {
            sb.append("- load average at start: ").append(load).append('\n');
        }
        if (!copyParts.isEmpty()) {
            sb.append("- copy bandwidth (1e8 bytes; bytes read + written): ").append(String.join(", ", copyParts))
                    .append(String.format(Locale.ROOT, "; \"of copy BW\" is ours against %s GB/s%n", Timer.sig3(copy)));
        }
        return sb.toString();
    }
}
