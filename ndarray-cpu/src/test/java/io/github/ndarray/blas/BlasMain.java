package io.github.ndarray.blas;

import io.github.ndarray.DType;
import io.github.ndarray.Linalg;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.cpu.blas.Blas;

/** Run in a child JVM by {@link BlasTest}: prints which BLAS is active and checks a product and a solve. */
public final class BlasMain {
    private BlasMain() {
    }

    public static void main(String[] args) {
        try {
            NDArray a = ND.random(1).uniform(-1, 1, 120, 120).add(ND.eye(120).mul(4.0));
            NDArray b = ND.random(2).uniform(-1, 1, 120, 3);
            NDArray x = Linalg.solve(a.astype(DType.FLOAT32), b.astype(DType.FLOAT32));
            double r = ND.max(ND.abs(ND.matmul(a, x.astype(DType.FLOAT64)).sub(b))).item();
            System.out.println("kind=" + Blas.kind());
            System.out.println("describe=" + Blas.describe());
            System.out.println("check=" + (r < 1e-4 ? "ok" : "bad residual " + r));
            System.out.println("runtimeInfo names it=" + ND.runtimeInfo().contains(Blas.describe()));
        } catch (RuntimeException e) {
            System.out.println("error=" + e.getMessage());
        }
    }
}
