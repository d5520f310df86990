package io.github.ndarray.samples;

import io.github.ndarray.broadcasting.Quiz;
import io.github.ndarray.broadcasting.QuizQuestion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The broadcasting quiz, interactive: each question shows the operands' shapes; answer with
 * the result shape (e.g. {@code (3,2)}) or {@code error}. A wrong answer shows the three rules
 * applied step by step. Arguments: the number of questions (default 5) and a seed.
 *
 * <p>Run it with {@code ./mvnw -q -pl samples -am compile exec:exec
 * -Dtour.main=io.github.ndarray.samples.BroadcastQuiz}.
 */
public final class BroadcastQuiz {
    private BroadcastQuiz() {
    }

    /**
     * Runs the quiz on standard input and output.
     *
     * @param args optional: number of questions, seed
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        List<QuizQuestion> questions = Quiz.standard().pick(n, seed);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int right = 0;
        for (int i = 0; i < questions.size(); i++) {
            QuizQuestion q = questions.get(i);
            System.out.printf("%n[%d/%d] %s  ->  result shape, or 'error'? ", i + 1, questions.size(), q.question());
            System.out.flush();
            String answer = in.readLine();
            if (answer == null) {
                System.out.println("\n(no more input; the answer was " + q.answerText() + ")");
                System.out.println(q.explain());
                continue;
            }
            boolean ok;
            try {
                ok = q.check(answer);
            } catch (IllegalArgumentException e) {
                System.out.println("Not a shape or 'error' (" + e.getMessage() + "); counted as wrong.");
                ok = false;
            }
            if (ok) {
                right++;
                System.out.println("Right: " + q.answerText());
            } else {
                System.out.println("Not quite: the answer is " + q.answerText() + "\n" + q.explain());
            }
        }
        System.out.printf("%nScore: %d of %d%n", right, questions.size());
    }
}
