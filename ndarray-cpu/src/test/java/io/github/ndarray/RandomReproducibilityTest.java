package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.ndarray.cpu.CpuBackend;
import io.github.ndarray.cpu.Parallel;
import io.github.ndarray.spi.Backend;
import io.github.ndarray.spi.Philox4x32;
import io.github.ndarray.spi.RandomBits;
import io.github.ndarray.spi.RandomFill;
import io.github.ndarray.spi.Storage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Counter-based streams: the same seed gives the same bits on any thread count and for any
 * split of the work into chunks (also mid-block, also through the Backend SPI's default
 * host-then-copy path), each draw moves the stream on by exactly the counters it used, and
 * spawned generators are distinct and reproducible.
 */
class RandomReproducibilityTest {
    private static final int SAVED_THREADS = Parallel.threads();
    /** Odd, so chunk edges fall inside Philox blocks. */
    private static final int N = 1_000_003;
    /** A range whose rejection rate is 1/4 (2^64 mod 3*2^62 = 2^62): retries happen everywhere. */
    private static final long WIDE_LOW = Long.MIN_VALUE;
    private static final long WIDE_HIGH = Long.MIN_VALUE + 3 * (1L << 62);

    /** Every kind of fill, drawn from a fresh generator of one seed. */
    private static final List<Function<Generator, NDArray>> DRAWS = List.of(
            g -> g.random(N),
            g -> g.random(DType.FLOAT32, N),
            g -> g.uniform(-3, 5, N),
            g -> g.normal(1, 2, N),
            g -> g.standardNormal(DType.FLOAT32, N),
            g -> g.integers(-7, 100, N),
            g -> g.integers(WIDE_LOW, WIDE_HIGH, N));

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(SAVED_THREADS);
    }

    private static byte[] bytes(NDArray a) {
        return a.to(Device.cpu()).contiguousHost().hostSegment().toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void sameBitsForOneTwoAndEightThreads() {
        for (int d = 0; d < DRAWS.size(); d++) {
            byte[] reference = null;
            for (int threads : new int[] {1, 2, 8}) {
                Parallel.setThreads(threads);
                byte[] got = bytes(DRAWS.get(d).apply(ND.random(99)));
                if (reference == null) {
                    reference = got;
                } else {
                    assertArrayEquals(reference, got, "draw " + d + " with " + threads + " threads");
                }
            }
        }
    }

    private static final List<RandomFill> SPECS = List.of(
            new RandomFill(new RandomFill.Uniform(0, 1), DType.FLOAT64, 5, 17),
            new RandomFill(new RandomFill.Uniform(-1, 1), DType.FLOAT32, 5, 17),
            new RandomFill(new RandomFill.Normal(0, 1), DType.FLOAT64, 5, 17),
            new RandomFill(new RandomFill.Normal(10, 3), DType.FLOAT32, 5, -2), // wraps past 2^64
            new RandomFill(new RandomFill.Integers(0, 6), DType.INT64, 5, 17),
            new RandomFill(new RandomFill.Integers(WIDE_LOW, WIDE_HIGH), DType.INT64, 5, 17));

    @Test
    void anySplitIntoPiecesGivesTheSameBits() {
        int n = 1001;
        SplittableRandom cuts = new SplittableRandom(1);
        try (Arena arena = Arena.ofConfined()) {
            for (RandomFill spec : SPECS) {
                long item = spec.dtype().itemSize();
                MemorySegment whole = arena.allocate(n * item);
                spec.fill(whole, 0, 0, n);
                for (int trial = 0; trial < 50; trial++) {
                    // pieces at random edges, in place, in a scrambled order
                    long[] edges = cuts.longs(cuts.nextInt(1, 8), 0, n + 1).sorted().toArray();
                    long[] bounds = new long[edges.length + 2];
                    System.arraycopy(edges, 0, bounds, 1, edges.length);
                    bounds[bounds.length - 1] = n;
                    MemorySegment pieces = arena.allocate(n * item);
                    for (int p = bounds.length - 2; p >= 0; p--) {
                        spec.fill(pieces, bounds[p], bounds[p], bounds[p + 1]);
                    }
                    assertEquals(-1, whole.mismatch(pieces), spec + " cut at " + Arrays.toString(edges));
                }
                // one element at a time: every element by its own definition, no block loop
                MemorySegment single = arena.allocate(n * item);
                for (long i = 0; i < n; i++) {
                    spec.fill(single, i, i, i + 1);
                }
                assertEquals(-1, whole.mismatch(single), spec + " element by element");
                // an MPI rank holding [a, b) fills only its local buffer
                long a = 333;
                long b = 778;
                MemorySegment local = arena.allocate((b - a) * item);
                spec.fill(local, 0, a, b);
                assertEquals(-1, local.mismatch(whole.asSlice(a * item, (b - a) * item)), spec + " rank part");
            }
        }
    }

    @Test
    void aPieceAtAnOffsetCounterIsTheSameArrayShifted() {
        // elements [2k, n) of a fill at counter c are elements [0, n - 2k) of a fill at counter c + k
        RandomFill spec = SPECS.get(2);
        int n = 100;
        int k = 7;
        RandomFill later = new RandomFill(spec.distribution(), spec.dtype(), spec.key(), spec.counter() + k);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(n * 8L);
            MemorySegment b = arena.allocate((n - 2 * k) * 8L);
            spec.fill(a, 0, 0, n);
            later.fill(b, 0, 0, n - 2 * k);
            assertEquals(-1, b.mismatch(a.asSlice(2 * k * 8L)));
        }
    }

    @Test
    void theBackendDefaultFillGivesTheSameBitsAsTheCpuOverride() {
        Backend plain = new DefaultFillBackend(new CpuBackend());
        for (RandomFill spec : SPECS) {
            try (NDArray viaCpu = NDArray.allocate(Device.cpu(), spec.dtype(), 4099);
                    NDArray viaDefault = NDArray.allocate(Device.cpu(), spec.dtype(), 4099)) {
                new CpuBackend().fillRandom(spec, viaCpu);
                plain.fillRandom(spec, viaDefault);
                assertArrayEquals(bytes(viaCpu), bytes(viaDefault), spec.toString());
            }
        }
    }

    @Test
    void seedZeroStartsAtRandom123sFirstKnownAnswer() {
        // key 0, counter 0 -> 6627e8d5 e169c58d bc57ac4c 9b00dbd8; elements 0 and 1 are its 64-bit words
        double[] u = ND.random(0).random(2).toDoubleArray();
        assertEquals(RandomBits.unitDouble(0xe169c58d_6627e8d5L), u[0]);
        assertEquals(RandomBits.unitDouble(0x9b00dbd8_bc57ac4cL), u[1]);
    }

    @Test
    void generatorArraysFollowTheDocumentedRecipes() {
        // Recomputed here from Philox blocks and the formulas of RandomFill's Javadoc alone, as a
        // CUDA kernel would: key = seed, counter of element i = i / e, then the per-slot recipe.
        long seed = 77;
        int n = 4000; // long enough for the vector path, and for polar and Lemire retries
        int[] w = new int[4];
        double[] u = ND.random(seed).random(n).toDoubleArray();
        double[] f = ND.random(seed).random(DType.FLOAT32, n).toDoubleArray();
        double[] z = ND.random(seed).normal(1, 3, n).toDoubleArray();
        long[] k = ND.random(seed).integers(WIDE_LOW, WIDE_HIGH, n).toLongArray();
        for (int i = 0; i < n; i++) {
            Philox4x32.block(seed, i / 2, 0, w);
            long bits = RandomBits.word64(w, i % 2);
            assertEquals((bits >>> 11) * 0x1.0p-53, u[i], "uniform " + i);
            long range = WIDE_HIGH - WIDE_LOW; // 3 * 2^62: a quarter of the words are rejected
            for (long attempt = 1; Long.compareUnsigned(bits * range, Long.remainderUnsigned(-range, range)) < 0; attempt++) {
                Philox4x32.block(seed, i / 2, attempt, w);
                bits = RandomBits.word64(w, i % 2);
            }
            assertEquals(WIDE_LOW + Math.unsignedMultiplyHigh(bits, range), k[i], "integer " + i);
            double x;
            double y;
            long attempt = 0;
            do {
                Philox4x32.block(seed, i / 2, attempt++, w);
                x = 2 * ((RandomBits.word64(w, 0) >>> 11) * 0x1.0p-53) - 1;
                y = 2 * ((RandomBits.word64(w, 1) >>> 11) * 0x1.0p-53) - 1;
            } while (!(x * x + y * y < 1 && x * x + y * y > 0));
            double scale = StrictMath.sqrt(-2 * StrictMath.log(x * x + y * y) / (x * x + y * y));
            assertEquals(1 + 3 * ((i % 2 == 0 ? x : y) * scale), z[i], "normal " + i);
            Philox4x32.block(seed, i / 4, 0, w);
            assertEquals((w[i % 4] >>> 8) * 0x1.0p-24f, (float) f[i], "float32 uniform " + i);
        }
    }

    @Test
    void eachDrawMovesOnByTheCountersItUsed() {
        Generator a = ND.random(8);
        Generator b = ND.random(8);
        // 4 + 6 float64 uniforms use counters 0-1 and 2-4: the same as 10 at once
        double[] first = a.random(4).toDoubleArray();
        double[] second = a.random(6).toDoubleArray();
        double[] together = b.random(10).toDoubleArray();
        assertArrayEquals(together, concat(first, second));
        // an odd draw wastes the rest of its last block: 3 elements use 2 counters
        Generator c = ND.random(8);
        c.random(3);
        assertArrayEquals(Arrays.copyOfRange(together, 4, 10), c.random(6).toDoubleArray());
        // consecutive calls differ
        assertFalse(Arrays.equals(a.random(100).toDoubleArray(), a.random(100).toDoubleArray()));
        assertFalse(Arrays.equals(a.integers(0, 1000, 100).toLongArray(), a.integers(0, 1000, 100).toLongArray()));
        assertFalse(Arrays.equals(a.normal(0, 1, 100).toDoubleArray(), a.normal(0, 1, 100).toDoubleArray()));
    }

    private static double[] concat(double[] x, double[] y) {
        double[] z = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, z, x.length, y.length);
        return z;
    }

    @Test
    void spawnedGeneratorsAreDistinctAndReproducible() {
        Generator parent = ND.random(42);
        List<Generator> kids = parent.spawn(3);
        List<Generator> again = ND.random(42).spawn(3);
        double[] fromParent = ND.random(42).random(64).toDoubleArray();
        double[][] streams = new double[3][];
        for (int i = 0; i < 3; i++) {
            streams[i] = kids.get(i).random(64).toDoubleArray();
            assertArrayEquals(streams[i], again.get(i).random(64).toDoubleArray(), "child " + i + " reproducible");
            assertFalse(Arrays.equals(fromParent, streams[i]), "child " + i + " differs from the parent");
            for (int j = 0; j < i; j++) {
                assertFalse(Arrays.equals(streams[j], streams[i]), "children " + j + " and " + i);
            }
        }
        // a second spawn gives new children; the parent's position does not matter
        Generator drawnFirst = ND.random(42);
        drawnFirst.random(1000);
        drawnFirst.spawn(3);
        double[] fourth = drawnFirst.spawn(1).get(0).random(64).toDoubleArray();
        Generator fresh = ND.random(42);
        assertArrayEquals(fourth, fresh.spawn(4).get(3).random(64).toDoubleArray());
        for (double[] s : streams) {
            assertFalse(Arrays.equals(s, fourth));
        }
        // grandchildren differ from children
        assertNotEquals(Arrays.toString(streams[0]),
                Arrays.toString(ND.random(42).spawn(1).get(0).spawn(1).get(0).random(64).toDoubleArray()));
        assertEquals(0, parent.spawn(0).size());
    }

    /** A backend that keeps {@link Backend#fillRandom}'s default (host fill, then copy). */
    private record DefaultFillBackend(Backend cpu) implements Backend {
        @Override
        public Device.Type deviceType() {
            return cpu.deviceType();
        }

        @Override
        public String name() {
            return "default-fill";
        }

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public Storage allocate(Device device, DType dtype, long count, boolean zeroed) {
            return cpu.allocate(device, dtype, count, zeroed);
        }

        @Override
        public void copyBytes(Storage src, long srcOffset, Storage dst, long dstOffset, long byteSize) {
            cpu.copyBytes(src, srcOffset, dst, dstOffset, byteSize);
        }

        @Override
        public void elementwise(Ufunc op, Ufunc.Loop loop, NDArray[] inputs, NDArray[] outputs, NDArray where) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void reduce(Ufunc op, Ufunc.Loop loop, NDArray input, boolean[] axes, NDArray out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void accumulate(Ufunc op, Ufunc.Loop loop, NDArray input, int axis, NDArray out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void argReduce(boolean max, NDArray input, int axis, NDArray out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cast(NDArray src, NDArray dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void matmul(Ufunc.Loop loop, NDArray a, NDArray b, NDArray out) {
            throw new UnsupportedOperationException();
        }
    }
}
