package io.github.ndarray.broadcasting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BroadcastStridesTest {

    @Test
    void sameShapeKeepsTheStrides() {
        assertArrayEquals(new long[] {12, 4, 1},
                Broadcast.strides(new long[] {2, 3, 4}, new long[] {12, 4, 1}, new long[] {2, 3, 4}));
        // strides in bytes, negative, or of a transposed view pass through unchanged
        assertArrayEquals(new long[] {8, -24},
                Broadcast.strides(new long[] {3, 2}, new long[] {8, -24}, new long[] {3, 2}));
    }

    @Test
    void stretchedAxesGetStrideZero() {
        assertArrayEquals(new long[] {1, 0},
                Broadcast.strides(new long[] {3, 1}, new long[] {1, 1}, new long[] {3, 2}));
        assertArrayEquals(new long[] {0, 5},
                Broadcast.strides(new long[] {1, 4}, new long[] {20, 5}, new long[] {6, 4}));
    }

    @Test
    void missingLeadingAxesGetStrideZero() {
        assertArrayEquals(new long[] {0, 0, 1},
                Broadcast.strides(new long[] {4}, new long[] {1}, new long[] {2, 3, 4}));
        assertArrayEquals(new long[] {0, 0},
                Broadcast.strides(new long[0], new long[0], new long[] {2, 3}));
        assertArrayEquals(new long[] {0, 1, 0},
                Broadcast.strides(new long[] {3, 1}, new long[] {1, 1}, new long[] {2, 3, 4}));
    }

    @Test
    void sizeOneAxesThatStaySizeOneGetStrideZero() {
        assertArrayEquals(new long[] {0, 1},
                Broadcast.strides(new long[] {1, 3}, new long[] {3, 1}, new long[] {1, 3}));
    }

    @Test
    void oneStretchesToZero() {
        assertArrayEquals(new long[] {0, 1},
                Broadcast.strides(new long[] {1, 3}, new long[] {3, 1}, new long[] {0, 3}));
    }

    @Test
    void anOperandThatDoesNotFitTheTargetFails() {
        var e = assertThrows(BroadcastException.class,
                () -> Broadcast.strides(new long[] {3}, new long[] {1}, new long[] {2}));
        assertEquals("operands could not be broadcast together with shapes (3,) (2,)", e.getMessage());
        // the target cannot stretch: (2,3) cannot be read as (3,)
        assertThrows(BroadcastException.class,
                () -> Broadcast.strides(new long[] {2, 3}, new long[] {3, 1}, new long[] {3}));
        // a size-0 operand cannot stretch to 3
        assertThrows(BroadcastException.class,
                () -> Broadcast.strides(new long[] {0}, new long[] {1}, new long[] {3}));
        // nor does the target shrink a 3 to 1
        assertThrows(BroadcastException.class,
                () -> Broadcast.strides(new long[] {3}, new long[] {1}, new long[] {1}));
    }

    @Test
    void badArgumentsAreIllegalArguments() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Broadcast.strides(new long[] {3, 1}, new long[] {1}, new long[] {3, 1}));
        assertFalse(e instanceof BroadcastException);
        assertThrows(IllegalArgumentException.class,
                () -> Broadcast.strides(new long[] {-3}, new long[] {1}, new long[] {-3}));
    }
}
