package io.github.ndarray.samples;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.broadcasting.Quiz;
import io.github.ndarray.broadcasting.QuizQuestion;
import java.util.List;

/**
 * A first look at the library: which backends are active, a few broadcasting quiz questions
 * with their explanations, and a small worked example.
 *
 * <p>Run it with {@code ./mvnw -q -pl samples -am compile exec:exec}.
 */
public final class Tour {
    private Tour() {
    }

    /**
     * Runs the tour.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        section("Runtime");
        System.out.print(ND.runtimeInfo());
        System.out.println("Device.cpu() = " + Device.cpu() + "; CUDA available: " + Device.isCudaAvailable());

        section("Broadcasting quiz");
        List<QuizQuestion> tutorial = Quiz.tutorial().questions();
        List<QuizQuestion> picked = new java.util.ArrayList<>(tutorial.subList(0, 3));
        picked.addAll(Quiz.generated().pick(2, 7));
        for (QuizQuestion q : picked) {
            System.out.println("Q: " + q.question() + "  ->  ?");
            System.out.println("A: " + q.answerText());
            System.out.println(q.explain());
            System.out.println();
        }

        section("Worked example: standardize columns, then pairwise distances");
        try (NDArray x = ND.array(new double[][] {{1, 200}, {2, 180}, {3, 260}, {4, 240}});
                NDArray mu = ND.mean(x, true, 0);
                NDArray sd = ND.std(x, 0, true, 0);
                NDArray centered = x.sub(mu);
                NDArray z = centered.div(sd)) {
            System.out.println("x =\n" + x);
            System.out.println("column means (keepdims) = " + mu);
            System.out.println("z = (x - mean) / std, broadcasting (4,2) with (1,2):\n" + z);
            try (NDArray a = z.reshape(4, 1, 2);
                    NDArray b = z.reshape(1, 4, 2);
                    NDArray d = a.sub(b);
                    NDArray sq = d.mul(d);
                    NDArray s = ND.sum(sq, -1);
                    NDArray dist = ND.sqrt(s)) {
                System.out.println("pairwise distances, (4,1,2) - (1,4,2) -> (4,4,2), summed over the last axis:\n" + dist);
                System.out.println("farthest pair (flat index) = " + (long) ND.argmax(dist).item());
            }
        }
        try (NDArray i8 = ND.arange(5).astype(DType.INT8);
                NDArray f32 = ND.ones(DType.FLOAT32, 5)) {
            System.out.println("\nNumPy 2 promotion: int8 + 1000 is refused, int8 + float32 -> "
                    + ND.add(i8, f32).dtype() + ", float32 + 1.5 -> " + f32.add(1.5).dtype()
                    + ", int8 / 2 -> " + i8.div(2).dtype());
        }
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title + " " + "=".repeat(Math.max(0, 70 - title.length())));
    }
}
