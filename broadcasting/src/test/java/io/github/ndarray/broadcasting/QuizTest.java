package io.github.ndarray.broadcasting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuizTest {

    @Test
    void theTutorialHasItsEightQuestions() {
        List<String> expected = List.of(
                "(3,4,6,2) + (3,5,1,2) -> error",
                "(3,4,6,2) + (3,4,1,2) -> (3,4,6,2)",
                "(3,) * (2,) -> error",
                "(3,1) * (1,2) -> (3,2)",
                "(5,1) + (1,5) -> (5,5)",
                "(1,10,3) - (10,1,3) -> (10,10,3)",
                "(0,) + (1,) -> (0,)",
                "() + () -> ()");
        Quiz t = Quiz.tutorial();
        assertEquals(expected, t.questions().stream().map(QuizQuestion::toString).toList());
        assertEquals("tutorial-1", t.questions().getFirst().id());
        assertEquals("tutorial-8", t.questions().getLast().id());
        assertEquals("Quiz[8 questions, 2 errors]", t.toString());
    }

    @Test
    void theStandardQuizIsTheTutorialThenTheGeneratedQuestions() {
        Quiz all = Quiz.standard();
        assertEquals(Quiz.tutorial().size() + Quiz.generated().size(), all.size());
        assertEquals(Quiz.tutorial().questions(), all.questions().subList(0, 8));
        assertEquals("g0001", all.questions().get(8).id());
        assertTrue(Quiz.generated().size() >= 300);
    }

    @Test
    void pickIsRepeatableForASeed() {
        Quiz quiz = Quiz.standard();
        List<QuizQuestion> a = quiz.pick(20, 42);
        assertEquals(a, quiz.pick(20, 42));
        assertNotEquals(a, quiz.pick(20, 43));
        assertEquals(20, new HashSet<>(a).size(), "no question twice");
        assertTrue(quiz.questions().containsAll(a));
        // a smaller pick with the same seed starts the same way
        assertEquals(a.subList(0, 5), quiz.pick(5, 42));
    }

    @Test
    void pickCanTakeNoneOrAll() {
        Quiz t = Quiz.tutorial();
        assertEquals(List.of(), t.pick(0, 1));
        List<QuizQuestion> all = t.pick(8, 7);
        assertEquals(new HashSet<>(t.questions()), new HashSet<>(all));
        assertThrows(IllegalArgumentException.class, () -> t.pick(9, 1));
        assertThrows(IllegalArgumentException.class, () -> t.pick(-1, 1));
    }

    @Test
    void pickMixesPassingAndFailingQuestions() {
        List<QuizQuestion> round = Quiz.standard().pick(100, 2024);
        long failing = round.stream().filter(q -> !q.broadcasts()).count();
        assertTrue(failing > 25 && failing < 75, failing + " of 100 fail");
    }

    @Test
    void findById() {
        assertEquals("(0,) + (1,)", Quiz.standard().find("tutorial-7").orElseThrow().question());
        assertTrue(Quiz.tutorial().find("nope").isEmpty());
    }

    @Test
    void checkAcceptsLooseSpellingsOfTheRightAnswer() {
        QuizQuestion q = Quiz.tutorial().find("tutorial-4").orElseThrow(); // (3,1) * (1,2) -> (3,2)
        for (String right : List.of("(3,2)", "(3, 2)", " [3,2] ", "3,2", "(3,2,)")) {
            assertTrue(q.check(right), right);
        }
        for (String wrong : List.of("(2,3)", "(3,)", "(1,3,2)", "error", "()")) {
            assertFalse(q.check(wrong), wrong);
        }
    }

    @Test
    void checkAcceptsErrorInAnyCase() {
        QuizQuestion q = Quiz.tutorial().find("tutorial-3").orElseThrow(); // (3,) * (2,) -> error
        assertTrue(q.check("error"));
        assertTrue(q.check(" ERROR "));
        assertFalse(q.check("(3,)"));
        assertFalse(q.check("(6,)"));
    }

    @Test
    void zeroDimensionalAnswers() {
        QuizQuestion q = Quiz.tutorial().find("tutorial-8").orElseThrow();
        assertTrue(q.check("()"));
        assertFalse(q.check("(1,)"));
        assertArrayEquals(new long[0], q.answer().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "three by two", "(3,x)", "(-3,2)", "errors"})
    void unreadableAnswersAreRejectedNotMarkedWrong(String answer) {
        QuizQuestion q = Quiz.tutorial().find("tutorial-4").orElseThrow();
        var e = assertThrows(IllegalArgumentException.class, () -> q.check(answer));
        assertTrue(e.getMessage().contains("expected a shape such as (3,2), or the word error"), e.getMessage());
    }

    @Test
    void explainShowsWhy() {
        QuizQuestion q = Quiz.tutorial().find("tutorial-1").orElseThrow();
        Explanation e = q.explain();
        assertEquals("axis -3: sizes 4, 5 -> neither equal nor 1: cannot broadcast (fails at axis 1)",
                e.steps().get(3));
        assertEquals("shapes (3,4,6,2) and (3,5,1,2)", e.header());
    }

    @Test
    void questionsAreReadFromText() {
        QuizQuestion q = QuizQuestion.of(" m1 ", "(2,1)//(3,)//()", "(2,3)");
        assertEquals("m1", q.id());
        assertEquals("//", q.operator());
        assertEquals("(2,1) // (3,) // ()", q.question());
        assertEquals(3, q.shapes().size());
        assertArrayEquals(new long[] {3}, q.shapes().get(1));
        assertArrayEquals(new long[] {2, 3}, q.answer().orElseThrow());
        assertEquals("(2,3)", q.answerText());
        assertEquals(q, QuizQuestion.of("m1", "(2,1) // (3,) // ()", "[2, 3]"));
        assertEquals(q.hashCode(), QuizQuestion.of("m1", "(2,1) // (3,) // ()", "[2, 3]").hashCode());
        assertNotEquals(q, QuizQuestion.of("m2", "(2,1) // (3,) // ()", "(2,3)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(3,)", "(3,) (2,)", "(3,) + (2,) * (1,)", "x (3,) + (2,)", "(3,) + (2,) y",
        "(3,) + (x,)", "(3,) a b (2,)", "", "3 + 2"})
    void unreadableQuestionsAreRejected(String question) {
        assertThrows(IllegalArgumentException.class, () -> QuizQuestion.of("q", question, "error"));
    }

    @Test
    void aQuestionNeedsAnIdAndAReadableAnswer() {
        assertThrows(IllegalArgumentException.class, () -> QuizQuestion.of(" ", "(3,) + (3,)", "(3,)"));
        assertThrows(IllegalArgumentException.class, () -> QuizQuestion.of("q", "(3,) + (3,)", "3 by 1"));
    }

    @Test
    void questionsHandOutCopies() {
        QuizQuestion q = QuizQuestion.of("q", "(3,1) * (1,2)", "(3,2)");
        q.shapes().get(0)[0] = 9;
        q.answer().orElseThrow()[0] = 9;
        assertEquals("(3,1) * (1,2) -> (3,2)", q.toString());
    }

    @Test
    void aQuizCanBeReadFromText() throws IOException {
        Quiz quiz = Quiz.read(new StringReader("# mine\nm1\t(2,1) + (3,)\t(2,3)\nm2\t(2,) + (3,)\terror\n"));
        assertEquals(2, quiz.size());
        assertTrue(quiz.find("m2").orElseThrow().check("error"));
        var dup = assertThrows(IllegalArgumentException.class,
                () -> Quiz.read(new StringReader("a\t(1,) + (1,)\t(1,)\na\t(2,) + (2,)\t(2,)\n")));
        assertEquals("two quiz questions share the id a", dup.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> Quiz.read(new StringReader("\n\nzzz\n")));
        assertTrue(bad.getMessage().startsWith("quiz line 3:"), bad.getMessage());
    }

    @Test
    void quizzesAreImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> Quiz.tutorial().questions().clear());
        assertThrows(UnsupportedOperationException.class, () -> Quiz.tutorial().pick(3, 1).clear());
    }
}
