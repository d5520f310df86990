package io.github.ndarray;

import io.github.ndarray.spi.LinalgSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The api side of {@link Linalg}'s decompositions: validates shapes, computes in float64 as
 * NumPy does (its {@code _umath_linalg} loops are float64 for real input; float32 results are
 * rounded from them), allocates the outputs and hands the batch to the backend's
 * {@link LinalgSupport}.
 */
final class Decompositions {
    private Decompositions() {
    }

    static Linalg.SVDResult svd(NDArray a, boolean fullMatrices, boolean computeUV) {
        check2d(a);
        long m = a.shape(-2);
        long n = a.shape(-1);
        long k = Math.min(m, n);
        long[] batch = Arrays.copyOf(a.shape(), a.ndim() - 2);
        try (Outputs o = new Outputs(a)) {
            NDArray s = o.add(batch, k);
            NDArray u = computeUV ? o.add(batch, m, fullMatrices ? m : k) : null;
            NDArray vh = computeUV ? o.add(batch, fullMatrices ? n : k, n) : null;
            o.support("linalg.svd").svd(o.input, s, u, vh);
            return new Linalg.SVDResult(o.result(u), o.result(s), o.result(vh));
        }
    }

    static Linalg.EighResult eigh(NDArray a, String uplo, boolean vectors) {
        checkSquare(a);
        boolean lower = switch (uplo) {
            case "L" -> true;
            case "U" -> false;
            default -> throw new IllegalArgumentException("UPLO argument must be 'L' or 'U'");
        };
        long n = a.shape(-1);
        long[] batch = Arrays.copyOf(a.shape(), a.ndim() - 2);
        try (Outputs o = new Outputs(a)) {
            NDArray w = o.add(batch, n);
            NDArray v = vectors ? o.add(batch, n, n) : null;
            o.support("linalg.eigh").eigh(o.input, lower, w, v);
            return new Linalg.EighResult(o.result(w), o.result(v));
        }
    }

    static Linalg.QRResult qr(NDArray a, String mode) {
        check2d(a);
        long m = a.shape(-2);
        long n = a.shape(-1);
        long k = Math.min(m, n);
        long[] batch = Arrays.copyOf(a.shape(), a.ndim() - 2);
        boolean complete = mode.equals("complete");
        if (!complete && !mode.equals("reduced") && !mode.equals("r")) {
            throw new IllegalArgumentException("Unrecognized mode '" + mode + "'");
        }
        try (Outputs o = new Outputs(a)) {
            NDArray q = mode.equals("r") ? null : o.add(batch, m, complete ? m : k);
            NDArray r = o.add(batch, complete ? m : k, n);
            o.support("linalg.qr").qr(o.input, q, r);
            return new Linalg.QRResult(o.result(q), o.result(r));
        }
    }

    static NDArray cholesky(NDArray a, boolean upper) {
        checkSquare(a);
        try (Outputs o = new Outputs(a)) {
            NDArray l = o.add(a.shape());
            o.support("linalg.cholesky").cholesky(o.input, upper, l);
            return o.result(l);
        }
    }

    static Linalg.SlogdetResult slogdet(NDArray a) {
        checkSquare(a);
        long[] batch = Arrays.copyOf(a.shape(), a.ndim() - 2);
        try (Outputs o = new Outputs(a)) {
            NDArray sign = o.add(batch);
            NDArray log = o.add(batch);
            o.support("linalg.slogdet").slogdet(o.input, sign, log);
            return new Linalg.SlogdetResult(o.result(sign), o.result(log));
        }
    }

    static void check2d(NDArray a) {
        a.checkOpen();
        if (a.ndim() < 2) {
            throw new LinAlgException(a.ndim() + "-dimensional array given. Array must be at least two-dimensional");
        }
    }

    static void checkSquare(NDArray a) {
        check2d(a);
        if (a.shape(-1) != a.shape(-2)) {
            throw new LinAlgException("Last 2 dimensions of the array must be square");
        }
    }

    /**
     * One call's float64 input and outputs: the outputs are closed unless handed out by
     * {@link #result}, so that a failing backend call leaks nothing.
     */
    private static final class Outputs implements AutoCloseable {
        final NDArray input;
        private final DType resultType;
        private final List<NDArray> open = new ArrayList<>();

        Outputs(NDArray a) {
            resultType = Linalg.floatType(a.dtype());
            input = a.dtype() == DType.FLOAT64 ? a.reshape(a.shape()) : a.astype(DType.FLOAT64);
            open.add(input);
        }

        NDArray add(long[] batch, long... core) {
            NDArray x = NDArray.allocateUninitialized(input.device(), DType.FLOAT64, LinearAlgebra.concat(batch, core));
            open.add(x);
            return x;
        }

        LinalgSupport support(String op) {
            return Capabilities.require(input, LinalgSupport.class, op);
        }

        /** The output in the result dtype; {@code null} stays {@code null}. */
        NDArray result(NDArray x) {
            if (x == null) {
                return null;
            }
            if (resultType == DType.FLOAT64) {
                open.remove(x);
                return x;
            }
            return x.astype(resultType);
        }

        @Override
        public void close() {
            for (NDArray x : open) {
                x.close();
            }
        }
    }
}
