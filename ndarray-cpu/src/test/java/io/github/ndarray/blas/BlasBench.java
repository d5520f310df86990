package io.github.ndarray.blas;

import io.github.ndarray.DType;
import io.github.ndarray.Linalg;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.cpu.blas.Blas;
import java.util.Arrays;

/**
 * A quick timing of the BLAS paths, not a test (the JMH suite lives in {@code bench}): 2048^2
 * dgemm and sgemm, and solve 1000^2 with one right-hand side, for native OpenBLAS and the pure
 * Java fallback; best and median of several runs after warm-up. Run it after
 * {@code ./mvnw -q -pl ndarray-cpu -am test-compile} with
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *   -cp "ndarray-cpu/target/test-classes:ndarray-cpu/target/classes:ndarray-api/target/classes:broadcasting/target/classes:$(cat /tmp/blas-cp.txt)" \
 *   io.github.ndarray.blas.BlasBench [NATIVE|JAVA ...]
 * </pre>
 * with the dependency class path from
 * {@code ./mvnw -q -pl ndarray-cpu dependency:build-classpath -Dmdep.outputFile=/tmp/blas-cp.txt}.
 */
public final class BlasBench {
    private BlasBench() {
    }

    public static void main(String[] args) {
        String[] kinds = args.length == 0 ? new String[] {"NATIVE", "JAVA"} : args;
        for (String k : kinds) {
            Blas.use(Blas.Kind.valueOf(k));
            System.out.println(Blas.describe());
            int n = 2048;
            for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                NDArray a = ND.random(1).random(n, n).astype(t);
                NDArray b = ND.random(2).random(n, n).astype(t);
                double[] s = time(() -> ND.matmul(a, b).close(), 2, 7);
                System.out.printf("  %s matmul %dx%d: best %.1f ms (%.1f GFLOP/s), median %.1f ms%n", t, n, n,
                        s[0] * 1e3, 2.0 * n * n * n / s[0] / 1e9, s[1] * 1e3);
            }
            int m = 1000;
            NDArray a = ND.random(3).random(m, m);
            NDArray b = ND.random(4).random(m);
            double[] s = time(() -> Linalg.solve(a, b).close(), 2, 9);
            System.out.printf("  float64 solve %dx%d: best %.1f ms, median %.1f ms%n", m, m, s[0] * 1e3, s[1] * 1e3);
        }
    }

    private static double[] time(Runnable r, int warm, int reps) {
        for (int i = 0; i < warm; i++) {
            r.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return new double[] {t[0], t[reps / 2]};
    }
}
