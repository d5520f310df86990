package io.github.ndarray.samples;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tutorial exercise "linking to native code" (what Python's {@code ctypes} and {@code f2py} do):
 * a C function and a Fortran subroutine, compiled by the sample's own script
 * ({@code samples/native/build.sh}: gcc and gfortran), called through the JDK's foreign function
 * API on the memory of {@code NDArray}s, with no copy in either direction.
 *
 * <p>The arrays are {@link ND#wrap views over native memory} this program allocates from an
 * {@link Arena}: the library computes on that memory, and the native code receives the same
 * {@link MemorySegment}. It checks that
 * <ul>
 *   <li>C's {@code nd_sum} of {@code x = (arange(n) % 1000) - 500} equals the library's
 *       {@code x.sum()} (both exact: every partial sum is an integer below 2^53);</li>
 *   <li>C's {@code nd_scale(x, n, 0.5)} changes the array in place, as the library sees it;</li>
 *   <li>Fortran's {@code nd_poly(n, x, y)} ({@code intent(out) y}) fills {@code y} with
 *       {@code x*x + 2x + 1}, bit for bit the library's {@code x.mul(x).add(x.mul(2)).add(1)}.</li>
 * </ul>
 * and times the native loops against the library.
 *
 * <p>Run it from the repository root with
 * {@code ./mvnw -q -pl samples -am compile exec:exec -Dtour.main=io.github.ndarray.samples.NativeCode}
 * (options: {@code -Dtour.args="--n 1000000 --reps 20 --native samples/native --out samples/target/native"};
 * {@code --fast}: n = 1000, for CI). Needs gcc and gfortran ({@code apt-get install gcc gfortran}).
 */
public final class NativeCode {
    private NativeCode() {
    }

    /** The three native entry points, bound once; a failure inside a call comes back unchecked. */
    private record Natives(MethodHandle sumHandle, MethodHandle scaleHandle, MethodHandle polyHandle) {
        static Natives load(Path dir, Arena arena) {
            Linker linker = Linker.nativeLinker();
            SymbolLookup vec = SymbolLookup.libraryLookup(dir.resolve("libndvec.so"), arena);
            SymbolLookup poly = SymbolLookup.libraryLookup(dir.resolve("libndpoly.so"), arena);
            return new Natives(
                    linker.downcallHandle(vec.findOrThrow("nd_sum"), FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG)),
                    linker.downcallHandle(vec.findOrThrow("nd_scale"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_DOUBLE)),
                    linker.downcallHandle(poly.findOrThrow("nd_poly"), FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG,
                            ValueLayout.ADDRESS, ValueLayout.ADDRESS)));
        }

        /** C {@code double nd_sum(const double *x, long n)}. */
        double sum(MemorySegment x, long n) {
            try {
                return (double) sumHandle.invokeExact(x, n);
            } catch (Throwable t) {
                throw new IllegalStateException("nd_sum failed", t);
            }
        }

        /** C {@code void nd_scale(double *x, long n, double f)}. */
        void scale(MemorySegment x, long n, double f) {
            try {
                scaleHandle.invokeExact(x, n, f);
            } catch (Throwable t) {
                throw new IllegalStateException("nd_scale failed", t);
            }
        }

        /** Fortran {@code nd_poly(n, x, y)}, {@code y} {@code intent(out)}. */
        void poly(long n, MemorySegment x, MemorySegment y) {
            try {
                polyHandle.invokeExact(n, x, y);
            } catch (Throwable t) {
                throw new IllegalStateException("nd_poly failed", t);
            }
        }
    }

    /**
     * Runs {@code build.sh} from {@code sources} into {@code out}.
     *
     * @throws IllegalStateException with the script's output if it fails (e.g. no gfortran)
     * @throws IOException if the script cannot start
     * @throws InterruptedException if interrupted while it runs
     */
    static void build(Path sources, Path out) throws IOException, InterruptedException {
        Path script = sources.resolve("build.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalArgumentException("no " + script + ": pass --native DIR, the folder of vec.c, poly.f90 "
                    + "and build.sh (samples/native in the repository)");
        }
        Process p = new ProcessBuilder("bash", script.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("building the native code failed:\n" + log);
        }
    }

    /** {@return {@code samples/native} seen from the working directory: the repository root or {@code samples/}} */
    private static String defaultSources() {
        return Files.isDirectory(Path.of("samples", "native")) ? "samples/native" : "native";
    }

    /**
     * Runs the exercise.
     *
     * @param args {@code --n N --reps R --native DIR --out DIR --fast}
     * @throws IOException if the build script cannot start
     * @throws InterruptedException if interrupted while it runs
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Exercises opts = new Exercises(args);
        long n = opts.flag("fast") ? 1000 : opts.longOption("n", 1_000_000);
        int reps = (int) opts.longOption("reps", opts.flag("fast") ? 3 : 20);
        Path sources = Path.of(opts.option("native", defaultSources()));
        Path out = Path.of(opts.option("out", sources.resolve("../target/native").normalize().toString()));
        build(sources, out);
        System.out.println("built " + out.resolve("libndvec.so") + " (gcc) and " + out.resolve("libndpoly.so")
                + " (gfortran)");

        try (Arena arena = Arena.ofShared()) { // shared: the library computes on a pool of threads
            Natives natives = Natives.load(out.toAbsolutePath(), arena);
            MemorySegment xs = arena.allocate(ValueLayout.JAVA_DOUBLE, n);
            MemorySegment ys = arena.allocate(ValueLayout.JAVA_DOUBLE, n);
            NDArray x = ND.wrap(xs, DType.FLOAT64, n);
            NDArray y = ND.wrap(ys, DType.FLOAT64, n);
            try (NDArray i = ND.arange(n); NDArray m = Ufunc.REMAINDER.call(i, 1000L); NDArray r = m.sub(500L)) {
                x.assign(r);
            }

            double cSum = natives.sum(xs, n);
            double ndSum = x.sum().getDouble();
            System.out.printf(Locale.ROOT, "n = %d, x = (arange(n) %% 1000) - 500 as float64, in native memory%n", n);
            System.out.printf(Locale.ROOT, "C nd_sum(x) = %.1f, x.sum() = %.1f: %s%n", cSum, ndSum,
                    cSum == ndSum ? "equal" : "DIFFERENT");

            natives.scale(xs, n, 0.5);
            System.out.println("after C nd_scale(x, n, 0.5), the array reads " + x.get(":4")
                    + " (no copy: the library sees the change)");

            natives.poly(n, xs, ys);
            try (NDArray expected = x.mul(x).add(x.mul(2.0)).add(1.0)) {
                System.out.println("Fortran nd_poly(n, x, y) filled y = " + y.get(":4") + "; equal to x*x + 2x + 1 "
                        + "bit for bit: " + ND.arrayEqual(y, expected));
            }

            long cNanos = Exercises.bestNanos(reps, () -> (long) natives.sum(xs, n));
            long ndSumNanos = Exercises.bestNanos(reps, () -> {
                try (NDArray s = x.sum()) {
                    return (long) s.getDouble();
                }
            });
            long fNanos = Exercises.bestNanos(reps, () -> {
                natives.poly(n, xs, ys);
                return 0;
            });
            long ndPolyNanos = Exercises.bestNanos(reps, () -> {
                try (NDArray sq = x.mul(x); NDArray twice = x.mul(2.0); NDArray s = sq.add(twice);
                        NDArray p = s.add(1.0)) {
                    return p.size();
                }
            });
            System.out.printf(Locale.ROOT, "%-28s %10s %10s%n", "best of " + reps + " runs", "native", "library");
            System.out.printf(Locale.ROOT, "%-28s %10s %10s%n", "sum (C loop)", Exercises.time(cNanos),
                    Exercises.time(ndSumNanos));
            System.out.printf(Locale.ROOT, "%-28s %10s %10s%n", "x*x + 2x + 1 (Fortran)", Exercises.time(fNanos),
                    Exercises.time(ndPolyNanos));
        }
    }
}
