package io.github.ndarray.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every tutorial exercise, run through its {@code main} with its fast settings, prints the numbers it claims. */
class TutorialExercisesTest {
    @FunctionalInterface
    private interface Main {
        void run(String[] args) throws Exception;
    }

    private static String run(Main main, String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        old.print(out);
        return out;
    }

    private static void assertHas(String out, String expected) {
        assertTrue(out.contains(expected), () -> "expected \"" + expected + "\" in:\n" + out);
    }

    @Test
    void generators() throws Exception {
        String out = run(Generators::main, "--fast");
        assertHas(out, "Fibonacci, a loop:     1 1 2 3 5 8 13 21 34 55 89 144 233 377 610");
        assertHas(out, "Fibonacci, a stream:   1 1 2 3 5 8 13 21 34 55 89 144 233 377 610");
        assertHas(out, "Fibonacci, an iterator: 1 1 2 3 5 8 13 21 34 55 89 144 233 377 610");
        assertHas(out, "F(100) from the iterator = 354224848179261915075");
        assertHas(out, "primes in [100, 200] (21): 101 103 107");
        assertHas(out, "the first 10 Fibonacci primes: 2, 3, 5, 13, 89, 233, 1597, 28657, 514229, 433494437");
    }

    @Test
    void parallelFibonacciPrimes() throws Exception {
        String out = run(ParallelFibonacciPrimes::main, "--fast --chunks 1,50");
        assertHas(out, "cores: " + Runtime.getRuntime().availableProcessors());
        assertHas(out, "18 primes, at k = [3, 4, 5, 7, 11, 13, 17, 23, 29, 43, 47, 83, 131, 137, 359, 431, 433, 449]");
        assertHas(out, "serial");
        assertHas(out, "every run found the same 18 primes");
    }

    @Test
    void chunkedSum() throws Exception {
        String out = run(ChunkedSum::main, "--fast");
        assertHas(out, "10 chunks of 10000");
        assertHas(out, "chunked (a**2).sum()  = 333328333350000");
        assertHas(out, "one-shot (a**2).sum() = 333328333350000");
        assertHas(out, "all three agree");
    }

    @Test
    void scaling(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("scaling.png");
        String out = run(Scaling::main, "--fast", "--max-threads", "2", "--chart", chart.toString());
        assertHas(out, "cores: " + Runtime.getRuntime().availableProcessors());
        assertHas(out, "x.sum()        strong  2");
        assertHas(out, "x**2 + 2x + 1  weak    2");
        assertTrue(Files.size(chart) > 0);
    }

    @Test
    void loopVsVectorized() throws Exception {
        String out = run(LoopVsVectorized::main, "--fast");
        assertHas(out, "sum(x*2) = 99990000, sum(x**2+2x+1) = 333383335000");
        assertHas(out, "x**2 + 2x + 1  library expression");
    }

    @Test
    void profiling() throws Exception {
        String out = run(Profiling::main, "--fast");
        assertHas(out, "x: 60 random points in 3-d, float64");
        assertHas(out, "top frames (self time):");
        assertHas(out, "  Profiling.slowDistances line ");
        assertHas(out, "agrees with the loop (rtol 1e-12)");
        assertHas(out, "speed-up");
    }

    @Test
    void nativeCode(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("gcc") && onPath("gfortran"), "gcc and gfortran are needed (.ci/run installs them)");
        String out = run(NativeCode::main, "--fast", "--native", "native", "--out", dir.toString());
        assertHas(out, "C nd_sum(x) = -500.0, x.sum() = -500.0: equal");
        assertHas(out, "after C nd_scale(x, n, 0.5), the array reads array([-250. , -249.5, -249. , -248.5])");
        assertHas(out, "equal to x*x + 2x + 1 bit for bit: true");
        assertHas(out, "x*x + 2x + 1 (Fortran)");
    }

    @Test
    void jitUfunc() throws Exception {
        String out = run(JitUfunc::main, "--fast");
        assertHas(out, "rel_diff(x, y) = 2 (x - y) / (x + y), float64, n = 10000");
        assertHas(out, "same bits, loop / JavaUfunc / built-in ops: true");
        assertHas(out, "JavaUfunc rel_diff");
        assertHas(out, "collatz_steps(arange(1, 10001)): longest from 6171, 261 steps (dtype int64)");
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
