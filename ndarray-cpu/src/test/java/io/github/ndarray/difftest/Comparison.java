package io.github.ndarray.difftest;

import io.github.ndarray.DType;
import io.github.ndarray.NDArray;
import java.util.Arrays;

/**
 * Compares a result with NumPy's under the expectation's tolerance (see difftest.py): exact, exact0
 * (signed zeros equal), ulpN, abs:X. Under every tolerance NaN must meet NaN and an infinity the same one.
 */
final class Comparison {
    private Comparison() {
    }

    /** Null when {@code r} matches the {@code E} line, else what differs. */
    static String mismatch(NDArray r, String[] e) {
        String dtype = e[2];
        long[] shape = Programs.shape(e[3]);
        String tol = e[4];
        if (!r.dtype().toString().equals(dtype)) {
            return "dtype " + r.dtype() + ", NumPy " + dtype;
        }
        if (!Arrays.equals(r.shape(), shape)) {
            return "shape " + Arrays.toString(r.shape()) + ", NumPy " + e[3];
        }
        String[] want = e[5].isEmpty() ? new String[0] : e[5].split(" ");
        DType t = r.dtype();
        if (t.isFloating()) {
            double[] got = r.toDoubleArray();
            for (int i = 0; i < got.length; i++) {
                double w = Programs.parseFloat(want[i], t == DType.FLOAT32);
                if (!close(got[i], w, tol, t)) {
                    return "element " + i + ": " + got[i] + ", NumPy " + want[i] + " (" + tol + ")";
                }
            }
        } else if (t == DType.BOOL) {
            boolean[] got = r.toBooleanArray();
            for (int i = 0; i < got.length; i++) {
                if (got[i] != want[i].equals("1")) {
                    return "element " + i + ": " + got[i] + ", NumPy " + want[i];
                }
            }
        } else {
            long[] got = r.toLongArray();
            for (int i = 0; i < got.length; i++) {
                if (got[i] != Long.parseLong(want[i])) {
                    return "element " + i + ": " + got[i] + ", NumPy " + want[i];
                }
            }
        }
        return null;
    }

    static boolean close(double got, double want, String tol, DType t) {
        if (Double.isNaN(want) || Double.isNaN(got) || Double.isInfinite(want) || Double.isInfinite(got)) {
            return Double.compare(got, want) == 0 || (Double.isNaN(got) && Double.isNaN(want));
        }
        if (tol.equals("exact")) {
            return Double.compare(got, want) == 0;
        }
        if (tol.equals("exact0")) {
            return got == want;
        }
        if (tol.startsWith("ulp")) { // ulpN:float32 - units of the dtype the loop computed in
            String[] f = tol.substring(3).split(":");
            double m = Math.max(Math.abs(got), Math.abs(want));
            double ulp = f[1].equals("float32") ? Math.ulp((float) m) : Math.ulp(m);
            return Math.abs(got - want) <= Integer.parseInt(f[0]) * ulp;
        }
        if (tol.startsWith("abs:")) {
            return Math.abs(got - want) <= Double.parseDouble(tol.substring(4));
        }
        throw new IllegalStateException("unknown tolerance " + tol);
    }
}
