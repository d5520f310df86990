package io.github.ndarray.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ndarray.ChildJvm;
import io.github.ndarray.ChildJvm.Result;
import io.github.ndarray.DType;
import io.github.ndarray.Linalg;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.cpu.Parallel;
import io.github.ndarray.cpu.blas.Blas;
import io.github.ndarray.cpu.blas.BlasMatmul;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The BLAS layer itself: which OpenBLAS kernel loaded, threads, the fallback switch, output
 * layouts the api never produces, random layouts in both modes, the big-stack LAPACK thread.
 */
class BlasTest {
    private static Blas.Kind initial;

    @BeforeAll
    static void remember() {
        initial = Blas.kind();
    }

    @AfterAll
    static void restore() {
        Blas.use(initial);
    }

    private static void use(Blas.Kind kind) {
        if (kind == Blas.Kind.NATIVE) {
            assumeTrue(Blas.nativeAvailable(), () -> "native OpenBLAS unavailable: " + Blas.nativeUnavailableReason());
        }
        Blas.use(kind);
    }

    private static boolean linuxX86() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    // ------------------------------------------------------------------ what loaded

    @Test
    void nativeOpenBlasLoadsOnLinuxX86() {
        assumeTrue(linuxX86(), "bytedeco's openblas natives are bundled for linux-x86_64 here");
        assertTrue(Blas.nativeAvailable(), () -> "native OpenBLAS did not load: " + Blas.nativeUnavailableReason());
        assertTrue(Blas.nativeConfig().startsWith("OpenBLAS 0.3."), Blas.nativeConfig());
    }

    /**
     * The known trap: an OpenBLAS that misdetects the CPU runs SSE kernels at a fifth of the
     * speed. What DYNAMIC_ARCH picked must match the CPU's flags: an AVX-512 kernel where
     * {@code avx512f} is present, at least a Haswell-class (AVX2+FMA) kernel where {@code avx2} is.
     */
    @Test
    void openBlasPickedAKernelForThisCpu() throws IOException {
        assumeTrue(linuxX86() && Blas.nativeAvailable());
        Path cpuinfo = Path.of("/proc/cpuinfo");
        assumeTrue(Files.isReadable(cpuinfo));
        Set<String> flags = Set.of();
        for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
            if (line.startsWith("flags")) {
                flags = Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                break;
            }
        }
        String core = Blas.nativeCoreName();
        Set<String> avx512 = Set.of("SkylakeX", "Cooperlake", "SapphireRapids");
        Set<String> avx2 = Set.of("Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids");
        if (flags.contains("avx512f") && flags.contains("avx512dq") && flags.contains("avx512vl")) {
            assertTrue(avx512.contains(core), "CPU has AVX-512 but OpenBLAS picked " + core);
        } else if (flags.contains("avx2") && flags.contains("fma")) {
            assertTrue(avx2.contains(core), "CPU has AVX2/FMA but OpenBLAS picked " + core);
        }
        assertTrue(Blas.describe().contains(core) || Blas.kind() == Blas.Kind.JAVA, Blas.describe());
    }

    @Test
    void openBlasThreadsFollowParallelThreads() {
        assumeTrue(Blas.nativeAvailable());
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            assertEquals(1, Blas.nativeThreads());
            Parallel.setThreads(Math.max(2, before));
            assertEquals(Math.max(2, before), Blas.nativeThreads());
        } finally {
            Parallel.setThreads(before);
        }
        assertEquals(before, Blas.nativeThreads());
    }

    @Test
    void describeSaysWhichIsActive() {
        use(Blas.Kind.NATIVE);
        String d = Blas.describe();
        assertTrue(d.startsWith("BLAS/LAPACK: native OpenBLAS"), d);
        assertTrue(d.contains("core " + Blas.nativeCoreName()), d);
        assertTrue(d.contains(Blas.nativeThreads() + " threads"), d);
        Blas.use(Blas.Kind.JAVA);
        d = Blas.describe();
        assertTrue(d.startsWith("BLAS/LAPACK: pure Java"), d);
        assertTrue(d.contains(Parallel.threads() + " threads"), d);
        assertEquals(Blas.Kind.JAVA, Blas.kind());
    }

    /** {@code -Dndarray.blas=java} in a fresh JVM: the Java path, one log line, correct results. */
    @Test
    void propertyForcesJavaInAFreshJvm() throws Exception {
        Result r = runMain("-Dndarray.blas=java", VERBOSE);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("kind=JAVA"), r.toString());
        assertTrue(r.out().contains("native OpenBLAS not used: ndarray.blas=java"), r.toString());
        assertTrue(r.out().contains("check=ok"), r.toString());
        assertEquals(1, count(r.err(), "BLAS/LAPACK:"), "one log line: " + r);
    }

    @Test
    void defaultInAFreshJvmIsNativeHereAndLogsOnce() throws Exception {
        assumeTrue(linuxX86());
        Result r = runMain(VERBOSE);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("kind=NATIVE"), r.toString());
        assertTrue(r.out().contains("check=ok"), r.toString());
        assertEquals(1, count(r.err(), "BLAS/LAPACK: native OpenBLAS"), "one log line: " + r);
    }

    /** Natives that cannot load (here: JavaCPP told to look for another platform's) fall back to Java. */
    @Test
    void failingNativesFallBackToJava() throws Exception {
        Result r = runMain("-Dorg.bytedeco.javacpp.platform=linux-arm64");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("kind=JAVA"), r.toString());
        assertTrue(r.out().contains("native OpenBLAS not used: UnsatisfiedLinkError"), r.toString());
        assertTrue(r.out().contains("check=ok"), r.toString());
        Result forced = runMain("-Dorg.bytedeco.javacpp.platform=linux-arm64", "-Dndarray.blas=native");
        assertTrue(forced.out().contains("error=native OpenBLAS is not available"), forced.toString());
    }

    /**
     * The pure-Java BLAS is Vector API code: without the module and without natives there is no
     * BLAS, said once in the log; solve refuses with a clear exception (it threw
     * NoClassDefFoundError before) and the rest keeps working on the generic loops.
     */
    @Test
    void withoutTheVectorModuleTheJavaBlasIsRefusedClearly() throws Exception {
        Result r = runMain(false, "-Dndarray.blas=java", VERBOSE);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("error=no LAPACK: native OpenBLAS not used (ndarray.blas=java)"), r.toString());
        assertEquals(1, count(r.err(), "BLAS/LAPACK: none"), "one log line: " + r);
    }

    /**
     * Without the Vector API module every operation runs on the generic loops and gives the same
     * results (reductions over a kept axis threw NoClassDefFoundError before).
     */
    @Test
    void withoutTheVectorModuleEveryOpGivesTheSameResults() throws Exception {
        Result with = runMain(true, FallbackMain.class);
        Result without = runMain(false, FallbackMain.class);
        assertEquals(0, with.exit(), with.toString());
        assertEquals(0, without.exit(), without.toString());
        assertTrue(with.out().lines().count() > 100, with.toString());
        assertEquals(with.out(), without.out());
    }

    /** Quiet by default, as NumPy is: the choice is in {@code ND.runtimeInfo()}, not on stderr. */
    @Test
    void theChoiceIsNotPrintedUnlessAskedFor() throws Exception {
        Result r = runMain();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("check=ok"), r.toString());
        assertTrue(r.out().contains("runtimeInfo names it=true"), r.toString());
        assertFalse(r.err().contains("BLAS/LAPACK"), r.toString());
        assertFalse(r.err().contains("INFO"), r.toString());
    }

    @Test
    void badPropertyValueIsRefused() throws Exception {
        Result r = runMain("-Dndarray.blas=fortran");
        assertTrue(r.out().contains("ndarray.blas must be auto, native or java, got 'fortran'"), r.toString());
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Shows the BLAS choice on stderr (INFO instead of DEBUG). */
    private static final String VERBOSE = "-Dndarray.verbose=true";

    private static Result runMain(String... props) throws Exception {
        return runMain(true, props);
    }

    private static Result runMain(boolean vectorModule, String... props) throws Exception {
        return runMain(vectorModule, BlasMain.class, props);
    }

    private static Result runMain(boolean vectorModule, Class<?> main, String... props) throws Exception {
        List<String> args = new ArrayList<>();
        if (vectorModule) {
            args.add("--add-modules");
            args.add("jdk.incubator.vector");
        }
        args.add("--enable-native-access=ALL-UNNAMED");
        args.addAll(List.of(props));
        args.add("-cp");
        args.add(System.getProperty("java.class.path"));
        args.add(main.getName());
        return ChildJvm.run(args);
    }

    // ------------------------------------------------------------------ layouts

    /** Outputs the api never passes (it allocates C order): F order (C^T = B^T A^T) and strided (a scratch). */
    @ParameterizedTest
    @EnumSource(Blas.Kind.class)
    void outputLayouts(Blas.Kind kind) {
        use(kind);
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            NDArray a = random(t, 1, 37, 29);
            NDArray b = random(t, 2, 29, 41);
            NDArray fOrder = ND.zeros(t, 41, 37).transpose();
            NDArray strided = ND.zeros(t, 37, 82).get(":, ::-2");
            for (NDArray out : new NDArray[] {fOrder, strided}) {
                assertTrue(BlasMatmul.matmul(a, b, out));
                assertMatmul(a, b, out, t);
            }
        }
    }

    @Test
    void integerMatmulStaysExactOffBlas() {
        for (Blas.Kind kind : Blas.Kind.values()) {
            if (kind == Blas.Kind.NATIVE && !Blas.nativeAvailable()) {
                continue;
            }
            Blas.use(kind);
            long big = (1L << 40) + 1;
            NDArray c = ND.matmul(ND.array(new long[][] {{big, 1}}), ND.array(new long[][] {{(1L << 20) + 3}, {5}}));
            assertEquals(DType.INT64, c.dtype());
            assertEquals(big * ((1L << 20) + 3) + 5, c.getLong(0, 0));
            assertFalse(BlasMatmul.matmul(ND.ones(DType.INT32, 2, 2), ND.ones(DType.INT32, 2, 2), ND.zeros(DType.INT32, 2, 2)));
        }
    }

    /** Random shapes 1..300 and random layouts, both dtypes, against the float64 definition. */
    @ParameterizedTest
    @EnumSource(Blas.Kind.class)
    void randomShapesAndLayouts(Blas.Kind kind) {
        use(kind);
        Random rnd = new Random(20240611L);
        for (int iter = 0; iter < 40; iter++) {
            int n = size(rnd);
            int k = size(rnd);
            int m = size(rnd);
            DType t = rnd.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32;
            NDArray a = layout(rnd, random(t, 100 + iter, n, k));
            NDArray b = layout(rnd, random(t, 200 + iter, k, m));
            NDArray c = ND.matmul(a, b);
            assertArrayEquals(new long[] {n, m}, c.shape());
            assertMatmul(a, b, c, t);
        }
    }

    private static int size(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> 1 + rnd.nextInt(8);
            case 1 -> 1 + rnd.nextInt(40);
            default -> 1 + rnd.nextInt(300);
        };
    }

    /** The same values in another layout: C order, a transposed copy viewed back, sliced, reversed, or broadcast rows. */
    private static NDArray layout(Random rnd, NDArray a) {
        long r = a.shape(0);
        long c = a.shape(1);
        return switch (rnd.nextInt(5)) {
            case 0 -> a;
            case 1 -> a.transpose().copy().transpose();
            case 2 -> {
                NDArray big = ND.zeros(a.dtype(), 2 * r + 1, c + 3);
                big.set("1::2, 2:-1", a);
                yield big.get("1::2, 2:-1");
            }
            case 3 -> {
                NDArray rev = a.get("::-1, ::-1").copy();
                yield rev.get("::-1, ::-1");
            }
            default -> a.get("0:1, :").broadcastTo(r, c);
        };
    }

    @ParameterizedTest
    @EnumSource(Blas.Kind.class)
    void batchesOfSmallMatricesAndBroadcastBatches(Blas.Kind kind) {
        use(kind);
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            NDArray a = random(t, 5, 500, 4, 5);
            NDArray b = random(t, 6, 500, 5, 3);
            assertMatmul(a, b, ND.matmul(a, b), t);
            NDArray b1 = random(t, 7, 1, 5, 3).broadcastTo(500, 5, 3);
            assertMatmul(a, b1, ND.matmul(a, b1), t);
            NDArray a3 = random(t, 8, 7, 1, 30, 20);
            NDArray b3 = random(t, 9, 6, 20, 10).swapAxes(-1, -2).copy().swapAxes(-1, -2);
            assertMatmul(a3, b3, ND.matmul(a3, b3), t);
        }
    }

    @ParameterizedTest
    @EnumSource(Blas.Kind.class)
    void zeroStrideOperands(Blas.Kind kind) {
        use(kind);
        NDArray x = ND.array(new double[] {1.5}).broadcastTo(1000);
        NDArray y = random(DType.FLOAT64, 11, 1000);
        double expected = 1.5 * y.sum().item();
        assertEquals(expected, ND.matmul(x, y).item(), 1e-12 * 1000);
        assertEquals(expected, ND.matmul(y, x).item(), 1e-12 * 1000);
        NDArray col = random(DType.FLOAT64, 12, 50, 1).broadcastTo(50, 40);
        NDArray b = random(DType.FLOAT64, 13, 40, 30);
        assertMatmul(col, b, ND.matmul(col, b), DType.FLOAT64);
    }

    // ------------------------------------------------------------------ LAPACK

    /**
     * OpenBLAS's threaded getrf needs 4-5 MiB of C stack; from a thread with a small stack it
     * used to kill the JVM. Big factorizations now run on a dedicated big-stack thread.
     */
    @Test
    void bigFactorizationsFromASmallStackThread() throws Exception {
        use(Blas.Kind.NATIVE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Double> residual = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                NDArray a = random(DType.FLOAT64, 21, 300, 300).add(ND.eye(300).mul(3.0));
                NDArray b = random(DType.FLOAT64, 22, 300, 4);
                NDArray x = Linalg.solve(a, b);
                residual.set(ND.max(ND.abs(ND.matmul(a, x).sub(b))).item());
                Linalg.inv(a);
                Linalg.det(a);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(residual.get() < 1e-10, "residual " + residual.get());
    }

    @Test
    void concurrentSolvesAreIndependent() {
        use(Blas.Kind.NATIVE);
        double[] residuals = IntStream.range(0, 8).parallel().mapToDouble(i -> {
            NDArray a = random(DType.FLOAT64, 30 + i, 120, 120).add(ND.eye(120).mul(2.0));
            NDArray b = random(DType.FLOAT64, 40 + i, 120);
            NDArray x = Linalg.solve(a, b);
            return ND.max(ND.abs(ND.matmul(a, x).sub(b))).item();
        }).toArray();
        for (double r : residuals) {
            assertTrue(r < 1e-10, "residual " + r);
        }
    }

    /** Java LU against native LAPACK on a general (pivoting) matrix bigger than the Java block size. */
    @Test
    void javaLapackAgreesWithNative() {
        assumeTrue(Blas.nativeAvailable());
        NDArray a = random(DType.FLOAT64, 50, 150, 150);
        NDArray b = random(DType.FLOAT64, 51, 150, 3);
        Blas.use(Blas.Kind.NATIVE);
        NDArray invN = Linalg.inv(a);
        NDArray xN = Linalg.solve(a, b);
        double detN = Linalg.det(a).item();
        Blas.use(Blas.Kind.JAVA);
        NDArray invJ = Linalg.inv(a);
        NDArray xJ = Linalg.solve(a, b);
        double detJ = Linalg.det(a).item();
        assertTrue(ND.allclose(invN, invJ, 1e-9, 1e-9), "inv differs");
        assertTrue(ND.allclose(xN, xJ, 1e-9, 1e-9), "solve differs");
        assertEquals(detN, detJ, Math.abs(detN) * 1e-9);
        NDArray identity = ND.matmul(a, invJ);
        assertTrue(ND.allclose(identity, ND.eye(150), 1e-9, 1e-9), "a @ inv(a) is not I");
    }

    @ParameterizedTest
    @EnumSource(Blas.Kind.class)
    void singularInEitherMode(Blas.Kind kind) {
        use(kind);
        NDArray s = ND.array(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}).mul(0.0).add(1.0);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Linalg.inv(s));
        assertEquals("Singular matrix", e.getMessage());
        assertEquals(0.0, Linalg.det(s).item());
        // a large, exactly singular matrix (a zero column): LU meets an exact zero pivot mid-way
        NDArray big = random(DType.FLOAT64, 60, 100, 100);
        big.set(":, 50", 0.0);
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Linalg.solve(big, ND.ones(100)));
        assertEquals("Singular matrix", e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    static NDArray random(DType t, long seed, long... shape) {
        return ND.random(seed).uniform(-1, 1, shape).astype(t);
    }

    /**
     * Checks {@code got = a @ b} against the float64 definition, per element within
     * {@code rtol * (|a| @ |b|)[i,j]}: rtol 1e-12 for float64, 1e-5 for float32.
     */
    static void assertMatmul(NDArray a, NDArray b, NDArray got, DType t) {
        NDArray[] ref = MatmulReference.of(a, b);
        assertArrayEquals(ref[0].shape(), got.shape());
        double[] r = ref[0].toDoubleArray();
        double[] s = ref[1].toDoubleArray();
        double[] g = got.toDoubleArray();
        double rtol = t == DType.FLOAT32 ? 1e-5 : 1e-12;
        for (int i = 0; i < r.length; i++) {
            if (!(Math.abs(r[i] - g[i]) <= rtol * s[i])) {
                fail("at " + i + ": got " + g[i] + ", expected " + r[i] + " (" + t + ", scale " + s[i] + ")");
            }
        }
    }
}
