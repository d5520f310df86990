package io.github.ndarray.samples;

import io.github.ndarray.JavaUfunc;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.util.Arrays;
import java.util.Locale;

/**
 * Tutorial exercise "just-in-time compilation" (what Numba's {@code @vectorize} does): a ufunc
 * from a Java lambda, {@code rel_diff(x, y) = 2 (x - y) / (x + y)}, which the JVM's JIT compiles,
 * applied with broadcasting on all cores, and timed against a plain Java loop over
 * {@code double[]} and against the built-in ops ({@code x.sub(y).mul(2).div(x.add(y))}, three
 * passes over memory). All three give the same bits. Then an int64 function no built-in op
 * computes: the number of Collatz steps of each of {@code 1..n}.
 *
 * <p>Run it with
 * {@code ./mvnw -q -pl samples -am compile exec:exec -Dtour.main=io.github.ndarray.samples.JitUfunc}
 * (options: {@code -Dtour.args="--n 1000000 --reps 20"}; {@code --fast}: n = 10,000, for CI).
 */
public final class JitUfunc {
    private JitUfunc() {
    }

    /** Steps of the Collatz map from {@code n} to 1. */
    static long collatzSteps(long n) {
        long steps = 0;
        for (long v = n; v > 1; v = (v & 1) == 0 ? v >> 1 : 3 * v + 1) {
            steps++;
        }
        return steps;
    }

    /**
     * Runs the exercise.
     *
     * @param args {@code --n N --reps R --fast}
     */
    public static void main(String[] args) {
        Exercises opts = new Exercises(args);
        int n = (int) (opts.flag("fast") ? 10_000 : opts.longOption("n", 1_000_000));
        int reps = (int) opts.longOption("reps", opts.flag("fast") ? 3 : 20);
        JavaUfunc relDiff = JavaUfunc.of("rel_diff", (a, b) -> 2 * (a - b) / (a + b));
        NDArray x = ND.random(1).uniform(1, 2, n);
        NDArray y = ND.random(2).uniform(1, 2, n);
        double[] xs = x.toDoubleArray();
        double[] ys = y.toDoubleArray();
        double[] loop = new double[n];

        long tLoop = Exercises.bestNanos(reps, () -> {
            for (int i = 0; i < n; i++) {
                loop[i] = 2 * (xs[i] - ys[i]) / (xs[i] + ys[i]);
            }
            return (long) loop[n - 1];
        });
        long tUfunc = Exercises.bestNanos(reps, () -> {
            try (NDArray r = relDiff.call(x, y)) {
                return r.size();
            }
        });
        long tBuiltIn = Exercises.bestNanos(reps, () -> {
            try (NDArray d = x.sub(y); NDArray d2 = d.mul(2.0); NDArray s = x.add(y); NDArray r = d2.div(s)) {
                return r.size();
            }
        });
        double[] viaUfunc = relDiff.call(x, y).toDoubleArray();
        double[] viaOps = x.sub(y).mul(2.0).div(x.add(y)).toDoubleArray();
        System.out.printf(Locale.ROOT, "rel_diff(x, y) = 2 (x - y) / (x + y), float64, n = %d, %d threads%n", n,
                ND.threads());
        System.out.println("same bits, loop / JavaUfunc / built-in ops: "
                + (Arrays.equals(loop, viaUfunc) && Arrays.equals(loop, viaOps)));
        System.out.printf(Locale.ROOT, "%-34s %10s%n", "best of " + reps + " runs", "time");
        System.out.printf(Locale.ROOT, "%-34s %10s%n", "Java loop over double[]", Exercises.time(tLoop));
        System.out.printf(Locale.ROOT, "%-34s %10s%n", "JavaUfunc rel_diff", Exercises.time(tUfunc));
        System.out.printf(Locale.ROOT, "%-34s %10s%n", "built-in ops (4 passes)", Exercises.time(tBuiltIn));

        JavaUfunc steps = JavaUfunc.ofLong("collatz_steps", JitUfunc::collatzSteps);
        NDArray counts = steps.call(ND.arange(1, n + 1));
        long argmax = counts.argmax().getLong();
        System.out.printf(Locale.ROOT, "collatz_steps(arange(1, %d)): longest from %d, %d steps (dtype %s)%n", n + 1,
                argmax + 1, counts.max().getLong(), counts.dtype());
        long tSteps = Exercises.bestNanos(reps, () -> {
            try (NDArray c = steps.call(ND.arange(1, n + 1))) {
                return c.size();
            }
        });
        System.out.printf(Locale.ROOT, "%-34s %10s%n", "JavaUfunc collatz_steps", Exercises.time(tSteps));
    }
}
