import io.github.ndarray.*;
import java.util.function.Supplier;

/**
 * Each step of ColdScript timed at its first call and warm (the fastest of 20 later calls), with
 * the ratio: the target is no first call over 20 times its warm time.
 */
public class FirstCalls {
    public static void main(String[] args) {
        System.out.println("| step | first call (ms) | warm (ms) | first / warm |\n|---|---:|---:|---:|");
        step("random(1000, 3)", () -> ND.random(0).random(1000, 3));
        NDArray x = ND.random(0).random(1000, 3);
        step("(1000,1,3) - (1,1000,3)", () -> x.reshape(1000, 1, 3).sub(x.reshape(1, 1000, 3)));
        NDArray d = x.reshape(1000, 1, 3).sub(x.reshape(1, 1000, 3));
        step("d * d", () -> d.mul(d));
        step("sum(-1) of 3e6", () -> d.sum(-1));
        step("x @ x.T (1000x3x1000)", () -> x.matmul(x.T()));
        step("mean().item()", () -> ND.array(d.sum(-1).mean().item()));
    }

    private static void step(String name, Supplier<NDArray> op) {
        long t = System.nanoTime();
        op.get();
        double first = (System.nanoTime() - t) / 1e6;
        double warm = Double.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            t = System.nanoTime();
            op.get().close();
            warm = Math.min(warm, (System.nanoTime() - t) / 1e6);
        }
        System.out.printf("| %s | %.1f | %.2f | %.0fx |%n", name, first, warm, first / warm);
    }
}
