package io.github.ndarray;

import io.github.ndarray.broadcasting.Broadcast;
import io.github.ndarray.broadcasting.Shapes;
import io.github.ndarray.spi.Backends;
import io.github.ndarray.spi.JavaFunctionLoops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A ufunc made from a Java function, applied once per element: what Numba's {@code @vectorize}
 * gives a Python user, with the JVM's JIT as the compiler. Calls broadcast their operands, take
 * Java numbers as operands, write into {@code out=} (same-kind casting, as NumPy), and run on all
 * of the CPU backend's threads; the result's elements depend only on their inputs, so the thread
 * count never changes them. The float64 forms ({@link #of}) cast every input to float64, the
 * int64 forms ({@link #ofLong}) accept only inputs that cast to int64 safely (bool and integers).
 *
 * {@snippet :
 * JavaUfunc relDiff = JavaUfunc.of("rel_diff", (x, y) -> 2 * (x - y) / (x + y));
 * NDArray r = relDiff.call(ND.arange(1, 4), ND.ones(3, 1));     // (3, 3) float64, broadcast
 * JavaUfunc collatz = JavaUfunc.ofLong("collatz", n -> n % 2 == 0 ? n / 2 : 3 * n + 1);
 * NDArray next = collatz.call(ND.arange(1, 11));                // int64
 * }
 *
 * <p>Only backends whose memory Java code reads run Java functions (the CPU's); on another
 * device a call throws {@link UnsupportedOperationException} naming it. The function may run on
 * several threads at once, so it must not depend on shared mutable state.
 */
public final class JavaUfunc {
    private final String name;
    private final DType dtype;
    private final int nin;
    private final Object function;

    private JavaUfunc(String name, DType dtype, int nin, Object function) {
        this.name = Objects.requireNonNull(name, "name");
        this.dtype = dtype;
        this.nin = nin;
        this.function = Objects.requireNonNull(function, "function");
    }

    /**
     * A one-input float64 ufunc.
     *
     * @param name for messages and {@link #toString()}
     * @param f the per-element function
     * @return the ufunc
     */
    public static JavaUfunc of(String name, DoubleUnaryOperator f) {
        return new JavaUfunc(name, DType.FLOAT64, 1, f);
    }

    /**
     * A two-input float64 ufunc.
     *
     * @param name for messages and {@link #toString()}
     * @param f the per-element function
     * @return the ufunc
     */
    public static JavaUfunc of(String name, DoubleBinaryOperator f) {
        return new JavaUfunc(name, DType.FLOAT64, 2, f);
    }

    /**
     * A one-input int64 ufunc.
     *
     * @param name for messages and {@link #toString()}
     * @param f the per-element function
     * @return the ufunc
     */
    public static JavaUfunc ofLong(String name, LongUnaryOperator f) {
        return new JavaUfunc(name, DType.INT64, 1, f);
    }

    /**
     * A two-input int64 ufunc.
     *
     * @param name for messages and {@link #toString()}
     * @param f the per-element function
     * @return the ufunc
     */
    public static JavaUfunc ofLong(String name, LongBinaryOperator f) {
        return new JavaUfunc(name, DType.INT64, 2, f);
    }

    /** {@return the name given at creation} */
    public String name() {
        return name;
    }

    /** {@return the number of inputs} */
    public int nin() {
        return nin;
    }

    /** {@return the dtype of the inputs as the function sees them and of the result} */
    public DType dtype() {
        return dtype;
    }

    /**
     * Applies the function to the operands' elements, broadcast together.
     *
     * @param operands {@link #nin()} arrays or Java numbers
     * @return a new array of {@link #dtype()}
     * @throws IllegalArgumentException if the count or a dtype is wrong, the shapes do not
     *     broadcast, or the operands are on different devices
     */
    public NDArray call(Object... operands) {
        return run(null, operands);
    }

    /**
     * Applies the function, writing into {@code out} ({@code out=} in NumPy): the operands broadcast
     * to out's shape, and the result casts to out's dtype under NumPy's same-kind rule.
     *
     * @param out where the result goes
     * @param operands {@link #nin()} arrays or Java numbers
     * @return {@code out}
     * @throws IllegalArgumentException as {@link #call}, or if the result does not fit out's shape or dtype
     */
    public NDArray callInto(NDArray out, Object... operands) {
        return run(Objects.requireNonNull(out, "out"), operands);
    }

    private NDArray run(NDArray out, Object[] operands) {
        if (operands.length != nin) {
            throw new IllegalArgumentException(name + "() takes " + nin + " operands, got " + operands.length);
        }
        Device device = Elementwise.commonDevice(operands, out, null);
        List<NDArray> temps = new ArrayList<>(2 * nin + 1);
        try {
            NDArray[] in = new NDArray[nin];
            long[][] shapes = new long[nin][];
            for (int i = 0; i < nin; i++) {
                checkInput(operands[i]);
                in[i] = Elementwise.asArray(operands[i], dtype);
                if (in[i] != operands[i]) {
                    temps.add(in[i]);
                }
                shapes[i] = in[i].shape();
            }
            long[] shape = Broadcast.shape(shapes);
            if (out != null) {
                long[] withOut = Broadcast.shape(shape, out.shape());
                if (!Arrays.equals(withOut, out.shape())) {
                    throw new IllegalArgumentException("non-broadcastable output operand with shape "
                            + Shapes.format(out.shape()) + " doesn't match the broadcast shape " + Shapes.format(withOut));
                }
                shape = withOut;
                Elementwise.checkSameKind(dtype, out.dtype());
                out.checkWriteable();
            }
            JavaFunctionLoops loops = Capabilities.require(Backends.of(device), device, JavaFunctionLoops.class,
                    "JavaUfunc " + name);
            NDArray target = out != null && out.dtype() == dtype ? out : NDArray.allocateUninitialized(device, dtype, shape);
            if (target != out && out != null) {
                temps.add(target);
            }
            NDArray[] args = new NDArray[nin];
            for (int i = 0; i < nin; i++) {
                args[i] = in[i].hasShape(shape) ? in[i] : in[i].broadcastTo(shape);
                if (args[i] != in[i]) {
                    temps.add(args[i]);
                }
                if (Elementwise.overlapsHarmfully(args[i], target)) {
                    args[i] = args[i].copy();
                    temps.add(args[i]);
                }
            }
            try (Hold h = Hold.of(args, new NDArray[] {target}, null)) {
                apply(loops, args, target);
            }
            if (out != null && target != out) {
                out.assign(target);
                return out;
            }
            return target;
        } finally {
            for (NDArray t : temps) {
                t.close();
            }
        }
    }

    /** An int64 function takes only what casts to int64 safely: bool and integers, never floats. */
    private void checkInput(Object operand) {
        if (dtype != DType.INT64) {
            return;
        }
        boolean fits = operand instanceof NDArray a ? a.dtype().canCastSafely(DType.INT64)
                : !(operand instanceof Double || operand instanceof Float);
        if (!fits) {
            String what = operand instanceof NDArray a ? a.dtype().toString() : "a Java " + operand.getClass().getSimpleName();
            throw new IllegalArgumentException("JavaUfunc " + name + " takes int64: cannot cast " + what
                    + " to int64 safely");
        }
    }

    private void apply(JavaFunctionLoops loops, NDArray[] args, NDArray target) {
        switch (function) {
            case DoubleUnaryOperator f -> loops.map(f, args[0], target);
            case DoubleBinaryOperator f -> loops.map(f, args[0], args[1], target);
            case LongUnaryOperator f -> loops.map(f, args[0], target);
            case LongBinaryOperator f -> loops.map(f, args[0], args[1], target);
            default -> throw new IllegalStateException("unexpected function type " + function.getClass());
        }
    }

    @Override
    public String toString() {
        return "<JavaUfunc '" + name + "' (" + nin + " in, " + dtype + ")>";
    }
}
