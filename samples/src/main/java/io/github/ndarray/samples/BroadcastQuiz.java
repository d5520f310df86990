package io.github.ndarray.samples;

import io.github.ndarray.broadcasting.Quiz;
import io.github.ndarray.broadcasting.QuizQuestion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The broadcasting quiz, interactive: each question shows the operands' shapes; answer with
 * the result shape (e.g. {@code (3,2)}) or {@code error}. A wrong answer shows the three rules
 * applied step by step. When input ends, the remaining questions are shown with their answers
 * and the quiz ends.
 *
 * <p>Arguments: {@code --questions N} (default 5) and {@code --seed S} (default: a new quiz each
 * run); an argument holding several words is split, so that Maven can pass them as one. Run it
 * with {@code ./mvnw -q -pl samples -am compile exec:exec
 * -Dtour.main=io.github.ndarray.samples.BroadcastQuiz -Dtour.args="--questions 3 --seed 42"}.
 */
public final class BroadcastQuiz {
    private BroadcastQuiz() {
    }

    /** The quiz's settings. */
    record Options(int questions, long seed) {
    }

    /**
     * Runs the quiz on standard input and output.
     *
     * @param args {@code --questions N}, {@code --seed S}
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        Options o;
        try {
            o = parse(args, System.nanoTime());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: BroadcastQuiz [--questions N] [--seed S]");
            System.exit(2);
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        run(Quiz.standard().pick(o.questions(), o.seed()), in, System.out);
    }

    /**
     * Reads the options; also the older positional form (count, then seed).
     *
     * @param args the arguments
     * @param defaultSeed the seed when none is given
     * @return the options
     * @throws IllegalArgumentException on an unknown option or a bad number
     */
    static Options parse(String[] args, long defaultSeed) {
        List<String> words = new ArrayList<>();
        for (String a : args) {
            for (String w : a.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        int questions = 5;
        long seed = defaultSeed;
        int positional = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            try {
                switch (w) {
                    case "--questions", "-n" -> questions = Integer.parseInt(value(words, ++i, w));
                    case "--seed", "-s" -> seed = Long.parseLong(value(words, ++i, w));
                    default -> {
                        if (w.startsWith("-") && !w.matches("-\\d+")) {
                            throw new IllegalArgumentException("unknown option " + w);
                        }
                        if (positional == 0) {
                            questions = Integer.parseInt(w);
                        } else if (positional == 1) {
                            seed = Long.parseLong(w);
                        } else {
                            throw new IllegalArgumentException("unexpected argument " + w);
                        }
                        positional++;
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
            }
        }
        if (questions < 1) {
            throw new IllegalArgumentException("--questions must be at least 1, got " + questions);
        }
        return new Options(questions, seed);
    }

    private static String value(List<String> words, int i, String option) {
        if (i >= words.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return words.get(i);
    }

    /**
     * Asks the questions, reading one answer a line.
     *
     * @param questions the questions
     * @param in the answers
     * @param out where questions and explanations go
     * @return the number of right answers
     * @throws IOException if reading fails
     */
    static int run(List<QuizQuestion> questions, BufferedReader in, PrintStream out) throws IOException {
        int right = 0;
        boolean ended = false;
        for (int i = 0; i < questions.size(); i++) {
            QuizQuestion q = questions.get(i);
            out.printf("%n[%d/%d] %s  ->  result shape, or 'error'? ", i + 1, questions.size(), q.question());
            out.flush();
            String answer = ended ? null : in.readLine();
            if (answer == null) {
                ended = true;
                out.println("\n(no more input; the answer was " + q.answerText() + ")");
                out.println(q.explain());
                continue;
            }
            boolean ok;
            try {
                ok = q.check(answer);
            } catch (IllegalArgumentException e) {
                out.println("Not a shape or 'error' (" + e.getMessage() + "); counted as wrong.");
                ok = false;
            }
            if (ok) {
                right++;
                out.println("Right: " + q.answerText());
            } else {
                out.println("Not quite: the answer is " + q.answerText() + "\n" + q.explain());
            }
        }
        out.printf("%nScore: %d of %d%n", right, questions.size());
        return right;
    }
}
