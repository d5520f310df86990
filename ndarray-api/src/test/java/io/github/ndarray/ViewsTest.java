package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The shape arithmetic of views ({@link Views}): reshape's {@code -1} inference and errors, and
 * when a reshape can be a view (and with which strides), both against NumPy 2.4.6.
 */
class ViewsTest {
    private static long[] s(long... v) {
        return v;
    }

    // ------------------------------------------------------------------ inferShape

    @Test
    void minusOneIsInferred() {
        assertArrayEquals(s(2, 3), Views.inferShape(s(2, -1), 6));
        assertArrayEquals(s(3, 2), Views.inferShape(s(-1, 2), 6));
        assertArrayEquals(s(6), Views.inferShape(s(-1), 6));
        assertArrayEquals(s(2, 1, 3), Views.inferShape(s(2, -1, 3), 6));
        assertArrayEquals(s(1, 24, 1), Views.inferShape(s(1, -1, 1), 24));
        // np.zeros(0).reshape(3, -1).shape == (3, 0)
        assertArrayEquals(s(3, 0), Views.inferShape(s(3, -1), 0));
        // np.zeros(0).reshape(-1).shape == (0,)
        assertArrayEquals(s(0), Views.inferShape(s(-1), 0));
        // 0-d: np.array(5).reshape(-1).shape == (1,); np.zeros(1).reshape(()).shape == ()
        assertArrayEquals(s(1), Views.inferShape(s(-1), 1));
        assertArrayEquals(s(), Views.inferShape(s(), 1));
    }

    @Test
    void inferShapeDoesNotModifyItsArgument() {
        long[] req = {2, -1};
        Views.inferShape(req, 6);
        assertArrayEquals(s(2, -1), req);
    }

    @Test
    void explicitShapesPassThrough() {
        assertArrayEquals(s(4, 6), Views.inferShape(s(4, 6), 24));
        assertArrayEquals(s(0, 5), Views.inferShape(s(0, 5), 0));
    }

    @Test
    void twoUnknownsAreRefusedWithNumpysMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Views.inferShape(s(-1, -1), 6));
        assertEquals("can only specify one unknown dimension", e.getMessage());
    }

    @Test
    void wrongSizeIsRefusedWithNumpysMessage() {
        // np.arange(6).reshape(4, 2)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(4, 2), 6));
        assertEquals("cannot reshape array of size 6 into shape (4,2)", e.getMessage());
        // np.arange(6).reshape(4)
        e = assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(4), 6));
        assertEquals("cannot reshape array of size 6 into shape (4,)", e.getMessage());
        // np.arange(6).reshape(0, -1): a 0 next to the unknown
        e = assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(0, -1), 6));
        assertEquals("cannot reshape array of size 6 into shape (0,newaxis)", e.getMessage());
        // np.zeros(0).reshape(0, -1): the unknown is ambiguous
        e = assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(0, -1), 0));
        assertEquals("cannot reshape array of size 0 into shape (0,newaxis)", e.getMessage());
        // np.arange(6).reshape(5, -1)
        e = assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(5, -1), 6));
        assertEquals("cannot reshape array of size 6 into shape (5,newaxis)", e.getMessage());
    }

    @Test
    void leadingUnknownIsDroppedFromTheMessageLikeNumpy() {
        // NumPy's convert_shape_to_string skips leading negative dimensions:
        // np.arange(6).reshape(-1, 4) -> cannot reshape array of size 6 into shape (4)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(-1, 4), 6));
        assertEquals("cannot reshape array of size 6 into shape (4)", e.getMessage());
        // np.zeros(0).reshape(-1, 5, 0) -> cannot reshape array of size 0 into shape (5,0)
        e = assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(-1, 5, 0), 0));
        assertEquals("cannot reshape array of size 0 into shape (5,0)", e.getMessage());
    }

    @Test
    void negativeDimensionsOtherThanMinusOneAreRefused() {
        // Deliberately stricter than NumPy, which treats every negative as "unknown"
        // (np.arange(6).reshape(-2, 3).shape == (2, 3)). The message is NumPy's for np.zeros((2, -3)).
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(-2, 3), 6));
        assertTrue(e.getMessage().startsWith("negative dimensions are not allowed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(2, -3), 6));
        assertTrue(e.getMessage().startsWith("negative dimensions are not allowed"), e.getMessage());
    }

    @Test
    void hugeShapesAreRefusedNotWrapped() {
        // np.zeros(0).reshape(2**40, 2**40) -> ValueError: cannot reshape array of size 0 into
        // shape (1099511627776,1099511627776). The product overflows a long; it must neither wrap
        // around to a "valid" size nor escape as ArithmeticException.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Views.inferShape(s(1L << 40, 1L << 40), 0));
        assertEquals("cannot reshape array of size 0 into shape (1099511627776,1099511627776)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(1L << 40, 1L << 40, -1), 6));
        // (1<<32) * (1<<32) wraps to 0 in 64 bits: size 0 must not match it
        assertThrows(IllegalArgumentException.class, () -> Views.inferShape(s(1L << 32, 1L << 32), 0));
    }

    @Test
    void zeroInAHugeShapeIsFine() {
        assertArrayEquals(s(0, 1L << 62, 1L << 62), Views.inferShape(s(0, 1L << 62, 1L << 62), 0));
    }

    @Test
    void moreThan64DimensionsAreRefused() {
        long[] ones = new long[65];
        Arrays.fill(ones, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Views.inferShape(ones, 1));
        // NumPy: maximum supported dimension for an ndarray is currently 64, found 65
        assertTrue(e.getMessage().contains("64") && e.getMessage().contains("65"), e.getMessage());
        long[] sixtyFour = new long[64];
        Arrays.fill(sixtyFour, 1);
        assertArrayEquals(sixtyFour, Views.inferShape(sixtyFour, 1));
    }

    // ------------------------------------------------------------------ reshapeStrides

    /**
     * {@code shape | strides (elements) | target | NumPy's strides for the reshaped view, or copy}.
     * Printed by NumPy: for each layout (the expression after #, on a = np.arange(720)) and
     * target, {@code r = arr.reshape(t)}; "copy" when {@code not np.shares_memory(r, a)}.
     */
    private static final String CASES = """
            2,3,4 | 12,4,1 | 24 | 1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 2,12 | 12,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 12,2 | 2,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 3,8 | 8,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 8,3 | 3,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 4,6 | 6,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 6,4 | 4,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 2,3,4 | 12,4,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 6,2,2 | 4,2,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 1,24 | 24,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 24,1 | 1,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 1,24,1 | 24,1,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 2,1,12 | 12,12,1    # a[:24].reshape(2,3,4)
            2,3,4 | 12,4,1 | 2,2,6 | 12,6,1    # a[:24].reshape(2,3,4)
            3,2,4 | 4,12,1 | 24 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 2,12 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 12,2 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 3,8 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 8,3 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 4,6 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 6,4 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 2,3,4 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 6,2,2 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 1,24 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 24,1 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 1,24,1 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 2,1,12 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            3,2,4 | 4,12,1 | 2,2,6 | copy    # a[:24].reshape(2,3,4).transpose(1,0,2)
            4,3,2 | 1,4,12 | 24 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 2,12 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 12,2 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 3,8 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 8,3 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 4,6 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 6,4 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 2,3,4 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 6,2,2 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 1,24 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 24,1 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 1,24,1 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 2,1,12 | copy    # a[:24].reshape(2,3,4).T
            4,3,2 | 1,4,12 | 2,2,6 | copy    # a[:24].reshape(2,3,4).T
            2,2,4 | 12,8,1 | 16 | copy    # a[:24].reshape(2,3,4)[:, ::2]
            2,2,4 | 12,8,1 | 2,8 | copy    # a[:24].reshape(2,3,4)[:, ::2]
            2,2,4 | 12,8,1 | 8,2 | copy    # a[:24].reshape(2,3,4)[:, ::2]
            2,2,4 | 12,8,1 | 4,4 | copy    # a[:24].reshape(2,3,4)[:, ::2]
            2,2,4 | 12,8,1 | 4,2,2 | copy    # a[:24].reshape(2,3,4)[:, ::2]
            2,2,4 | 12,8,1 | 1,16 | copy    # a[:24].reshape(2,3,4)[:, ::2]
            2,2,4 | 12,8,1 | 16,1 | copy    # a[:24].reshape(2,3,4)[:, ::2]
            2,2,4 | 12,8,1 | 1,16,1 | copy    # a[:24].reshape(2,3,4)[:, ::2]
            2,2,4 | 12,8,1 | 2,1,8 | copy    # a[:24].reshape(2,3,4)[:, ::2]
            2,2,4 | 12,8,1 | 2,2,4 | 12,8,1    # a[:24].reshape(2,3,4)[:, ::2]
            2,3,4 | 24,8,2 | 24 | 2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 2,12 | 24,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 12,2 | 4,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 3,8 | 16,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 8,3 | 6,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 4,6 | 12,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 6,4 | 8,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 2,3,4 | 24,8,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 6,2,2 | 8,4,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 1,24 | 48,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 24,1 | 2,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 1,24,1 | 48,2,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 2,1,12 | 24,24,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            2,3,4 | 24,8,2 | 2,2,6 | 24,12,2    # a[:48].reshape(2,3,8)[:, :, ::2]
            4,3 | 6,1 | 12 | copy    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 2,6 | copy    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 6,2 | copy    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 3,4 | copy    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 4,3 | 6,1    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 2,3,2 | copy    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 3,2,2 | copy    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 1,12 | copy    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 12,1 | copy    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 1,12,1 | copy    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 2,1,6 | copy    # a[:24].reshape(4,6)[:, :3]
            4,3 | 6,1 | 2,2,3 | 12,6,1    # a[:24].reshape(4,6)[:, :3]
            2,6 | 12,1 | 12 | copy    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 2,6 | 12,1    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 6,2 | copy    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 3,4 | copy    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 4,3 | copy    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 2,3,2 | 12,2,1    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 3,2,2 | copy    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 1,12 | copy    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 12,1 | copy    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 1,12,1 | copy    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 2,1,6 | 12,6,1    # a[:24].reshape(4,6)[::2]
            2,6 | 12,1 | 2,2,3 | 12,3,1    # a[:24].reshape(4,6)[::2]
            4,6 | -6,-1 | 24 | -1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 2,12 | -12,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 12,2 | -2,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 3,8 | -8,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 8,3 | -3,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 4,6 | -6,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 6,4 | -4,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 2,3,4 | -12,-4,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 6,2,2 | -4,-2,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 1,24 | -24,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 24,1 | -1,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 1,24,1 | -24,-1,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 2,1,12 | -12,-12,-1    # a[:24][::-1].reshape(4,6)
            4,6 | -6,-1 | 2,2,6 | -12,-6,-1    # a[:24][::-1].reshape(4,6)
            4,6 | 6,-1 | 24 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 2,12 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 12,2 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 3,8 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 8,3 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 4,6 | 6,-1    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 6,4 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 2,3,4 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 6,2,2 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 1,24 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 24,1 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 1,24,1 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 2,1,12 | copy    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | 6,-1 | 2,2,6 | 12,6,-1    # a[:24].reshape(4,6)[:, ::-1]
            4,6 | -6,1 | 24 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 2,12 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 12,2 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 3,8 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 8,3 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 4,6 | -6,1    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 6,4 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 2,3,4 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 6,2,2 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 1,24 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 24,1 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 1,24,1 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 2,1,12 | copy    # a[:24].reshape(4,6)[::-1]
            4,6 | -6,1 | 2,2,6 | -12,-6,1    # a[:24].reshape(4,6)[::-1]
            2,1,3,4 | 12,12,4,1 | 24 | 1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 2,12 | 12,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 12,2 | 2,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 3,8 | 8,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 8,3 | 3,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 4,6 | 6,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 6,4 | 4,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 2,3,4 | 12,4,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 6,2,2 | 4,2,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 1,24 | 24,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 24,1 | 1,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 1,24,1 | 24,1,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 2,1,12 | 12,12,1    # a[:24].reshape(2,1,3,4)
            2,1,3,4 | 12,12,4,1 | 2,2,6 | 12,6,1    # a[:24].reshape(2,1,3,4)
            2,1,4 | 12,4,1 | 8 | copy    # a[:24].reshape(2,3,4)[:, 1:2, :]
            2,1,4 | 12,4,1 | 2,4 | 12,1    # a[:24].reshape(2,3,4)[:, 1:2, :]
            2,1,4 | 12,4,1 | 4,2 | copy    # a[:24].reshape(2,3,4)[:, 1:2, :]
            2,1,4 | 12,4,1 | 2,2,2 | 12,2,1    # a[:24].reshape(2,3,4)[:, 1:2, :]
            2,1,4 | 12,4,1 | 1,8 | copy    # a[:24].reshape(2,3,4)[:, 1:2, :]
            2,1,4 | 12,4,1 | 8,1 | copy    # a[:24].reshape(2,3,4)[:, 1:2, :]
            2,1,4 | 12,4,1 | 1,8,1 | copy    # a[:24].reshape(2,3,4)[:, 1:2, :]
            2,1,4 | 12,4,1 | 2,1,4 | 12,4,1    # a[:24].reshape(2,3,4)[:, 1:2, :]
            4,1,3 | 1,0,4 | 12 | copy    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 2,6 | copy    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 6,2 | copy    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 3,4 | copy    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 4,3 | 1,4    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 2,3,2 | copy    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 3,2,2 | copy    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 1,12 | copy    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 12,1 | copy    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 1,12,1 | copy    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 2,1,6 | copy    # a[:12].reshape(3,4).T[:, None, :]
            4,1,3 | 1,0,4 | 2,2,3 | 2,1,4    # a[:12].reshape(3,4).T[:, None, :]
            6,1 | 1,1 | 6 | 1    # a[:6].reshape(6,1)
            6,1 | 1,1 | 2,3 | 3,1    # a[:6].reshape(6,1)
            6,1 | 1,1 | 3,2 | 2,1    # a[:6].reshape(6,1)
            6,1 | 1,1 | 2,3,1 | 3,1,1    # a[:6].reshape(6,1)
            6,1 | 1,1 | 1,6 | 6,1    # a[:6].reshape(6,1)
            6,1 | 1,1 | 6,1 | 1,1    # a[:6].reshape(6,1)
            6,1 | 1,1 | 1,6,1 | 6,1,1    # a[:6].reshape(6,1)
            6,1 | 1,1 | 2,1,3 | 3,3,1    # a[:6].reshape(6,1)
            6,1 | 6,1 | 6 | 6    # a[:36].reshape(6,6)[:, 0:1]
            6,1 | 6,1 | 2,3 | 18,6    # a[:36].reshape(6,6)[:, 0:1]
            6,1 | 6,1 | 3,2 | 12,6    # a[:36].reshape(6,6)[:, 0:1]
            6,1 | 6,1 | 2,3,1 | 18,6,6    # a[:36].reshape(6,6)[:, 0:1]
            6,1 | 6,1 | 1,6 | 36,6    # a[:36].reshape(6,6)[:, 0:1]
            6,1 | 6,1 | 6,1 | 6,1    # a[:36].reshape(6,6)[:, 0:1]
            6,1 | 6,1 | 1,6,1 | 36,6,6    # a[:36].reshape(6,6)[:, 0:1]
            6,1 | 6,1 | 2,1,3 | 18,18,6    # a[:36].reshape(6,6)[:, 0:1]
            6,1 | 6,1 | 6,1 | 6,6    # a[:36].reshape(6,6)[:, 0:1]
            2,4 | 12,3 | 8 | 3    # a[:24].reshape(2,12)[:, ::3]
            2,4 | 12,3 | 2,4 | 12,3    # a[:24].reshape(2,12)[:, ::3]
            2,4 | 12,3 | 4,2 | 6,3    # a[:24].reshape(2,12)[:, ::3]
            2,4 | 12,3 | 2,2,2 | 12,6,3    # a[:24].reshape(2,12)[:, ::3]
            2,4 | 12,3 | 1,8 | 24,3    # a[:24].reshape(2,12)[:, ::3]
            2,4 | 12,3 | 8,1 | 3,3    # a[:24].reshape(2,12)[:, ::3]
            2,4 | 12,3 | 1,8,1 | 24,3,3    # a[:24].reshape(2,12)[:, ::3]
            2,4 | 12,3 | 2,1,4 | 12,12,3    # a[:24].reshape(2,12)[:, ::3]
            2,4,3,5 | 60,5,20,1 | 120 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 2,60 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 60,2 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 3,40 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 40,3 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 4,30 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 30,4 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 2,3,20 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 30,2,2 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 1,120 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 120,1 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 1,120,1 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 2,1,60 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 6,20 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 20,6 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 12,10 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 2,2,30 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 5,24 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 2,3,4,5 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 6,4,5 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 2,12,5 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,4,3,5 | 60,5,20,1 | 24,5 | copy    # a[:120].reshape(2,3,4,5).transpose(0,2,1,3)
            2,3,4,1 | 60,20,5,5 | 24 | 5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 2,12 | 60,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 12,2 | 10,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 3,8 | 40,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 8,3 | 15,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 4,6 | 30,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 6,4 | 20,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 2,3,4 | 60,20,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 6,2,2 | 20,10,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 1,24 | 120,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 24,1 | 5,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 1,24,1 | 120,5,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 2,1,12 | 60,60,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            2,3,4,1 | 60,20,5,5 | 2,2,6 | 60,30,5    # a[:120].reshape(2,3,4,5)[:, :, :, ::5]
            """;

    private static long[] parse(String csv) {
        return Arrays.stream(csv.strip().split(",")).mapToLong(Long::parseLong).toArray();
    }

    @Test
    void reshapeIsAViewExactlyWhenNumpysIsAndWithItsStrides() {
        int views = 0;
        int copies = 0;
        for (String line : CASES.strip().lines().toList()) {
            String[] cell = line.split("#")[0].split("\\|");
            long[] shape = parse(cell[0]);
            long[] strides = parse(cell[1]);
            long[] target = parse(cell[2]);
            String expected = cell[3].strip();
            String what = line.split("#")[1].strip() + " reshaped to " + Arrays.toString(target);
            long[] got = Views.reshapeStrides(shape, strides, target);
            if (expected.equals("copy")) {
                assertNull(got, what + ": NumPy copies, so must we (got strides " + Arrays.toString(got) + ")");
                copies++;
            } else {
                assertNotNull(got, what + ": NumPy gives a view");
                long[] want = parse(expected);
                assertEquals(target.length, got.length, what);
                for (int i = 0; i < target.length; i++) {
                    if (target[i] != 1) { // a size-1 axis's stride is never used to address memory
                        assertEquals(want[i], got[i], what + ": stride of axis " + i + " in " + Arrays.toString(got));
                    }
                }
                views++;
            }
        }
        assertTrue(views > 100 && copies > 50, views + " views, " + copies + " copies");
    }

    @Test
    void contiguousReshapesGiveContiguousStrides() {
        assertArrayEquals(s(12, 4, 1), Views.reshapeStrides(s(24), s(1), s(2, 3, 4)));
        assertArrayEquals(s(6, 1), Views.reshapeStrides(s(2, 3, 4), s(12, 4, 1), s(4, 6)));
        assertArrayEquals(s(1), Views.reshapeStrides(s(2, 3, 4), s(12, 4, 1), s(24)));
    }

    @Test
    void transposedArraysCannotBeFlattenedWithoutACopy() {
        // np.arange(6).reshape(2, 3).T.reshape(6) copies
        assertNull(Views.reshapeStrides(s(3, 2), s(1, 3), s(6)));
        // ... but np.arange(12).reshape(4, 3).T.reshape(3, 2, 2) is a view: it only splits an axis
        assertArrayEquals(s(1, 6, 3), Views.reshapeStrides(s(3, 4), s(1, 3), s(3, 2, 2)));
    }

    @Test
    void zeroSizeArraysAlwaysReshapeAsViews() {
        long[] got = Views.reshapeStrides(s(0, 3), s(1, 0), s(3, 0));
        assertNotNull(got);
        assertEquals(2, got.length);
    }

    @Test
    void sizeOneAxesAreIgnoredInTheSource() {
        // a (6,1) column slice with stride 6 flattens to stride 6 (np: a[:36].reshape(6,6)[:, 0:1].reshape(6))
        assertArrayEquals(s(6), Views.reshapeStrides(s(6, 1), s(6, 1), s(6)));
        // a size-1 axis with a garbage stride does not block a view
        assertArrayEquals(s(4, 1), Views.reshapeStrides(s(2, 1, 2, 4), s(8, 12345, 4, 1), s(4, 4)));
    }
}
