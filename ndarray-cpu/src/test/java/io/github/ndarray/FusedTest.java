package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fused expressions on the CPU: the block evaluator gives the unfused ops' bits on arrays large
 * enough to take many blocks and both threads, on contiguous arrays, views and broadcast
 * operands; out=; errors and their messages. (NumPy's answers for thousands of random
 * expressions are checked by the conformance suite's FusedGoldenTest.)
 */
class FusedTest {
    private static final long N = 300_007; // many blocks, a tail, above the parallel grain

    /** Random data with NaN, infinities and zeros sprinkled in (floats), or small integers. */
    private static NDArray data(DType t, long seed, long... shape) {
        Generator g = ND.random(seed);
        if (t.isFloating()) {
            NDArray a = g.normal(0, 3, shape).astype(t);
            long n = a.size();
            NDArray flat = a.reshape(n);
            for (long i = 0; i < n; i += 97) {
                flat.setDouble(i % 3 == 0 ? Double.NaN : i % 3 == 1 ? Double.POSITIVE_INFINITY : 0.0, i);
            }
            return a;
        }
        if (t == DType.BOOL) {
            return g.integers(0, 2, shape).astype(t);
        }
        return g.integers(-50, 50, shape).astype(t);
    }

    private static void assertSameBits(NDArray expected, NDArray actual, String what) {
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        if (expected.dtype().isFloating()) {
            double[] e = expected.toDoubleArray();
            double[] a = actual.toDoubleArray();
            for (int i = 0; i < e.length; i++) {
                if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                    throw new AssertionError(what + ": element " + i + " fused " + a[i] + ", unfused " + e[i]);
                }
            }
        } else {
            assertArrayEquals(expected.toLongArray(), actual.toLongArray(), what);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"int8", "uint8", "int16", "int32", "int64", "float32", "float64"})
    void polynomialEqualsUnfusedOnEveryNumericDtype(String dtype) {
        DType t = DType.of(dtype);
        NDArray x = data(t, 1, N);
        NDArray unfused = x.pow(2).add(x.mul(2)).add(1);
        assertSameBits(unfused, ND.evaluate("x**2 + 2*x + 1", Map.of("x", x)), dtype);
    }

    @Test
    void arithmeticWhereAndBitsEqualUnfused() {
        NDArray a = data(DType.FLOAT64, 2, N);
        NDArray b = data(DType.FLOAT64, 3, N);
        Fused f = ND.fuse("2*a + 3*b**2 - sqrt(a)", "a", "b");
        assertSameBits(a.mul(2).add(b.pow(2).mul(3)).sub(ND.sqrt(a)), f.call(a, b), "2*a + 3*b**2 - sqrt(a)");
        assertSameBits(ND.where(ND.greater(a, 0.5), a.mul(b), a.add(b)),
                ND.evaluate("where(a > 0.5, a*b, a+b)", Map.of("a", a, "b", b)), "where");
        NDArray i = data(DType.INT32, 4, N);
        NDArray j = data(DType.INT16, 5, N);
        NDArray unfused = ND.bitwiseXor(ND.floorDivide(i, 3).sub(ND.remainder(j, 7)), ND.leftShift(j, 2));
        assertSameBits(unfused, ND.evaluate("(i // 3 - j % 7) ^ (j << 2)", Map.of("i", i, "j", j)), "int mix");
        // int32 and float32 meet: casts inside the program
        NDArray s = data(DType.FLOAT32, 6, N);
        assertSameBits(i.mul(s).add(j.div(s)), ND.evaluate("i*s + j/s", Map.of("i", i, "j", j, "s", s)), "casts");
    }

    @Test
    void transcendentalsEqualUnfusedOnContiguousArrays() {
        NDArray a = data(DType.FLOAT64, 7, N);
        NDArray b = data(DType.FLOAT32, 8, N);
        Function<Void, NDArray> unfused = v -> ND.exp(ND.sin(a)).mul(ND.log1p(ND.abs(b)));
        unfused.apply(null); // the vector kernels' first calls run before C2 has compiled them
        for (int k = 0; k < 3; k++) {
            ND.evaluate("exp(sin(a)) * log1p(abs(b))", Map.of("a", a, "b", b));
        }
        assertSameBits(unfused.apply(null), ND.evaluate("exp(sin(a)) * log1p(abs(b))", Map.of("a", a, "b", b)),
                "transcendentals");
    }

    @Test
    void viewsAndBroadcastingEqualUnfused() {
        NDArray m = data(DType.FLOAT64, 9, 701, 513);
        NDArray t = m.T(); // (513, 701), strided
        NDArray row = data(DType.FLOAT64, 10, 701);
        NDArray col = data(DType.INT64, 11, 513, 1);
        NDArray rev = m.get("::-1, ::2").T(); // (257, 701)
        NDArray unfused = t.mul(row).sub(col.mul(3)).add(ND.maximum(t, 0.25));
        assertSameBits(unfused, ND.evaluate("t*row - col*3 + maximum(t, 0.25)", Map.of("t", t, "row", row, "col", col)),
                "transposed and broadcast");
        assertSameBits(rev.mul(rev).sub(row), ND.evaluate("r*r - row", Map.of("r", rev, "row", row)), "reversed view");
    }

    @Test
    void sameBitsOnOneThreadAndTwo() {
        NDArray a = data(DType.FLOAT64, 12, N);
        int threads = ND.threads();
        try {
            ND.setThreads(1);
            NDArray one = ND.evaluate("a*a - 3*a + 0.5", Map.of("a", a));
            ND.setThreads(2);
            NDArray two = ND.evaluate("a*a - 3*a + 0.5", Map.of("a", a));
            assertSameBits(one, two, "threads");
        } finally {
            ND.setThreads(threads);
        }
    }

    @Test
    void trailingReductionsEqualTheUnfusedReductions() {
        NDArray a = data(DType.FLOAT64, 13, 300, 401);
        NDArray b = data(DType.FLOAT64, 14, 300, 401);
        NDArray ab = a.mul(b);
        assertSameBits(ab.sum(), ND.evaluate("sum(a*b)", Map.of("a", a, "b", b)), "sum");
        assertSameBits(ND.mean(ab, 0), ND.evaluate("mean(a*b, axis=0)", Map.of("a", a, "b", b)), "mean axis 0");
        assertSameBits(ND.max(ab, -1), ND.evaluate("max(a*b, -1)", Map.of("a", a, "b", b)), "max axis -1");
        NDArray i = data(DType.INT8, 15, 1000);
        assertSameBits(i.mul(i).sum(), ND.evaluate("sum(i*i)", Map.of("i", i)), "int8 sum is int64");
    }

    @Test
    void weakScalarsFollowNumPy2() {
        NDArray f = ND.array(new float[] {1.5f, 2.5f});
        assertEquals(DType.FLOAT32, ND.evaluate("x * 2.5 + 1", Map.of("x", f)).dtype());
        NDArray i = ND.array(new int[] {1, 2});
        assertEquals(DType.FLOAT64, ND.evaluate("x * 2.5", Map.of("x", i)).dtype());
        assertEquals(DType.INT32, ND.evaluate("x * k", Map.of("x", i, "k", 3)).dtype());
        assertEquals(DType.INT64, ND.evaluate("x * 2 * 3", Map.of("x", ND.array(new boolean[] {true}))).dtype());
        // a subexpression of numbers alone folds into one weak number, as Python computes it
        assertArrayEquals(new double[] {4.5, 7.5}, ND.evaluate("x * (2*3) / 2", Map.of("x", f)).toDoubleArray());
        assertEquals(DType.FLOAT32, ND.evaluate("x * (2*3) / 2", Map.of("x", f)).dtype());
        assertEquals(7.5, ND.evaluate("2*3 + 1.5", Map.of()).item());
    }

    @Test
    void outReceivesTheResult() {
        NDArray x = data(DType.FLOAT64, 16, 1000);
        NDArray expected = x.mul(x).add(1);
        NDArray out = ND.zeros(DType.FLOAT64, 1000);
        assertSame(out, ND.evaluate("x*x + 1", Map.of("x", x), out));
        assertSameBits(expected, out, "out");
        NDArray out32 = ND.zeros(DType.FLOAT32, 1000);
        ND.evaluate("x*x + 1", Map.of("x", x), out32);
        assertSameBits(expected.astype(DType.FLOAT32), out32, "same-kind cast into float32");
        NDArray wide = ND.zeros(DType.FLOAT64, 3, 1000);
        ND.evaluate("x*x + 1", Map.of("x", x), wide);
        assertSameBits(expected, wide.get("2"), "broadcast into out");
        // in place: element for element
        NDArray y = x.copy();
        ND.fuse("y*y + 1", "y").callInto(y, y);
        assertSameBits(expected, y, "in place");
        // harmful overlap: out is the input reversed
        NDArray z = x.copy();
        ND.fuse("z*z + 1", "z").callInto(z.get("::-1"), z);
        assertSameBits(expected.get("::-1"), z, "reversed out");
        NDArray ints = ND.zeros(DType.INT64, 1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ND.evaluate("x*x", Map.of("x", x), ints));
        assertTrue(e.getMessage().contains("same_kind"), e.getMessage());
        NDArray s = ND.zeros(DType.FLOAT64);
        ND.evaluate("sum(x*x)", Map.of("x", x), s);
        assertSameBits(x.mul(x).sum(), s, "reduction into out");
    }

    @Test
    void emptyAndZeroDimensionalOperands() {
        NDArray e = ND.zeros(DType.FLOAT64, 0, 3);
        assertArrayEquals(new long[] {0, 3}, ND.evaluate("e*2 + 1", Map.of("e", e)).shape());
        assertEquals(0.0, ND.evaluate("sum(e*2)", Map.of("e", e)).item());
        NDArray z = ND.array(new double[] {4}).reshape();
        assertEquals(17.0, ND.evaluate("z*z + 1", Map.of("z", z)).item());
        NDArray copy = ND.evaluate("z", Map.of("z", z));
        assertEquals(4.0, copy.item());
        copy.setDouble(5.0);
        assertEquals(4.0, z.item(), "a bare variable is copied");
    }

    @Test
    void parseErrorsPointAtTheColumn() {
        NDArray x = ND.arange(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ND.evaluate("x ** * 2", Map.of("x", x)));
        assertEquals("column 6: expected an operand, got '*'" + System.lineSeparator() + "  x ** * 2"
                + System.lineSeparator() + "       ^", e.getMessage());
        assertMessage("name 'q' is not defined", "column 5", () -> ND.evaluate("x + q", Map.of("x", x)));
        assertMessage("unknown function 'foo'", "column 1", () -> ND.evaluate("foo(x)", Map.of("x", x)));
        assertMessage("sum() must be the outermost call", "column 7", () -> ND.evaluate("sum(x)+1", Map.of("x", x)));
        assertMessage("sum() must be the outermost call", "column 5", () -> ND.evaluate("1 + sum(x)", Map.of("x", x)));
        assertMessage("expected ')'", "column 3", () -> ND.evaluate("(x", Map.of("x", x)));
        assertMessage("chained comparisons", "column 7", () -> ND.evaluate("x < x < x", Map.of("x", x)));
        assertMessage("sin() takes 1 argument, got 2", "column 1", () -> ND.evaluate("sin(x, x)", Map.of("x", x)));
        assertMessage("complex numbers", "column 2", () -> ND.evaluate("3j", Map.of()));
        assertMessage("empty expression", "column 3", () -> ND.evaluate("  ", Map.of()));
        assertMessage("does not fit in int64", "column 1", () -> ND.evaluate("99999999999999999999 + x", Map.of("x", x)));
        assertMessage("axis must be an integer", "column 8", () -> ND.evaluate("sum(x, 1.5)", Map.of("x", x)));
    }

    @Test
    void badDtypesAndShapesNameTheOpAndTheColumn() {
        NDArray f = ND.array(new double[] {1, 2});
        NDArray b = ND.array(new boolean[] {true, false});
        assertMessage("ufunc 'invert' not supported for the input types [float64]", "column 3",
                () -> ND.evaluate("1+~f", Map.of("f", f)));
        assertMessage("boolean subtract", "column 3", () -> ND.evaluate("b - b", Map.of("b", b)));
        assertMessage("could not be broadcast together with shapes (2,) (3,)", "column 7",
                () -> ND.evaluate("f + 1 + g", Map.of("f", f, "g", ND.arange(3))));
        assertMessage("Python integer 300 out of bounds for uint8", "column 3",
                () -> ND.evaluate("u + 300", Map.of("u", ND.arange(3).astype(DType.UINT8))));
        assertThrows(IllegalArgumentException.class, () -> ND.fuse("a + b", "a", "b").call(f));
        assertThrows(IllegalArgumentException.class, () -> ND.fuse("a", "a").call("text"));
        assertThrows(IllegalArgumentException.class, () -> ND.fuse("a", "a", "a"));
        assertThrows(IllegalArgumentException.class, () -> ND.fuse("a", "1a"));
    }

    @Test
    void closedArraysThrow() {
        NDArray x = ND.arange(5);
        Fused f = ND.fuse("x + 1", "x");
        f.call(x);
        x.close();
        assertThrows(IllegalStateException.class, () -> f.call(x));
    }

    @Test
    void oneFusedServesEveryDtype() {
        Fused f = ND.fuse("x // 2 + y", "x", "y");
        assertArrayEquals(new long[] {1, 2}, f.call(ND.array(new long[] {3, 5}), 0).toLongArray());
        assertArrayEquals(new double[] {1.5, 2.5}, f.call(ND.array(new double[] {3, 5}), 0.5).toDoubleArray());
        assertEquals(DType.INT8, f.call(ND.arange(2).astype(DType.INT8), ND.arange(2).astype(DType.INT8)).dtype());
    }

    private static void assertMessage(String part, String column, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part) && e.getMessage().startsWith(column + ":"), e.getMessage());
    }
}
