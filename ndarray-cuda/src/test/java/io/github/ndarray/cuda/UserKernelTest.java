package io.github.ndarray.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.DeviceUnavailableException;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User kernels: {@link RawKernel}, {@link ElementwiseKernel} and {@link NvrtcCompiler}. The parser,
 * the generated source, the launch checks and the missing-GPU error run everywhere; the generated
 * source compiles with nvcc where it is on PATH; NVRTC and its disk cache run where libnvrtc loads
 * (no GPU needed: {@code -Dndarray.cuda.nvrtc=/path} names it); launches need a GPU.
 */
class UserKernelTest {
    private static final String SAXPY = """
            extern "C" __global__ void saxpy(float a, const float *x, float *y, long long n) {
                long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) {
                    y[i] = a * x[i] + y[i];
                }
            }
            """;

    // ---- everywhere

    @Test
    void parsesParameterLists() {
        List<ElementwiseKernel.Param> p = ElementwiseKernel.parseParams(" float64 x,int32  y , bool _m2", "in_params");
        assertEquals(List.of(new ElementwiseKernel.Param(DType.FLOAT64, "x"), new ElementwiseKernel.Param(DType.INT32, "y"),
                new ElementwiseKernel.Param(DType.BOOL, "_m2")), p);
        assertEquals(List.of(), ElementwiseKernel.parseParams("  ", "in_params"));
    }

    @Test
    void rejectsMalformedParametersWithClearMessages() {
        assertMessage("'float64' is not TYPE NAME", () -> ElementwiseKernel.parseParams("float64", "in_params"));
        assertMessage("'float64 x y' is not TYPE NAME", () -> ElementwiseKernel.parseParams("float64 x y", "in_params"));
        assertMessage("'' is not TYPE NAME", () -> ElementwiseKernel.parseParams("float64 x,", "in_params"));
        assertMessage("data type 'float65' not understood; use one of bool, int8",
                () -> ElementwiseKernel.parseParams("float65 x", "in_params"));
        assertMessage("data type 'T' not understood", () -> ElementwiseKernel.parseParams("T x", "in_params"));
        assertMessage("'1x' is not a usable name", () -> ElementwiseKernel.parseParams("float64 1x", "out_params"));
        assertMessage("'int' is not a usable name", () -> ElementwiseKernel.parseParams("float64 int", "out_params"));
        assertMessage("'nd_x' is not a usable name", () -> ElementwiseKernel.parseParams("float64 nd_x", "out_params"));
        assertMessage("'x' is declared twice", () -> new ElementwiseKernel("float64 x, float64 x", "float64 z", "z = x", "k"));
        assertMessage("'x' is both an input and the output", () -> new ElementwiseKernel("float64 x", "float64 x", "x = 1", "k"));
        assertMessage("declares 0 inputs; an ElementwiseKernel takes 1 to 3",
                () -> new ElementwiseKernel("", "float64 z", "z = 1", "k"));
        assertMessage("declares 4 inputs", () -> new ElementwiseKernel("int8 a, int8 b, int8 c, int8 d", "int8 z", "z = a", "k"));
        assertMessage("declares 2 outputs; an ElementwiseKernel has exactly 1",
                () -> new ElementwiseKernel("float64 x", "float64 y, float64 z", "y = z = x", "k"));
        assertMessage("kernel name 'nd_map2' must be a C identifier",
                () -> new ElementwiseKernel("float64 x", "float64 z", "z = x", "nd_map2"));
        assertMessage("kernel name 'my kernel' must be a C identifier",
                () -> new ElementwiseKernel("float64 x", "float64 z", "z = x", "my kernel"));
        assertMessage("the operation is empty", () -> new ElementwiseKernel("float64 x", "float64 z", " ", "k"));
    }

    @Test
    void generatesAFunctorAndAnNdMapKernel() {
        ElementwiseKernel k = new ElementwiseKernel("float64 x, float32 y", "float64 z", "z = x * y + 1", "my_fma");
        String src = k.source();
        assertTrue(src.contains("struct f_my_fma {"), src);
        assertTrue(src.contains("__device__ static nd_float64 f(const nd_float64 x, const nd_float32 y, long long) {"));
        assertTrue(src.contains("nd_float64 z;"));
        assertTrue(src.contains("z = x * y + 1;"));
        assertTrue(src.contains("ND_KERNEL void my_fma(nd_layout a) { nd_map<nd_float64, f_my_fma, nd_float64, nd_float32>(a); }"));
        assertTrue(src.contains("struct nd_layout {"), "the templates are pasted");
        assertTrue(src.contains("#ifdef __CUDACC_RTC__"), "the prelude is adapted to NVRTC");
        assertEquals(List.of(DType.FLOAT64, DType.FLOAT32), k.inTypes());
        assertEquals(DType.FLOAT64, k.outType());
    }

    @Test
    void checksGridAndBlockBeforeAnyNativeCall() {
        assertMessage("grid has 0 dimensions; 1 to 3 are allowed", () -> RawKernel.checkShape(new long[0], new int[] {1}));
        assertMessage("block has 4 dimensions", () -> RawKernel.checkShape(new long[] {1}, new int[] {1, 1, 1, 1}));
        assertMessage("grid x is 0; it must be 1 to 2147483647", () -> RawKernel.checkShape(new long[] {0}, new int[] {1}));
        assertMessage("grid y is 65536; it must be 1 to 65535",
                () -> RawKernel.checkShape(new long[] {1, 65536}, new int[] {1}));
        assertMessage("block x is -1", () -> RawKernel.checkShape(new long[] {1}, new int[] {-1}));
        assertMessage("block z is 65; it must be 1 to 64", () -> RawKernel.checkShape(new long[] {1}, new int[] {1, 1, 65}));
        assertMessage("a block of [64, 32] has 2048 threads; at most 1024 are allowed",
                () -> RawKernel.checkShape(new long[] {1}, new int[] {64, 32}));
        RawKernel.checkShape(new long[] {Integer.MAX_VALUE, 65535, 65535}, new int[] {32, 32, 1});
        RawKernel k = new RawKernel(SAXPY, "saxpy");
        assertMessage("a RawKernel runs on a CUDA device, not cpu", () -> k.launch(Device.cpu(), 1, 1));
        assertMessage("block x is 2000", () -> k.launch(Device.cpu(), 1, 2000));
    }

    @Test
    void withoutAGpuLaunchingSaysWhy() {
        String why = Device.cudaUnavailableReason();
        Assumptions.assumeTrue(why != null, "a GPU is present");
        RawKernel k = new RawKernel(SAXPY, "saxpy");
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class,
                () -> k.launch(Device.cuda(), 1, 32, 1f));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void generatedSourceCompilesWithNvcc(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("nvcc"), "nvcc is not on PATH");
        StringBuilder all = new StringBuilder();
        for (ElementwiseKernel k : sampleKernels()) {
            Path src = dir.resolve(k.name() + ".cu");
            Files.writeString(src, k.source());
            Path obj = dir.resolve(k.name() + ".o");
            List<String> cmd = List.of("nvcc", "-c", "-arch=sm_90", "-fmad=false", "-o", obj.toString(), src.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nvcc timed out");
            assertEquals(0, p.exitValue(), () -> k.name() + ": " + out);
            all.append(out);
        }
    }

    /** One kernel per arity, with bool, integer and float types, as the GPU and NVRTC tests use them. */
    private static List<ElementwiseKernel> sampleKernels() {
        return List.of(
                new ElementwiseKernel("float32 x", "float32 y", "y = sqrtf(x) + ND_MATH1(exp, x)", "uk_unary"),
                new ElementwiseKernel("float64 x, float64 y", "float64 z", "z = x * y + 1", "uk_binary"),
                new ElementwiseKernel("bool c, int64 a, int8 b", "int32 r", "r = c ? a : b; if (nd_isinf_f(a)) r = 0",
                        "uk_ternary"));
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
    }

    // ---- where NVRTC loads (no GPU needed)

    @Nested
    class Nvrtc {
        private NvrtcCompiler nvrtc;

        @BeforeAll
        static void library() {
            String why = NvrtcCompiler.unavailableReason();
            Assumptions.assumeTrue(why == null, why);
        }

        private NvrtcCompiler nvrtc() {
            if (nvrtc == null) {
                nvrtc = NvrtcCompiler.get();
            }
            return nvrtc;
        }

        private <T> T withCache(Path dir, java.util.function.Supplier<T> body) {
            String old = System.getProperty("ndarray.cuda.kernelCache");
            System.setProperty("ndarray.cuda.kernelCache", dir.toString());
            try {
                return body.get();
            } finally {
                if (old == null) {
                    System.clearProperty("ndarray.cuda.kernelCache");
                } else {
                    System.setProperty("ndarray.cuda.kernelCache", old);
                }
            }
        }

        @Test
        void compilesToACubin(@TempDir Path dir) {
            byte[] cubin = withCache(dir, () -> nvrtc().compile(SAXPY, "saxpy.cu", List.of(), 90));
            assertEquals(0x7f, cubin[0]);
            assertEquals('E', cubin[1]);
            assertEquals('L', cubin[2]);
            assertEquals('F', cubin[3]);
        }

        @Test
        void aCompileErrorCarriesNvrtcsLog(@TempDir Path dir) {
            String bad = "extern \"C\" __global__ void broken(float *y) {\n    y[0] = undefined_name;\n}\n";
            CudaException e = assertThrows(CudaException.class,
                    () -> withCache(dir, () -> nvrtc().compile(bad, "broken.cu", List.of(), 90)));
            assertTrue(e.getMessage().contains("broken.cu(2): error: identifier \"undefined_name\" is undefined"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("NVRTC_ERROR_COMPILATION"), e.getMessage());
            try (var files = Files.list(dir)) {
                assertEquals(0, files.filter(f -> f.toString().endsWith(".cubin")).count(), "no file for a failure");
            } catch (IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        }

        @Test
        void anOperationErrorPointsIntoTheOperation(@TempDir Path dir) {
            ElementwiseKernel k = new ElementwiseKernel("float64 x", "float64 z", "z = x + w", "uses_w");
            CudaException e = assertThrows(CudaException.class,
                    () -> withCache(dir, () -> nvrtc().compile(k.source(), "uses_w.cu", ElementwiseKernel.DEFAULT_OPTIONS, 90)));
            assertTrue(e.getMessage().contains("uses_w operation(1): error: identifier \"w\" is undefined"), e.getMessage());
        }

        @Test
        void generatedSourceCompilesWithNvrtc(@TempDir Path dir) {
            for (ElementwiseKernel k : sampleKernels()) {
                byte[] cubin = withCache(dir,
                        () -> nvrtc().compile(k.source(), k.name() + ".cu", ElementwiseKernel.DEFAULT_OPTIONS, 90));
                assertTrue(cubin.length > 0);
            }
        }

        @Test
        void theDiskCacheAnswersTheSecondCompileAndRecompilesADamagedFile(@TempDir Path dir) throws IOException {
            String src = SAXPY + "// disk cache test " + System.nanoTime() + "\n";
            NvrtcCompiler c = nvrtc();
            Path file = dir.resolve(c.key(src, "saxpy.cu", List.of("--fmad=false"), 90) + ".cubin");
            long before = c.compilations();
            byte[] first = withCache(dir, () -> c.compile(src, "saxpy.cu", List.of("--fmad=false"), 90));
            assertEquals(before + 1, c.compilations());
            assertTrue(Files.isRegularFile(file), "cache file " + file);
            byte[] second = withCache(dir, () -> c.compile(src, "saxpy.cu", List.of("--fmad=false"), 90));
            assertEquals(before + 1, c.compilations(), "the second compile read the file");
            assertArrayEquals(first, second);

            byte[] damaged = Files.readAllBytes(file);
            damaged[damaged.length / 2] ^= 1;
            Files.write(file, damaged);
            byte[] third = withCache(dir, () -> c.compile(src, "saxpy.cu", List.of("--fmad=false"), 90));
            assertEquals(before + 2, c.compilations(), "a damaged file is compiled again");
            assertArrayEquals(first, third);
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(file), withTrailer(first)), "and rewritten");

            Files.delete(file);
            withCache(dir, () -> c.compile(src, "saxpy.cu", List.of("--fmad=false"), 90));
            assertEquals(before + 3, c.compilations(), "a removed file is compiled again");
            assertTrue(Files.isRegularFile(file));

            assertNotEquals(c.key(src, "saxpy.cu", List.of("--fmad=false"), 90), c.key(src, "saxpy.cu", List.of(), 90));
            assertNotEquals(c.key(src, "saxpy.cu", List.of(), 90), c.key(src, "saxpy.cu", List.of(), 80));
            try (var files = Files.list(dir)) {
                assertFalse(files.anyMatch(f -> f.toString().endsWith(".tmp")), "no temporary file is left");
            }
        }

        private byte[] withTrailer(byte[] image) {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(image);
                byte[] all = java.util.Arrays.copyOf(image, image.length + d.length);
                System.arraycopy(d, 0, all, image.length, d.length);
                return all;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void anUnwritableCacheStillCompiles(@TempDir Path dir) throws IOException {
            Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
            byte[] cubin = withCache(notADir.resolve("kernels"),
                    () -> nvrtc().compile(SAXPY + "// unwritable\n", "saxpy.cu", List.of(), 90));
            assertTrue(cubin.length > 0);
        }
    }

    // ---- on a GPU

    @Nested
    class OnGpu {
        private static Device gpu;

        @BeforeAll
        static void gpu() {
            String why = Device.cudaUnavailableReason();
            Assumptions.assumeTrue(why == null, why);
            gpu = Device.cuda();
        }

        private static NDArray random(long seed, DType t, long... shape) {
            try (NDArray r = ND.random(seed).random(shape)) {
                return r.add(0.5).astype(t);   // in [0.5, 1.5): never zero
            }
        }

        @Test
        void saxpyMatchesTheCpu() {
            int n = 100_003;
            RawKernel saxpy = new RawKernel(SAXPY, "saxpy", "--fmad=false");
            try (NDArray x = random(1, DType.FLOAT32, n); NDArray y = random(2, DType.FLOAT32, n);
                    NDArray dx = x.to(gpu); NDArray dy = y.to(gpu)) {
                saxpy.launch(gpu, (n + 255) / 256, 256, 2.5f, dx, dy, (long) n);
                saxpy.launch(gpu, new long[] {(n + 127) / 128, 1}, new int[] {128, 1, 1}, 2.5f, dx, dy, (long) n);
                double[] hx = x.toDoubleArray();
                double[] hy = y.toDoubleArray();
                double[] got = dy.toDoubleArray();
                for (int i = 0; i < n; i++) {
                    float e = (float) hy[i];
                    e = 2.5f * (float) hx[i] + e;
                    e = 2.5f * (float) hx[i] + e;
                    assertEquals(e, (float) got[i], "element " + i);
                }
            }
        }

        @Test
        void scalarsOfEveryTypePassByValue() {
            RawKernel k = new RawKernel("""
                    extern "C" __global__ void scalars(int i, long long l, float f, double d, bool b, short s,
                                                       signed char c, double *out) {
                        out[0] = i; out[1] = (double) l; out[2] = f; out[3] = d; out[4] = b; out[5] = s; out[6] = c;
                    }
                    """, "scalars");
            try (NDArray out = ND.zeros(DType.FLOAT64, 7).to(gpu)) {
                k.launch(gpu, 1, 1, -7, 1L << 40, 1.5f, -2.25, true, (short) -300, (byte) -5, out);
                assertArrayEquals(new double[] {-7, 0x1p40, 1.5, -2.25, 1, -300, -5}, out.toDoubleArray());
            }
        }

        @Test
        void refusesArraysOnTheHostClosedArraysAndUnknownNames() {
            RawKernel k = new RawKernel(SAXPY, "saxpy");
            try (NDArray h = ND.ones(DType.FLOAT32, 4)) {
                assertMessage("argument 1 is an array on cpu; the kernel runs on cuda:0", () -> k.launch(gpu, 1, 4, 1f, h, h, 4L));
            }
            NDArray d = ND.ones(DType.FLOAT32, 4).to(gpu);
            d.close();
            NDArray x = ND.ones(DType.FLOAT32, 4).to(gpu);
            assertMessage("argument 2 is a closed array", () -> k.launch(gpu, 1, 4, 1f, x, d, 4L));
            assertMessage("argument 0 is a java.lang.String", () -> k.launch(gpu, 1, 4, "x"));
            x.close();
            CudaException e = assertThrows(CudaException.class, () -> new RawKernel(SAXPY, "nosuch").launch(gpu, 1, 1));
            assertTrue(e.getMessage().contains("no kernel named 'nosuch'"), e.getMessage());
        }

        @Test
        void elementwiseBroadcastsAgainstTheCpu() {
            ElementwiseKernel k = new ElementwiseKernel("float64 x, float64 y", "float64 z", "z = x * y + 1", "uk_bcast");
            try (NDArray x = random(3, DType.FLOAT64, 300, 1); NDArray y = random(4, DType.FLOAT64, 257);
                    NDArray dx = x.to(gpu); NDArray dy = y.to(gpu); NDArray z = k.call(dx, dy);
                    NDArray expected = x.mul(y).add(1.0)) {
                assertArrayEquals(new long[] {300, 257}, z.shape());
                assertEquals(gpu, z.device());
                assertArrayEquals(expected.toDoubleArray(), z.toDoubleArray());
            }
        }

        @Test
        void javaScalarsAndCastsOfInputs() {
            ElementwiseKernel k = new ElementwiseKernel("float64 x, float64 b, int32 c", "float64 z", "z = x * b + c",
                    "uk_scalar");
            try (NDArray xi = ND.arange(1, 1001, 1).reshape(10, 100).astype(DType.INT32); NDArray dxi = xi.to(gpu);
                    NDArray z = k.call(dxi, 2.5f, 3L); NDArray z2 = k.call(dxi, 2, 7.9)) {
                assertEquals(DType.FLOAT64, z.dtype());
                double[] got = z.toDoubleArray();
                double[] got2 = z2.toDoubleArray();
                for (int i = 0; i < 1000; i++) {
                    assertEquals((i + 1) * 2.5 + 3, got[i]);
                    assertEquals((i + 1) * 2.0 + 7, got2[i], "7.9 converts to int32 7 as C does");
                }
            }
        }

        @Test
        void transposedInputsAndCallInto() {
            ElementwiseKernel k = new ElementwiseKernel("float32 a, float32 b", "float32 c", "c = a - b", "uk_transposed");
            try (NDArray a = random(5, DType.FLOAT32, 64, 33); NDArray b = random(6, DType.FLOAT32, 33, 64);
                    NDArray da = a.to(gpu); NDArray db = b.to(gpu); NDArray dat = da.transpose();
                    NDArray out = ND.empty(gpu, DType.FLOAT32, 33, 64);
                    NDArray at = a.transpose(); NDArray expected = at.sub(b)) {
                NDArray r = k.callInto(out, dat, db);
                assertTrue(r == out);
                assertArrayEquals(expected.toDoubleArray(), out.toDoubleArray());
            }
        }

        @Test
        void emptyArraysAndTheModuleCache() {
            ElementwiseKernel k = new ElementwiseKernel("int64 x", "bool y", "y = x > 2", "uk_empty");
            try (NDArray e = ND.zeros(DType.INT64, 0, 3).to(gpu); NDArray r = k.call(e)) {
                assertArrayEquals(new long[] {0, 3}, r.shape());
                assertEquals(DType.BOOL, r.dtype());
            }
            long before = NvrtcCompiler.get().compilations();
            ElementwiseKernel again = new ElementwiseKernel("int64 x", "bool y", "y = x > 2", "uk_empty");
            try (NDArray x = ND.arange(5).to(gpu); NDArray r = again.call(x)) {
                assertArrayEquals(new boolean[] {false, false, false, true, true}, r.toBooleanArray());
            }
            assertEquals(before, NvrtcCompiler.get().compilations(), "the same source on the same GPU is not compiled again");
        }

        @Test
        void refusesBadInputs() {
            ElementwiseKernel k = new ElementwiseKernel("float64 x, float64 y", "float64 z", "z = x + y", "uk_bad");
            try (NDArray h = ND.ones(3); NDArray d = ND.ones(3).to(gpu); NDArray o = ND.empty(gpu, DType.FLOAT32, 3)) {
                assertMessage("uk_bad takes 2 inputs (float64 x, float64 y), not 1", () -> k.call(d));
                assertMessage("input 1 is an array on cpu", () -> k.call(d, h));
                assertMessage("at least one input must be an array on a CUDA device", () -> k.call(h, 1.0));
                assertMessage("input 1 is a java.lang.String", () -> k.call(d, "1"));
                assertMessage("out has dtype float32; the kernel writes float64", () -> k.callInto(o, d, d));
                try (NDArray o2 = ND.empty(gpu, DType.FLOAT64, 1)) {
                    assertMessage("the inputs broadcast to [3], not to out's shape [1]", () -> k.callInto(o2, d, 1.0));
                }
            }
        }
    }
}
