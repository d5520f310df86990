package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DType} against NumPy 2.4.6: promotion, safe casts, weak Java scalars (NEP 50), names.
 * Every table below was printed by NumPy (the generating snippet is above each table).
 */
class DTypeTest {
    /** NumPy's names in the order the tables use (rows and columns). */
    private static final String[] NAMES = {"bool", "int8", "uint8", "int16", "int32", "int64", "float32", "float64"};

    private static DType t(String name) {
        return DType.of(name);
    }

    /** Reads a table whose rows are {@code name cell cell ...}; cells in {@link #NAMES} order. */
    private static List<String[]> rows(String table) {
        List<String[]> out = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            out.add(line.strip().split("\\s+"));
        }
        return out;
    }

    // for a in names: print(a, " ".join(str(np.promote_types(a, b)) for b in names))
    private static final String PROMOTE = """
            bool bool int8 uint8 int16 int32 int64 float32 float64
            int8 int8 int8 int16 int16 int32 int64 float32 float64
            uint8 uint8 int16 uint8 int16 int32 int64 float32 float64
            int16 int16 int16 int16 int16 int32 int64 float32 float64
            int32 int32 int32 int32 int32 int32 int64 float64 float64
            int64 int64 int64 int64 int64 int64 int64 float64 float64
            float32 float32 float32 float32 float32 float64 float64 float32 float64
            float64 float64 float64 float64 float64 float64 float64 float64 float64
            """;

    @Test
    void promoteMatchesNumpyForAll64Pairs() {
        int checked = 0;
        for (String[] row : rows(PROMOTE)) {
            DType a = t(row[0]);
            for (int j = 0; j < NAMES.length; j++) {
                DType b = t(NAMES[j]);
                DType expected = t(row[j + 1]);
                assertEquals(expected, DType.promote(a, b), "promote_types(" + a + ", " + b + ")");
                checked++;
            }
        }
        assertEquals(64, checked);
    }

    @Test
    void promoteIsSymmetricAndIdempotent() {
        for (DType a : DType.values()) {
            assertSame(a, DType.promote(a, a));
            for (DType b : DType.values()) {
                assertSame(DType.promote(a, b), DType.promote(b, a), a + " with " + b);
            }
        }
    }

    @Test
    void promoteExamplesFromTheJavadoc() {
        assertEquals(DType.INT16, DType.promote(DType.INT8, DType.UINT8));
        assertEquals(DType.FLOAT64, DType.promote(DType.INT64, DType.FLOAT32));
        assertEquals(DType.FLOAT64, DType.promote(DType.INT32, DType.FLOAT32));
        assertEquals(DType.FLOAT32, DType.promote(DType.INT16, DType.FLOAT32));
    }

    // for a in names: print(a, "".join("1" if np.can_cast(a, b, "safe") else "0" for b in names))
    private static final String CAN_CAST = """
            bool 11111111
            int8 01011111
            uint8 00111111
            int16 00011111
            int32 00001101
            int64 00000101
            float32 00000011
            float64 00000001
            """;

    @Test
    void canCastSafelyMatchesNumpyForAll64Pairs() {
        int checked = 0;
        for (String[] row : rows(CAN_CAST)) {
            DType from = t(row[0]);
            for (int j = 0; j < NAMES.length; j++) {
                DType to = t(NAMES[j]);
                boolean expected = row[1].charAt(j) == '1';
                assertEquals(expected, from.canCastSafely(to), "can_cast(" + from + ", " + to + ", 'safe')");
                checked++;
            }
        }
        assertEquals(64, checked);
    }

    // NEP 50 weak scalars. For each Python scalar s:
    //   print(repr(s), " ".join(str((np.ones(1, a) + s).dtype) or type(e).__name__ for a in names))
    // OverflowError is NumPy's "Python integer 300 out of bounds for int8"; we throw
    // IllegalArgumentException. (np.result_type(np.int8, 300) itself answers int8 without
    // complaining; it is the operation that refuses, and withWeakScalar stands for the operation.)
    private static final String WEAK_INT = """
            1 int64 int8 uint8 int16 int32 int64 float32 float64
            0 int64 int8 uint8 int16 int32 int64 float32 float64
            -1 int64 int8 OverflowError int16 int32 int64 float32 float64
            127 int64 int8 uint8 int16 int32 int64 float32 float64
            -128 int64 int8 OverflowError int16 int32 int64 float32 float64
            128 int64 OverflowError uint8 int16 int32 int64 float32 float64
            255 int64 OverflowError uint8 int16 int32 int64 float32 float64
            256 int64 OverflowError OverflowError int16 int32 int64 float32 float64
            -129 int64 OverflowError OverflowError int16 int32 int64 float32 float64
            32767 int64 OverflowError OverflowError int16 int32 int64 float32 float64
            -32768 int64 OverflowError OverflowError int16 int32 int64 float32 float64
            32768 int64 OverflowError OverflowError OverflowError int32 int64 float32 float64
            -32769 int64 OverflowError OverflowError OverflowError int32 int64 float32 float64
            2147483647 int64 OverflowError OverflowError OverflowError int32 int64 float32 float64
            -2147483648 int64 OverflowError OverflowError OverflowError int32 int64 float32 float64
            2147483648 int64 OverflowError OverflowError OverflowError OverflowError int64 float32 float64
            -2147483649 int64 OverflowError OverflowError OverflowError OverflowError int64 float32 float64
            9223372036854775807 int64 OverflowError OverflowError OverflowError OverflowError int64 float32 float64
            -9223372036854775808 int64 OverflowError OverflowError OverflowError OverflowError int64 float32 float64
            """;

    @Test
    void weakPythonIntegersFollowNep50() {
        int checked = 0;
        for (String[] row : rows(WEAK_INT)) {
            long s = Long.parseLong(row[0]);
            for (int j = 0; j < NAMES.length; j++) {
                DType a = t(NAMES[j]);
                String expected = row[j + 1];
                if (expected.equals("OverflowError")) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> a.withWeakScalar(s), a + " with " + s);
                    assertEquals("Python integer " + s + " out of bounds for " + a, e.getMessage());
                } else {
                    assertEquals(t(expected), a.withWeakScalar(s), a + " with weak int " + s);
                }
                checked++;
            }
        }
        assertEquals(19 * 8, checked);
    }

    // 1.5, 0.0, -1e300, inf and nan: print(" ".join(str((np.ones(1, a) + s).dtype) for a in names))
    // gives the same row for all of them: the value of a float never matters.
    private static final String WEAK_FLOAT = "float64 float64 float64 float64 float64 float64 float32 float64";

    @ParameterizedTest
    @ValueSource(doubles = {1.5, 0.0, -1e300, 3.4e38, Double.POSITIVE_INFINITY, Double.NaN})
    void weakPythonFloatsFollowNep50(double s) {
        String[] expected = WEAK_FLOAT.split(" ");
        for (int j = 0; j < NAMES.length; j++) {
            assertEquals(t(expected[j]), t(NAMES[j]).withWeakScalar(s), NAMES[j] + " with weak float " + s);
        }
    }

    // print(" ".join(str((np.ones(1, a) + True).dtype) for a in names))
    private static final String WEAK_BOOL = "bool int8 uint8 int16 int32 int64 float32 float64";

    @Test
    void weakPythonBoolsKeepTheArrayType() {
        String[] expected = WEAK_BOOL.split(" ");
        for (int j = 0; j < NAMES.length; j++) {
            assertEquals(t(expected[j]), t(NAMES[j]).withWeakScalar(true));
            assertEquals(t(expected[j]), t(NAMES[j]).withWeakScalar(false));
        }
    }

    @Test
    void javadocWeakScalarExamples() {
        assertEquals(DType.FLOAT32, DType.FLOAT32.withWeakScalar(1.5));
        assertEquals(DType.FLOAT64, DType.INT32.withWeakScalar(1.5));
        assertEquals(DType.INT8, DType.INT8.withWeakScalar(-128L));
        assertEquals(DType.INT64, DType.BOOL.withWeakScalar(7L));
    }

    // for n in names: print(n, np.dtype(n).itemsize, np.dtype(n).str, np.dtype(n).kind)
    private static final String DESCR = """
            bool 1 |b1 b
            int8 1 |i1 i
            uint8 1 |u1 u
            int16 2 <i2 i
            int32 4 <i4 i
            int64 8 <i8 i
            float32 4 <f4 f
            float64 8 <f8 f
            """;

    @Test
    void namesSizesAndDescrMatchNumpy() {
        List<String[]> rows = rows(DESCR);
        assertEquals(DType.values().length, rows.size(), "one row per dtype");
        for (String[] row : rows) {
            DType d = DType.of(row[0]);
            assertEquals(row[0], d.toString(), "toString gives NumPy's name");
            assertEquals(row[0], String.valueOf(d));
            assertEquals(Integer.parseInt(row[1]), d.itemSize(), row[0] + " itemsize");
            assertEquals(row[2], d.npyDescr(), row[0] + " descr");
            DType.Kind kind = switch (row[3]) {
                case "b" -> DType.Kind.BOOL;
                case "u" -> DType.Kind.UNSIGNED;
                case "i" -> DType.Kind.SIGNED;
                default -> DType.Kind.FLOAT;
            };
            assertEquals(kind, d.kind(), row[0] + " kind");
            assertEquals(row[3].equals("i") || row[3].equals("u"), d.isInteger(), row[0] + " isInteger");
            assertEquals(row[3].equals("f"), d.isFloating(), row[0] + " isFloating");
        }
    }

    @Test
    void ofRoundTripsEveryConstant() {
        for (DType d : DType.values()) {
            assertSame(d, DType.of(d.toString()));
            assertEquals(d.name().toLowerCase(java.util.Locale.ROOT), d.toString(), "constant is the name in capitals");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"float17", "FLOAT64", "Float64", "", " int8", "float16", "uint64", "complex128"})
    void ofRefusesUnknownNamesLikeNumpy(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DType.of(name));
        // np.dtype("float17") -> TypeError: data type 'float17' not understood
        assertEquals("data type '" + name + "' not understood", e.getMessage());
    }

    @Test
    void ofNullIsAClearIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> DType.of(null));
    }

    @Test
    void castsBetweenKindsAreNotAllSafe() {
        // Sanity beyond the table: float never casts safely to an integer; bool casts to all.
        for (DType to : DType.values()) {
            assertTrue(DType.BOOL.canCastSafely(to));
            if (!to.isFloating()) {
                assertFalse(DType.FLOAT32.canCastSafely(to));
            }
        }
    }
}
