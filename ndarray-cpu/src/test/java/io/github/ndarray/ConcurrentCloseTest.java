package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Closing an array while other threads compute with it: they finish with the right answer or
 * get {@link IllegalStateException}; they never read memory that now belongs to another array.
 */
class ConcurrentCloseTest {
    private static final int N = 1 << 17;
    private static final int ROUNDS = 200;

    @Test
    void closingAnOperandDuringAKernelNeverLeaksAnotherArraysMemory() throws Exception {
        double[] data = new double[N];
        for (int i = 0; i < N; i++) {
            data[i] = 1 + (i % 1000) / 1000.0;
        }
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        for (int round = 0; round < ROUNDS; round++) {
            NDArray x = ND.array(data);
            CountDownLatch started = new CountDownLatch(2);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread w = new Thread(() -> {
                    started.countDown();
                    try (NDArray r = x.mul(2)) {
                        double[] got = r.toDoubleArray();
                        for (int i = 0; i < N; i++) {
                            if (got[i] != 2 * data[i]) {
                                wrong.incrementAndGet();
                                return;
                            }
                        }
                    } catch (IllegalStateException closed) {
                        refused.incrementAndGet();
                    } catch (Throwable e) {
                        unexpected.compareAndSet(null, e);
                    }
                });
                workers.add(w);
                w.start();
            }
            started.await();
            x.close();
            // Reuse the freed block at once: a kernel still reading it would see sevens.
            List<NDArray> sevens = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                sevens.add(ND.full(7.0, N));
            }
            for (Thread w : workers) {
                w.join(30_000);
                assertTrue(!w.isAlive(), "a worker hung");
            }
            sevens.forEach(NDArray::close);
        }
        if (unexpected.get() != null) {
            fail("unexpected exception", unexpected.get());
        }
        assertEquals(0, wrong.get(), "results with another array's values (" + refused.get() + " refused)");
    }
}
