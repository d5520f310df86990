package io.github.ndarray.samples;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's quick start, compiled and runnable so that the README stays true:
 * {@code ./mvnw -q -pl samples -am compile exec:exec -Dtour.main=io.github.ndarray.samples.QuickStart}.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Runs the quick start.
     *
     * @param args ignored
     * @throws IOException if the temporary .npy file cannot be written
     */
    public static void main(String[] args) throws IOException {
        NDArray a = ND.arange(6).reshape(2, 3);          // int64 [[0 1 2] [3 4 5]]
        NDArray b = ND.array(new double[] {10, 20, 30}); // float64
        NDArray c = a.add(b).mul(2.0);                   // broadcasting (2,3)+(3,) -> (2,3), float64
        double s = c.sum().item();                       // 270.0
        NDArray col = a.get(":, 1");                     // a view: [1 4]
        a.set("0, ::2", 9);                              // assignment through NumPy's index syntax
        NDArray m = a.matmul(a.T());                     // (2,2)
        NDArray z = ND.exp(ND.linspace(0, 1, 5));
        long[] shape = ND.broadcastShapes(new long[] {3, 1}, new long[] {2}); // {3, 2}
        Path file = Files.createTempFile("quickstart", ".npy");
        ND.save(file, c);                                // NumPy reads it with np.load
        NDArray back = ND.load(file);
        try (NDArray t = ND.zeros(1000, 1000)) {         // off-heap memory, freed at close()
            t.set("::2", 1.0);
            System.out.println("t.mean() = " + t.mean());
        }
        NDArray half = Ufunc.ADD.callInto(ND.zeros(DType.FLOAT64, 2, 3), ND.greater(a, 2), a, 0.5); // out=, where=
        System.out.println("c = " + c + "\nsum = " + s + "\ncol = " + col + "\na = " + a + "\nm = " + m
                + "\nz = " + z + "\nshape = " + java.util.Arrays.toString(shape) + "\nloaded = " + back
                + "\nadd(a, 0.5, where=a > 2) = " + half);
        Files.delete(file);
    }
}
