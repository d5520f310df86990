package io.github.ndarray.broadcasting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every quiz question, built-in and generated, against {@link Broadcast#shape} and
 * {@link Broadcast#explain}. The generated questions' answers and error messages are NumPy's own.
 */
class QuizCasesTest {

    /** The tutorial's failing questions and the message NumPy prints for them. */
    private static final Map<String, String> TUTORIAL_MESSAGES = Map.of(
            "tutorial-1", "operands could not be broadcast together with shapes (3,4,6,2) (3,5,1,2)",
            "tutorial-3", "operands could not be broadcast together with shapes (3,) (2,)");

    static Stream<Arguments> cases() {
        Stream<Arguments> tutorial = Quiz.tutorial().questions().stream()
                .map(q -> Arguments.of(q, TUTORIAL_MESSAGES.getOrDefault(q.id(), "")));
        Stream<Arguments> generated = QuizFile.readResource().stream()
                .map(row -> Arguments.of(row.question(), row.numpyMessage()));
        return Stream.concat(tutorial, generated);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void broadcastShapeGivesTheQuizAnswer(QuizQuestion q, String numpyMessage) {
        long[][] shapes = q.shapes().toArray(long[][]::new);
        if (q.broadcasts()) {
            assertArrayEquals(q.answer().orElseThrow(), Broadcast.shape(shapes));
            assertTrue(numpyMessage.isEmpty());
        } else {
            var e = assertThrows(BroadcastException.class, () -> Broadcast.shape(shapes));
            assertFalse(numpyMessage.isEmpty(), "every failing question carries NumPy's message");
            assertEquals(numpyMessage, e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void explainAgreesWithTheAnswer(QuizQuestion q, String numpyMessage) {
        Explanation e = q.explain();
        assertEquals(q.broadcasts(), e.broadcasts());
        int padded = q.shapes().stream().mapToInt(s -> s.length).max().orElseThrow();
        assertEquals(padded, e.ndim());
        if (q.broadcasts()) {
            assertArrayEquals(q.answer().orElseThrow(), e.result().orElseThrow());
            assertEquals("result " + q.answerText(), e.steps().getLast());
            assertTrue(e.failingAxis().isEmpty());
        } else {
            int axis = e.failingAxis().orElseThrow();
            assertEquals(axis - padded, e.failingAxisFromRight().orElseThrow());
            assertEquals("rule 3: error: " + numpyMessage, e.steps().getLast());
            String failing = e.steps().get(e.steps().size() - 2);
            assertTrue(failing.startsWith("axis " + (axis - padded) + ": sizes "), failing);
            assertTrue(failing.endsWith("cannot broadcast (fails at axis " + axis + ")"), failing);
            assertTrue(clashes(q, axis), "the sizes on axis " + axis + " really clash");
            for (int right = axis + 1; right < padded; right++) {
                assertFalse(clashes(q, right), "no axis right of the failing one clashes");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theAnswerChecksAsRightAndOthersAsWrong(QuizQuestion q, String numpyMessage) {
        assertTrue(q.check(q.answerText()));
        assertEquals(!q.broadcasts(), q.check("error"));
        if (q.broadcasts()) {
            long[] wrong = q.answer().orElseThrow();
            wrong = java.util.Arrays.copyOf(wrong, wrong.length + 1);
            assertFalse(q.check(Shapes.format(wrong)));
        }
    }

    /** Whether two operands' sizes (padded on the left with 1s) differ and neither is 1 on this axis. */
    private static boolean clashes(QuizQuestion q, int axis) {
        int ndim = q.shapes().stream().mapToInt(s -> s.length).max().orElseThrow();
        long seen = 1;
        for (long[] s : q.shapes()) {
            int i = axis - (ndim - s.length);
            long d = i < 0 ? 1 : s[i];
            if (d != 1 && seen != 1 && d != seen) {
                return true;
            }
            seen = d == 1 ? seen : d;
        }
        return false;
    }
}
