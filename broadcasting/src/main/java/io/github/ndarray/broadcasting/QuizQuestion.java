package io.github.ndarray.broadcasting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One question of the broadcasting quiz: operands' shapes joined by an operator, such as
 * {@code (3,1) * (1,2)}, and the expected answer: the shape of the result, {@code (3,2)}, or
 * {@code error} when the shapes cannot be broadcast together. Immutable.
 *
 * {@snippet :
 * QuizQuestion q = QuizQuestion.of("mine-1", "(3,1) * (1,2)", "(3,2)");
 * q.check("(3, 2)");            // true
 * q.check("error");             // false
 * System.out.println(q.explain()); // why the answer is (3,2)
 * }
 */
public final class QuizQuestion {
    private static final Pattern SHAPE = Pattern.compile("\\(([^()]*)\\)");
    private static final String ERROR = "error";

    private final String id;
    private final String operator;
    private final long[][] shapes;
    private final long[] answer;

    private QuizQuestion(String id, String operator, long[][] shapes, long[] answer) {
        this.id = id;
        this.operator = operator;
        this.shapes = shapes;
        this.answer = answer;
    }

    /**
     * Makes a question from its text: two or more shapes as NumPy prints them, joined by one
     * operator symbol; and its expected answer: a shape or the word {@code error}. The
     * answer is taken as given (the quiz's tests check every built-in answer against
     * {@link Broadcast#shape}).
     *
     * {@snippet :
     * QuizQuestion.of("t", "(5,1) + (1,5)", "(5,5)");
     * QuizQuestion.of("u", "() + (0,) + (1,)", "(0,)");
     * QuizQuestion.of("v", "(3,) * (2,)", "error");
     * }
     *
     * @param id a name for the question, unique within its quiz
     * @param question the shapes and the operator, e.g. {@code (3,1) * (1,2)}
     * @param answer the expected answer, e.g. {@code (3,2)} or {@code error}
     * @return the question
     * @throws IllegalArgumentException if the id is blank, or the question or answer cannot be read
     */
    public static QuizQuestion of(String id, String question, String answer) {
        if (id.isBlank()) {
            throw new IllegalArgumentException("a quiz question needs an id: " + question);
        }
        List<long[]> shapes = new ArrayList<>();
        List<String> gaps = new ArrayList<>(); // the text before, between and after the shapes
        Matcher m = SHAPE.matcher(question);
        int end = 0;
        while (m.find()) {
            gaps.add(question.substring(end, m.start()).strip());
            shapes.add(Shapes.parse(m.group()));
            end = m.end();
        }
        gaps.add(question.substring(end).strip());
        String operator = shapes.size() < 2 ? "" : gaps.get(1);
        boolean readable = shapes.size() >= 2 && gaps.getFirst().isEmpty() && gaps.getLast().isEmpty()
                && operator.matches("\\S+") && gaps.subList(1, gaps.size() - 1).stream().allMatch(operator::equals);
        if (!readable) {
            throw new IllegalArgumentException("cannot read quiz question '" + question
                    + "': expected two or more shapes joined by one operator, such as (3,1) * (1,2)");
        }
        long[] expected = readAnswer(answer).orElse(null);
        return new QuizQuestion(id.strip(), operator, shapes.toArray(long[][]::new), expected);
    }

    /** The answer's shape, or empty for {@code error}; rejects anything else. */
    private static Optional<long[]> readAnswer(String answer) {
        if (answer.strip().toLowerCase(Locale.ROOT).equals(ERROR)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Shapes.parse(answer));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the answer '" + answer
                    + "': expected a shape such as (3,2), or the word error", e);
        }
    }

    /**
     * {@return the question's name, unique within its quiz}
     *
     * {@snippet :
     * Quiz.tutorial().questions().get(0).id(); // "tutorial-1"
     * }
     */
    public String id() {
        return id;
    }

    /**
     * {@return the operator symbol, e.g. {@code +}; it does not change the answer, since every
     * elementwise operator broadcasts the same way}
     *
     * {@snippet :
     * QuizQuestion.of("q", "(3,1) * (1,2)", "(3,2)").operator(); // "*"
     * }
     */
    public String operator() {
        return operator;
    }

    /**
     * {@return copies of the operands' shapes, left to right}
     *
     * {@snippet :
     * QuizQuestion.of("q", "(3,1) * (1,2)", "(3,2)").shapes(); // [{3, 1}, {1, 2}]
     * }
     */
    public List<long[]> shapes() {
        List<long[]> list = new ArrayList<>(shapes.length);
        for (long[] s : shapes) {
            list.add(s.clone());
        }
        return List.copyOf(list);
    }

    /**
     * {@return a copy of the expected result shape, or empty when the expected answer is an error}
     *
     * {@snippet :
     * QuizQuestion.of("q", "(3,1) * (1,2)", "(3,2)").answer(); // Optional[{3, 2}]
     * QuizQuestion.of("q", "(3,) * (2,)", "error").answer();   // Optional.empty
     * }
     */
    public Optional<long[]> answer() {
        return answer == null ? Optional.empty() : Optional.of(answer.clone());
    }

    /**
     * {@return whether the expected answer is a shape rather than an error}
     *
     * {@snippet :
     * QuizQuestion.of("q", "(3,) * (2,)", "error").broadcasts(); // false
     * }
     */
    public boolean broadcasts() {
        return answer != null;
    }

    /**
     * {@return the question as text, e.g. {@code (3,1) * (1,2)}}
     *
     * {@snippet :
     * System.out.println(q.question() + " = ?");
     * }
     */
    public String question() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shapes.length; i++) {
            sb.append(i == 0 ? "" : " " + operator + " ").append(Shapes.format(shapes[i]));
        }
        return sb.toString();
    }

    /**
     * {@return the expected answer as text: a shape such as {@code (3,2)}, or {@code error}}
     *
     * {@snippet :
     * QuizQuestion.of("q", "(0,) + (1,)", "(0,)").answerText(); // "(0,)"
     * }
     */
    public String answerText() {
        return answer == null ? ERROR : Shapes.format(answer);
    }

    /**
     * Checks a learner's answer: a shape, written as NumPy prints it or more loosely
     * ({@code (3,2)}, {@code (3, 2)}, {@code [3,2]}, {@code 3,2}), or the word {@code error}
     * in any case.
     *
     * {@snippet :
     * QuizQuestion q = QuizQuestion.of("q", "(1,10,3) - (10,1,3)", "(10,10,3)");
     * q.check("(10, 10, 3)"); // true
     * q.check("(10,3)");      // false
     * q.check("ERROR");       // false
     * q.check("ten by ten");  // throws IllegalArgumentException
     * }
     *
     * @param answer the learner's answer
     * @return whether it is right
     * @throws IllegalArgumentException if the answer is neither a shape nor {@code error}
     */
    public boolean check(String answer) {
        return readAnswer(answer).map(given -> Arrays.equals(given, this.answer)).orElse(this.answer == null);
    }

    /**
     * {@return the step-by-step explanation of the expected answer}
     *
     * {@snippet :
     * System.out.println(QuizQuestion.of("q", "(3,) * (2,)", "error").explain());
     * // shapes (3,) and (2,)
     * // rule 1: pad on the left with 1s -> (3,) (2,)
     * // axis -1: sizes 3, 2 -> neither equal nor 1: cannot broadcast (fails at axis 0)
     * // rule 3: error: operands could not be broadcast together with shapes (3,) (2,)
     * }
     */
    public Explanation explain() {
        return Broadcast.explain(shapes);
    }

    /**
     * {@return the question and its answer, e.g. {@code (3,1) * (1,2) -> (3,2)}}
     *
     * {@snippet :
     * QuizQuestion.of("q", "(3,) * (2,)", "error").toString(); // "(3,) * (2,) -> error"
     * }
     */
    @Override
    public String toString() {
        return question() + " -> " + answerText();
    }

    /**
     * Two questions are equal when their ids, operators, shapes and answers are.
     *
     * {@snippet :
     * QuizQuestion.of("a", "(2,) + (2,)", "(2,)").equals(QuizQuestion.of("a", "(2,)+(2,)", "(2,)")); // true
     * }
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof QuizQuestion q && id.equals(q.id) && operator.equals(q.operator)
                && Arrays.deepEquals(shapes, q.shapes) && Arrays.equals(answer, q.answer);
    }

    /**
     * {@return a hash code consistent with {@link #equals}}
     *
     * {@snippet :
     * int h = QuizQuestion.of("a", "(2,) + (2,)", "(2,)").hashCode();
     * }
     */
    @Override
    public int hashCode() {
        return 31 * (31 * id.hashCode() + Arrays.deepHashCode(shapes)) + Arrays.hashCode(answer);
    }
}
