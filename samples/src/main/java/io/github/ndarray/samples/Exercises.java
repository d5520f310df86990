package io.github.ndarray.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What the tutorial exercises share: their command-line options and their timing.
 *
 * <p>Options come as {@code -Dtour.args="--fast --n 1000"}, which Maven passes as one string;
 * {@link #Exercises(String[])} splits every argument on whitespace, so that a direct
 * {@code main(new String[] {"--fast"})} (the tests) reads the same.
 */
final class Exercises {
    /** Where timed results go, so that the JIT cannot drop the work. */
    private static volatile long sink;

    private final List<String> args = new ArrayList<>();

    /**
     * Reads a program's arguments.
     *
     * @param args as given to {@code main}
     */
    Exercises(String[] args) {
        for (String a : args) {
            for (String part : a.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    this.args.add(part);
                }
            }
        }
    }

    /**
     * {@return whether {@code --name} was given}
     *
     * @param name the flag, without the dashes
     */
    boolean flag(String name) {
        return args.contains("--" + name);
    }

    /**
     * {@return the value after {@code --name}, or {@code otherwise}}
     *
     * @param name the option, without the dashes
     * @param otherwise its default
     */
    String option(String name, String otherwise) {
        int i = args.indexOf("--" + name);
        if (i < 0) {
            return otherwise;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("--" + name + " needs a value");
        }
        return args.get(i + 1);
    }

    /**
     * {@return the integer after {@code --name}, or {@code otherwise}}
     *
     * @param name the option, without the dashes
     * @param otherwise its default
     */
    long longOption(String name, long otherwise) {
        return Long.parseLong(option(name, Long.toString(otherwise)).replace("_", ""));
    }

    /** {@return the processors this JVM may use} */
    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code body} once to warm up, then {@code reps} times.
     *
     * @param reps timed runs, at least 1
     * @param body the work; its result is kept so that it is not optimized away
     * @return the fastest run's time in nanoseconds
     */
    static long bestNanos(int reps, LongSupplier body) {
        sink += body.getAsLong();
        long best = Long.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            sink += body.getAsLong();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    /**
     * {@return a time in the unit that suits it: "812 µs", "12.3 ms", "1.52 s"}
     *
     * @param nanos nanoseconds
     */
    static String time(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
