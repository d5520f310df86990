package io.github.ndarray.broadcasting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class QuizFileTest {

    private static List<QuizFile.Row> read(String text) throws IOException {
        return QuizFile.read(new StringReader(text), "test");
    }

    @Test
    void readsRowsAndSkipsCommentsAndBlankLines() throws IOException {
        List<QuizFile.Row> rows = read("""
                # a comment
                a\t(3,1) * (1,2)\t(3,2)\t

                b\t(3,) + (2,)\terror\toperands could not be broadcast together with shapes (3,) (2,)
                c\t() - ()\t()
                """);
        assertEquals(3, rows.size());
        assertEquals("(3,1) * (1,2) -> (3,2)", rows.get(0).question().toString());
        assertEquals("", rows.get(0).numpyMessage());
        assertEquals("operands could not be broadcast together with shapes (3,) (2,)", rows.get(1).numpyMessage());
        assertEquals("c", rows.get(2).question().id());
    }

    @Test
    void malformedLinesNameTheirLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> read("# header\na\t(3,) + (2,)\n"));
        assertTrue(e.getMessage().startsWith("test line 2: expected 3 or 4 tab-separated columns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("a\t(3,) + (2,)\t(3,)\tmsg\textra\n"));
        assertThrows(IllegalArgumentException.class, () -> read("a\t(3,) + (x,)\t(3,)\n"));
        assertThrows(IllegalArgumentException.class, () -> read("a\t(3,) + (3,)\tthree\n"));
        // a message belongs only to an error row
        assertThrows(IllegalArgumentException.class, () -> read("a\t(3,) + (3,)\t(3,)\tsome message\n"));
    }

    @Test
    void theGeneratedFileHasSeveralHundredQuestionsAboutHalfFailing() {
        List<QuizQuestion> qs = QuizFile.readResource().stream().map(QuizFile.Row::question).toList();
        assertTrue(qs.size() >= 300, "size " + qs.size());
        long failing = qs.stream().filter(q -> !q.broadcasts()).count();
        assertTrue(failing > qs.size() * 0.4 && failing < qs.size() * 0.6, failing + " of " + qs.size() + " fail");
        assertEquals(qs.size(), new HashSet<>(qs.stream().map(QuizQuestion::id).toList()).size(), "unique ids");
        assertEquals(qs.size(), new HashSet<>(qs.stream().map(QuizQuestion::question).toList()).size(),
                "no question twice");
    }

    @Test
    void theGeneratedFileCoversEveryKindOfCaseBothWays() {
        List<QuizQuestion> qs = QuizFile.readResource().stream().map(QuizFile.Row::question).toList();
        assertCovered(qs, "a 0-d operand", q -> q.shapes().stream().anyMatch(s -> s.length == 0));
        assertCovered(qs, "a size-0 axis", q -> q.shapes().stream().anyMatch(s -> contains(s, 0)));
        assertCovered(qs, "a size-1 axis", q -> q.shapes().stream().anyMatch(s -> contains(s, 1)));
        for (int n = 2; n <= 4; n++) {
            int operands = n;
            assertCovered(qs, operands + " operands", q -> q.shapes().size() == operands);
        }
        assertCovered(qs, "5 axes", q -> q.shapes().stream().anyMatch(s -> s.length == 5));
        assertTrue(qs.stream().allMatch(q -> q.shapes().stream().allMatch(s -> s.length <= 5)), "at most 5 axes");
    }

    private static void assertCovered(List<QuizQuestion> qs, String what, Predicate<QuizQuestion> kind) {
        for (boolean ok : new boolean[] {true, false}) {
            long n = qs.stream().filter(q -> q.broadcasts() == ok).filter(kind).count();
            assertTrue(n >= 5, n + (ok ? " passing" : " failing") + " questions with " + what);
        }
    }

    private static boolean contains(long[] shape, long size) {
        for (long d : shape) {
            if (d == size) {
                return true;
            }
        }
        return false;
    }
}
