package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/** {@link JavaUfunc}: a Java function per element, with NumPy's broadcasting, casting and {@code out=}. */
class JavaUfuncTest {
    private static final DoubleBinaryOperator REL_DIFF = (x, y) -> 2 * (x - y) / (x + y);
    private static final JavaUfunc REL = JavaUfunc.of("rel_diff", REL_DIFF);

    /** A strided, transposed operand and a reversed one broadcast against it: each element is f of its own inputs. */
    @Test
    void broadcastsStridedViewsElementByElement() {
        NDArray a = ND.random(11).normal(0, 3, 7, 10).get("::2, 1::3").transpose(); // (3, 4), non-contiguous
        NDArray b = ND.random(12).random(9).get("7:3:-1");                           // (4,), negative stride
        NDArray r = REL.call(a, b);
        assertArrayEquals(new long[] {3, 4}, r.shape());
        for (long i = 0; i < 3; i++) {
            for (long j = 0; j < 4; j++) {
                double expected = REL_DIFF.applyAsDouble(a.getDouble(i, j), b.getDouble(j));
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(r.getDouble(i, j)),
                        "element " + i + ", " + j);
            }
        }
    }

    /** Same bits on one thread and on all, and the same bits as the built-in ops computing the same expression. */
    @Test
    void resultDoesNotDependOnTheThreadCountAndMatchesBuiltInOps() {
        NDArray x = ND.random(3).normal(5, 2, 300_001);
        NDArray y = ND.random(4).normal(-1, 4, 300_001);
        int before = ND.threads();
        try {
            ND.setThreads(1);
            double[] one = REL.call(x, y).toDoubleArray();
            ND.setThreads(Math.max(2, Runtime.getRuntime().availableProcessors()));
            double[] all = REL.call(x, y).toDoubleArray();
            assertArrayEquals(one, all);
            assertArrayEquals(x.sub(y).mul(2.0).div(x.add(y)).toDoubleArray(), all);
        } finally {
            ND.setThreads(before);
        }
    }

    @Test
    void int64FunctionsTakeBoolAndIntegersButNotFloats() {
        JavaUfunc collatz = JavaUfunc.ofLong("collatz", n -> n % 2 == 0 ? n / 2 : 3 * n + 1);
        NDArray next = collatz.call(ND.array(new int[] {1, 2, 3, 7, -4}));
        assertEquals(DType.INT64, next.dtype());
        assertArrayEquals(new long[] {4, 1, 10, 22, -2}, next.toLongArray());
        assertArrayEquals(new long[] {4, 0}, collatz.call(ND.array(true, false)).toLongArray());
        JavaUfunc gcd = JavaUfunc.ofLong("gcd", (p, q) -> java.math.BigInteger.valueOf(p).gcd(java.math.BigInteger.valueOf(q)).longValue());
        assertEquals(6, gcd.call(48L, 18).getLong());
        IllegalArgumentException floats = assertThrows(IllegalArgumentException.class,
                () -> collatz.call(ND.array(1.5, 2.5)));
        assertEquals("JavaUfunc collatz takes int64: cannot cast float64 to int64 safely", floats.getMessage());
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class, () -> gcd.call(4L, 2.0));
        assertTrue(scalar.getMessage().contains("a Java Double"), scalar.getMessage());
    }

    @Test
    void outCastsSameKindAndBroadcastsButIsNeverStretched() {
        NDArray x = ND.random(5).random(4, 3);
        NDArray y = ND.random(6).random(3);
        NDArray out32 = ND.zeros(DType.FLOAT32, 4, 3);
        assertSame(out32, REL.callInto(out32, x, y));
        assertArrayEquals(REL.call(x, y).astype(DType.FLOAT32).toDoubleArray(), out32.toDoubleArray());

        NDArray outInt = ND.zeros(DType.INT64, 4, 3);
        assertThrows(IllegalArgumentException.class, () -> REL.callInto(outInt, x, y));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> REL.callInto(ND.zeros(3), x, y));
        assertTrue(small.getMessage().startsWith("non-broadcastable output operand with shape (3,)"), small.getMessage());
    }

    @Test
    void inPlaceOverAReversedViewOfItselfReadsTheOldValues() {
        NDArray x = ND.random(8).normal(0, 1, 1000);
        double[] old = x.toDoubleArray();
        JavaUfunc.of("minus", (p, q) -> p - q).callInto(x, x.get("::-1"), x);
        double[] now = x.toDoubleArray();
        for (int i = 0; i < old.length; i++) {
            assertEquals(old[old.length - 1 - i] - old[i], now[i]);
        }
    }

    @Test
    void emptyZeroDimensionalAndScalarOperands() {
        JavaUfunc square = JavaUfunc.of("square", v -> v * v);
        assertArrayEquals(new long[] {0, 3}, square.call(ND.zeros(0, 3)).shape());
        NDArray zeroD = REL.call(3.0, 1L);
        assertEquals(0, zeroD.ndim());
        assertEquals(1.0, zeroD.getDouble());
        assertEquals(Double.NaN, square.call(Double.NaN).getDouble());
        assertEquals(Double.POSITIVE_INFINITY, REL.call(1.0, -1.0).getDouble());
    }

    @Test
    void anExceptionInTheFunctionReachesTheCallerFromAnyThread() {
        JavaUfunc picky = JavaUfunc.of("picky", v -> {
            if (v == 123_456) {
                throw new ArithmeticException("no " + v);
            }
            return v;
        });
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> picky.call(ND.arange(1_000_000).astype(DType.FLOAT64)));
        assertEquals("no 123456.0", e.getMessage());
        assertEquals(4.0, picky.call(4.0).getDouble(), "the pool still works");
    }

    @Test
    void badCallsAreRefusedWithAMessage() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> REL.call(ND.ones(2)));
        assertEquals("rel_diff() takes 2 operands, got 1", count.getMessage());
        assertThrows(io.github.ndarray.broadcasting.BroadcastException.class, () -> REL.call(ND.ones(2), ND.ones(3)));
        NDArray closed = ND.ones(2);
        closed.close();
        assertThrows(IllegalStateException.class, () -> REL.call(closed, 1.0));
        assertEquals("<JavaUfunc 'rel_diff' (2 in, float64)>", REL.toString());
    }
}
