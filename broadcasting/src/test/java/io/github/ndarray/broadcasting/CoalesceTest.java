package io.github.ndarray.broadcasting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CoalesceTest {

    private static void assertCoalesce(long[] shape, long[][] strides, Coalesce c) {
        assertArrayEquals(shape, c.shape(), "shape");
        assertArrayEquals(strides, c.strides(), "strides");
    }

    @Test
    void contiguousOperandsMergeToOneAxis() {
        long[] shape = {2, 3, 4};
        long[] st = Shapes.contiguousStrides(shape);
        assertCoalesce(new long[] {24}, new long[][] {{1}, {1}}, Coalesce.of(shape, new long[][] {st, st}));
    }

    @Test
    void contiguousByteStridesMergeToo() {
        assertCoalesce(new long[] {6}, new long[][] {{8}},
                Coalesce.of(new long[] {2, 3}, new long[][] {{24, 8}}));
    }

    @Test
    void aBroadcastOperandMergesWhereItsStridesAllow() {
        // (2,3,4) with a (4,) operand: the outer two axes merge, the last does not
        assertCoalesce(new long[] {6, 4}, new long[][] {{4, 1}, {0, 1}},
                Coalesce.of(new long[] {2, 3, 4}, new long[][] {{12, 4, 1}, {0, 0, 1}}));
        // (2,3,4) with a (2,1,1) operand: the inner two axes merge (stride 0 on both)
        assertCoalesce(new long[] {2, 12}, new long[][] {{12, 1}, {1, 0}},
                Coalesce.of(new long[] {2, 3, 4}, new long[][] {{12, 4, 1}, {1, 0, 0}}));
    }

    @Test
    void stridesFromBroadcastStridesCoalesce() {
        long[] target = Broadcast.shape(new long[] {5, 1, 4}, new long[] {3, 1});
        long[] a = Broadcast.strides(new long[] {5, 1, 4}, new long[] {4, 4, 1}, target);
        long[] b = Broadcast.strides(new long[] {3, 1}, new long[] {1, 1}, target);
        assertArrayEquals(new long[] {5, 3, 4}, target);
        assertCoalesce(new long[] {5, 3, 4}, new long[][] {{4, 0, 1}, {0, 1, 0}},
                Coalesce.of(target, new long[][] {a, b}));
    }

    @Test
    void transposedOperandsDoNotMerge() {
        // a (3,2) transpose of a contiguous (2,3) array has strides (1,3)
        assertCoalesce(new long[] {3, 2}, new long[][] {{1, 3}},
                Coalesce.of(new long[] {3, 2}, new long[][] {{1, 3}}));
        // one transposed operand keeps the other from merging
        assertCoalesce(new long[] {3, 2}, new long[][] {{2, 1}, {1, 3}},
                Coalesce.of(new long[] {3, 2}, new long[][] {{2, 1}, {1, 3}}));
    }

    @Test
    void aSlicedOperandDoesNotMergeAcrossTheGap() {
        // the first 4 columns of a (3,8) array: strides (8,1) over shape (3,4)
        assertCoalesce(new long[] {3, 4}, new long[][] {{8, 1}},
                Coalesce.of(new long[] {3, 4}, new long[][] {{8, 1}}));
        // but every other column is one even strip: 0, 2, ..., 6 then 8, 10, ...
        assertCoalesce(new long[] {12}, new long[][] {{2}},
                Coalesce.of(new long[] {3, 4}, new long[][] {{8, 2}}));
    }

    @Test
    void sizeOneAxesAreDropped() {
        assertCoalesce(new long[] {3, 4}, new long[][] {{8, 1}},
                Coalesce.of(new long[] {1, 3, 1, 4, 1}, new long[][] {{99, 8, 77, 1, 55}}));
        // dropping a size-1 axis in the middle lets its neighbours merge
        assertCoalesce(new long[] {12}, new long[][] {{1}},
                Coalesce.of(new long[] {3, 1, 4}, new long[][] {{4, 100, 1}}));
    }

    @Test
    void zeroDimensionalBecomesOneAxisOfSizeOne() {
        assertCoalesce(new long[] {1}, new long[][] {{0}, {0}}, Coalesce.of(new long[0], new long[][] {{}, {}}));
        assertCoalesce(new long[] {1}, new long[][] {{0}}, Coalesce.of(new long[] {1, 1}, new long[][] {{5, 7}}));
    }

    @Test
    void noOperandsStillCoalesceTheShape() {
        assertCoalesce(new long[] {6}, new long[0][], Coalesce.of(new long[] {2, 3}, new long[0][]));
    }

    @Test
    void mismatchedStridesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Coalesce.of(new long[] {2, 3}, new long[][] {{3, 1}, {1}}));
    }

    @Test
    void equalityComparesContents() {
        Coalesce c = Coalesce.of(new long[] {2, 3}, new long[][] {{3, 1}});
        assertEquals(new Coalesce(new long[] {6}, new long[][] {{1}}), c);
        assertEquals(new Coalesce(new long[] {6}, new long[][] {{1}}).hashCode(), c.hashCode());
        assertNotEquals(new Coalesce(new long[] {6}, new long[][] {{2}}), c);
        assertEquals("Coalesce[shape=(6,), strides=[[1]]]", c.toString());
    }
}
