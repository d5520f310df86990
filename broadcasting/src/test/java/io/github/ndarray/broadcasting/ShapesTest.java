package io.github.ndarray.broadcasting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShapesTest {

    @Test
    void checkedSizeMultipliesTheSizes() {
        assertEquals(24, Shapes.checkedSize(new long[] {2, 3, 4}));
        assertEquals(1, Shapes.checkedSize(new long[0]));
        assertEquals(7, Shapes.checkedSize(new long[] {1, 7, 1}));
        assertEquals(Long.MAX_VALUE, Shapes.checkedSize(new long[] {Long.MAX_VALUE, 1}));
        assertEquals(1L << 62, Shapes.checkedSize(new long[] {1L << 31, 1L << 31}));
    }

    @Test
    void checkedSizeRejectsNegativeSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Shapes.checkedSize(new long[] {3, -1}));
        assertEquals("negative dimensions are not allowed: (3,-1)", e.getMessage());
        // even when another axis is 0, and when the product already overflowed
        assertThrows(IllegalArgumentException.class, () -> Shapes.checkedSize(new long[] {0, -2}));
        assertThrows(IllegalArgumentException.class,
                () -> Shapes.checkedSize(new long[] {Long.MAX_VALUE, Long.MAX_VALUE, -1}));
    }

    @Test
    void checkedSizeRejectsMoreThan64Dims() {
        assertEquals(1, Shapes.checkedSize(ones(64)));
        var e = assertThrows(IllegalArgumentException.class, () -> Shapes.checkedSize(ones(65)));
        assertEquals("maximum supported dimension for an ndarray is 64, found 65", e.getMessage());
    }

    @Test
    void sixtyFourAxesOfSizeTwoOverflowButSixtyTwoDoNot() {
        long[] twos = new long[62];
        Arrays.fill(twos, 2);
        assertEquals(1L << 62, Shapes.checkedSize(twos));
        long[] more = new long[63];
        Arrays.fill(more, 2);
        assertThrows(IllegalArgumentException.class, () -> Shapes.checkedSize(more)); // 2^63 > Long.MAX_VALUE
    }

    @Test
    void checkedSizeRejectsOverflowingProducts() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Shapes.checkedSize(new long[] {1L << 32, 1L << 32}));
        assertTrue(e.getMessage().contains("(4294967296,4294967296)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shapes.checkedSize(new long[] {Long.MAX_VALUE, 2}));
        // 5 * 2^62 = 2^64 + 2^62: its low 64 bits look like a fine positive size
        assertThrows(IllegalArgumentException.class, () -> Shapes.checkedSize(new long[] {1L << 62, 5}));
    }

    @Test
    void aZeroAxisGivesZeroEvenIfOtherAxesAreHuge() {
        assertEquals(0, Shapes.checkedSize(new long[] {0}));
        assertEquals(0, Shapes.checkedSize(new long[] {Long.MAX_VALUE, Long.MAX_VALUE, 0}));
        assertEquals(0, Shapes.checkedSize(new long[] {0, Long.MAX_VALUE, Long.MAX_VALUE}));
        assertEquals(0, Shapes.checkedSize(new long[] {1L << 40, 0, 1L << 40}));
    }

    @Test
    void formatPrintsLikeNumPy() {
        assertEquals("()", Shapes.format(new long[0]));
        assertEquals("(3,)", Shapes.format(new long[] {3}));
        assertEquals("(3,4,6,2)", Shapes.format(new long[] {3, 4, 6, 2}));
        assertEquals("(0,1)", Shapes.format(new long[] {0, 1}));
    }

    @Test
    void parseReadsWhatFormatWrites() {
        for (long[] s : new long[][] {{}, {3}, {3, 4, 6, 2}, {0, 1}, {Long.MAX_VALUE}}) {
            assertArrayEquals(s, Shapes.parse(Shapes.format(s)));
        }
    }

    @Test
    void parseIsLenient() {
        assertArrayEquals(new long[] {3, 4}, Shapes.parse(" ( 3, 4 ) "));
        assertArrayEquals(new long[] {3, 4}, Shapes.parse("[3,4]"));
        assertArrayEquals(new long[] {3, 4}, Shapes.parse("3,4"));
        assertArrayEquals(new long[] {3}, Shapes.parse("(3)"));
        assertArrayEquals(new long[] {3}, Shapes.parse("3"));
        assertArrayEquals(new long[0], Shapes.parse("[]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "(,)", "(3,,)", "(3,,4)", "(a,2)", "(3,4", "3 4", "(-1,2)", "(1.5,)", "((3,))"})
    void parseRejectsWhatIsNotAShape(String text) {
        assertThrows(IllegalArgumentException.class, () -> Shapes.parse(text));
    }

    @Test
    void contiguousStridesAreRowMajor() {
        assertArrayEquals(new long[] {12, 4, 1}, Shapes.contiguousStrides(new long[] {2, 3, 4}));
        assertArrayEquals(new long[0], Shapes.contiguousStrides(new long[0]));
        assertArrayEquals(new long[] {3, 3, 1}, Shapes.contiguousStrides(new long[] {2, 0, 3}));
    }

    static long[] ones(int n) {
        long[] s = new long[n];
        Arrays.fill(s, 1);
        return s;
    }
}
