package io.github.ndarray.blas;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;

/**
 * Prints the results of a spread of operations (reductions over each axis, arg-reductions,
 * casts, comparisons, integer and float arithmetic, matmul), for a child JVM started with or
 * without the Vector API module: both must print the same text (float results that the two
 * paths compute in another order or with another libm are rounded first).
 */
public final class FallbackMain {
    private FallbackMain() {
    }

    public static void main(String[] args) {
        NDArray f = ND.random(3).uniform(-4, 4, 5, 6, 7);
        NDArray i = ND.random(4).integers(-100, 100, 5, 6, 7);
        for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32, DType.INT16, DType.INT8,
                DType.UINT8, DType.BOOL}) {
            NDArray x = (t.isFloating() ? f : i).astype(t);
            for (int axis = 0; axis < 3; axis++) {
                print(t + " sum " + axis, x.sum(axis));
                print(t + " max " + axis, x.max(axis));
                print(t + " argmin " + axis, x.argmin(axis));
            }
            // The scalar fallback adds a long float strip in another order than the vector fold: the last bits may differ.
            print(t + " sum", t.isFloating() ? ND.rint(x.sum().mul(1e6)) : x.sum());
            print(t + " cumsum", ND.cumsum(x, 1));
            print(t + " x*3", x.mul(3L));
            print(t + " x<1", ND.less(x, 1L));
            print(t + " as int16", x.astype(DType.INT16));
        }
        print("matmul", f.get("0").matmul(f.get("1").T()));
        print("floor_divide", ND.floorDivide(i, 7L));
        print("sqrt", ND.sqrt(ND.abs(f)));
        print("round(exp, 9)", ND.rint(ND.exp(f).mul(1e9)));
    }

    private static void print(String what, NDArray a) {
        System.out.println(what + " " + java.util.Arrays.toString(a.toDoubleArray()));
    }
}
