package io.github.ndarray.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API elementwise kernels against the generic scalar kernels ({@link Kernels#generic}):
 * every (ufunc, dtype) pair that has a vector kernel, on lengths around the vector width, in
 * every layout the vector loops take (contiguous, scalar first, scalar second) and in strided
 * ones, on data full of special values (NaN, infinities, signed zeros, integer extremes).
 * Exact operations must agree bit for bit; transcendental functions within 2 ulp ({@link Math}
 * is within 1 ulp of the true value, 2.5 for sinh/cosh/tanh by its contract; SVML, measured,
 * within 0.8).
 */
class SimdKernelsTest {
    static final int[] LENGTHS = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 129, 200, 1031};
    static final DType[] TYPES = {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32, DType.INT16, DType.INT8,
        DType.UINT8};

    /** The types whose kernels are checked: bool too (its logical ops run in the int8 template). */
    static final DType[] KERNEL_TYPES = {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32, DType.INT16,
        DType.INT8, DType.UINT8, DType.BOOL};

    static final Map<String, Ufunc> UFUNCS = ufuncs();

    private static Map<String, Ufunc> ufuncs() {
        Map<String, Ufunc> m = new LinkedHashMap<>();
        for (Field f : Ufunc.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Ufunc.class) {
                try {
                    Ufunc u = (Ufunc) f.get(null);
                    m.put(u.name(), u);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return m;
    }

    /** Every (ufunc, dtype) with a vector kernel. */
    static Stream<Arguments> kernels() {
        List<Arguments> out = new ArrayList<>();
        for (Ufunc u : UFUNCS.values()) {
            for (DType t : KERNEL_TYPES) {
                Ufunc.Loop loop = loopFor(u, t);
                if (loop != null && SimdKernels.kernel(u.id(), t, loop.out()) != null) {
                    out.add(Arguments.of(u.name(), t));
                }
            }
        }
        return out.stream();
    }

    static Ufunc.Loop loopFor(Ufunc u, DType t) {
        if (u.nin() > 2) {
            return null;
        }
        try {
            Ufunc.Loop loop = u.nin() == 1 ? u.resolve(t) : u.resolve(t, t);
            return loop.in().get(0) == t ? loop : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Random values of type {@code t} with the type's special values sprinkled in. */
    static NDArray data(DType t, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        if (t.isFloating()) {
            // with halves and the edges of the rounding trick (2^52 in float64, 2^23 in float32)
            double[] special = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, -1.0,
                Double.MIN_VALUE, -Double.MAX_VALUE, 0.5, 2.0, 1e-310, 3.0, -0.5, 2.5, -2.5, -1.5, 0x1p52 - 0.5,
                -0x1p52 + 0.5, 0x1p52 + 2, 0x1p23 - 0.5f, -0x1p23 + 0.5f, 0x1p23 + 2, 0x1p52 - 1, -0x1p23 + 1, 0.49999999999999994};
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(4);
                v[i] = k == 0 ? special[r.nextInt(special.length)]
                        : k == 1 ? r.nextDouble(-4, 4)
                        : k == 2 ? (double) r.nextInt(-3, 4)
                        : r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-30, 31));
            }
            try (NDArray d = ND.array(v)) {
                return d.astype(t);
            }
        }
        long[] special = {0, 1, -1, 2, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Short.MIN_VALUE, Byte.MIN_VALUE,
            127, 128, 255, -128};
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(3);
            v[i] = k == 0 ? special[r.nextInt(special.length)] : k == 1 ? r.nextLong(-5, 6) : r.nextLong();
        }
        try (NDArray d = ND.array(v)) {
            return d.astype(t);
        }
    }

    static boolean isIntPower(Ufunc u, DType t) {
        return u.id() == Ufunc.Id.POWER && !t.isFloating();
    }

    /**
     * Integer exponents: NumPy refuses negative ones (see {@link #negativeIntegerExponentsAreRefused}),
     * so these are 0..127 with the fast cases 0-3 and the width edges frequent; uint8 adds 128..255.
     */
    static NDArray exponents(DType t, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] special = {0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 62, 63, 64, 65, 127};
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextBoolean() ? special[r.nextInt(special.length)]
                    : r.nextLong(0, t == DType.UINT8 ? 256 : 128);
        }
        try (NDArray d = ND.array(v)) {
            return d.astype(t);
        }
    }

    /** The operands of one layout: {@code in} views of length n and freshly zeroed outputs. */
    record Case(String layout, NDArray[] ops, List<NDArray> owned) {
    }

    static List<Case> layouts(Ufunc u, Ufunc.Loop loop, int n, long seed) {
        DType t = loop.in().get(0);
        List<Case> cases = new ArrayList<>();
        String[] names = u.nin() == 1 ? new String[] {"contiguous", "strided in", "strided out"}
                : new String[] {"contiguous", "scalar second", "scalar first", "strided in", "strided out", "both scalar"};
        for (String layout : names) {
            List<NDArray> owned = new ArrayList<>();
            NDArray[] ops = new NDArray[u.nin() + 1];
            for (int k = 0; k < u.nin(); k++) {
                boolean scalar = layout.equals("both scalar") || layout.equals("scalar second") && k == 1
                        || layout.equals("scalar first") && k == 0;
                if (scalar) {
                    NDArray one = k == 1 && isIntPower(u, t) ? exponents(t, 1, seed + k) : data(t, 1, seed + k);
                    owned.add(one);
                    ops[k] = one.broadcastTo(n);
                } else if (layout.equals("strided in")) {
                    NDArray wide = k == 1 && isIntPower(u, t) ? exponents(t, 2 * n, seed + k) : data(t, 2 * n, seed + k);
                    owned.add(wide);
                    ops[k] = wide.get("::2");
                } else {
                    ops[k] = k == 1 && isIntPower(u, t) ? exponents(t, n, seed + k) : data(t, n, seed + k);
                }
                owned.add(ops[k]);
            }
            if (layout.equals("strided out")) {
                NDArray wide = ND.zeros(loop.out(), 2 * n);
                owned.add(wide);
                ops[u.nin()] = wide.get("::2");
            } else {
                ops[u.nin()] = ND.zeros(loop.out(), n);
            }
            owned.add(ops[u.nin()]);
            cases.add(new Case(layout, ops, owned));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernels")
    void vectorKernelMatchesGenericLoop(String name, DType t) {
        Ufunc u = UFUNCS.get(name);
        Ufunc.Loop loop = loopFor(u, t);
        StripKernel vector = Kernels.elementwise(u, loop);
        StripKernel generic = Kernels.generic(u, loop);
        boolean approx = t.isFloating() && SimdKernels.isTranscendental(SimdKernels.opCode(u.id(), t));
        for (int n : LENGTHS) {
            for (Case c : layouts(u, loop, n, 31L * n + name.hashCode())) {
                NDArray[] ops = c.ops();
                int o = ops.length - 1;
                NDArray expected = ND.zeros(loop.out(), n);
                NDArray[] ref = ops.clone();
                ref[o] = expected;
                CpuBackend.run(new long[] {n}, ref, generic);
                CpuBackend.run(new long[] {n}, ops, vector);
                String where = name + " " + t + " n=" + n + " " + c.layout();
                compare(expected, ops[o], loop.out(), approx, where);
                expected.close();
                c.owned().forEach(NDArray::close);
            }
        }
    }

    /** Transcendentals once the vector loop is compiled (SVML), against {@link Math} in the generic loop. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transcendentals")
    void compiledTranscendentalsWithinTwoUlpOfMath(String name, DType t) {
        Ufunc u = UFUNCS.get(name);
        Ufunc.Loop loop = loopFor(u, t);
        StripKernel vector = Kernels.elementwise(u, loop);
        StripKernel generic = Kernels.generic(u, loop);
        try (NDArray x = data(t, 4096, name.hashCode()); NDArray got = ND.zeros(t, 4096);
                NDArray expected = ND.zeros(t, 4096)) {
            NDArray[] ops = {x, got};
            for (int i = 0; i < 3000; i++) { // long enough for C2 to compile the loop
                CpuBackend.run(new long[] {4096}, ops, vector);
            }
            CpuBackend.run(new long[] {4096}, new NDArray[] {x, expected}, generic);
            compare(expected, got, t, true, name + " " + t + " (compiled)");
        }
    }

    /**
     * Binary kernels once C2 has compiled them (SVML pow/atan2, the float64 conversions of integer
     * division), array and scalar second operands, against the generic loop: exact, or within
     * 2 ulp for pow and atan2.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("compiledBinaries")
    void compiledBinaryKernelsMatchGenericLoop(String name, DType t) {
        Ufunc u = UFUNCS.get(name);
        Ufunc.Loop loop = loopFor(u, t);
        StripKernel vector = Kernels.elementwise(u, loop);
        StripKernel generic = Kernels.generic(u, loop);
        boolean approx = t.isFloating() && SimdKernels.isTranscendental(SimdKernels.opCode(u.id(), t));
        int n = 4096;
        try (NDArray x = data(t, n, name.hashCode()); NDArray y = isIntPower(u, t) ? exponents(t, n, 7) : data(t, n, 7);
                NDArray s = isIntPower(u, t) ? exponents(t, 1, 3) : data(t, 1, 3);
                NDArray got = ND.zeros(t, n); NDArray expected = ND.zeros(t, n)) {
            for (NDArray second : new NDArray[] {y, s.broadcastTo(n)}) {
                NDArray[] ops = {x, second, got};
                for (int i = 0; i < 3000; i++) { // long enough for C2 to compile the loop
                    CpuBackend.run(new long[] {n}, ops, vector);
                }
                CpuBackend.run(new long[] {n}, new NDArray[] {x, second, expected}, generic);
                compare(expected, got, t, approx, name + " " + t + " (compiled)");
            }
        }
    }

    static Stream<Arguments> compiledBinaries() {
        List<Arguments> out = new ArrayList<>();
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            out.add(Arguments.of("power", t));
            out.add(Arguments.of("arctan2", t));
        }
        for (DType t : new DType[] {DType.INT64, DType.INT32, DType.INT16, DType.INT8, DType.UINT8}) {
            for (String name : new String[] {"power", "floor_divide", "remainder", "left_shift", "right_shift"}) {
                out.add(Arguments.of(name, t));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> transcendentals() {
        return Stream.of("exp", "log", "sin", "cos", "tanh", "expm1", "log1p", "arctan", "sinh", "cbrt")
                .flatMap(n -> Stream.of(Arguments.of(n, DType.FLOAT64), Arguments.of(n, DType.FLOAT32)));
    }

    static void compare(NDArray expected, NDArray got, DType t, boolean approx, String where) {
        byte[] e = bytes(expected);
        byte[] g = bytes(got);
        if (!approx || t == DType.BOOL) {
            if (!java.util.Arrays.equals(e, g)) {
                fail(where + ": expected " + expected + " got " + got);
            }
            return;
        }
        double[] ev = expected.toDoubleArray();
        double[] gv = got.toDoubleArray();
        for (int i = 0; i < ev.length; i++) {
            double a = ev[i];
            double b = gv[i];
            if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b) || a == 0 || b == 0) {
                if (!(Double.isNaN(a) && Double.isNaN(b)) && a != b) {
                    fail(where + " at " + i + ": expected " + a + " got " + b);
                }
                continue;
            }
            double ulp = t == DType.FLOAT32 ? Math.ulp((float) a) : Math.ulp(a);
            if (Math.abs(a - b) > 2 * ulp) {
                fail(where + " at " + i + ": expected " + a + " got " + b + " (" + Math.abs(a - b) / ulp + " ulp)");
            }
        }
    }

    /** The elements of an array in C order, as raw bytes. */
    static byte[] bytes(NDArray a) {
        try (NDArray c = a.copy()) {
            MemorySegment s = CpuBackend.segment(c.storage());
            long size = c.size() * c.dtype().itemSize();
            return s.asSlice(c.elementOffset() * c.dtype().itemSize(), size).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    static Stream<Arguments> castPairs() {
        List<Arguments> out = new ArrayList<>();
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                out.add(Arguments.of(from, to));
            }
        }
        return out.stream();
    }

    /** Every cast, contiguous and strided, against the generic per-element cast, bit for bit. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("castPairs")
    void castMatchesGenericCast(DType from, DType to) {
        StripKernel fast = Casts.kernel(from, to);
        StripKernel generic = Casts.generic(from, to);
        for (int n : LENGTHS) {
            for (String layout : new String[] {"contiguous", "strided in", "strided out"}) {
                NDArray src = castData(from, layout.equals("strided in") ? 2 * n : n, n);
                NDArray in = layout.equals("strided in") ? src.get("::2") : src;
                NDArray wide = ND.zeros(to, layout.equals("strided out") ? 2 * n : n);
                NDArray out = layout.equals("strided out") ? wide.get("::2") : wide;
                NDArray expected = ND.zeros(to, n);
                CpuBackend.run(new long[] {n}, new NDArray[] {in, expected}, generic);
                CpuBackend.run(new long[] {n}, new NDArray[] {in, out}, fast);
                compare(expected, out, to, false, from + "->" + to + " n=" + n + " " + layout);
                for (NDArray a : new NDArray[] {expected, out, wide, in, src}) {
                    a.close();
                }
            }
        }
    }

    /** Cast sources: floats with NaN, infinities, values past every integer range; integers of every width. */
    static NDArray castData(DType t, int n, long seed) {
        if (t == DType.BOOL) {
            boolean[] b = new boolean[n];
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) {
                b[i] = r.nextBoolean();
            }
            return ND.array(b);
        }
        if (!t.isFloating()) {
            return data(t, n, seed);
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] special = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, -0.5, 1.5,
            -1.5, 127.9, 128.5, 255.5, 256.2, -129.7, 32768.3, -40000.9, 3e9, -3e9, 1e19, -1e19, 9.3e18, 1e300};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextBoolean() ? special[r.nextInt(special.length)] : r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(0, 20));
        }
        try (NDArray d = ND.array(v)) {
            return d.astype(t);
        }
    }

    /** The masked last step must not write past the end: the element after a view keeps its value. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("typesArgs")
    void lastStepWritesNothingPastTheEnd(DType t) {
        for (int n = 1; n < 70; n++) {
            try (NDArray a = data(t, n, n); NDArray b = data(t, n, -n); NDArray wide = ND.ones(t, n + 80);
                    NDArray out = wide.get(":" + n); NDArray sentinel = wide.get(n + ":")) {
                Ufunc.ADD.callInto(out, null, a, b);
                Ufunc.NEGATIVE.callInto(out, null, a);
                for (double v : sentinel.toDoubleArray()) {
                    assertEquals(1.0, v, t + " n=" + n);
                }
            }
        }
    }

    static Stream<Arguments> typesArgs() {
        return Stream.of(TYPES).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typesArgs")
    void everyTemplateSpecializes(DType t) {
        assertNotNull(SimdKernels.kernel(Ufunc.Id.ADD, t, t));
        assertNotNull(SimdKernels.kernel(Ufunc.Id.LESS, t, DType.BOOL));
        assertNotNull(SimdKernels.fold(Ufunc.Id.MAXIMUM, t));
        assertTrue(SimdKernels.kernel(Ufunc.Id.ADD, t, t) != SimdKernels.kernel(Ufunc.Id.SUBTRACT, t, t));
        assertArrayEquals(new double[] {3}, ND.array(new double[] {1}).astype(t).add(ND.array(new double[] {2}).astype(t))
                .toDoubleArray());
    }

    /** Integer power refuses a negative exponent in the vector loops too: array and scalar exponents. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("signedIntegers")
    void negativeIntegerExponentsAreRefused(DType t) {
        for (int n : new int[] {1, 5, 64, 1031}) {
            try (NDArray x = data(t, n, n); NDArray e = exponents(t, n, n); NDArray out = ND.zeros(t, n)) {
                e.setDouble(-1, n - 1);
                IllegalArgumentException a = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> Ufunc.POWER.callInto(out, null, x, e));
                assertEquals("Integers to negative integer powers are not allowed.", a.getMessage());
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> Ufunc.POWER.callInto(out, null, x, -2));
            }
        }
    }

    static Stream<Arguments> signedIntegers() {
        return Stream.of(DType.INT64, DType.INT32, DType.INT16, DType.INT8).map(Arguments::of);
    }

    /** A few values worked out by hand, so the kernels are not only checked against the generic loops. */
    @org.junit.jupiter.api.Test
    void knownValues() {
        try (NDArray x = ND.array(new long[] {3, -3, Long.MIN_VALUE, 7, -1, 5, 2, -2, 9})) {
            assertArrayEquals(new double[] {9, 9, 0, 49, 1, 25, 4, 4, 81}, x.pow(2L).toDoubleArray());
            assertArrayEquals(new double[] {27, -27, 0, 343, -1, 125, 8, -8, 729}, x.pow(3L).toDoubleArray());
            assertEquals(-3 * -3 * -3 * -3 * -3 * -3 * -3L, x.pow(7L).toDoubleArray()[1]);
            try (NDArray counts = ND.array(new long[] {1, 63, 64, 65, -1, 0, 62, 1, 100});
                    NDArray l = Ufunc.LEFT_SHIFT.call(x, counts); NDArray r = Ufunc.RIGHT_SHIFT.call(x, counts)) {
                assertArrayEquals(new double[] {6, Long.MIN_VALUE, 0, 0, 0, 5, Long.MIN_VALUE, -4, 0}, l.toDoubleArray());
                assertArrayEquals(new double[] {1, -1, -1, 0, -1, 5, 0, -1, 0}, r.toDoubleArray());
            }
        }
        try (NDArray f = ND.array(new double[] {-0.5, 0.5, 1.5, 2.5, -2.5, -0.0, 0x1p52 - 0.5, -0.7, 0.3, Double.NaN})) {
            assertArrayEquals(new double[] {-1, 0, 1, 2, -3, -0.0, 0x1p52 - 1, -1, 0, Double.NaN},
                    ND.floor(f).toDoubleArray());
            assertArrayEquals(new double[] {-0.0, 1, 2, 3, -2, -0.0, 0x1p52, -0.0, 1, Double.NaN},
                    ND.ceil(f).toDoubleArray());
            assertArrayEquals(new double[] {-0.0, 0, 2, 2, -2, -0.0, 0x1p52, -1, 0, Double.NaN},
                    ND.rint(f).toDoubleArray());
        }
        // NumPy 2 with one exponent (stride 0): 0.5 is sqrt, -1 is 1/x; an array of exponents is C's pow.
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (int n : new int[] {3, 19}) { // the scalar tail and the vector loop
                double[] v = new double[n];
                java.util.Arrays.fill(v, 4);
                v[0] = Double.NEGATIVE_INFINITY;
                v[1] = -0.0;
                try (NDArray x = ND.array(v).astype(t); NDArray half = ND.full(t, 0.5, n);
                        NDArray strided = ND.array(new double[2 * n]).astype(t)) {
                    double[] one = x.pow(0.5).toDoubleArray();
                    assertEquals(Double.NaN, one[0], t + " n=" + n);
                    assertEquals(-0.0, one[1]);
                    assertEquals(2.0, one[n - 1]);
                    double[] many = x.pow(half).toDoubleArray();
                    assertEquals(Double.POSITIVE_INFINITY, many[0]);
                    assertEquals(0.0, many[1]);
                    assertEquals(-0.0, x.pow(-1.0).toDoubleArray()[0]);
                    Ufunc.POWER.callInto(strided.get("::2"), null, x, 0.5);
                    assertEquals(Double.NaN, strided.toDoubleArray()[0], "strided out");
                }
            }
        }
    }
}
