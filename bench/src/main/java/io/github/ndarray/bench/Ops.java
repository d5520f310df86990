package io.github.ndarray.bench;

import io.github.ndarray.DType;
import io.github.ndarray.Index;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.lang.invoke.MethodHandle;

/**
 * Our side of every op in {@code workloads.tsv}; {@code scripts/bench_numpy.py} has NumPy's.
 * Elementwise ops with one result shape write into a scratch {@code out=} array on both sides
 * ({@code Ufunc.callInto} here, {@code out=} there); expressions, matmul, solve and the
 * distance matrix make fresh arrays on both sides, as the expression is written.
 */
public final class Ops {
    private Ops() {
    }

    /** Thrown when an op needs something this build lacks (e.g. {@code Linalg}). */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /** One workload, inputs made, ready to call. */
    public interface Prepared extends AutoCloseable {
        /**
         * One timed call.
         *
         * @throws Throwable whatever the op throws
         */
        void call() throws Throwable;

        /** {@return a checksum of the last result: the float64 sum of its elements} */
        double digest();

        @Override
        void close();
    }

    /**
     * What one call does, for the rate column.
     *
     * @param unit {@code GB/s} (bytes read and written once) or {@code GFLOP/s}
     * @param perCall bytes or floating-point operations per call
     */
    public record Work(String unit, double perCall) {
        /**
         * The rate at a time per call.
         *
         * @param seconds time per call
         * @return GB/s or GFLOP/s
         */
        public double rate(double seconds) {
            return perCall / seconds / 1e9;
        }
    }

    /**
     * The work of a workload: elementwise ops and reductions count each input element read
     * and each output element written once (the minimum traffic); matmul {@code 2n^3} flops,
     * solve {@code 2n^3/3 + 2n^2}, the distance matrix 9 flops per pair.
     *
     * @param w the workload
     * @return the work
     */
    public static Work work(Workload w) {
        double n = w.n();
        double item = switch (w.dtype()) {
            case "float32" -> 4;
            default -> 8;
        };
        return switch (w.op()) {
            case "copy", "copyto", "exp", "sqrt", "int_mul2", "int_poly" -> new Work("GB/s", 2 * n * item);
            case "add", "multiply" -> new Work("GB/s", 3 * n * item);
            case "sum", "mean", "max", "norm" -> new Work("GB/s", n * item);
            case "sort", "unique", "mask_select" -> new Work("GB/s", 2 * n * item);
            case "argsort", "take" -> new Work("GB/s", 3 * n * item);
            case "bcast_add" -> new Work("GB/s", (2 * n * n + n) * item);
            case "outer_mul" -> new Work("GB/s", (n * n + 2 * n) * item);
            case "transpose_add" -> new Work("GB/s", 3 * n * n * item);
            case "pdist" -> new Work("GFLOP/s", 9 * n * n);
            case "matmul" -> new Work("GFLOP/s", 2 * n * n * n);
            case "solve" -> new Work("GFLOP/s", 2 * n * n * n / 3 + 2 * n * n);
            default -> throw new IllegalArgumentException("unknown op " + w.op());
        };
    }

    /**
     * Makes the inputs and the call.
     *
     * @param w the workload
     * @return the prepared call; close it when done
     * @throws Unavailable when this build lacks the function
     */
    public static Prepared prepare(Workload w) throws Unavailable {
        DType dt = switch (w.dtype()) {
            case "float64" -> DType.FLOAT64;
            case "float32" -> DType.FLOAT32;
            case "int64" -> DType.INT64;
            default -> throw new IllegalArgumentException("unknown dtype " + w.dtype());
        };
        long n = w.n();
        return switch (w.op()) {
            case "copyto" -> {
                NDArray src = Inputs.uniform(1, dt, 0.5, 1.5, n);
                NDArray dst = ND.empty(dt, n);
                yield new Out(dst, () -> dst.assign(src), src);
            }
            case "copy" -> {
                NDArray src = Inputs.uniform(1, dt, 0.5, 1.5, n);
                yield new Fresh(src::copy, src);
            }
            case "add", "multiply" -> {
                Ufunc f = w.op().equals("add") ? Ufunc.ADD : Ufunc.MULTIPLY;
                NDArray a = Inputs.uniform(1, dt, 0.5, 1.5, n);
                NDArray b = Inputs.uniform(2, dt, 0.5, 1.5, n);
                NDArray out = ND.empty(dt, n);
                yield new Out(out, () -> f.callInto(out, null, a, b), a, b);
            }
            case "exp", "sqrt" -> {
                Ufunc f = w.op().equals("exp") ? Ufunc.EXP : Ufunc.SQRT;
                NDArray a = Inputs.uniform(1, dt, 0.5, 1.5, n);
                NDArray out = ND.empty(dt, n);
                yield new Out(out, () -> f.callInto(out, null, a), a);
            }
            case "sum", "mean", "max" -> {
                NDArray a = Inputs.uniform(1, dt, 0.5, 1.5, n);
                yield switch (w.op()) {
                    case "sum" -> new Fresh(a::sum, a);
                    case "mean" -> new Fresh(a::mean, a);
                    default -> new Fresh(a::max, a);
                };
            }
            case "int_mul2" -> {
                NDArray x = ND.arange(n);
                yield new Fresh(() -> x.mul(2L), x);
            }
            case "int_poly" -> {
                NDArray x = ND.arange(n);
                yield new Fresh(() -> {
                    try (NDArray sq = x.pow(2L); NDArray twice = x.mul(2L); NDArray s = sq.add(twice)) {
                        return s.add(1L);
                    }
                }, x);
            }
            case "bcast_add" -> {
                NDArray a = Inputs.uniform(1, dt, 0.5, 1.5, n, n);
                NDArray r = Inputs.uniform(2, dt, 0.5, 1.5, n);
                NDArray out = ND.empty(dt, n, n);
                yield new Out(out, () -> Ufunc.ADD.callInto(out, null, a, r), a, r);
            }
            case "outer_mul" -> {
                NDArray c = Inputs.uniform(1, dt, 0.5, 1.5, n, 1);
                NDArray r = Inputs.uniform(2, dt, 0.5, 1.5, 1, n);
                NDArray out = ND.empty(dt, n, n);
                yield new Out(out, () -> Ufunc.MULTIPLY.callInto(out, null, c, r), c, r);
            }
            case "transpose_add" -> {
                NDArray a = Inputs.uniform(1, dt, 0.5, 1.5, n, n);
                NDArray at = a.T();
                NDArray b = Inputs.uniform(2, dt, 0.5, 1.5, n, n);
                NDArray out = ND.empty(dt, n, n);
                yield new Out(out, () -> Ufunc.ADD.callInto(out, null, at, b), at, a, b);
            }
            case "pdist" -> {
                NDArray p = Inputs.uniform(1, dt, 0.0, 1.0, n, 3);
                NDArray rows = p.reshape(n, 1, 3);
                NDArray cols = p.reshape(1, n, 3);
                yield new Fresh(() -> {
                    try (NDArray d = rows.sub(cols); NDArray sq = ND.square(d); NDArray s = sq.sum(-1)) {
                        return ND.sqrt(s);
                    }
                }, rows, cols, p);
            }
            case "matmul" -> {
                NDArray a = Inputs.uniform(1, dt, -1.0, 1.0, n, n);
                NDArray b = Inputs.uniform(2, dt, -1.0, 1.0, n, n);
                yield new Fresh(() -> a.matmul(b), a, b);
            }
            case "solve" -> {
                MethodHandle solve = LinalgBridge.find("solve", 2);
                if (solve == null) {
                    throw new Unavailable("no " + LinalgBridge.CLASS + ".solve");
                }
                double[] av = Inputs.uniform(1, Math.toIntExact(n * n), -1.0, 1.0);
                for (int i = 0; i < n; i++) {
                    av[(int) (i * n + i)] += n; // diagonally dominant: well conditioned
                }
                NDArray a = Inputs.array(av, dt, n, n);
                NDArray b = Inputs.uniform(2, dt, -1.0, 1.0, n);
                yield new AnyResult(() -> solve.invokeExact(a, b), a, b);
            }
            case "sort", "argsort" -> {
                NDArray a = Inputs.uniform(1, dt, 0.5, 1.5, n);
                yield new Fresh(w.op().equals("sort") ? () -> ND.sort(a) : () -> ND.argsort(a), a);
            }
            case "unique" -> {
                NDArray a;
                try (NDArray u = Inputs.uniform(1, dt, 0.0, 1000.0, n)) {
                    a = ND.floor(u);
                }
                yield new Fresh(() -> ND.unique(a), a);
            }
            case "mask_select" -> {
                NDArray a = Inputs.uniform(1, dt, 0.5, 1.5, n);
                NDArray mask = ND.greater(a, 1.0);
                yield new Fresh(() -> a.get(Index.array(mask)), a, mask);
            }
            case "take" -> {
                NDArray a = Inputs.uniform(1, dt, 0.5, 1.5, n);
                NDArray idx;
                try (NDArray u = Inputs.uniform(2, dt, 0.0, n, n); NDArray f = ND.floor(u)) {
                    idx = f.astype(DType.INT64);
                }
                yield new Fresh(() -> a.get(Index.array(idx)), a, idx);
            }
            case "norm" -> {
                MethodHandle norm = LinalgBridge.find("norm", 1);
                if (norm == null) {
                    throw new Unavailable("no " + LinalgBridge.CLASS + ".norm");
                }
                NDArray x = Inputs.uniform(1, dt, 0.0, 1.0, n);
                yield new AnyResult(() -> norm.invokeExact(x), x);
            }
            default -> throw new IllegalArgumentException("unknown op " + w.op());
        };
    }

    /** The float64 sum of an array's elements, as a checksum. */
    static double digestOf(NDArray r) {
        if (r.dtype() == DType.FLOAT64 || r.dtype() == DType.INT64) {
            try (NDArray s = r.sum()) {
                return s.item();
            }
        }
        try (NDArray wide = r.astype(DType.FLOAT64); NDArray s = wide.sum()) {
            return s.item();
        }
    }

    private interface Body {
        void run() throws Throwable;
    }

    private interface Producer {
        NDArray get() throws Throwable;
    }

    private interface AnyProducer {
        Object get() throws Throwable;
    }

    private static void closeAll(NDArray... arrays) {
        for (NDArray a : arrays) {
            a.close();
        }
    }

    /** Writes into a scratch array each call. */
    private record Out(NDArray out, Body body, NDArray... inputs) implements Prepared {
        @Override
        public void call() throws Throwable {
            body.run();
        }

        @Override
        public double digest() {
            return digestOf(out);
        }

        @Override
        public void close() {
            closeAll(inputs);
            out.close();
        }
    }

    /** Makes a fresh result each call; the previous one is freed when the next one is made. */
    private static final class Fresh implements Prepared {
        private final Producer producer;
        private final NDArray[] inputs;
        private NDArray last;

        Fresh(Producer producer, NDArray... inputs) {
            this.producer = producer;
            this.inputs = inputs;
        }

        @Override
        public void call() throws Throwable {
            NDArray r = producer.get();
            if (last != null) {
                last.close();
            }
            last = r;
        }

        @Override
        public double digest() {
            return digestOf(last);
        }

        @Override
        public void close() {
            closeAll(inputs);
            if (last != null) {
                last.close();
            }
        }
    }

    /** A call that returns an array or a Java number (the Linalg functions, found at run time). */
    private static final class AnyResult implements Prepared {
        private final AnyProducer producer;
        private final NDArray[] inputs;
        private Object last;

        AnyResult(AnyProducer producer, NDArray... inputs) {
            this.producer = producer;
            this.inputs = inputs;
        }

        @Override
        public void call() throws Throwable {
            Object r = producer.get();
            if (last instanceof NDArray a) {
                a.close();
            }
            last = r;
        }

        @Override
        public double digest() {
            return last instanceof NDArray a ? digestOf(a) : ((Number) last).doubleValue();
        }

        @Override
        public void close() {
            closeAll(inputs);
            if (last instanceof NDArray a) {
                a.close();
            }
        }
    }
}
