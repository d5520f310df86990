package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ND#wrap}: arrays over memory this library did not allocate, checked before any access. */
class WrapTest {
    private static final String C_SOURCE = """
            /* fills n doubles with 0.5*i - 3, and an m x k matrix in column-major (Fortran) order */
            void fill(double *p, long n) { for (long i = 0; i < n; i++) p[i] = 0.5 * i - 3; }
            void fill_fortran(int *a, long m, long k) {
                for (long j = 0; j < k; j++) for (long i = 0; i < m; i++) a[i + j * m] = (int) (10 * i + j);
            }
            """;

    /** A C function compiled here with gcc fills memory; the wrapped array sees it without a copy. */
    @Test
    void memoryFilledByCRoundTrips(@TempDir Path dir) throws Throwable {
        Path lib = compile(dir);
        try (Arena arena = Arena.ofShared()) {
            SymbolLookup c = SymbolLookup.libraryLookup(lib, arena);
            Linker linker = Linker.nativeLinker();
            MethodHandle fill = linker.downcallHandle(c.find("fill").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            MethodHandle fillF = linker.downcallHandle(c.find("fill_fortran").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));

            MemorySegment m = arena.allocate(8 * 12, 64);
            fill.invokeExact(m, 12L);
            NDArray a = ND.wrap(m, DType.FLOAT64, 3, 4);
            double[] expect = new double[12];
            for (int i = 0; i < 12; i++) {
                expect[i] = 0.5 * i - 3;
            }
            assertArrayEquals(expect, a.toDoubleArray());
            assertEquals(ND.array(expect).sum().item(), a.sum().item());
            a.set("0, 0", 100.0);
            assertEquals(100.0, m.getAtIndex(ValueLayout.JAVA_DOUBLE, 0), "no copy: the C memory changed");

            // Fortran order (intent(out) of a Fortran routine): byte strides (4, 4*m)
            MemorySegment f = arena.allocate(4 * 6, 64);
            fillF.invokeExact(f, 2L, 3L);
            NDArray fa = ND.wrap(f, DType.INT32, new long[] {2, 3}, new long[] {4, 8}, 0, () -> { });
            assertArrayEquals(new long[] {0, 1, 2, 10, 11, 12}, fa.toLongArray());
            assertArrayEquals(new long[] {4, 8}, fa.strides());
        }
    }

    private static Path compile(Path dir) throws IOException, InterruptedException {
        Path src = dir.resolve("fill.c");
        Path lib = dir.resolve("libfill.so");
        Files.writeString(src, C_SOURCE);
        Process p;
        try {
            p = new ProcessBuilder("gcc", "-O2", "-shared", "-fPIC", "-o", lib.toString(), src.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "gcc is not installed: " + e.getMessage());
            throw e;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gcc hung");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        return lib;
    }

    /** Memory one thread owns is refused whatever its size: a large array would reach the pool's threads. */
    @Test
    void confinedMemoryIsRefusedAndSharedMemoryWorksOnThePool() {
        try (Arena confined = Arena.ofConfined()) {
            MemorySegment m = confined.allocate(8 * 4, 8);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ND.wrap(m, DType.FLOAT64, 4));
            assertTrue(e.getMessage().contains("Arena.ofShared()"), e.getMessage());
        }
        long n = 3_000_000; // large enough for the CPU backend to split the sum across its threads
        try (Arena shared = Arena.ofShared()) {
            MemorySegment m = shared.allocate(8 * n, 64);
            for (long i = 0; i < n; i++) {
                m.setAtIndex(ValueLayout.JAVA_DOUBLE, i, i % 7);
            }
            NDArray a = ND.wrap(m, DType.FLOAT64, n);
            double expected = 0;
            for (long i = 0; i < n; i++) {
                expected += i % 7;
            }
            assertEquals(expected, a.sum().getDouble());
        }
    }

    @Test
    void anyLayoutInsideTheMemoryIsAView() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment m = arena.allocate(8 * 6, 8);
            for (int i = 0; i < 6; i++) {
                m.setAtIndex(ValueLayout.JAVA_LONG, i, i);
            }
            // reversed: element 0 at the last element, stride -8 bytes
            NDArray r = ND.wrap(m, DType.INT64, new long[] {6}, new long[] {-8}, 40, () -> { });
            assertArrayEquals(new long[] {5, 4, 3, 2, 1, 0}, r.toLongArray());
            // every other element of the second half, and a broadcast (stride 0) axis
            NDArray s = ND.wrap(m, DType.INT64, new long[] {2, 2}, new long[] {0, 16}, 24, () -> { });
            assertArrayEquals(new long[] {3, 5, 3, 5}, s.toLongArray());
            NDArray empty = ND.wrap(m, DType.INT64, new long[] {0, 9}, new long[] {800, 8}, 0, () -> { });
            assertEquals(0, empty.size());
        }
    }

    @Test
    void layoutsOutsideTheMemoryAreRefusedBeforeAnyAccess() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment m = arena.allocate(8 * 6, 8);
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                    () -> ND.wrap(m, DType.FLOAT64, 7));
            assertTrue(small.getMessage().contains("outside"), small.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ND.wrap(m, DType.FLOAT64, 2, 4));
            assertThrows(IllegalArgumentException.class,
                    () -> ND.wrap(m, DType.FLOAT64, new long[] {3}, new long[] {16}, 16, () -> { }));
            assertThrows(IllegalArgumentException.class,
                    () -> ND.wrap(m, DType.FLOAT64, new long[] {2}, new long[] {-8}, 0, () -> { }));
            IllegalArgumentException off = assertThrows(IllegalArgumentException.class,
                    () -> ND.wrap(m, DType.FLOAT64, new long[] {2}, new long[] {8}, 4, () -> { }));
            assertTrue(off.getMessage().contains("misaligned"), off.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ND.wrap(m.asSlice(2), DType.INT32, 3));
            IllegalArgumentException stride = assertThrows(IllegalArgumentException.class,
                    () -> ND.wrap(m, DType.FLOAT64, new long[] {2}, new long[] {12}, 0, () -> { }));
            assertTrue(stride.getMessage().contains("multiples"), stride.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> ND.wrap(m, DType.FLOAT64, new long[] {2, 2}, new long[] {8}, 0, () -> { }));
            AtomicInteger released = new AtomicInteger();
            assertThrows(IllegalArgumentException.class,
                    () -> ND.wrap(m, DType.FLOAT64, new long[] {7}, new long[] {8}, 0, released::incrementAndGet));
            assertEquals(0, released.get(), "a refused wrap leaves the memory with its owner");
            IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
                    () -> ND.wrap(MemorySegment.ofArray(new double[4]), DType.FLOAT64, 4));
            assertTrue(heap.getMessage().contains("heap"), heap.getMessage());
        }
    }

    @Test
    void releaseRunsOnceWhenTheLastViewLetsGo() {
        AtomicInteger released = new AtomicInteger();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment m = arena.allocate(8 * 4, 8);
            NDArray a = ND.wrap(m, DType.FLOAT64, new long[] {4}, new long[] {8}, 0, released::incrementAndGet);
            NDArray v = a.get("1:");
            a.close();
            assertEquals(0, released.get(), "a view still holds the memory");
            v.close();
            assertEquals(1, released.get());
            a.close();
            assertEquals(1, released.get());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.getDouble(0));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IllegalStateException.class, v::toDoubleArray);
        }
    }

    @Test
    void memoryFreedByItsOwnerThrowsInsteadOfCrashing() {
        Arena arena = Arena.ofShared();
        NDArray a = ND.wrap(arena.allocate(8 * 4, 8), DType.FLOAT64, 4);
        arena.close();
        assertThrows(IllegalStateException.class, () -> a.getDouble(0));
        assertThrows(IllegalStateException.class, () -> a.add(1.0));
    }

    @Test
    void aReadOnlySegmentGivesAReadOnlyArray() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment m = arena.allocate(8 * 4, 8);
            NDArray a = ND.wrap(m.asReadOnly(), DType.FLOAT64, 4);
            assertFalse(a.isWriteable());
            assertThrows(IllegalArgumentException.class, () -> a.setDouble(1, 0));
            assertEquals(0.0, a.sum().item());
        }
    }
}
