package io.github.ndarray.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ndarray.broadcasting.Quiz;
import io.github.ndarray.broadcasting.QuizQuestion;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quiz ends when its input does, and takes its question count and seed from the arguments. */
class BroadcastQuizTest {
    @Test
    void optionsAsMavenPassesThemAndPositionally() {
        assertEquals(new BroadcastQuiz.Options(3, 42), BroadcastQuiz.parse(new String[] {"--questions 3 --seed 42"}, 7));
        assertEquals(new BroadcastQuiz.Options(3, 42), BroadcastQuiz.parse(new String[] {"--questions", "3", "--seed", "42"}, 7));
        assertEquals(new BroadcastQuiz.Options(4, -1), BroadcastQuiz.parse(new String[] {"4", "-1"}, 7));
        assertEquals(new BroadcastQuiz.Options(5, 7), BroadcastQuiz.parse(new String[] {""}, 7));
        assertThrows(IllegalArgumentException.class, () -> BroadcastQuiz.parse(new String[] {"--questions"}, 7));
        assertThrows(IllegalArgumentException.class, () -> BroadcastQuiz.parse(new String[] {"--rounds 3"}, 7));
        assertThrows(IllegalArgumentException.class, () -> BroadcastQuiz.parse(new String[] {"--seed x"}, 7));
    }

    @Test
    void endsWhenInputEndsEarly() throws Exception {
        List<QuizQuestion> qs = Quiz.standard().pick(4, 42);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int right = BroadcastQuiz.run(qs, new BufferedReader(new StringReader(qs.get(0).answerText() + "\n")),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, right, out);
        assertEquals(3, out.split("no more input", -1).length - 1, out);
        assertTrue(out.endsWith("Score: 1 of 4" + System.lineSeparator()), out);
    }

    /** As the README runs it: a program in its own JVM whose standard input closes after one line. */
    @Test
    void aChildJvmEndsPromptlyOnEndOfInput(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BroadcastQuiz.class.getName(), "--questions 3 --seed 42")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("(3,2)\n".getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the quiz did not end: " + Files.readString(log));
        }
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("of 3"), text);
        assertEquals(Quiz.standard().pick(3, 42).get(0).question(), text.substring(text.indexOf("] ") + 2, text.indexOf("  ->")), text);
    }
}
