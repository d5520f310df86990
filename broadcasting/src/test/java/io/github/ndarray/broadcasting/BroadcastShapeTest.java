package io.github.ndarray.broadcasting;

import static io.github.ndarray.broadcasting.ShapesTest.ones;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BroadcastShapeTest {

    @Test
    void shapesAlignOnTheRight() {
        assertArrayEquals(new long[] {3, 2}, Broadcast.shape(new long[] {3, 1}, new long[] {2}));
        assertArrayEquals(new long[] {2, 3, 4},
                Broadcast.shape(new long[] {4}, new long[] {3, 1}, new long[] {2, 1, 1}));
        assertArrayEquals(new long[] {5}, Broadcast.shape(new long[0], new long[] {5}));
    }

    @Test
    void noOperandsOrOneOperand() {
        assertArrayEquals(new long[0], Broadcast.shape());
        assertArrayEquals(new long[] {2, 0}, Broadcast.shape(new long[] {2, 0}));
    }

    @Test
    void zeroStretchesNothingButOneStretchesToZero() {
        assertArrayEquals(new long[] {0}, Broadcast.shape(new long[] {0}, new long[] {1}));
        assertArrayEquals(new long[] {0}, Broadcast.shape(new long[] {1}, new long[] {0}));
        assertArrayEquals(new long[] {2, 0}, Broadcast.shape(new long[] {2, 1}, new long[] {0}));
        var e = assertThrows(BroadcastException.class, () -> Broadcast.shape(new long[] {0}, new long[] {3}));
        assertEquals("operands could not be broadcast together with shapes (0,) (3,)", e.getMessage());
    }

    @Test
    void theErrorNamesEveryOperandLikeNumPy() {
        long[][] shapes = {{2, 1}, {3}, {4, 3, 1}, {}};
        var e = assertThrows(BroadcastException.class, () -> Broadcast.shape(shapes));
        assertEquals("operands could not be broadcast together with shapes (2,1) (3,) (4,3,1) ()", e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e);
        assertArrayEquals(shapes, e.shapes());
    }

    @Test
    void theExceptionKeepsCopies() {
        long[] a = {3};
        var e = new BroadcastException(a, new long[] {2});
        a[0] = 9;
        assertEquals(3, e.shapes()[0][0]);
        e.shapes()[0][0] = 7;
        assertEquals(3, e.shapes()[0][0]);
    }

    @Test
    void sixtyFourAxesWork() {
        long[] a = ones(64);
        long[] b = ones(64);
        a[0] = 5;
        b[63] = 7;
        long[] r = Broadcast.shape(a, b, new long[] {7});
        assertEquals(64, r.length);
        assertEquals(5, r[0]);
        assertEquals(7, r[63]);
        assertEquals(1, r[31]);
    }

    @Test
    void moreThan64AxesOrNegativeSizesAreBadInputNotABroadcastFailure() {
        var tooMany = assertThrows(IllegalArgumentException.class, () -> Broadcast.shape(ones(65), new long[] {1}));
        assertFalse(tooMany instanceof BroadcastException);
        var negative = assertThrows(IllegalArgumentException.class,
                () -> Broadcast.shape(new long[] {2}, new long[] {-2}));
        assertFalse(negative instanceof BroadcastException);
    }

    @Test
    void aResultTooBigToCountIsRejected() {
        // each operand is small enough; together they would have 2^80 elements (NumPy: "broadcast dimensions too large.")
        var e = assertThrows(IllegalArgumentException.class,
                () -> Broadcast.shape(new long[] {1L << 40, 1}, new long[] {1, 1L << 40}));
        assertEquals("broadcast dimensions too large: (1099511627776,1099511627776)", e.getMessage());
        assertArrayEquals(new long[] {0, 1L << 40},
                Broadcast.shape(new long[] {0, 1}, new long[] {1, 1L << 40}));
    }
}
