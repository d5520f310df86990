package io.github.ndarray.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import io.github.ndarray.spi.HostElements;
import java.io.File;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ufunc table's C expressions mean what the CPU backend computes: every (ufunc, loop) is
 * generated as a C function ({@link ExpressionKernels}), compiled with gcc, called through FFM
 * on random data with the awkward values in it (NaN, infinities, -0.0, negatives, zero divisors,
 * shift counts past the width), and compared with the CPU backend's kernel for the same loop:
 * bit for bit, except the transcendental functions, where libm and the JDK may differ by a few
 * ulp. The same source must also compile as CUDA device code.
 */
class ExpressionConformanceTest {
    private static final int N = 2048;
    /** Where C's libm and the JDK (or SVML) may round differently. */
    private static final Set<Ufunc.Id> TRANSCENDENTAL = EnumSet.of(Ufunc.Id.EXP, Ufunc.Id.EXPM1, Ufunc.Id.LOG,
            Ufunc.Id.LOG1P, Ufunc.Id.LOG2, Ufunc.Id.LOG10, Ufunc.Id.CBRT, Ufunc.Id.SIN, Ufunc.Id.COS, Ufunc.Id.TAN,
            Ufunc.Id.ARCSIN, Ufunc.Id.ARCCOS, Ufunc.Id.ARCTAN, Ufunc.Id.SINH, Ufunc.Id.COSH, Ufunc.Id.TANH,
            Ufunc.Id.ARCTAN2, Ufunc.Id.POWER);
    private static final long MAX_ULPS = 4;

    @TempDir
    Path dir;

    @Test
    void everyExpressionComputesWhatTheCpuBackendComputes() throws Throwable {
        Assumptions.assumeTrue(onPath("gcc"), "gcc is not on PATH");
        List<ExpressionKernels.Kernel> kernels = ExpressionKernels.all();
        Path src = dir.resolve("ufuncs.c");
        Files.writeString(src, ExpressionKernels.source(kernels));
        Path lib = dir.resolve("libufuncs.so");
        // -z defs: a misspelt function fails the link here instead of the JVM at the first call
        compile("gcc", "-O2", "-shared", "-fPIC", "-Wl,-z,defs", "-o", lib.toString(), src.toString(), "-lm");
        List<String> failures = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup symbols = SymbolLookup.libraryLookup(lib, arena);
            FunctionDescriptor signature = FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS);
            for (ExpressionKernels.Kernel k : kernels) {
                MethodHandle c = Linker.nativeLinker().downcallHandle(symbols.find(k.symbol()).orElseThrow(), signature);
                check(k, c, arena, failures);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " loops differ from the CPU backend:\n" + String.join("\n", failures));
        }
    }

    @Test
    void theSameSourceCompilesAsCudaDeviceCode() throws Exception {
        Assumptions.assumeTrue(onPath("nvcc"), "nvcc is not on PATH");
        Path src = dir.resolve("ufuncs.cu");
        Files.writeString(src, ExpressionKernels.source(ExpressionKernels.all()));
        Path obj = dir.resolve("ufuncs.o");
        compile("nvcc", "-c", "-arch=sm_80", "-o", obj.toString(), src.toString());
        assertTrue(Files.size(obj) > 0);
    }

    /** Runs one loop in C and on the CPU backend over the same inputs and compares the outputs. */
    private static void check(ExpressionKernels.Kernel k, MethodHandle c, Arena arena, List<String> failures)
            throws Throwable {
        Ufunc.Loop loop = k.loop();
        int nin = loop.in().size();
        NDArray[] ops = new NDArray[nin + 1];
        MemorySegment args = arena.allocate(ValueLayout.ADDRESS, nin + 1);
        MemorySegment steps = arena.allocate(ValueLayout.JAVA_LONG, nin + 1);
        for (int j = 0; j <= nin; j++) {
            DType t = j < nin ? loop.in().get(j) : loop.out();
            ops[j] = j < nin ? input(k.op(), j, t, 31L * k.symbol().hashCode() + j) : ND.zeros(t, N);
            MemorySegment mine = arena.allocate((long) N * t.itemSize(), 8);
            if (j < nin) {
                mine.copyFrom(CpuBackend.segment(ops[j].storage()).asSlice(0, mine.byteSize()));
            }
            args.setAtIndex(ValueLayout.ADDRESS, j, mine);
            steps.setAtIndex(ValueLayout.JAVA_LONG, j, t.itemSize());
        }
        c.invokeExact((long) N, args, steps);
        CpuBackend.run(new long[] {N}, ops, Kernels.elementwise(k.op(), loop));
        MemorySegment cpu = CpuBackend.segment(ops[nin].storage());
        MemorySegment gcc = args.getAtIndex(ValueLayout.ADDRESS, nin).reinterpret((long) N * loop.out().itemSize());
        int shown = 0;
        for (int i = 0; i < N && shown < 3; i++) {
            if (!agree(k.op(), loop.out(), cpu, gcc, i)) {
                StringBuilder in = new StringBuilder();
                for (int j = 0; j < nin; j++) {
                    in.append(j == 0 ? "" : ", ").append(HostElements.getDouble(CpuBackend.segment(ops[j].storage()),
                            loop.in().get(j), i));
                }
                failures.add("  " + k.op().name() + " " + loop + " (" + in + "): cpu "
                        + HostElements.getDouble(cpu, loop.out(), i) + ", C " + HostElements.getDouble(gcc, loop.out(), i)
                        + "   [" + k.op().expression(loop) + "]");
                shown++;
            }
        }
        for (NDArray a : ops) {
            a.close();
        }
    }

    private static boolean agree(Ufunc op, DType t, MemorySegment cpu, MemorySegment gcc, int i) {
        if (!t.isFloating()) {
            return HostElements.getLong(cpu, t, i) == HostElements.getLong(gcc, t, i);
        }
        double a = HostElements.getDouble(cpu, t, i);
        double b = HostElements.getDouble(gcc, t, i);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        if (Double.doubleToLongBits(a) == Double.doubleToLongBits(b)) {
            return true;
        }
        return TRANSCENDENTAL.contains(op.id()) && !Double.isInfinite(a) && !Double.isInfinite(b)
                && ulps(a, b, t) <= MAX_ULPS;
    }

    /** The distance in units in the last place of {@code t} between two finite values. */
    private static long ulps(double a, double b, DType t) {
        if (t == DType.FLOAT32) {
            return Math.abs(ordered(Float.floatToIntBits((float) a)) - ordered(Float.floatToIntBits((float) b)));
        }
        return Math.abs(ordered(Double.doubleToLongBits(a)) - ordered(Double.doubleToLongBits(b)));
    }

    /** Float bits as a number line: adjacent floats differ by one, across zero too. */
    private static long ordered(long bits) {
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    private static long ordered(int bits) {
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    /**
     * Random inputs of type {@code t} with the type's awkward values mixed in. Integer exponents of
     * power are non-negative (NumPy refuses negative ones before any loop runs).
     */
    private static NDArray input(Ufunc op, int j, DType t, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        NDArray a = ND.zeros(t, N);
        MemorySegment s = CpuBackend.segment(a.storage());
        boolean exponent = op.id() == Ufunc.Id.POWER && j == 1 && !t.isFloating();
        for (int i = 0; i < N; i++) {
            if (t == DType.BOOL) {
                HostElements.setLong(s, t, i, r.nextInt(2));
            } else if (t.isFloating()) {
                HostElements.setDouble(s, t, i, floatValue(r));
            } else if (exponent) {
                HostElements.setLong(s, t, i, r.nextInt(4) == 0 ? r.nextLong(0, 70) : r.nextLong(0, 6));
            } else {
                HostElements.setLong(s, t, i, intValue(r, 8 * t.itemSize()));
            }
        }
        return a;
    }

    private static final double[] FLOAT_SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0,
        -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 2.5, -1.5, 3.0, -3.0, 1e300, -1e300, 1e-310, Double.MIN_VALUE,
        Double.MAX_VALUE, 0x1p52 + 1, -0x1p23 - 1, 0x1p-1022, 0.49999999999999994, Math.PI / 2, 100.0, -709.0};

    private static double floatValue(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> FLOAT_SPECIALS[r.nextInt(FLOAT_SPECIALS.length)];
            case 1 -> r.nextInt(-8, 9);
            case 2 -> r.nextDouble(-4, 4);
            default -> r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-40, 41));
        };
    }

    /** Integers: the width's edges and shift counts around it, small values (divisors of 0 and -1), and any bits. */
    private static long intValue(SplittableRandom r, int bits) {
        long[] specials = {0, 1, -1, 2, -2, bits - 1, bits, bits + 1, 64, -bits, 1L << (bits - 1),
            (1L << (bits - 1)) - 1, Long.MIN_VALUE, Long.MAX_VALUE};
        return switch (r.nextInt(3)) {
            case 0 -> specials[r.nextInt(specials.length)];
            case 1 -> r.nextLong(-9, 10);
            default -> r.nextLong();
        };
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void compile(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
