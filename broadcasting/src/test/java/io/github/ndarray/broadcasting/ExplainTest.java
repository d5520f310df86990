package io.github.ndarray.broadcasting;

import static io.github.ndarray.broadcasting.ShapesTest.ones;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExplainTest {

    @Test
    void theTutorialsFailingCaseReadsStepByStep() {
        Explanation e = Broadcast.explain(new long[] {3, 4, 6, 2}, new long[] {3, 5, 1, 2});
        assertEquals("""
                shapes (3,4,6,2) and (3,5,1,2)
                rule 1: pad on the left with 1s -> (3,4,6,2) (3,5,1,2)
                axis -1: sizes 2, 2 -> equal, result 2
                axis -2: sizes 6, 1 -> 1 stretches to 6
                axis -3: sizes 4, 5 -> neither equal nor 1: cannot broadcast (fails at axis 1)
                rule 3: error: operands could not be broadcast together with shapes (3,4,6,2) (3,5,1,2)""",
                e.toString());
        assertFalse(e.broadcasts());
        assertTrue(e.result().isEmpty());
        assertEquals(OptionalInt.of(1), e.failingAxis());
        assertEquals(OptionalInt.of(-3), e.failingAxisFromRight());
        assertEquals(4, e.ndim());
        assertEquals(5, e.steps().size());
        assertEquals("shapes (3,4,6,2) and (3,5,1,2)", e.header());
    }

    @Test
    void aPassingCaseEndsWithTheResult() {
        Explanation e = Broadcast.explain(new long[] {1, 10, 3}, new long[] {10, 1, 3});
        assertEquals(List.of(
                "rule 1: pad on the left with 1s -> (1,10,3) (10,1,3)",
                "axis -1: sizes 3, 3 -> equal, result 3",
                "axis -2: sizes 10, 1 -> 1 stretches to 10",
                "axis -3: sizes 1, 10 -> 1 stretches to 10",
                "result (10,10,3)"), e.steps());
        assertTrue(e.broadcasts());
        assertArrayEquals(new long[] {10, 10, 3}, e.result().orElseThrow());
        assertTrue(e.failingAxis().isEmpty());
        assertTrue(e.failingAxisFromRight().isEmpty());
    }

    @Test
    void paddingShowsTheShorterShapeWithOnesOnTheLeft() {
        Explanation e = Broadcast.explain(new long[] {8, 1, 6, 1}, new long[] {7, 1, 5});
        assertEquals(List.of(
                "rule 1: pad on the left with 1s -> (8,1,6,1) (1,7,1,5)",
                "axis -1: sizes 1, 5 -> 1 stretches to 5",
                "axis -2: sizes 6, 1 -> 1 stretches to 6",
                "axis -3: sizes 1, 7 -> 1 stretches to 7",
                "axis -4: sizes 8, 1 -> 1 stretches to 8",
                "result (8,7,6,5)"), e.steps());
    }

    @Test
    void failureOnThePaddedAxisCountsFromTheLeftOfThePaddedShape() {
        Explanation e = Broadcast.explain(new long[] {2, 1}, new long[] {8, 4, 3});
        assertEquals("axis -2: sizes 2, 4 -> neither equal nor 1: cannot broadcast (fails at axis 1)",
                e.steps().get(2));
        assertEquals(OptionalInt.of(1), e.failingAxis());
        assertEquals(OptionalInt.of(-2), e.failingAxisFromRight());
        assertEquals(3, e.ndim());
    }

    @Test
    void itStopsAtTheFirstFailureFromTheRight() {
        Explanation e = Broadcast.explain(new long[] {2, 3}, new long[] {4, 5});
        assertEquals(OptionalInt.of(1), e.failingAxis());
        assertEquals(3, e.steps().size());
        assertTrue(e.steps().stream().noneMatch(s -> s.startsWith("axis -2")));
    }

    @Test
    void threeOperandsNameTheClashingSizes() {
        Explanation e = Broadcast.explain(new long[] {4, 1}, new long[] {3}, new long[] {1, 1}, new long[] {5, 1});
        assertEquals("""
                shapes (4,1), (3,), (1,1) and (5,1)
                rule 1: pad on the left with 1s -> (4,1) (1,3) (1,1) (5,1)
                axis -1: sizes 1, 3, 1, 1 -> 1 stretches to 3
                axis -2: sizes 4, 1, 1, 5 -> 4 and 5 are neither equal nor 1: cannot broadcast (fails at axis 0)
                rule 3: error: operands could not be broadcast together with shapes (4,1) (3,) (1,1) (5,1)""",
                e.toString());
        assertEquals(OptionalInt.of(0), e.failingAxis());
        assertEquals(OptionalInt.of(-2), e.failingAxisFromRight());
    }

    @Test
    void zeroDimensionalShapes() {
        Explanation e = Broadcast.explain(new long[0], new long[0]);
        assertEquals("""
                shapes () and ()
                rule 1: pad on the left with 1s -> () ()
                no axes to compare: every shape is 0-d
                result ()""", e.toString());
        assertArrayEquals(new long[0], e.result().orElseThrow());
        assertEquals(0, e.ndim());

        Explanation mixed = Broadcast.explain(new long[0], new long[] {2, 3});
        assertEquals("rule 1: pad on the left with 1s -> (1,1) (2,3)", mixed.steps().get(0));
        assertEquals("result (2,3)", mixed.steps().getLast());
    }

    @Test
    void sizeZeroAxes() {
        Explanation ok = Broadcast.explain(new long[] {0}, new long[] {1});
        assertEquals("axis -1: sizes 0, 1 -> 1 stretches to 0", ok.steps().get(1));
        assertArrayEquals(new long[] {0}, ok.result().orElseThrow());

        Explanation same = Broadcast.explain(new long[] {0, 2}, new long[] {0, 2});
        assertEquals("axis -2: sizes 0, 0 -> equal, result 0", same.steps().get(2));

        Explanation bad = Broadcast.explain(new long[] {0}, new long[] {3});
        assertEquals("axis -1: sizes 0, 3 -> neither equal nor 1: cannot broadcast (fails at axis 0)",
                bad.steps().get(1));
        assertEquals(OptionalInt.of(0), bad.failingAxis());
    }

    @Test
    void allOnesIsEqual() {
        assertEquals("axis -1: sizes 1, 1 -> equal, result 1",
                Broadcast.explain(new long[] {1}, new long[] {1}).steps().get(1));
    }

    @Test
    void oneOperandAndNone() {
        assertEquals("""
                shape (3,)
                rule 1: pad on the left with 1s -> (3,)
                axis -1: size 3 -> result 3
                result (3,)""", Broadcast.explain(new long[] {3}).toString());
        assertEquals("""
                no shapes
                rule 1: pad on the left with 1s -> nothing to pad
                no axes to compare: every shape is 0-d
                result ()""", Broadcast.explain().toString());
    }

    @Test
    void sixtyFourAxes() {
        long[] a = ones(64);
        a[0] = 2;
        long[] b = ones(64);
        b[0] = 3;
        Explanation e = Broadcast.explain(a, b);
        assertEquals(OptionalInt.of(0), e.failingAxis());
        assertEquals(OptionalInt.of(-64), e.failingAxisFromRight());
        assertEquals("axis -64: sizes 2, 1 -> 1 stretches to 2",
                Broadcast.explain(a, new long[] {1}).steps().get(64));
    }

    @Test
    void badInputThrowsLikeShape() {
        assertThrows(IllegalArgumentException.class, () -> Broadcast.explain(new long[] {-1}, new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Broadcast.explain(ones(65)));
        assertThrows(IllegalArgumentException.class,
                () -> Broadcast.explain(new long[] {1L << 40, 1}, new long[] {1, 1L << 40}));
    }

    @Test
    void theExplanationIsACopy() {
        long[] a = {3, 1};
        Explanation e = Broadcast.explain(a, new long[] {2});
        a[0] = 7;
        e.shapes().get(0)[1] = 9;
        e.result().orElseThrow()[0] = 9;
        assertArrayEquals(new long[] {3, 1}, e.shapes().get(0));
        assertArrayEquals(new long[] {3, 2}, e.result().orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> e.steps().add("x"));
        assertEquals(Broadcast.explain(new long[] {3, 1}, new long[] {2}), e);
    }
}
