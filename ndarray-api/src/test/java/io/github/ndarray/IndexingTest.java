package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.broadcasting.Shapes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Basic indexing against golden data from NumPy ({@code scripts/gen_index_golden.py}). Values
 * are read with {@link NDArray#getLong(long...)} only, which needs no backend.
 */
class IndexingTest {

    // ------------------------------------------------------------------ helpers

    /** The elements of {@code a} in C order, read one by one with getLong. */
    static long[] values(NDArray a) {
        long n = a.size();
        long[] out = new long[Math.toIntExact(n)];
        long[] shape = a.shape();
        long[] idx = new long[shape.length];
        for (int k = 0; k < n; k++) {
            out[k] = a.getLong(idx);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }

    static NDArray base(long... shape) {
        return ND.arange(Shapes.checkedSize(shape)).reshape(shape);
    }

    static long[] parseList(String s) {
        String body = s.substring(1, s.length() - 1);
        return body.isEmpty() ? new long[0] : Arrays.stream(body.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** Every element of a non-empty view lies inside the storage of {@code n} elements. */
    static void assertInStorage(NDArray v, long n, String what) {
        long lo = v.elementOffset();
        long hi = v.elementOffset();
        if (v.size() == 0) {
            assertTrue(lo >= 0 && lo <= Math.max(0, n - 1), what + ": offset " + lo + " outside storage of " + n);
            return;
        }
        long[] shape = v.shape();
        long[] st = v.elementStrides();
        for (int d = 0; d < shape.length; d++) {
            long span = (shape[d] - 1) * st[d];
            if (span < 0) {
                lo += span;
            } else {
                hi += span;
            }
        }
        assertTrue(lo >= 0 && hi < n, what + ": elements span [" + lo + ", " + hi + "] outside storage of " + n);
    }

    // ------------------------------------------------------------------ golden data

    record Golden(long[] baseShape, long[] baseStrides, String expression, long[] shape, long[] strides,
            String offset, long[] values, String error) {
        String name() {
            return Shapes.format(baseShape) + "[" + expression + "]";
        }
    }

    static List<Golden> golden() throws IOException {
        List<Golden> out = new ArrayList<>();
        try (InputStream in = IndexingTest.class.getResourceAsStream("index_golden.tsv")) {
            assertTrue(in != null, "index_golden.tsv is missing: run scripts/gen_index_golden.py");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] c = line.split("\t", -1);
                assertEquals(8, c.length, line);
                boolean err = !c[7].isEmpty();
                out.add(new Golden(parseList(c[0]), parseList(c[1]), c[2], err ? null : parseList(c[3]),
                        err ? null : parseList(c[4]), c[5], err ? null : parseList(c[6]), c[7]));
            }
        }
        return out;
    }

    static NDArray apply(NDArray a, String chain) {
        NDArray current = a;
        for (String stage : chain.split("\\|", -1)) {
            NDArray next = current.get(stage);
            if (current != a) {
                current.close();
            }
            current = next;
        }
        return current;
    }

    @Test
    void goldenHasEnoughCases() throws IOException {
        List<Golden> g = golden();
        assertTrue(g.size() >= 500, "golden cases: " + g.size());
        assertTrue(g.stream().filter(x -> !x.error().isEmpty()).count() >= 50);
        assertTrue(g.stream().filter(x -> x.expression().contains("|")).count() >= 100);
    }

    /**
     * The base built as NumPy's {@code np.arange(n).reshape(shape)} would be laid out (the
     * golden base strides), so strides and offsets must match NumPy's exactly.
     */
    @TestFactory
    Stream<DynamicTest> goldenOnNumPyLayout() throws IOException {
        return golden().stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> {
            long n = Shapes.checkedSize(g.baseShape());
            try (NDArray flat = ND.arange(n)) {
                long[] st = Arrays.stream(g.baseStrides()).map(b -> b / 8).toArray();
                try (NDArray a = flat.view(g.baseShape(), st, 0)) {
                    check(g, a, n, true);
                }
            }
        }));
    }

    /**
     * The base built with {@code ND.arange(n).reshape(shape)}. Its strides on size-1 axes may
     * differ from NumPy's (they are never used), so strides are compared on axes of size > 1.
     */
    @TestFactory
    Stream<DynamicTest> goldenOnReshapedBase() throws IOException {
        return golden().stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> {
            long n = Shapes.checkedSize(g.baseShape());
            try (NDArray a = base(g.baseShape())) {
                check(g, a, n, false);
            }
        }));
    }

    private static void check(Golden g, NDArray a, long n, boolean exactLayout) {
        if (!g.error().isEmpty()) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> apply(a, g.expression()).close());
            assertEquals(g.error(), "IndexError: " + e.getMessage());
            return;
        }
        try (NDArray v = apply(a, g.expression())) {
            assertArrayEquals(g.shape(), v.shape(), "shape");
            assertArrayEquals(g.values(), values(v), "values");
            long[] strides = v.strides();
            for (int d = 0; d < strides.length; d++) {
                if (exactLayout || g.shape()[d] > 1) {
                    assertEquals(g.strides()[d], strides[d], "stride of axis " + d + ": " + Arrays.toString(strides));
                }
            }
            if (exactLayout && !g.offset().equals("-")) {
                assertEquals(Long.parseLong(g.offset()), v.elementOffset(), "offset");
            }
            assertInStorage(v, n, "view");
            assertFalse(v.storage() != a.storage(), "a view shares the storage");
        }
    }

    /** The typed form gives the same view as the string form. */
    @TestFactory
    Stream<DynamicTest> typedIndicesMatchStrings() throws IOException {
        return golden().stream().filter(g -> g.error().isEmpty() && !g.expression().contains("|"))
                .map(g -> DynamicTest.dynamicTest(g.name(), () -> {
                    try (NDArray a = base(g.baseShape());
                            NDArray v = a.get(Index.parse(g.expression()))) {
                        assertArrayEquals(g.shape(), v.shape());
                        assertArrayEquals(g.values(), values(v));
                    }
                }));
    }

    // ------------------------------------------------------------------ hand-written cases

    @Test
    void reversedThenSliced() {
        try (NDArray a = base(5);
                NDArray r = a.get("::-1");
                NDArray v = r.get("1:")) {
            assertArrayEquals(new long[] {4, 3, 2, 1, 0}, values(r));
            assertArrayEquals(new long[] {-8}, r.strides());
            assertEquals(4, r.elementOffset());
            assertArrayEquals(new long[] {3, 2, 1, 0}, values(v));
            assertArrayEquals(new long[] {-8}, v.strides());
            assertEquals(3, v.elementOffset());
        }
    }

    @Test
    void stridesMultiplyAndOffsetsAdd() {
        try (NDArray a = base(4, 6);
                NDArray v1 = a.get("1:, ::-2");      // rows 1..3, cols 5,3,1
                NDArray v2 = v1.get("::-1, 1:")) {   // rows 3,2,1, cols 3,1
            assertArrayEquals(new long[] {48, -16}, v1.strides());
            assertArrayEquals(new long[] {3, 3}, v1.shape());
            assertEquals(11, v1.elementOffset());
            assertArrayEquals(new long[] {-48, -16}, v2.strides());
            assertArrayEquals(new long[] {21, 19, 15, 13, 9, 7}, values(v2));
            assertEquals(21, v2.elementOffset());
        }
    }

    @Test
    void negativeStepsClampLikePython() {
        try (NDArray a = base(5)) {
            assertArrayEquals(new long[] {4, 3, 2, 1, 0}, values(a.get("10:-10:-1")));
            assertArrayEquals(new long[] {4, 2, 0}, values(a.get("::-2")));
            assertArrayEquals(new long[] {3, 1}, values(a.get("-2::-2")));
            assertArrayEquals(new long[] {}, values(a.get("0:4:-1")));
            assertArrayEquals(new long[] {4}, values(a.get("::-100")));
            assertArrayEquals(new long[] {0, 1, 2, 3, 4}, values(a.get("-100:100")));
        }
    }

    @Test
    void hugeBoundsAndSteps() {
        try (NDArray a = base(5)) {
            NDArray v = a.get(Index.slice(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
            assertArrayEquals(new long[] {0}, values(v));
            v = a.get(Index.slice(Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE));
            assertArrayEquals(new long[] {4}, values(v));
            assertEquals(4, v.elementOffset());
            v = a.get("9223372036854775807:-9223372036854775808:-1");
            assertArrayEquals(new long[] {4, 3, 2, 1, 0}, values(v));
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> a.get(Index.at(Long.MIN_VALUE)));
            assertEquals("index -9223372036854775808 is out of bounds for axis 0 with size 5", e.getMessage());
        }
    }

    @Test
    void emptyResultsKeepAnInBoundsOffset() {
        try (NDArray a = base(5)) {
            NDArray v = a.get("5:");
            assertEquals(0, v.size());
            assertInStorage(v, 5, "5:");
            try (NDArray r = a.get("::-1"); NDArray w = r.get("5:")) {
                assertInStorage(w, 5, "::-1 then 5:");
            }
        }
        try (NDArray z = base(3, 0); NDArray v = z.get("1")) {
            assertArrayEquals(new long[] {0}, v.shape());
            assertEquals(0, v.elementOffset());
        }
    }

    @Test
    void newAxisHasStrideZero() {
        try (NDArray a = base(2, 3); NDArray v = a.get("None, :, None, 1")) {
            assertArrayEquals(new long[] {1, 2, 1}, v.shape());
            assertEquals(0, v.strides()[0]);
            assertEquals(0, v.strides()[2]);
            assertArrayEquals(new long[] {1, 4}, values(v));
        }
    }

    @Test
    void zeroDimensional() {
        try (NDArray a = base(2, 3); NDArray v = a.get("1, -1")) {
            assertEquals(0, v.ndim());
            assertEquals(5, v.getLong());
            try (NDArray w = v.get("..."); NDArray x = v.get("None")) {
                assertEquals(0, w.ndim());
                assertArrayEquals(new long[] {1}, x.shape());
            }
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> v.get("0"));
            assertEquals("too many indices for array: array is 0-dimensional, but 1 were indexed", e.getMessage());
        }
    }

    @Test
    void numpyMessages() {
        try (NDArray a = base(3)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> a.get("5"));
            assertEquals("index 5 is out of bounds for axis 0 with size 3", e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> a.get("-4"));
            assertEquals("index -4 is out of bounds for axis 0 with size 3", e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> a.get("0, 0"));
            assertEquals("too many indices for array: array is 1-dimensional, but 2 were indexed", e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> a.get("None, ..., 0, :"));
            assertEquals("too many indices for array: array is 1-dimensional, but 2 were indexed", e.getMessage());
        }
        try (NDArray a = base(2, 3)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> a.get("None, 0, 7"));
            assertEquals("index 7 is out of bounds for axis 1 with size 3", e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> a.get("..., 3"));
            assertEquals("index 3 is out of bounds for axis 1 with size 3", e.getMessage());
        }
    }

    @Test
    void malformedStringsAndTypedIndices() {
        try (NDArray a = base(2, 3)) {
            assertThrows(IllegalArgumentException.class, () -> a.get("1:2:3:4"));
            assertThrows(IllegalArgumentException.class, () -> a.get("..., ..."));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.get(Index.ellipsis(), Index.at(0), Index.ellipsis()));
            assertEquals("an index can only have a single ellipsis ('...')", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> a.get(Index.at(0), null));
        }
    }

    @Test
    void atMost64Dimensions() {
        try (NDArray a = base(3)) {
            String many = String.join(",", Collections.nCopies(63, "None"));
            try (NDArray v = a.get(many)) {
                assertEquals(64, v.ndim());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.get(many + ", None"));
            assertEquals("number of dimensions must be within [0, 64], indexing result would have 65", e.getMessage());
        }
    }

    @Test
    void viewsShareMemoryAndSurviveTheParent() {
        NDArray a = base(3, 4);
        NDArray v = a.get("1:, ::-1");
        a.close();
        assertArrayEquals(new long[] {7, 6, 5, 4, 11, 10, 9, 8}, values(v));
        v.close();
        assertThrows(IllegalStateException.class, () -> v.get(""));
        assertThrows(IllegalStateException.class, () -> a.get(""));
    }

    @Test
    void fullViewIsTheSameLayout() {
        try (NDArray a = base(2, 3, 4); NDArray v = a.get(""); NDArray w = a.get()) {
            assertArrayEquals(a.shape(), v.shape());
            assertArrayEquals(a.strides(), v.strides());
            assertArrayEquals(a.strides(), w.strides());
            assertEquals(a.elementOffset(), v.elementOffset());
        }
    }
}
