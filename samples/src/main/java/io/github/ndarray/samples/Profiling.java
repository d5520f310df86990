package io.github.ndarray.samples;

import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Tutorial exercise "profiling": the pairwise Euclidean distances of n random points in 3-d,
 * written the way a NumPy newcomer writes it first (two nested loops over the pairs, the
 * library's array operations on one pair's rows at a time, {@code setDouble} per pair), recorded with Java Flight Recorder from inside
 * the program (the JDK's "profile" settings), the recording read back with
 * {@link RecordingFile} and its {@code jdk.ExecutionSample} events counted by top frame: the five
 * hottest methods with their share of the samples, and where in this program's own code the
 * samples were. Then the vectorized version, {@code sqrt(((x[:, None, :] - x[None, :, :])**2).sum(-1))}
 * (broadcasting, a ufunc, a reduction), checked against the slow result (rtol 1e-12), and a table
 * of both times and the speed-up.
 *
 * <p>Run it with
 * {@code ./mvnw -q -pl samples -am compile exec:exec -Dtour.main=io.github.ndarray.samples.Profiling}
 * (options: {@code -Dtour.args="--n 2000"}; default n = 300, about 3 s: the loop takes about
 * 30 µs a pair, so n = 2000 takes 2 minutes; {@code --fast}, for CI: n = 60, and the slow version
 * repeated for 1 s of recording rather than 2 s).
 */
public final class Profiling {
    private Profiling() {
    }

    /**
     * {@return the (n, n) distances between the rows of {@code x}, element by element}
     *
     * @param x (n, 3) float64 points
     */
    static NDArray slowDistances(NDArray x) {
        long n = x.shape(0);
        NDArray d = ND.zeros(n, n);
        for (long i = 0; i < n; i++) {
            for (long j = 0; j < n; j++) {
                // Array operations on one pair at a time: each call allocates a small array.
                try (NDArray xi = x.get(i + ", :");
                        NDArray xj = x.get(j + ", :");
                        NDArray diff = xi.sub(xj);
                        NDArray sq = diff.mul(diff);
                        NDArray s = sq.sum()) {
                    d.setDouble(Math.sqrt(s.getDouble()), i, j);
                }
            }
        }
        return d;
    }

    /**
     * {@return the (n, n) distances between the rows of {@code x}, with broadcasting}
     *
     * @param x (n, d) float64 points
     */
    static NDArray fastDistances(NDArray x) {
        try (NDArray a = x.expandDims(1);
                NDArray b = x.expandDims(0);
                NDArray diff = a.sub(b);
                NDArray sq = diff.mul(diff);
                NDArray s = sq.sum(-1)) {
            return ND.sqrt(s);
        }
    }

    /**
     * {@return a stack frame as {@code Class.method}, without the package}
     *
     * @param frame a recorded frame
     */
    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static void printTop(String title, Map<String, Integer> counts, int total) {
        System.out.println(title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(5)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %5d  %s%n", 100.0 * e.getValue() / total,
                        e.getValue(), e.getKey()));
    }

    /**
     * Runs the exercise.
     *
     * @param args {@code --n N} (default 300), {@code --fast} (n = 60, 1 s of recording)
     * @throws IOException if the recording cannot be written or read
     * @throws ParseException if the JDK's "profile" settings cannot be read
     */
    public static void main(String[] args) throws IOException, ParseException {
        Exercises opt = new Exercises(args);
        boolean fast = opt.flag("fast");
        int n = (int) opt.longOption("n", fast ? 60 : 300);
        long minRecordNanos = fast ? 1_000_000_000L : 2_000_000_000L;
        Path file = Files.createTempFile("profiling", ".jfr");
        try (NDArray x = ND.random(42).random(n, 3)) {
            System.out.println("x: " + n + " random points in 3-d, " + x.dtype() + "; distances d[i, j] = |x[i] - x[j]|");

            // (1) The slow version under Java Flight Recorder, repeated until the recording has enough samples.
            NDArray slow = null;
            int runs = 0;
            long slowNanos;
            try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
                recording.start();
                long t0 = System.nanoTime();
                do {
                    if (slow != null) {
                        slow.close();
                    }
                    slow = slowDistances(x);
                    runs++;
                } while (System.nanoTime() - t0 < minRecordNanos);
                slowNanos = (System.nanoTime() - t0) / runs;
                recording.stop();
                recording.dump(file);
            }
            Map<String, Integer> self = new HashMap<>();
            Map<String, Integer> ours = new HashMap<>();
            int samples = 0;
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                samples++;
                self.merge(name(frames.get(0)), 1, Integer::sum);
                for (RecordedFrame f : frames) {
                    if (f.getMethod().getType().getName().equals(Profiling.class.getName())) {
                        ours.merge(name(f) + " line " + f.getLineNumber(), 1, Integer::sum);
                        break;
                    }
                }
            }
            System.out.println("JFR (\"profile\" settings): slowDistances run " + runs + " times in the recording, "
                    + samples + " execution samples");
            if (samples == 0) {
                System.out.println("no execution samples: the recording was too short");
            } else {
                printTop("top frames (self time):", self, samples);
                printTop("where this program's code was:", ours, samples);
            }

            // (2) The vectorized version, checked against the slow one.
            NDArray vectorized = fastDistances(x);
            boolean agree = ND.allclose(slow, vectorized, 1e-12, 1e-12);
            System.out.println("vectorized sqrt(((x[:, None, :] - x[None, :, :])**2).sum(-1)) "
                    + (agree ? "agrees with the loop (rtol 1e-12)" : "DIFFERS from the loop"));
            vectorized.close();
            slow.close();

            // (3) Times.
            long fastNanos = Exercises.bestNanos(fast ? 3 : 5, () -> {
                try (NDArray d = fastDistances(x)) {
                    return d.shape(0);
                }
            });
            System.out.printf(Locale.ROOT, "%-30s %10s%n", "version", "time");
            System.out.printf(Locale.ROOT, "%-30s %10s%n", "loop, one pair at a time", Exercises.time(slowNanos));
            System.out.printf(Locale.ROOT, "%-30s %10s%n", "vectorized (broadcasting)", Exercises.time(fastNanos));
            System.out.printf(Locale.ROOT, "%-30s %9.0fx%n", "speed-up", (double) slowNanos / fastNanos);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
