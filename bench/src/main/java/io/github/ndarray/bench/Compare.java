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
        int rounds = 3;
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
                case "--rounds" -> rounds = Math.max(1, Integer.parseInt(a.get(++i)));
                case "--threads" -> setOurThreads(Integer.parseInt(a.get(++i)));
                case "--numpy-threads" -> numpyThreads = Integer.toString(Integer.parseInt(a.get(++i)));
                case "-h", "--help" -> {
                    System.out.println("options: --only REGEX --out DIR --no-numpy --python CMD --numpy-csv FILE "
                            + "--rounds N --threads N --numpy-threads N --jit-prepass S --warmup S --min-sample S --repeats N --budget S --max-call S (see docs/benchmarks.md)");
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

        // Interleaved: in each round, every workload is timed by NumPy (a script kept running) and
        // by us back to back, NumPy first in odd rounds and second in even ones, so that a noisy
        // stretch of the machine hits both sides of a row instead of one library's whole run.
        Timer.Settings perRound = new Timer.Settings(warmup, minSample, repeats, budget / rounds, maxCall);
        Map<String, List<String>> numpyReused = null;
        Map<String, String> numpyMeta = new HashMap<>();
        String numpyWhy = null;
        NumpyServer numpy = null;
        if (numpyCsv != null) {
            numpyReused = readNumpy(numpyCsv);
            numpyMeta = readMeta(numpyCsv.resolveSibling("numpy-meta.tsv"));
        } else if (numpyOn) {
            Path script = root.resolve("scripts/bench_numpy.py");
            List<String> cmd = List.of(python, script.toString(), "--serve", "--spec", specFile.toString(), "--meta",
                    out.resolve("numpy-meta.tsv").toString(), "--warmup", Double.toString(warmup), "--min-sample",
                    Double.toString(minSample), "--repeats", Integer.toString(repeats), "--budget",
                    Double.toString(budget / rounds), "--max-call", Double.toString(maxCall));
            try {
                numpy = NumpyServer.start(cmd, numpyThreads);
            } catch (IOException e) {
                numpyWhy = "cannot run " + python + ": " + e.getMessage();
            }
        } else {
            numpyWhy = "--no-numpy";
        }

        jitPrepass(spec, prepass);
        Map<String, List<Timer.Result>> npRuns = new HashMap<>();
        Map<String, List<Timer.Result>> ourRuns = new HashMap<>();
        Map<String, Double> npDigests = new HashMap<>();
        Map<String, Double> ourDigests = new HashMap<>();
        Map<String, double[]> seen = new HashMap<>();
        for (int round = 1; round <= rounds; round++) {
            int k = 0;
            for (Workload w : spec) {
                k++;
                Timer.Result np = null;
                if (numpy != null && round % 2 == 1) {
                    np = askNumpy(numpy, w, npDigests);
                }
                Timer.Result ours = timeOurs(w, perRound, maxCall, seen, ourDigests);
                if (numpy != null && round % 2 == 0) {
                    np = askNumpy(numpy, w, npDigests);
                }
                if (np != null && np.status().equals("gone")) {
                    numpyWhy = np.note();
                    numpy.close();
                    numpy = null;
                    np = null;
                }
                ourRuns.computeIfAbsent(w.id(), x -> new ArrayList<>()).add(ours);
                if (np != null) {
                    npRuns.computeIfAbsent(w.id(), x -> new ArrayList<>()).add(np);
                }
                System.err.printf(Locale.ROOT, "[round %d/%d %2d/%d] %-16s NumPy %-10s ours %s%n", round, rounds, k,
                        spec.size(), w.id(), np == null ? "-" : np.ok() ? Timer.seconds(np.seconds()) : np.status(),
                        ours.ok() ? Timer.seconds(ours.seconds()) : ours.note());
            }
        }
        if (numpy != null) {
            numpy.close();
        }
        if (numpyWhy != null) {
            System.err.println("NumPy not run (" + numpyWhy + "): showing ours only");
        }
        List<Row> rows = new ArrayList<>();
        for (Workload w : spec) {
            List<Timer.Result> mine = ourRuns.get(w.id());
            List<Timer.Result> theirs = npRuns.getOrDefault(w.id(), List.of());
            Timer.Result np = theirs.isEmpty() ? null : combine(theirs);
            double npDigest = npDigests.getOrDefault(w.id(), Double.NaN);
            if (numpyReused != null && numpyReused.containsKey(w.id())) {
                List<String> f = numpyReused.get(w.id());
                np = csvResult(f);
                npDigest = parse(f.get(5));
            }
            double[] ratios = new double[0];
            if (theirs.size() == mine.size() && rounds > 1) {
                ratios = java.util.stream.IntStream.range(0, mine.size())
                        .filter(i -> mine.get(i).ok() && theirs.get(i).ok())
                        .mapToDouble(i -> theirs.get(i).seconds() / mine.get(i).seconds()).toArray();
            }
            rows.add(new Row(w, Ops.work(w), np, npDigest, combine(mine), ourDigests.getOrDefault(w.id(), Double.NaN),
                    ratios));
        }
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
        if (numpyCsv == null && numpyWhy == null) {
            numpyMeta = readMeta(out.resolve("numpy-meta.tsv"));
        }
        md.append(header(numpyMeta, numpyWhy, settings, rounds, copyParts, copy, load)).append('\n');
        md.append(Report.table(rows, copy)).append('\n');
        md.append(String.format(Locale.ROOT, "NumPy/ours = NumPy's time / our time: above 1 we are faster; with several "
                + "rounds, the median of the rounds' ratios, and \"spread\" the smallest and largest. Took %.0f s.%n", total));
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

    /**
     * Times one workload on our side, or predicts it too slow from a smaller size of the same op
     * (only when clearly so: predicted from a time that the work dominates, over 10x the limit).
     */
    private static Timer.Result timeOurs(Workload w, Timer.Settings settings, double maxCall, Map<String, double[]> seen,
            Map<String, Double> digests) {
        Ops.Work work = Ops.work(w);
        double[] prev = seen.get(w.op() + " " + w.dtype());
        double predicted = prev == null ? 0 : prev[1] * work.perCall() / prev[0];
        Timer.Result ours;
        if (prev != null && work.perCall() > prev[0] && prev[1] >= maxCall / 100 && predicted > 10 * maxCall) {
            ours = new Timer.Result("too slow", predicted, 0, 0, Timer.tooSlow(maxCall, "predicted " + Timer.seconds(predicted)));
        } else {
            try (Ops.Prepared p = Ops.prepare(w)) {
                ours = Timer.time(p::call, settings);
                if (ours.ok()) {
                    digests.put(w.id(), p.digest());
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
        return ours;
    }

    /** One workload timed by NumPy; status "gone" (note: why) if the script has died. */
    private static Timer.Result askNumpy(NumpyServer numpy, Workload w, Map<String, Double> digests) {
        try {
            List<String> f = numpy.time(w.id());
            if (!Double.isNaN(parse(f.get(5)))) {
                digests.put(w.id(), parse(f.get(5)));
            }
            return csvResult(f);
        } catch (IOException e) {
            String why = e.getMessage().endsWith("(exit 3)") ? "python3 has no numpy" : e.getMessage();
            return new Timer.Result("gone", Double.NaN, 0, 0, why);
        }
    }

    /** A result from bench_numpy.py's CSV record (id, status, seconds, samples, inner, digest, note). */
    private static Timer.Result csvResult(List<String> f) {
        return new Timer.Result(f.get(1), parse(f.get(2)), Integer.parseInt(f.get(3)), Long.parseLong(f.get(4)), f.get(6));
    }

    /** The rounds' results as one: the median time of the rounds that ran, or the first failure if none did. */
    static Timer.Result combine(List<Timer.Result> runs) {
        double[] ok = runs.stream().filter(Timer.Result::ok).mapToDouble(Timer.Result::seconds).toArray();
        if (ok.length == 0) {
            return runs.get(0);
        }
        int samples = runs.stream().filter(Timer.Result::ok).mapToInt(Timer.Result::samples).sum();
        Timer.Result first = runs.stream().filter(Timer.Result::ok).findFirst().orElseThrow();
        return new Timer.Result("ok", Timer.median(ok, ok.length), samples, first.inner(), "");
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

    /** {@return the widest x86 vector extension {@code /proc/cpuinfo} lists: "AVX-512", "AVX2", else "none found"} */
    static String vectorIsa() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    List<String> flags = List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                    return flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2" : "none found";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
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

    static String header(Map<String, String> meta, String numpyWhy, Timer.Settings s, int rounds, List<String> copyParts,
            double copy, String load) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ndarray for Java vs NumPy: ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(", ").append(machine()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append(", vector ISA ").append(vectorIsa()).append("\n\n");
        int threads = ourThreads();
        sb.append("- ours: Java ").append(Runtime.version()).append(", ndarray threads ")
                .append(threads < 0 ? "?" : Integer.toString(threads)).append(", ")
                .append(io.github.ndarray.cpu.blas.Blas.describe()).append('\n');
        if (numpyWhy != null) {
            sb.append("- NumPy: not run (").append(numpyWhy).append(")\n");
        } else {
            sb.append("- NumPy ").append(meta.getOrDefault("numpy", "?")).append(" (Python ").append(meta.getOrDefault("python", "?"))
                    .append(", BLAS ").append(meta.getOrDefault("blas", "?")).append(")\n");
        }
        sb.append(String.format(Locale.ROOT, "- %d round%s, interleaved: each workload timed by NumPy and by us back to back "
                + "(NumPy first in odd rounds, second in even ones) before the next workload%n", rounds, rounds == 1 ? "" : "s"));
        sb.append(String.format(Locale.ROOT, "- timing per round, both sides: one cold call, %.1f s of warm-up calls, then the median of up to %d "
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
