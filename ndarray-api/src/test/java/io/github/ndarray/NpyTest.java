package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ndarray.spi.HostStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code .npy} reading and writing against files NumPy wrote ({@code scripts/gen_npy_golden.py}),
 * and against corrupt files built here.
 */
class NpyTest {
    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ golden files

    /** One line of manifest.tsv. */
    record Golden(String file, String dtype, long[] shape, boolean fortran, char byteOrder, String version,
            String canonical, String[] values) {
        @Override
        public String toString() {
            return file;
        }
    }

    /** One line of views.tsv: a view as NumPy laid it out (byte strides and offset). */
    record GoldenView(String source, String expression, long[] shape, long[] strides, long offset, String expected) {
        @Override
        public String toString() {
            return source + "[" + expression + "]";
        }
    }

    static Path golden(String name) {
        try {
            var url = NpyTest.class.getResource("npy/" + name);
            if (url == null) {
                throw new IllegalStateException("missing test resource npy/" + name
                        + " (run scripts/gen_npy_golden.py)");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String[]> tsv(String name) {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(golden(name))) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Golden> goldens() {
        return tsv("manifest.tsv").stream().map(f -> new Golden(f[0], f[1],
                longs(f[2]),
                f[3].equals("F"), f[4].charAt(0), f[5], f[6], f[7].isEmpty() ? new String[0] : f[7].split(" ")));
    }

    static Stream<GoldenView> goldenViews() {
        return tsv("views.tsv").stream().map(f -> new GoldenView(f[0], f[1], longs(f[2]), longs(f[3]),
                Long.parseLong(f[4]), f[5]));
    }

    static long[] longs(String s) {
        return s.equals("-") ? new long[0] : Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** Visits every index of a shape in C order. */
    static void forEachIndex(long[] shape, Consumer<long[]> visit) {
        for (long d : shape) {
            if (d == 0) {
                return;
            }
        }
        long[] idx = new long[shape.length];
        while (true) {
            visit.accept(idx.clone());
            int k = shape.length - 1;
            while (k >= 0 && ++idx[k] == shape[k]) {
                idx[k--] = 0;
            }
            if (k < 0) {
                return;
            }
        }
    }

    static double parseFloat(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** Checks dtype, shape and every element (exact bits for floats; any NaN matches nan). */
    static void assertValues(Golden g, NDArray a) {
        assertEquals(g.dtype(), a.dtype().toString(), g.file() + ": dtype");
        assertArrayEquals(g.shape(), a.shape(), g.file() + ": shape");
        long[] pos = {0};
        forEachIndex(g.shape(), idx -> {
            String want = g.values()[(int) pos[0]++];
            if (a.dtype().isFloating()) {
                double w = parseFloat(want);
                double got = a.getDouble(idx);
                if (Double.isNaN(w)) {
                    assertTrue(Double.isNaN(got), () -> g.file() + Arrays.toString(idx) + ": expected nan, got " + got);
                } else {
                    assertEquals(Double.doubleToRawLongBits(w), Double.doubleToRawLongBits(got),
                            () -> g.file() + Arrays.toString(idx) + ": expected " + want + ", got " + Double.toHexString(got));
                }
            } else {
                assertEquals(Long.parseLong(want), a.getLong(idx), () -> g.file() + Arrays.toString(idx));
            }
        });
        assertEquals(g.values().length, pos[0], g.file() + ": element count");
    }

    @Test
    void manifestCoversWhatItShould() {
        List<Golden> all = goldens().toList();
        assertTrue(all.size() >= 100, "manifest has " + all.size() + " arrays");
        for (DType t : DType.values()) {
            assertTrue(all.stream().anyMatch(g -> g.dtype().equals(t.toString()) && g.shape().length == 0), t + " 0-d");
            assertTrue(all.stream().anyMatch(g -> g.dtype().equals(t.toString()) && g.fortran()), t + " fortran");
        }
        assertTrue(all.stream().anyMatch(g -> g.byteOrder() == '>'), "big-endian");
        assertTrue(all.stream().anyMatch(g -> g.version().equals("2.0")), "version 2.0");
        assertTrue(all.stream().anyMatch(g -> g.version().equals("3.0")), "version 3.0");
        assertTrue(all.stream().anyMatch(g -> g.shape().length == 4), "4-d");
        assertTrue(all.stream().anyMatch(g -> g.values().length == 0 && g.shape().length > 1), "empty n-d");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void readsWhatNumPyWrote(Golden g) throws IOException {
        try (NDArray a = Npy.read(golden(g.file()))) {
            assertValues(g, a);
            assertEquals(Device.cpu(), a.device());
            if (g.fortran()) {
                // The transpose of the reversed-shape C array: NumPy's F-order strides.
                long[] want = new long[g.shape().length];
                long s = a.dtype().itemSize();
                for (int i = 0; i < want.length; i++) {
                    want[i] = s;
                    s *= g.shape()[i];
                }
                assertArrayEquals(want, a.strides(), g.file() + ": strides");
            } else {
                assertTrue(a.isContiguous(), g.file() + ": C-contiguous");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void readsWithTinyChunks(Golden g) throws IOException {
        for (int chunk : new int[] {1, 3, 8, 24}) {
            try (NDArray a = Npy.read(golden(g.file()), chunk)) {
                assertValues(g, a);
            }
        }
    }

    /** Writing what we read gives NumPy's bytes for the same values as a little-endian C-order array. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void writesNumPysBytes(Golden g) throws IOException {
        byte[] want = Files.readAllBytes(golden(g.canonical()));
        try (NDArray a = Npy.read(golden(g.file()))) {
            for (int chunk : new int[] {Npy.CHUNK, 1, 5, 64}) {
                Path out = tmp.resolve("w" + chunk + "_" + g.file());
                Npy.write(out, a, chunk);
                assertArrayEquals(want, Files.readAllBytes(out), g.file() + " written with chunk " + chunk
                        + " differs from " + g.canonical());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void roundTrips(Golden g) throws IOException {
        Path out = tmp.resolve(g.file());
        try (NDArray a = Npy.read(golden(g.file()))) {
            ND.save(out, a);
        }
        try (NDArray b = ND.load(out)) {
            assertValues(g, b);
            assertTrue(b.isContiguous());
        }
    }

    /**
     * Views with NumPy's own layout (negative and zero strides, offsets, 0-d) are written in
     * C order, as NumPy writes their C-order copy. The views are made from NumPy's strides
     * rather than with {@code get(expression)}, so that this test needs no indexing code.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenViews")
    void writesViewsInCOrder(GoldenView v) throws IOException {
        byte[] want = Files.readAllBytes(golden(v.expected()));
        try (NDArray a = Npy.read(golden(v.source()));
                NDArray view = a.view(v.shape(), Arrays.stream(v.strides()).map(b -> b / a.dtype().itemSize()).toArray(),
                        v.offset() / a.dtype().itemSize())) {
            assertArrayEquals(v.strides(), view.strides());
            for (int chunk : new int[] {Npy.CHUNK, 1, 7, 16}) {
                Path out = tmp.resolve("view" + chunk + ".npy");
                Npy.write(out, view, chunk);
                assertArrayEquals(want, Files.readAllBytes(out), v + " with chunk " + chunk);
            }
        }
    }

    @Test
    void writesAFullPadWhenTheHeaderIsAlreadyAligned() throws IOException {
        Golden g = goldens().filter(x -> x.file().startsWith("pad64_")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(golden(g.file()));
        int hlen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        String header = new String(bytes, 10, hlen, StandardCharsets.US_ASCII);
        assertTrue(header.endsWith(" ".repeat(64) + "\n"), header);
        assertArrayEquals(Arrays.copyOf(bytes, 10 + hlen), NpyHeader.format("<f8", g.shape()));
    }

    @Test
    void headerIsAlignedAndLeavesRoomToGrowAxisZero() {
        for (long[] shape : new long[][] {{}, {0}, {1}, {Long.MAX_VALUE}, {0, Long.MAX_VALUE}, {3, 4, 5, 6, 7},
                new long[64]}) {
            byte[] h = NpyHeader.format("<i2", shape);
            assertEquals(0, h.length % 64, Arrays.toString(shape));
            assertEquals('\n', h[h.length - 1]);
            assertEquals(1, h[6], "version 1.0");
            String text = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("{'descr': '<i2', 'fortran_order': False, 'shape': "
                    + NpyHeader.pythonTuple(shape) + ", }"), text);
        }
        assertEquals("()", NpyHeader.pythonTuple(new long[0]));
        assertEquals("(5,)", NpyHeader.pythonTuple(new long[] {5}));
        assertEquals("(3, 4)", NpyHeader.pythonTuple(new long[] {3, 4}));
    }

    // ------------------------------------------------------------------ round trips of arrays made here

    @Test
    void roundTripsArraysMadeInJava() throws IOException {
        Path p = tmp.resolve("a.npy");
        try (NDArray a = ND.array(new double[][] {{1.5, -2}, {Double.NaN, Double.NEGATIVE_INFINITY}, {-0.0, 4.9e-324}})) {
            ND.save(p, a);
            try (NDArray b = ND.load(p)) {
                assertEquals(DType.FLOAT64, b.dtype());
                assertArrayEquals(new long[] {3, 2}, b.shape());
                for (long i = 0; i < 3; i++) {
                    for (long j = 0; j < 2; j++) {
                        assertEquals(Double.doubleToRawLongBits(a.getDouble(i, j)), Double.doubleToRawLongBits(b.getDouble(i, j)));
                    }
                }
            }
        }
        try (NDArray a = ND.array(new boolean[] {true, false, true})) {
            ND.save(p, a);
            try (NDArray b = ND.load(p)) {
                assertEquals(DType.BOOL, b.dtype());
                assertEquals(1, b.getLong(0));
                assertEquals(0, b.getLong(1));
            }
        }
        try (NDArray a = ND.array(new int[][] {{Integer.MIN_VALUE, -1}, {0, Integer.MAX_VALUE}});
                NDArray t = a.transpose()) {
            ND.save(p, t);
            try (NDArray b = ND.load(p)) {
                assertEquals(DType.INT32, b.dtype());
                assertEquals(Integer.MIN_VALUE, b.getLong(0, 0));
                assertEquals(0, b.getLong(0, 1));
                assertEquals(-1, b.getLong(1, 0));
            }
        }
    }

    /** NaN payloads and signalling NaNs survive both write paths: bits are copied, never converted. */
    @Test
    void keepsNaNPayloadsBitForBit() throws IOException {
        int[] f32 = {0x7fa00001, 0xffc12345, 0x7f800000, 0x80000001};
        long[] f64 = {0x7ff0000000000001L, 0xfff8dead0000beefL, 0x8000000000000000L, 0x7ff4000000000000L};
        try (NDArray a = NDArray.allocate(Device.cpu(), DType.FLOAT32, 2, 2);
                NDArray b = NDArray.allocate(Device.cpu(), DType.FLOAT64, 2, 2)) {
            MemorySegment sa = ((HostStorage) a.storage()).segment();
            MemorySegment sb = ((HostStorage) b.storage()).segment();
            for (int i = 0; i < 4; i++) {
                sa.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, f32[i]);
                sb.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, f64[i]);
            }
            for (boolean transposed : new boolean[] {false, true}) {
                Path pa = tmp.resolve("f32.npy");
                Path pb = tmp.resolve("f64.npy");
                try (NDArray va = transposed ? a.transpose() : a.reshape(2, 2);
                        NDArray vb = transposed ? b.transpose() : b.reshape(2, 2)) {
                    Npy.write(pa, va);
                    Npy.write(pb, vb);
                }
                try (NDArray ra = Npy.read(pa); NDArray rb = Npy.read(pb)) {
                    MemorySegment ta = ((HostStorage) ra.storage()).segment();
                    MemorySegment tb = ((HostStorage) rb.storage()).segment();
                    int[] order = transposed ? new int[] {0, 2, 1, 3} : new int[] {0, 1, 2, 3};
                    for (int i = 0; i < 4; i++) {
                        assertEquals(f32[order[i]], ta.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i));
                        assertEquals(f64[order[i]], tb.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i));
                    }
                }
            }
        }
    }

    @Test
    void writingAClosedArrayThrowsIllegalState() {
        NDArray a = ND.array(new double[] {1, 2});
        a.close();
        assertThrows(IllegalStateException.class, () -> Npy.write(tmp.resolve("c.npy"), a));
    }

    @Test
    void writesAnOffsetViewFromItsOwnElements() throws IOException {
        try (NDArray a = ND.array(new long[][] {{1, 2, 3}, {4, 5, 6}}); NDArray row = a.view(new long[] {3}, new long[] {1}, 3)) {
            Path p = tmp.resolve("row.npy");
            Npy.write(p, row);
            try (NDArray b = Npy.read(p)) {
                assertArrayEquals(new long[] {3}, b.shape());
                assertEquals(4, b.getLong(0));
                assertEquals(6, b.getLong(2));
            }
        }
    }

    // ------------------------------------------------------------------ hand-written headers

    /** A .npy file with the header text exactly as given (no padding added) and raw data. */
    Path npy(int major, int minor, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, (byte) minor});
        int lengthBytes = major == 1 ? 2 : 4;
        for (int i = 0; i < lengthBytes; i++) {
            out.write(h.length >>> (8 * i));
        }
        out.write(h);
        out.write(data);
        return file(out.toByteArray());
    }

    Path npy(String header, byte[] data) throws IOException {
        return npy(1, 0, header, data);
    }

    private int files;

    Path file(byte[] bytes) throws IOException {
        Path p = tmp.resolve("f" + files++ + ".npy");
        Files.write(p, bytes);
        return p;
    }

    static byte[] le(int n, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * n).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (n) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void acceptsTheLiteralInAnyLegalSpelling() throws IOException {
        byte[] six = le(4, 1, 2, 3, 4, 5, 6);
        String[] headers = {
            "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }",
            "{'shape': (2, 3), 'fortran_order': False, 'descr': '<i4'}",
            "{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (2, 3)}",
            "  {  'fortran_order'  :False,'shape':(2,3,),'descr':'<i4',}  \n",
            "{'descr':\t'<i4',\n 'fortran_order': False,\r\n 'shape': ( 2 , 3 ) ,\f}" + " ".repeat(40) + "\n",
            "{'descr': '<i4', 'fortran_order': False, 'shape': (2L, 3L), }\n",
            "{'descr': '=i4', 'fortran_order': False, 'shape': (2, 3), }\n",
            "{'descr': '|i4', 'fortran_order': False, 'shape': (2, 3), }\n",
            "{'descr': 'i4', 'fortran_order': False, 'shape': (2, 3), }\n",
        };
        for (String h : headers) {
            try (NDArray a = Npy.read(npy(h, six))) {
                assertEquals(DType.INT32, a.dtype(), h);
                assertArrayEquals(new long[] {2, 3}, a.shape(), h);
                assertEquals(6, a.getLong(1, 2), h);
                assertEquals(2, a.getLong(0, 1), h);
            }
        }
    }

    @Test
    void readsShapesZeroDAndOneD() throws IOException {
        try (NDArray a = Npy.read(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }\n", le(8, Double.doubleToLongBits(2.5))))) {
            assertArrayEquals(new long[0], a.shape());
            assertEquals(2.5, a.item());
        }
        try (NDArray a = Npy.read(npy("{'descr': '<i2', 'fortran_order': False, 'shape': (5,), }\n", le(2, 1, -2, 3, -4, 5)))) {
            assertArrayEquals(new long[] {5}, a.shape());
            assertEquals(-4, a.getLong(3));
        }
        // A 0-d Fortran array and a 1-d one are what they say.
        try (NDArray a = Npy.read(npy("{'descr': '<i2', 'fortran_order': True, 'shape': (3,), }\n", le(2, 7, 8, 9)))) {
            assertEquals(9, a.getLong(2));
        }
        // Empty with huge other dimensions: nothing to read, if NumPy would allocate it too.
        try (NDArray a = Npy.read(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (0, 576460752303423488), }", new byte[0]))) {
            assertEquals(0, a.size());
            assertArrayEquals(new long[] {0, 1L << 59}, a.shape());
        }
        assertMentions(refusedHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 1152921504606846976), }",
                new byte[0]), "too big");
        assertMentions(refusedHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (4294967296, 0, 4294967296), }",
                new byte[0]), "too big");
    }

    @Test
    void readsEveryVersionAndByteOrderOfOneArray() throws IOException {
        String h = "{'descr': '%s', 'fortran_order': %s, 'shape': (2, 2), }\n";
        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putShort((short) 1).putShort((short) -300)
                .putShort((short) 3).putShort((short) 4);
        for (int major = 1; major <= 3; major++) {
            try (NDArray a = Npy.read(npy(major, 0, h.formatted(">i2", "False"), be.array()))) {
                assertEquals(-300, a.getLong(0, 1));
            }
            try (NDArray a = Npy.read(npy(major, 0, h.formatted(">i2", "True"), be.array()))) {
                assertEquals(-300, a.getLong(1, 0));
                assertEquals(3, a.getLong(0, 1));
            }
            try (NDArray a = Npy.read(npy(major, 0, h.formatted("<i2", "False"), le(2, 1, -300, 3, 4)))) {
                assertEquals(-300, a.getLong(0, 1));
            }
        }
    }

    @Test
    void toleratesBytesAfterTheData() throws IOException {
        byte[] data = concat(le(8, 7, 8), "trailing garbage".getBytes(StandardCharsets.US_ASCII));
        try (NDArray a = Npy.read(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }\n", data))) {
            assertArrayEquals(new long[] {2}, a.shape());
            assertEquals(8, a.getLong(1));
        }
    }

    @Test
    void readsBoolBytesOtherThanOneAsTrue() throws IOException {
        try (NDArray a = Npy.read(npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }\n", new byte[] {0, 2, (byte) 0xff}))) {
            assertEquals(0, a.getLong(0));
            assertEquals(1, a.getLong(1));
            assertEquals(1, a.getLong(2));
        }
    }

    @Test
    void readsAV3HeaderWithUtf8AndAnOldSixteenByteAlignment() throws IOException {
        // Not 64-aligned (NumPy before 1.14 aligned to 16): readers must not insist.
        try (NDArray a = Npy.read(npy(3, 0, "{'descr': '<u1', 'fortran_order': False, 'shape': (2,)}      \n", new byte[] {(byte) 200, 1}))) {
            assertEquals(200, a.getLong(0));
        }
    }

    // ------------------------------------------------------------------ bad files

    /** Reading must throw an IOException, quickly; returns its message. */
    static String refused(Path p) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                NDArray a = Npy.read(p);
                a.close();
                fail("read " + p + " without complaint");
                return null;
            } catch (IOException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                return e.getMessage();
            } catch (RuntimeException | Error e) {
                if (e instanceof org.opentest4j.AssertionFailedError) {
                    throw e;
                }
                throw new AssertionError("expected an IOException for " + p + ", got " + e, e);
            }
        });
    }

    String refusedHeader(String header, byte[] data) throws IOException {
        return refused(npy(header, data));
    }

    static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "message does not mention '" + part + "': " + message);
        }
    }

    @Test
    void refusesEveryTruncationOfSmallFiles() throws IOException {
        for (String name : new String[] {"float64_3x4.npy", "bool_scalar.npy", "int16_2x1x3x2.npy", "be_int32_7.npy",
                "f_uint8_3x4.npy", "v2_int32_7.npy", "v3_float64_3x4.npy", "float32_0.npy"}) {
            byte[] all = Files.readAllBytes(golden(name));
            for (int n = 0; n < all.length; n++) {
                String m = refused(file(Arrays.copyOf(all, n)));
                assertTrue(m.contains("truncated") || m.contains("not a .npy file"), m);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void refusesTruncationsOfEveryGoldenFile(Golden g) throws IOException {
        byte[] all = Files.readAllBytes(golden(g.file()));
        for (int n : new int[] {0, 1, 5, 6, 7, 8, 9, 10, 11, 12, 20, 63, 64, 65, 127, all.length / 2, all.length - 8,
                all.length - 1}) {
            if (n >= 0 && n < all.length) {
                refused(file(Arrays.copyOf(all, n)));
            }
        }
    }

    @Test
    void refusesAHugeShapeWithoutAllocating() throws IOException {
        long t0 = System.nanoTime();
        String m = refusedHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,), }\n", new byte[10]);
        assertMentions(m, "truncated", "8796093022208 bytes", "has 10");
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "took too long");
        m = refusedHeader("{'descr': '|u1', 'fortran_order': True, 'shape': (1048576, 1048576, 16), }\n", new byte[10]);
        assertMentions(m, "truncated");
    }

    @Test
    void refusesLyingShapes() throws IOException {
        byte[] data = new byte[64];
        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': %s, }\n";
        assertMentions(refusedHeader(h.formatted("(100,)"), data), "truncated", "800 bytes", "has 64");
        assertMentions(refusedHeader(h.formatted("(-1,)"), data), "negative dimension -1");
        assertMentions(refusedHeader(h.formatted("(3, -4)"), data), "negative dimension -4");
        assertMentions(refusedHeader(h.formatted("(4294967296, 4294967296)"), data), "invalid shape", "overflows");
        assertMentions(refusedHeader(h.formatted("(4611686018427387904,)"), data), "invalid shape", "2^63 bytes");
        assertMentions(refusedHeader(h.formatted("(1152921504606846976,)"), data), "invalid shape", "2^63 bytes");
        assertMentions(refusedHeader(h.formatted("(99999999999999999999,)"), data), "too large");
        assertMentions(refusedHeader(h.formatted("(9223372036854775808,)"), data), "too large");
        String many = "(" + "1, ".repeat(65) + ")";
        assertMentions(refusedHeader(h.formatted(many), data), "more than 64 dimensions");
        assertMentions(refusedHeader(h.formatted("(5)"), data), "is an int, not a tuple");
        assertMentions(refusedHeader(h.formatted("[3, 4]"), data), "tuple");
        assertMentions(refusedHeader(h.formatted("(3.0,)"), data), "not a plain decimal integer");
        assertMentions(refusedHeader(h.formatted("(0x10,)"), data), "not a plain decimal integer");
        assertMentions(refusedHeader(h.formatted("(1_0,)"), data), "not a plain decimal integer");
        assertMentions(refusedHeader(h.formatted("(07,)"), data), "leading zero");
        assertMentions(refusedHeader(h.formatted("('3',)"), data), "integer");
        assertMentions(refusedHeader(h.formatted("(,)"), data), "integer");
        assertMentions(refusedHeader(h.formatted("(3,,)"), data), "integer");
        assertMentions(refusedHeader(h.formatted("(3 4)"), data), "expected ',' or ')'");
        assertMentions(refusedHeader(h.formatted("(+3,)"), data), "integer");
        assertMentions(refusedHeader(h.formatted("None"), data), "tuple");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<c16", "<c8", "|O", "<U5", ">S3", "|V8", "<u2", "<u4", "<u8", "<f2", "<f16", "<M8[ns]",
        "<m8[s]", "", "d", "?", "<f3", "<i3", "<i16", "<b2", "<i4 ", " <i4", "int32", "<<f8", "<"})
    void refusesUnsupportedDtypes(String descr) throws IOException {
        String m = refusedHeader("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }\n", new byte[16]);
        assertTrue(m.contains("'" + descr + "'") || descr.isEmpty() && m.contains("descr is empty"), m);
    }

    @Test
    void namesTheUnsupportedDtype() throws IOException {
        String h = "{'descr': '%s', 'fortran_order': False, 'shape': (1,), }\n";
        assertMentions(refusedHeader(h.formatted("<c16"), new byte[16]), "'<c16'", "complex128");
        assertMentions(refusedHeader(h.formatted("|O"), new byte[16]), "'|O'", "object");
        assertMentions(refusedHeader(h.formatted("<U5"), new byte[16]), "'<U5'", "unicode");
        assertMentions(refusedHeader(h.formatted("<u4"), new byte[16]), "'<u4'", "uint32");
        assertMentions(refusedHeader(h.formatted("<f2"), new byte[16]), "'<f2'", "float16");
        assertMentions(refusedHeader(h.formatted("<M8[ns]"), new byte[16]), "datetime64");
        assertMentions(refusedHeader("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[16]),
                "structured");
        assertMentions(refusedHeader("{'descr': ('<f8', (2,)), 'fortran_order': False, 'shape': (1,), }", new byte[16]),
                "subarray");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   \n",
        "[]",
        "{",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), ",
        "{'descr': '<f8', 'fortran_order': False}",
        "{'descr': '<f8', 'shape': (1,)}",
        "{'fortran_order': False, 'shape': (1,)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
        "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}",
        "{'descr': '<f8', 'fortran_order': 'yes', 'shape': (1,)}",
        "{'descr': '<f8', 'fortran_order': 1, 'shape': (1,)}",
        "{'descr': '<f8', 'fortran_order': true, 'shape': (1,)}",
        "{'descr': '<f8', 'fortran_order': Falsey, 'shape': (1,)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}}",
        "{'descr': '<f8' 'fortran_order': False, 'shape': (1,)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,),, }",
        "{'descr' '<f8', 'fortran_order': False, 'shape': (1,)}",
        "{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}",
        "{'descr': '<f8\", 'fortran_order': False, 'shape': (1,)}",
        "{'descr': '<f\\x38', 'fortran_order': False, 'shape': (1,)}",
        "{'descr': u'<f8', 'fortran_order': False, 'shape': (1,)}",
        "{descr: '<f8', 'fortran_order': False, 'shape': (1,)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} # comment",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)\u0000}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,\n",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (",
        "{'descr': '<f8', 'fortran_order': False, 'shape': ",
        "{'descr': '<f8', 'fortran_order': Fal",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\u00ff",
        "\"{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}\"",
    })
    void refusesMalformedDicts(String header) throws IOException {
        assertMentions(refusedHeader(header, new byte[64]), "header");
    }

    @Test
    void refusesBadMagicAndVersions() throws IOException {
        assertMentions(refused(file(new byte[0])), "not a .npy file", "0 bytes long");
        assertMentions(refused(file(new byte[] {(byte) 0x93, 'N', 'U'})), "not a .npy file");
        assertMentions(refused(file("\u0093NUMPZ\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1))), "magic string");
        assertMentions(refused(file("PK\u0003\u0004 some zip".getBytes(StandardCharsets.ISO_8859_1))), "zip archive");
        assertMentions(refused(file("hello, world, not an array at all".getBytes(StandardCharsets.US_ASCII))), "magic string");
        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n";
        for (int[] v : new int[][] {{0, 0}, {1, 1}, {2, 1}, {4, 0}, {255, 255}, {3, 7}}) {
            assertMentions(refused(versioned(v[0], v[1], h)), "version " + v[0] + "." + v[1]);
        }
    }

    /** A file with any version bytes and a 2-byte header length. */
    Path versioned(int major, int minor, String h) throws IOException {
        byte[] text = h.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, (byte) minor});
        b.putShort((short) text.length).put(text);
        return file(b.array());
    }

    @Test
    void refusesHeaderLengthsThatLie() throws IOException {
        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n";
        byte[] good = Files.readAllBytes(npy(h, new byte[8]));
        // 1.0: length 0xFFFF with a short file.
        byte[] b = good.clone();
        b[8] = (byte) 0xff;
        b[9] = (byte) 0xff;
        assertMentions(refused(file(b)), "header length 65535", "max_header_size");
        // 1.0: longer than the file, under the limit.
        b = good.clone();
        b[8] = (byte) 0x10;
        b[9] = (byte) 0x20;
        assertMentions(refused(file(b)), "truncated");
        // 2.0 / 3.0: 4 GiB - 1.
        for (int major : new int[] {2, 3}) {
            byte[] v = Files.readAllBytes(npy(major, 0, h, new byte[8]));
            for (int i = 8; i < 12; i++) {
                v[i] = (byte) 0xff;
            }
            assertMentions(refused(file(v)), "header length 4294967295");
        }
        // Shorter than the dict: the dict is cut.
        b = good.clone();
        b[8] = 20;
        b[9] = 0;
        assertMentions(refused(file(b)), "malformed header");
        // A header over the limit that the file does hold: refused all the same.
        String big = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }" + " ".repeat(10_001) + "\n";
        assertMentions(refused(npy(2, 0, big, new byte[8])), "max_header_size");
        // Zero-length header.
        assertMentions(refused(npy("", new byte[8])), "malformed header");
    }

    @Test
    void refusesAVersion3HeaderThatIsNotUtf8() throws IOException {
        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n";
        byte[] v = Files.readAllBytes(npy(3, 0, h, new byte[8]));
        v[12 + 3] = (byte) 0xC3; // inside 'descr': a lead byte with no continuation
        v[12 + 4] = (byte) '(';
        assertMentions(refused(file(v)), "UTF-8");
    }

    @Test
    void refusesWhatIsNotARegularFile() throws IOException {
        assertThrows(IOException.class, () -> Npy.read(tmp));
        assertThrows(IOException.class, () -> Npy.read(tmp.resolve("missing.npy")));
    }

    @Test
    void messagesNameTheFileAndQuoteTheHeader() throws IOException {
        Path p = npy("{'descr': '<f8', 'fortran_order': maybe, 'shape': (1,), }\n", new byte[8]);
        String m = refused(p);
        assertMentions(m, p.toString(), "fortran_order must be True or False", "'fortran_order': maybe", "\\n");
    }

    // ------------------------------------------------------------------ over 2 GiB

    /**
     * A sparse file of 2^31 + 100 bytes of int8 data: read in chunks into one segment, with
     * values seen beyond 2 GiB, then written back. Needs about 2 GiB of free memory and disk
     * space; skipped on smaller machines.
     */
    @Test
    void readsAndWritesArraysOver2GiB() throws IOException {
        long free = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getFreeMemorySize();
        assumeTrue(free > 6L << 30, "needs 6 GiB of free memory, has " + (free >> 20) + " MiB");
        assumeTrue(tmp.toFile().getUsableSpace() > 8L << 30, "needs 8 GiB of free disk");
        long n = (1L << 31) + 100;
        byte[] header = NpyHeader.format("|i1", new long[] {n});
        Path p = tmp.resolve("big.npy");
        long[] at = {0, (1L << 31) - 1, 1L << 31, n - 1};
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(header), 0);
            for (int i = 0; i < at.length; i++) {
                ch.write(ByteBuffer.wrap(new byte[] {(byte) (i + 1)}), header.length + at[i]);
            }
        }
        try (NDArray a = Npy.read(p)) {
            assertEquals(n, a.size());
            for (int i = 0; i < at.length; i++) {
                assertEquals(i + 1, a.getLong(at[i]));
            }
            assertEquals(0, a.getLong(1L << 30));
            Path q = tmp.resolve("big2.npy");
            Npy.write(q, a);
            Files.delete(p);
            assertEquals(header.length + n, Files.size(q));
            try (FileChannel ch = FileChannel.open(q, StandardOpenOption.READ)) {
                for (int i = 0; i < at.length; i++) {
                    ByteBuffer one = ByteBuffer.allocate(1);
                    ch.read(one, header.length + at[i]);
                    assertEquals(i + 1, one.get(0));
                }
            }
            Files.delete(q);
        }
        assertFalse(Files.exists(p));
    }
}
