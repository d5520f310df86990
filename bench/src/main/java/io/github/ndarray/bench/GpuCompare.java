package io.github.ndarray.bench;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.Linalg;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our CUDA backend against our CPU backend, row for row the workloads that
 * {@code scripts/bench_cupy.py} times on CuPy (the two TSVs are joined by
 * {@code scripts/gpu/combine.py}; the one-shot GPU run is {@code scripts/gpu/run.sh}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp ... \
 *     io.github.ndarray.bench.GpuCompare --out gpu-bench.tsv [--quick] [--cpu-anyway] [--budget S]
 * </pre>
 *
 * <p>Rows: add, multiply, exp, sqrt, sum, max, argmax on float32 and float64 at 1e4 to 1e8
 * (the CPU up to 1e7); the broadcast {@code (n,n)+(n,)}; the distance matrix
 * {@code ((x[:,None,:]-x[None,:,:])**2).sum(-1)}; matmul (GPU to 8192, the CPU to 2048);
 * host-to-device and device-to-host copies and the device {@code copy()} (GB/s in the note);
 * the launch overhead (add of two 1-element arrays); and {@code norm(x)} of a host array
 * including its copy to the GPU at 100 sizes from 10 to 1e7, with the crossover size.
 *
 * <p>Timing (the same in bench_cupy.py): warm-up calls for 0.1 s (0.02 s in the norm sweep), at
 * least 3 (the first timed alone: slower than {@value #SLOW_S} s, a second call decides, and when it
 * is slower too it is reported alone; the last 2
 * estimate the time per call), then 3 batches of back-to-back calls, each long
 * enough to last about 20 ms (10 ms on the CPU; capped), closed by {@code ND.synchronize};
 * the result is the median batch's time per call, in microseconds. Results are closed as they
 * come, as CuPy frees them to its pool. TSV columns: {@code op dtype n device us note}.
 *
 * <p>Without a usable GPU it prints {@code cuda unavailable: <reason>} and exits 0, writing the
 * CPU rows only with {@code --cpu-anyway}.
 */
public final class GpuCompare {
    private static final double SLOW_S = 1.5;
    private static final double GPU_BATCH_S = 0.020;
    private static final double CPU_BATCH_S = 0.010;
    private static final double SWEEP_BATCH_S = 0.005;
    private static final int CAP = 100_000;

    private final PrintWriter tsv;
    private final Device gpu;
    private final long deadline;
    /** (op dtype device) whose smaller size was too slow: larger sizes are skipped. */
    private final Map<String, String> slow = new HashMap<>();
    private int rows;

    private GpuCompare(PrintWriter tsv, Device gpu, double budgetS) {
        this.tsv = tsv;
        this.gpu = gpu;
        this.deadline = System.nanoTime() + (long) (budgetS * 1e9);
    }

    /** One timed call; what it returns (may be null) is closed right away. */
    @FunctionalInterface
    interface Op {
        NDArray call() throws Throwable;
    }

    /** A timing: microseconds per call and a note. */
    record Time(double us, String note) {
    }

    /**
     * Runs the comparison.
     *
     * @param args {@code --out FILE.tsv [--quick] [--cpu-anyway] [--budget S]}
     * @throws Exception on failure to write the file
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of("gpu-bench.tsv");
        boolean quick = false;
        boolean cpuAnyway = false;
        double budget = 150;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--cpu-anyway" -> cpuAnyway = true;
                case "--budget" -> budget = Double.parseDouble(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("GpuCompare --out FILE.tsv [--quick] [--cpu-anyway] [--budget S]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String why;
        try {
            why = Device.cudaUnavailableReason();
        } catch (Throwable e) {
            why = "cudaUnavailableReason() threw " + e;
        }
        Device gpu = null;
        if (why == null) {
            try {
                gpu = Device.cuda();
            } catch (Throwable e) {
                why = String.valueOf(e.getMessage());
            }
        }
        if (gpu == null) {
            System.out.println("cuda unavailable: " + why);
            if (!cpuAnyway) {
                return;
            }
        }
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        long t0 = System.nanoTime();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("op\tdtype\tn\tdevice\tus\tnote");
            GpuCompare c = new GpuCompare(w, gpu, budget);
            c.runAll(quick);
            System.out.printf(Locale.ROOT, "GpuCompare: %d rows in %.1f s -> %s%n", c.rows, (System.nanoTime() - t0) * 1e-9, out);
        }
    }

    private void runAll(boolean quick) throws IOException {
        long[] sizes = quick ? new long[] {10_000, 100_000, 1_000_000} : new long[] {10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
        long cpuMax = quick ? 1_000_000 : 10_000_000;
        if (gpu != null) {
            // Context, module and pool set-up happen here, outside any timing.
            try (NDArray h = Inputs.uniform(9, DType.FLOAT32, 0.5, 1.5, 16); NDArray g = h.to(gpu); NDArray r = g.add(g)) {
                ND.synchronize(gpu);
            } catch (Throwable e) {
                System.out.println("first GPU call failed: " + e);
            }
            launch();
        }
        for (long n : sizes) {
            elementwise(n, n <= cpuMax);
        }
        for (long n : quick ? new long[] {500} : new long[] {1000, 4000}) {
            broadcast(n);
        }
        pdist(quick ? 500 : 2000);
        for (long n : quick ? new long[] {256, 512} : new long[] {1024, 2048, 4096, 8192}) {
            matmul(n, n <= (quick ? 256 : 2048));
        }
        if (gpu != null) {
            for (long n : quick ? new long[] {1_000_000} : new long[] {1_000_000, 100_000_000}) {
                transfers(n);
            }
            deviceCopy(quick ? 1_000_000 : 100_000_000);
        }
        normSweep(quick ? 20 : 100, quick ? 5 : 7);
    }

    // ------------------------------------------------------------------ rows

    private void launch() {
        try (NDArray ha = Inputs.uniform(11, DType.FLOAT32, 0.5, 1.5, 1); NDArray hb = Inputs.uniform(12, DType.FLOAT32, 0.5, 1.5, 1);
                NDArray a = ha.to(gpu); NDArray b = hb.to(gpu)) {
            row("launch_add", "float32", 1, "cuda", () -> time(() -> a.add(b), gpu, GPU_BATCH_S, 1_000_000), "");
        } catch (Throwable e) {
            failed("launch_add", "float32", 1, "cuda", e);
        }
    }

    private void elementwise(long n, boolean cpuToo) {
        int len = Math.toIntExact(n);
        double[] d1;
        double[] d2;
        try {
            d1 = Inputs.uniform(1, len, 0.5, 1.5);
            d2 = Inputs.uniform(2, len, 0.5, 1.5);
        } catch (Throwable e) {
            for (String op : new String[] {"add", "multiply", "exp", "sqrt", "sum", "max", "argmax"}) {
                failed(op, "float64", n, gpu != null ? "cuda" : "cpu", e);
            }
            return;
        }
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            String dn = name(dt);
            try (NDArray a = Inputs.array(d1, dt, n); NDArray b = Inputs.array(d2, dt, n)) {
                if (gpu != null) {
                    try (NDArray ga = a.to(gpu); NDArray gb = b.to(gpu)) {
                        elementwiseRows(dn, n, "cuda", ga, gb);
                    } catch (Throwable e) {
                        failed("add", dn, n, "cuda", e);
                    }
                }
                if (cpuToo) {
                    elementwiseRows(dn, n, "cpu", a, b);
                }
            } catch (Throwable e) {
                failed("add", dn, n, "cpu", e);
            }
        }
    }

    private void elementwiseRows(String dn, long n, String dev, NDArray a, NDArray b) {
        Device d = dev.equals("cuda") ? gpu : null;
        double batch = d != null ? GPU_BATCH_S : CPU_BATCH_S;
        row("add", dn, n, dev, () -> time(() -> a.add(b), d, batch, CAP), "");
        row("multiply", dn, n, dev, () -> time(() -> a.mul(b), d, batch, CAP), "");
        row("exp", dn, n, dev, () -> time(() -> ND.exp(a), d, batch, CAP), "");
        row("sqrt", dn, n, dev, () -> time(() -> ND.sqrt(a), d, batch, CAP), "");
        row("sum", dn, n, dev, () -> time(a::sum, d, batch, CAP), "");
        row("max", dn, n, dev, () -> time(a::max, d, batch, CAP), "");
        row("argmax", dn, n, dev, () -> time(a::argmax, d, batch, CAP), "");
    }

    private void broadcast(long n) {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            String dn = name(dt);
            try (NDArray a = Inputs.uniform(1, dt, 0.5, 1.5, n, n); NDArray r = Inputs.uniform(2, dt, 0.5, 1.5, n)) {
                pair("bcast_add", dn, n, a, r, (x, y, dev) -> x.add(y), true);
            } catch (Throwable e) {
                failed("bcast_add", dn, n, "cpu", e);
            }
        }
    }

    private void pdist(long n) {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            String dn = name(dt);
            try (NDArray p = Inputs.uniform(1, dt, 0.0, 1.0, n, 3)) {
                pair("pdist", dn, n, p, null, (x, y, dev) -> {
                    try (NDArray rows = x.reshape(n, 1, 3); NDArray cols = x.reshape(1, n, 3); NDArray diff = rows.sub(cols);
                            NDArray sq = diff.pow(2.0)) {
                        return sq.sum(-1);
                    }
                }, true);
            } catch (Throwable e) {
                failed("pdist", dn, n, "cpu", e);
            }
        }
    }

    private void matmul(long n, boolean cpuToo) {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            String dn = name(dt);
            try (NDArray a = Inputs.uniform(1, dt, -1.0, 1.0, n, n); NDArray b = Inputs.uniform(2, dt, -1.0, 1.0, n, n)) {
                pair("matmul", dn, n, a, b, (x, y, dev) -> x.matmul(y), cpuToo);
            } catch (Throwable e) {
                failed("matmul", dn, n, "cpu", e);
            }
        }
    }

    /** A binary (or unary, {@code b} null) op timed on the GPU and, if asked, on the CPU. */
    @FunctionalInterface
    interface Binary {
        NDArray apply(NDArray x, NDArray y, Device dev) throws Throwable;
    }

    private void pair(String op, String dn, long n, NDArray a, NDArray b, Binary f, boolean cpuToo) {
        if (gpu != null) {
            try (NDArray ga = a.to(gpu); NDArray gb = b == null ? null : b.to(gpu)) {
                row(op, dn, n, "cuda", () -> time(() -> f.apply(ga, gb, gpu), gpu, GPU_BATCH_S, CAP), "");
            } catch (Throwable e) {
                failed(op, dn, n, "cuda", e);
            }
        }
        if (cpuToo) {
            row(op, dn, n, "cpu", () -> time(() -> f.apply(a, b, null), null, CPU_BATCH_S, CAP), "");
        }
    }

    private void transfers(long n) {
        try (NDArray h = Inputs.uniform(3, DType.FLOAT64, 0.5, 1.5, n)) {
            row("h2d", "float64", n, "cuda", () -> time(() -> h.to(gpu), gpu, GPU_BATCH_S, CAP), "");
            try (NDArray g = h.to(gpu)) {
                row("d2h", "float64", n, "cuda", () -> time(() -> g.to(Device.cpu()), gpu, GPU_BATCH_S, CAP), "");
            }
        } catch (Throwable e) {
            failed("h2d", "float64", n, "cuda", e);
        }
    }

    private void deviceCopy(long n) {
        try (NDArray h = Inputs.uniform(4, DType.FLOAT64, 0.5, 1.5, n); NDArray g = h.to(gpu)) {
            row("copy", "float64", n, "cuda", () -> time(g::copy, gpu, GPU_BATCH_S, CAP), "");
        } catch (Throwable e) {
            failed("copy", "float64", n, "cuda", e);
        }
    }

    /** norm(x) of a host array: on the GPU including x.to(gpu) and item(); on the CPU norm + item(). */
    private void normSweep(int points, int maxExp) {
        long top = Math.round(Math.pow(10, maxExp));
        List<long[]> sizes = new ArrayList<>();
        long prev = -1;
        for (int i = 0; i < points; i++) {
            long n = Math.round(Math.pow(10, 1 + (maxExp - 1) * (double) i / (points - 1)));
            if (n != prev) {
                sizes.add(new long[] {n});
                prev = n;
            }
        }
        Map<Long, Double> g = new HashMap<>();
        Map<Long, Double> c = new HashMap<>();
        try (NDArray base = Inputs.uniform(5, DType.FLOAT64, 0.0, 1.0, top)) {
            for (long[] s : sizes) {
                long n = s[0];
                try (NDArray x = base.get("0:" + n)) {
                    if (gpu != null) {
                        Time t = row("norm_h2d", "float64", n, "cuda", () -> time(() -> {
                            try (NDArray xg = x.to(gpu); NDArray r = Linalg.norm(xg)) {
                                r.item();
                            }
                            return null;
                        }, gpu, SWEEP_BATCH_S, CAP), "x.to(cuda) + norm + item()");
                        if (t != null && !Double.isNaN(t.us())) {
                            g.put(n, t.us());
                        }
                    }
                    Time t = row("norm_h2d", "float64", n, "cpu", () -> time(() -> {
                        try (NDArray r = Linalg.norm(x)) {
                            r.item();
                        }
                        return null;
                    }, null, SWEEP_BATCH_S, CAP), "norm + item()");
                    if (t != null && !Double.isNaN(t.us())) {
                        c.put(n, t.us());
                    }
                }
            }
        } catch (Throwable e) {
            failed("norm_h2d", "float64", 0, "cpu", e);
        }
        if (gpu != null) {
            long cross = crossover(sizes, g, c);
            emit("norm_crossover", "float64", cross, "cuda", Double.NaN,
                    cross > 0 ? "GPU (with the copy) faster than our CPU for every n >= " + cross : "GPU never faster for all larger n");
            System.out.println(cross > 0 ? "norm crossover (ours GPU incl. h2d vs ours CPU): n >= " + cross : "norm: the GPU is not faster at the largest sizes");
        }
    }

    private static long crossover(List<long[]> sizes, Map<Long, Double> g, Map<Long, Double> c) {
        long cross = -1;
        for (int i = sizes.size() - 1; i >= 0; i--) {
            long n = sizes.get(i)[0];
            Double gt = g.get(n);
            Double ct = c.get(n);
            if (gt == null || ct == null) {
                continue;
            }
            if (gt < ct) {
                cross = n;
            } else {
                break;
            }
        }
        return cross;
    }

    // ------------------------------------------------------------------ timing and output

    /** A row that may fail or be skipped; returns its time or null. */
    @FunctionalInterface
    interface Timed {
        Time run() throws Throwable;
    }

    private Time row(String op, String dn, long n, String dev, Timed t, String note) {
        String key = op + " " + dn + " " + dev;
        if (System.nanoTime() > deadline) {
            emit(op, dn, n, dev, Double.NaN, "skipped: time budget spent");
            return null;
        }
        if (slow.containsKey(key)) {
            emit(op, dn, n, dev, Double.NaN, "skipped: " + slow.get(key));
            return null;
        }
        try {
            Time r = t.run();
            if (r.note().startsWith("1 call")) {
                slow.put(key, "n=" + n + " took " + String.format(Locale.ROOT, "%.2f s", r.us() * 1e-6) + " per call");
            }
            String gb = rate(op, dn, n, r.us());
            emit(op, dn, n, dev, r.us(), join(join(r.note(), gb), note));
            return r;
        } catch (Throwable e) {
            failed(op, dn, n, dev, e);
            return null;
        }
    }

    /** GB/s for the transfer and copy rows (bytes read + written for the copy). */
    private static String rate(String op, String dn, long n, double us) {
        double item = dn.equals("float32") ? 4 : 8;
        double bytes = switch (op) {
            case "h2d", "d2h" -> n * item;
            case "copy" -> 2 * n * item;
            default -> Double.NaN;
        };
        return Double.isNaN(bytes) ? "" : String.format(Locale.ROOT, "%.1f GB/s", bytes / (us * 1e-6) / 1e9);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private void failed(String op, String dn, long n, String dev, Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
        emit(op, dn, n, dev, Double.NaN, "failed: " + m);
        if (e instanceof OutOfMemoryError) {
            System.gc();
        }
    }

    private void emit(String op, String dn, long n, String dev, double us, String note) {
        String clean = note.replaceAll("[\\t\\r\\n]+", " ");
        if (clean.length() > 300) {
            clean = clean.substring(0, 300) + "...";
        }
        tsv.printf(Locale.ROOT, "%s\t%s\t%d\t%s\t%s\t%s%n", op, dn, n, dev, Double.isNaN(us) ? "" : String.format(Locale.ROOT, "%.3f", us), clean);
        tsv.flush();
        rows++;
        System.err.printf(Locale.ROOT, "[gpu-bench] %-14s %-7s %10d %-4s %12s %s%n", op, dn, n, dev,
                Double.isNaN(us) ? "-" : String.format(Locale.ROOT, "%.2f us", us), clean);
    }

    /**
     * Times {@code op} (see the class comment): warm-up calls, then 3 batches of back-to-back
     * calls each lasting about {@code batchS}, closed by a synchronize of {@code dev} (null: the CPU,
     * whose calls are synchronous); the median batch's time per call.
     */
    static Time time(Op op, Device dev, double batchS, int cap) throws Throwable {
        long t0 = System.nanoTime();
        close(op.call());
        sync(dev);
        double first = (System.nanoTime() - t0) * 1e-9;
        if (first > SLOW_S) {
            // The first call may include compiling or loading a kernel: a second call decides.
            long t = System.nanoTime();
            close(op.call());
            sync(dev);
            double second = (System.nanoTime() - t) * 1e-9;
            if (second > SLOW_S) {
                return new Time(second * 1e6, "1 call (slow)");
            }
        }
        // Warm-up until warmS has passed (the JIT compiles the host side meanwhile), then 2 calls more
        // that estimate the time per call.
        double warmS = batchS == SWEEP_BATCH_S ? 0.02 : 0.1;
        while ((System.nanoTime() - t0) * 1e-9 < warmS) {
            close(op.call());
            sync(dev);
        }
        long t1 = System.nanoTime();
        close(op.call());
        close(op.call());
        sync(dev);
        double per = Math.max((System.nanoTime() - t1) * 1e-9 / 2, 1e-9);
        if (per > SLOW_S / 2) {
            return new Time(per * 1e6, "1 call (slow)");
        }
        int count = (int) Math.max(1, Math.min(cap, Math.ceil(batchS / per)));
        double[] s = new double[3];
        for (int k = 0; k < 3; k++) {
            long t = System.nanoTime();
            for (int i = 0; i < count; i++) {
                close(op.call());
            }
            sync(dev);
            s[k] = (System.nanoTime() - t) * 1e-9 / count;
        }
        return new Time(Timer.median(s, 3) * 1e6, "");
    }

    private static void sync(Device dev) {
        if (dev != null) {
            ND.synchronize(dev);
        }
    }

    private static void close(NDArray a) {
        if (a != null) {
            a.close();
        }
    }

    private static String name(DType dt) {
        return dt == DType.FLOAT32 ? "float32" : "float64";
    }
}
