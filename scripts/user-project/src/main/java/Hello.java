import io.github.ndarray.ND;
import io.github.ndarray.NDArray;

/** A one-file program against the installed jars (README, "Use it in your project"). */
public class Hello {
    public static void main(String[] args) {
        NDArray a = ND.arange(6).reshape(2, 3);
        System.out.println(a.add(ND.array(new double[] {10, 20, 30})).mul(2.0));
        System.out.println("sum(-1) of ones(4,3): " + ND.ones(4, 3).sum(-1));
    }
}
