package io.github.ndarray.broadcasting;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The broadcasting quiz: a list of {@link QuizQuestion}s with unique ids. {@link #standard()}
 * holds the tutorial's questions followed by several hundred generated ones, each answered by
 * NumPy (see {@code scripts/gen_broadcast_quiz.py}). Immutable.
 *
 * {@snippet :
 * for (QuizQuestion q : Quiz.standard().pick(5, 42)) {
 *     System.out.print(q.question() + " = ? ");
 *     String reply = console.readLine();
 *     System.out.println(q.check(reply) ? "right" : "no: " + q.answerText() + "\n" + q.explain());
 * }
 * }
 */
public final class Quiz {
    private static final String[][] TUTORIAL = {
        {"(3,4,6,2) + (3,5,1,2)", "error"},
        {"(3,4,6,2) + (3,4,1,2)", "(3,4,6,2)"},
        {"(3,) * (2,)", "error"},
        {"(3,1) * (1,2)", "(3,2)"},
        {"(5,1) + (1,5)", "(5,5)"},
        {"(1,10,3) - (10,1,3)", "(10,10,3)"},
        {"(0,) + (1,)", "(0,)"},
        {"() + ()", "()"},
    };

    private static volatile Quiz generated;

    private final List<QuizQuestion> questions;

    private Quiz(List<QuizQuestion> questions) {
        this.questions = List.copyOf(questions);
        Set<String> ids = new HashSet<>();
        for (QuizQuestion q : this.questions) {
            if (!ids.add(q.id())) {
                throw new IllegalArgumentException("two quiz questions share the id " + q.id());
            }
        }
    }

    /**
     * Makes a quiz of the given questions.
     *
     * {@snippet :
     * Quiz mine = Quiz.of(List.of(QuizQuestion.of("a", "(2,1) + (3,)", "(2,3)")));
     * }
     *
     * @param questions the questions, in order
     * @return the quiz
     * @throws IllegalArgumentException if two questions share an id
     */
    public static Quiz of(List<QuizQuestion> questions) {
        return new Quiz(questions);
    }

    /**
     * {@return the tutorial's eight questions, ids {@code tutorial-1} to {@code tutorial-8}:
     * {@code (3,4,6,2) + (3,5,1,2)} fails, {@code (3,4,6,2) + (3,4,1,2)} gives
     * {@code (3,4,6,2)}, {@code (3,) * (2,)} fails, {@code (3,1) * (1,2)} gives {@code (3,2)},
     * {@code (5,1) + (1,5)} gives {@code (5,5)}, {@code (1,10,3) - (10,1,3)} gives
     * {@code (10,10,3)}, {@code (0,) + (1,)} gives {@code (0,)}, {@code () + ()} gives {@code ()}}
     *
     * {@snippet :
     * Quiz.tutorial().questions().get(3).toString(); // "(3,1) * (1,2) -> (3,2)"
     * }
     */
    public static Quiz tutorial() {
        List<QuizQuestion> list = new ArrayList<>(TUTORIAL.length);
        for (int i = 0; i < TUTORIAL.length; i++) {
            list.add(QuizQuestion.of("tutorial-" + (i + 1), TUTORIAL[i][0], TUTORIAL[i][1]));
        }
        return new Quiz(list);
    }

    /**
     * {@return the generated questions (ids {@code g0001}, {@code g0002}, ...), random shapes
     * of 0 to 5 axes and 2 to 4 operands, about half of which fail to broadcast; read once from
     * the module's {@code quiz.tsv} resource}
     *
     * {@snippet :
     * Quiz.generated().size(); // 400
     * }
     *
     * @throws IllegalStateException if the resource is missing
     */
    public static Quiz generated() {
        Quiz quiz = generated;
        if (quiz == null) { // a race only reads the resource twice; the quiz is immutable
            quiz = new Quiz(QuizFile.readResource().stream().map(QuizFile.Row::question).toList());
            generated = quiz;
        }
        return quiz;
    }

    /**
     * {@return the tutorial's questions followed by the generated ones}
     *
     * {@snippet :
     * Quiz all = Quiz.standard();
     * all.find("tutorial-1").orElseThrow().check("error"); // true
     * }
     *
     * @throws IllegalStateException if the generated questions' resource is missing
     */
    public static Quiz standard() {
        List<QuizQuestion> list = new ArrayList<>(tutorial().questions);
        list.addAll(generated().questions);
        return new Quiz(list);
    }

    /**
     * Reads questions written in the format of the module's {@code quiz.tsv}: one per line,
     * tab-separated {@code id}, {@code question}, {@code answer} and an optional
     * {@code message}; lines starting with {@code #} and blank lines are skipped.
     *
     * {@snippet :
     * Quiz q = Quiz.read(new StringReader("# mine\nm1\t(2,1) + (3,)\t(2,3)\n"));
     * }
     *
     * @param reader the text; not closed
     * @return the quiz
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if a line is malformed (the message gives its number)
     *         or two questions share an id
     */
    public static Quiz read(Reader reader) throws IOException {
        return new Quiz(QuizFile.read(reader, "quiz").stream().map(QuizFile.Row::question).toList());
    }

    /**
     * {@return the questions, in order; an unmodifiable list}
     *
     * {@snippet :
     * Quiz.tutorial().questions().forEach(System.out::println);
     * }
     */
    public List<QuizQuestion> questions() {
        return questions;
    }

    /**
     * {@return the number of questions}
     *
     * {@snippet :
     * Quiz.tutorial().size(); // 8
     * }
     */
    public int size() {
        return questions.size();
    }

    /**
     * Finds a question by id.
     *
     * {@snippet :
     * Quiz.tutorial().find("tutorial-8").map(QuizQuestion::question); // Optional["() + ()"]
     * }
     *
     * @param id the question's id
     * @return the question, or empty if none has that id
     */
    public Optional<QuizQuestion> find(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    /**
     * Picks {@code n} different questions at random, in random order; the same seed picks the
     * same questions on every run and every JVM.
     *
     * {@snippet :
     * List<QuizQuestion> round = Quiz.standard().pick(10, 2024L);
     * }
     *
     * @param n how many questions, from 0 to {@link #size()}
     * @param seed the seed of the random choice
     * @return the questions
     * @throws IllegalArgumentException if {@code n} is negative or greater than {@link #size()}
     */
    public List<QuizQuestion> pick(int n, long seed) {
        if (n < 0 || n > questions.size()) {
            throw new IllegalArgumentException("cannot pick " + n + " of " + questions.size() + " questions");
        }
        List<QuizQuestion> pool = new ArrayList<>(questions);
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(pool.size() - i);
            pool.set(j, pool.set(i, pool.get(j)));
        }
        return List.copyOf(pool.subList(0, n));
    }

    /**
     * {@return the number of questions and how many of them fail to broadcast}
     *
     * {@snippet :
     * Quiz.tutorial().toString(); // "Quiz[8 questions, 2 errors]"
     * }
     */
    @Override
    public String toString() {
        long errors = questions.stream().filter(q -> !q.broadcasts()).count();
        return "Quiz[" + questions.size() + " questions, " + errors + " errors]";
    }
}
