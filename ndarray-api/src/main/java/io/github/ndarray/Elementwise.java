package io.github.ndarray;

import io.github.ndarray.broadcasting.Broadcast;
import io.github.ndarray.broadcasting.Shapes;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one ufunc call the way NumPy does: weak scalars, loop resolution, casting inputs to
 * the loop's types, broadcasting, {@code out=} (same-kind casting) and {@code where=}, then
 * hands the prepared operands to the backend.
 */
final class Elementwise {
    private Elementwise() {
    }

    static NDArray call(Ufunc op, Object[] operands, NDArray out, NDArray where) {
        if (operands.length != op.nin()) {
            throw new IllegalArgumentException(op.name() + "() takes " + op.nin() + " operands, got " + operands.length);
        }
        Device device = commonDevice(operands, out, where);
        DType[] types = inputTypes(operands, op.comparesByValue());
        Ufunc.Loop loop = op.resolve(types);
        checkIntegerScalarsFit(operands, loop);
        List<NDArray> temps = new ArrayList<>(8);
        NDArray result = null;
        try {
            NDArray[] in = new NDArray[operands.length];
            for (int i = 0; i < in.length; i++) {
                in[i] = asArray(operands[i], loop.in().get(i));
                if (in[i] != operands[i]) {
                    temps.add(in[i]);
                }
            }
            long[] shape = broadcastShape(in);
            if (where != null) {
                shape = Broadcast.shape(shape, where.shape());
            }
            if (out != null && !out.hasShape(shape)) {
                // The inputs broadcast to out's shape; out itself is never stretched.
                long[] withOut = Broadcast.shape(shape, out.shape());
                if (!java.util.Arrays.equals(withOut, out.shape())) {
                    throw new IllegalArgumentException("non-broadcastable output operand with shape "
                            + Shapes.format(out.shape()) + " doesn't match the broadcast shape " + Shapes.format(withOut));
                }
                shape = withOut;
            }
            if (out != null) {
                checkSameKind(loop.out(), out.dtype());
                out.checkWriteable();
            }
            NDArray mask = null;
            if (where != null) {
                if (where.dtype() != DType.BOOL) {
                    throw new IllegalArgumentException("where= must be a bool array, got " + where.dtype());
                }
                mask = where.broadcastTo(shape);
                temps.add(mask);
            }
            // With where= and no out=, the masked-out elements read 0 (NumPy leaves them uninitialized).
            NDArray target = out != null && out.dtype() == loop.out() ? out
                    : mask == null ? NDArray.allocateUninitialized(device, loop.out(), shape)
                    : NDArray.allocate(device, loop.out(), shape);
            if (target != out && out != null) {
                temps.add(target);
            } else if (out == null) {
                result = target;
            }
            if (mask != null && mask.storage() == target.storage()) {
                // The mask must be read as it was before any output element is written.
                mask = mask.copy();
                temps.add(mask);
            }
            NDArray[] args = new NDArray[in.length];
            for (int i = 0; i < in.length; i++) {
                // An operand that already has the result's shape is used as it is (no view needed).
                args[i] = in[i].ndim() == shape.length && in[i].hasShape(shape) ? in[i] : in[i].broadcastTo(shape);
                if (args[i] != in[i]) {
                    temps.add(args[i]);
                }
                if (overlapsHarmfully(args[i], target)) {
                    args[i] = args[i].copy();
                    temps.add(args[i]);
                }
            }
            target.backend().elementwise(op, loop, args, new NDArray[] {target}, mask);
            if (out != null && target != out) {
                if (mask == null) {
                    out.backend().cast(target, out);
                } else {
                    // Only the masked-in elements may change: select between the result and out itself.
                    NDArray converted = target.astype(out.dtype());
                    temps.add(converted);
                    Ufunc.WHERE.callInto(out, null, mask, converted, out);
                }
                return out;
            }
            return target;
        } catch (RuntimeException | Error e) {
            if (result != null) {
                result.close(); // an operand closed by another thread meanwhile, say
            }
            throw e;
        } finally {
            for (NDArray t : temps) {
                t.close();
            }
        }
    }

    /** The inputs' broadcast shape; the common case of equal shapes is checked without copies. */
    private static long[] broadcastShape(NDArray[] in) {
        long[] first = in[0].shape();
        boolean same = true;
        for (int i = 1; i < in.length && same; i++) {
            same = in[i].hasShape(first);
        }
        if (same) {
            return first;
        }
        long[][] shapes = new long[in.length][];
        for (int i = 0; i < in.length; i++) {
            shapes[i] = in[i].shape();
        }
        return Broadcast.shape(shapes);
    }

    /** An input sharing memory with the output is safe only when it is read at the same element. */
    static boolean overlapsHarmfully(NDArray in, NDArray out) {
        if (out == null || in.storage() != out.storage()) {
            return false;
        }
        return !(in.elementOffset() == out.elementOffset()
                && java.util.Arrays.equals(in.elementStrides(), out.elementStrides()));
    }

    /** NumPy's default {@code casting='same_kind'} for outputs. */
    static void checkSameKind(DType from, DType to) {
        if (from.canCastSafely(to)) {
            return;
        }
        // Kinds in NumPy's order b < u < i < f: same_kind allows any cast that does not go down it.
        boolean ok = switch (from.kind()) {
            case BOOL -> true;
            case UNSIGNED -> to.isInteger() || to.isFloating();
            case SIGNED -> to.kind() == DType.Kind.SIGNED || to.isFloating();
            case FLOAT -> to.isFloating();
        };
        if (!ok) {
            throw new IllegalArgumentException("Cannot cast ufunc output from dtype('" + from + "') to dtype('"
                    + to + "') with casting rule 'same_kind'");
        }
    }

    /**
     * The dtypes the loop is chosen by: arrays' own; scalars weak against the arrays' promotion.
     * An operand may also be a {@link DType}, standing for an array of that dtype (fused
     * expressions resolve their steps before any array exists).
     */
    static DType[] inputTypes(Object[] operands, boolean comparesByValue) {
        DType arrays = null;
        for (Object o : operands) {
            DType t = o instanceof NDArray a ? a.dtype() : o instanceof DType d ? d : null;
            if (t != null) {
                arrays = arrays == null ? t : DType.promote(arrays, t);
            }
        }
        DType[] types = new DType[operands.length];
        for (int i = 0; i < operands.length; i++) {
            types[i] = scalarOrArrayType(operands[i], arrays, comparesByValue);
        }
        return types;
    }

    private static DType scalarOrArrayType(Object o, DType arrays, boolean comparesByValue) {
        if (o instanceof NDArray a) {
            return a.dtype();
        }
        if (o instanceof DType d) {
            return d;
        }
        if (o instanceof Boolean) {
            return arrays == null ? DType.BOOL : arrays.withWeakScalar(true);
        }
        if (o instanceof Double || o instanceof Float) {
            return arrays == null ? DType.FLOAT64 : arrays.withWeakScalar(((Number) o).doubleValue());
        }
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            long v = ((Number) o).longValue();
            if (arrays != null && arrays.isInteger() && !arrays.fits(v)) {
                // NumPy 2 compares an out-of-range int with the array by value; other ops check it against
                // the loop chosen as if it fitted (checkIntegerScalarsFit): int8 + 300 is refused, but
                // int8 / 300 runs the float64 loop.
                return comparesByValue ? DType.INT64 : arrays;
            }
            return arrays == null ? DType.INT64 : arrays.withWeakScalar(v);
        }
        throw new IllegalArgumentException("operand must be an NDArray or a Java number or boolean, got "
                + (o == null ? "null" : o.getClass().getName()));
    }

    /** Refuses a Java integer that the chosen loop's integer input type cannot hold (NumPy 2's OverflowError). */
    static void checkIntegerScalarsFit(Object[] operands, Ufunc.Loop loop) {
        for (int i = 0; i < operands.length; i++) {
            if (operands[i] instanceof Number n && !(n instanceof Double || n instanceof Float)) {
                checkScalarFits(n, loop.in().get(i));
            }
        }
    }

    /**
     * Refuses a Java scalar that an integer array cannot hold, as NumPy 2's setitem does: an
     * integer out of the type's range, NaN or infinity, a float whose truncation is out of range.
     *
     * @throws IllegalArgumentException if the value does not fit
     */
    static void checkScalarFits(Object value, DType target) {
        if (!target.isInteger()) {
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("cannot convert float " + d + " to integer");
            }
            double t = d < 0 ? Math.ceil(d) : Math.floor(d);
            if (t < -0x1p63 || t >= 0x1p63 || !target.fits((long) t)) {
                throw new IllegalArgumentException("float " + d + " out of bounds for " + target);
            }
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            long v = ((Number) value).longValue();
            if (!target.fits(v)) {
                throw new IllegalArgumentException("Python integer " + v + " out of bounds for " + target);
            }
        }
    }

    /**
     * The operand as an array of {@code dtype}: the array itself when it already is one, else a
     * cast copy on its device, or for a Java scalar a 0-d host array holding it. A scalar stays
     * on the host whatever the device computing: backends take it by value (see
     * {@link io.github.ndarray.spi.Backend}), so no per-call copy to a device is made.
     */
    static NDArray asArray(Object o, DType dtype) {
        if (o instanceof NDArray a) {
            a.checkOpen();
            return a.dtype() == dtype ? a : a.astype(dtype);
        }
        NDArray host = NDArray.allocate(Device.cpu(), dtype);
        if (o instanceof Boolean b) {
            host.setLong(b ? 1 : 0);
        } else if (o instanceof Double || o instanceof Float) {
            host.setDouble(((Number) o).doubleValue());
        } else if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            host.setLong(((Number) o).longValue());
        } else {
            host.close();
            throw new IllegalArgumentException("value must be an NDArray or a Java number or boolean, got "
                    + (o == null ? "null" : o.getClass().getName()));
        }
        return host;
    }

    static Device commonDevice(Object[] operands, NDArray out, NDArray where) {
        NDArray first = null;
        for (Object o : operands) {
            if (o instanceof NDArray a) {
                first = sameDevice(first, a);
            }
        }
        first = out == null ? first : sameDevice(first, out);
        first = where == null ? first : sameDevice(first, where);
        return first == null ? Device.cpu() : first.device();
    }

    /** Checks {@code a} is open and on {@code first}'s device; returns the first array seen. */
    private static NDArray sameDevice(NDArray first, NDArray a) {
        a.checkOpen();
        if (first != null) {
            checkSameDevice(first, a);
            return first;
        }
        return a;
    }


    /**
     * @throws IllegalArgumentException naming both devices if they differ
     */
    static void checkSameDevice(NDArray a, NDArray b) {
        if (!a.device().equals(b.device())) {
            throw new IllegalArgumentException("operands are on different devices: " + a.device() + " and "
                    + b.device() + "; move one with to(Device)");
        }
    }
}
