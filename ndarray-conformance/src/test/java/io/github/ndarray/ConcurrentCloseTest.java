package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.ndarray.conformance.OnTestDevice;
import io.github.ndarray.conformance.TestDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closing an array while other threads compute with it (issue 13): each of them finishes with
 * the right answer or gets {@link IllegalStateException}; none ever reads or writes memory that
 * now belongs to another array. Each round, two workers run an operation on a shared {@code x}
 * while the main thread closes {@code x} and at once allocates arrays of sevens of the same size,
 * which take the freed block from the cache: a kernel still reading the block would see sevens,
 * one still writing it would spoil them. Without the holds of {@code HeldBackend} the
 * {@code x.mul(2)} case gave sevens in 18-41 of 200 rounds.
 */
@OnTestDevice
class ConcurrentCloseTest {
    private static final int ROWS = 256;
    private static final int COLS = 512;
    private static final int N = ROWS * COLS;
    private static final int ROUNDS = Integer.getInteger("ndarray.test.closeRounds", 100);

    /** An operation the workers run on the shared array; its host result, or null if it wrote elsewhere. */
    record Case(String name, Function<NDArray, NDArray> op) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        NDArray w = ND.array(weights());
        return Stream.of(
                new Case("x.mul(2)", x -> x.mul(2)),
                new Case("x + x", x -> x.add(x)),
                new Case("view of x, made by the worker", x -> {
                    try (NDArray v = x.get("::2, 1:")) {
                        return v.mul(2);
                    }
                }),
                new Case("sum", NDArray::sum),
                new Case("sum over axis 0", x -> x.sum(0)),
                new Case("cumsum", x -> ND.cumsum(x, 1)),
                new Case("argmax", x -> x.argmax(1)),
                new Case("matmul", x -> {
                    try (NDArray wd = TestDevice.on(w.copy())) {
                        return x.matmul(wd);
                    }
                }),
                new Case("copy", NDArray::copy),
                new Case("astype float32", x -> x.astype(DType.FLOAT32)),
                new Case("to host", x -> {
                    NDArray h = x.to(Device.cpu());
                    return h == x ? x.copy() : h;
                }),
                new Case("getDouble", x -> ND.array(new double[] {x.getDouble(3, 7), x.getDouble(-1, -1)})));
    }

    private static double[][] weights() {
        double[][] w = new double[COLS][3];
        for (int i = 0; i < COLS; i++) {
            for (int j = 0; j < 3; j++) {
                w[i][j] = ((i * 7 + j * 3) % 11) / 8.0 - 0.5;
            }
        }
        return w;
    }

    /** A new array on the device under test that nothing else holds, so closing it frees its block. */
    private static NDArray fresh() {
        double[][] d = new double[ROWS][COLS];
        for (int i = 0; i < N; i++) {
            d[i / COLS][i % COLS] = 1 + (i % 1000) / 1000.0;
        }
        NDArray host = ND.array(d);
        NDArray x = TestDevice.on(host);
        if (x != host) {
            host.close();
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void closingTheSharedOperandNeverLeaksAnotherArraysMemory(Case c) throws Exception {
        double[] expected;
        try (NDArray x = fresh(); NDArray r = c.op().apply(x)) {
            expected = r.toDoubleArray();
        }
        Outcome o = race(c.name(), () -> fresh(), x -> {
            try (NDArray r = c.op().apply(x)) {
                return r.toDoubleArray();
            }
        }, expected);
        o.check();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void closingTheBaseOfASharedViewNeverStopsTheView(Case c) throws Exception {
        // The workers compute on a view the main thread made: it holds the memory, so closing the
        // base must not disturb them at all (not even an IllegalStateException).
        double[] expected;
        try (NDArray x = fresh(); NDArray v = x.get("1:"); NDArray r = c.op().apply(v)) {
            expected = r.toDoubleArray();
        }
        List<NDArray> views = new ArrayList<>();
        Outcome o = race(c.name() + " (view)", () -> {
            NDArray x = fresh();
            views.add(x.get("1:"));
            return x;
        }, x -> {
            try (NDArray r = c.op().apply(views.getLast())) {
                return r.toDoubleArray();
            }
        }, expected);
        views.forEach(NDArray::close);
        o.check();
        assertEquals(0, o.refused.get(), "a view outlives its base: nothing may be refused");
    }

    @ParameterizedTest(name = "into {0}")
    @MethodSource("outCases")
    void closingAnOutTargetNeverWritesIntoAnotherArray(String layout) throws Exception {
        // The workers write into out=, which the main thread closes: the sevens allocated next
        // must stay sevens (a kernel writing a freed block would overwrite them).
        try (NDArray src = fresh()) {
            Outcome o = race("out=" + layout, () -> TestDevice.on(ND.zeros(ROWS, COLS)), out -> {
                NDArray target = layout.equals("view") ? out.get("::2") : out;
                try {
                    NDArray lhs = layout.equals("view") ? src.get("::2") : src;
                    try {
                        Ufunc.MULTIPLY.callInto(target, null, lhs, 2.0);
                    } finally {
                        if (lhs != src) {
                            lhs.close();
                        }
                    }
                } finally {
                    if (target != out) {
                        target.close();
                    }
                }
                return null;
            }, null);
            o.check();
        }
    }

    static Stream<String> outCases() {
        return Stream.of("array", "view");
    }

    /** What a race gave: wrong results, refusals, sevens spoiled, anything unexpected. */
    static final class Outcome {
        final String name;
        final AtomicInteger wrong = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger spoiled = new AtomicInteger();
        final AtomicReference<Throwable> unexpected = new AtomicReference<>();

        Outcome(String name) {
            this.name = name;
        }

        void check() {
            System.out.printf("ConcurrentCloseTest %-32s rounds %d, wrong %d, sevens spoiled %d, refused %d%n",
                    name, ROUNDS, wrong.get(), spoiled.get(), refused.get());
            assertNull(unexpected.get(), () -> "unexpected exception: " + unexpected.get());
            assertEquals(0, wrong.get(), name + ": results with another array's values");
            assertEquals(0, spoiled.get(), name + ": another array's memory written");
        }
    }

    interface Work {
        double[] run(NDArray x);
    }

    interface Maker {
        NDArray make();
    }

    private static Outcome race(String name, Maker make, Work work, double[] expected) throws InterruptedException {
        Outcome o = new Outcome(name);
        for (int round = 0; round < ROUNDS; round++) {
            NDArray x = make.make();
            CountDownLatch started = new CountDownLatch(2);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread w = new Thread(() -> {
                    started.countDown();
                    try {
                        double[] got = work.run(x);
                        if (expected != null && !matches(expected, got)) {
                            o.wrong.incrementAndGet();
                        }
                    } catch (IllegalStateException closed) {
                        o.refused.incrementAndGet();
                    } catch (Throwable e) {
                        o.unexpected.compareAndSet(null, e);
                    }
                });
                workers.add(w);
                w.start();
            }
            started.await();
            // Spread the close over the workers' kernels (0 to 80 µs after they start).
            LockSupport.parkNanos(round % 5 * 20_000L);
            x.close();
            // Take the freed block at once: a kernel still reading it sees sevens, one writing it spoils them.
            List<NDArray> sevens = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                sevens.add(ND.full(TestDevice.device(), DType.FLOAT64, 7.0, ROWS, COLS));
            }
            for (Thread w : workers) {
                w.join(60_000);
                assertFalse(w.isAlive(), "a worker hung");
            }
            for (NDArray s : sevens) {
                if (s.min().item() != 7.0 || s.max().item() != 7.0) {
                    o.spoiled.incrementAndGet();
                }
                s.close();
            }
        }
        return o;
    }

    private static boolean matches(double[] expected, double[] got) {
        if (expected.length != got.length) {
            return false;
        }
        for (int i = 0; i < got.length; i++) {
            // Bit for bit: the same op on the same input gives the same bits on every thread.
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(got[i])) {
                return false;
            }
        }
        return true;
    }
}
