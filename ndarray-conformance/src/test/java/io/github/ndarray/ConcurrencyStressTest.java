package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.conformance.OnTestDevice;
import io.github.ndarray.conformance.TestDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many threads at once give the serial answers, bit for bit (issue 13, the thread-safety contract
 * of {@link NDArray}): threads computing on shared read-only arrays, and threads each computing
 * on their own arrays, for a fixed time budget ({@code -Dndarray.test.stressMillis}, default
 * 1500 ms per test). The arrays are large enough (240,000 elements) that elementwise ops and
 * reductions split over the CPU pool, which then serves one thread's loop while the others run
 * theirs alone: an answer that depended on the split would show here. Transcendental functions
 * are left out: their bits across JIT tiers are a separate part of the issue.
 */
@OnTestDevice
class ConcurrencyStressTest {
    private static final long BUDGET_MS = Long.getLong("ndarray.test.stressMillis", 1500);
    private static final int THREADS = 8;
    private static final int ROWS = 400;
    private static final int COLS = 600;

    private record Op(String name, BiFunction<NDArray, NDArray, NDArray> f) {
    }

    private static final List<Op> OPS = List.of(
            new Op("a + b", NDArray::add),
            new Op("a * b - 1", (a, b) -> {
                try (NDArray p = a.mul(b)) {
                    return p.sub(1.0);
                }
            }),
            new Op("a / b", NDArray::div),
            new Op("sqrt(a)", (a, b) -> ND.sqrt(a)),
            new Op("a[::3, 1::2] * 2", (a, b) -> {
                try (NDArray v = a.get("::3, 1::2")) {
                    return v.mul(2);
                }
            }),
            new Op("a.T + b.T", (a, b) -> {
                try (NDArray ta = a.T(); NDArray tb = b.T()) {
                    return ta.add(tb);
                }
            }),
            new Op("sum", (a, b) -> a.sum()),
            new Op("sum axis 0", (a, b) -> a.sum(0)),
            new Op("sum axis 1", (a, b) -> b.sum(1)),
            new Op("mean", (a, b) -> b.mean()),
            new Op("max", (a, b) -> a.max()),
            new Op("argmax axis 1", (a, b) -> a.argmax(1)),
            new Op("cumsum axis 0", (a, b) -> ND.cumsum(b, 0)),
            new Op("astype float32", (a, b) -> a.astype(DType.FLOAT32)),
            new Op("matmul", (a, b) -> {
                try (NDArray l = a.get(":64"); NDArray rows = b.get(":48"); NDArray r = rows.T()) {
                    return l.matmul(r);
                }
            }));

    private static double[][] aData;
    private static double[][] bData;
    private static long[][] expected;

    @BeforeAll
    static void serialAnswers() {
        Random rnd = new Random(13);
        aData = new double[ROWS][COLS];
        bData = new double[ROWS][COLS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                aData[i][j] = rnd.nextDouble() * 4 - 1;
                bData[i][j] = 0.5 + rnd.nextDouble();
            }
        }
        expected = new long[OPS.size()][];
        try (NDArray a = arrayOf(aData); NDArray b = arrayOf(bData)) {
            for (int k = 0; k < OPS.size(); k++) {
                expected[k] = bits(OPS.get(k), a, b);
            }
        }
    }

    @AfterAll
    static void drop() {
        aData = null;
        bData = null;
        expected = null;
    }

    private static NDArray arrayOf(double[][] data) {
        NDArray host = ND.array(data);
        NDArray on = TestDevice.on(host);
        if (on != host) {
            host.close();
        }
        return on;
    }

    private static long[] bits(Op op, NDArray a, NDArray b) {
        try (NDArray r = op.f().apply(a, b)) {
            double[] d = r.toDoubleArray();
            long[] out = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = Double.doubleToRawLongBits(d[i]);
            }
            return out;
        }
    }

    @Test
    void threadsOnSharedReadOnlyArraysGiveTheSerialAnswers() throws InterruptedException {
        try (NDArray a = arrayOf(aData); NDArray b = arrayOf(bData)) {
            run("shared", () -> new NDArray[] {a, b}, false);
        }
    }

    @Test
    void threadsWithTheirOwnArraysGiveTheSerialAnswers() throws InterruptedException {
        run("own", () -> new NDArray[] {arrayOf(aData), arrayOf(bData)}, true);
    }

    private interface Inputs {
        NDArray[] get();
    }

    private static void run(String what, Inputs inputs, boolean own) throws InterruptedException {
        long deadline = System.nanoTime() + BUDGET_MS * 1_000_000;
        AtomicLong calls = new AtomicLong();
        AtomicInteger wrong = new AtomicInteger();
        AtomicReference<String> firstWrong = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int start = t;
            Thread th = new Thread(() -> {
                NDArray[] ab = inputs.get();
                try {
                    // At least one round of every op, however late the thread starts.
                    for (int i = start; i < start + OPS.size() || System.nanoTime() < deadline; i++) {
                        int k = i % OPS.size();
                        long[] got = bits(OPS.get(k), ab[0], ab[1]);
                        calls.incrementAndGet();
                        if (!java.util.Arrays.equals(expected[k], got)) {
                            wrong.incrementAndGet();
                            firstWrong.compareAndSet(null, OPS.get(k).name());
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (own) {
                        ab[0].close();
                        ab[1].close();
                    }
                }
            }, "stress-" + what + "-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(BUDGET_MS + 120_000);
            assertFalse(th.isAlive(), "a thread hung");
        }
        System.out.printf("ConcurrencyStressTest %s: %d threads, %d calls in %d ms, %d differ from the serial answer%n",
                what, THREADS, calls.get(), BUDGET_MS, wrong.get());
        assertNull(failure.get(), () -> "a thread failed: " + failure.get());
        assertEquals(0, wrong.get(), () -> "answers differ from the serial ones, first: " + firstWrong.get());
        assertTrue(calls.get() >= (long) THREADS * OPS.size(), "every thread ran every op");
    }
}
