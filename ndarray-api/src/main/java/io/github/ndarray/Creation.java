package io.github.ndarray;

import io.github.ndarray.spi.HostElements;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** Builds host arrays from Java arrays and fills ranges; the data side of {@link ND}'s creation functions. */
final class Creation {
    private Creation() {
    }

    /** The dtype of a Java array's leaf elements: same width and kind as the Java type. */
    static DType leafType(Class<?> leaf) {
        if (leaf == double.class || leaf == Double.class) {
            return DType.FLOAT64;
        } else if (leaf == float.class || leaf == Float.class) {
            return DType.FLOAT32;
        } else if (leaf == long.class || leaf == Long.class) {
            return DType.INT64;
        } else if (leaf == int.class || leaf == Integer.class) {
            return DType.INT32;
        } else if (leaf == short.class || leaf == Short.class) {
            return DType.INT16;
        } else if (leaf == byte.class || leaf == Byte.class) {
            return DType.INT8;
        } else if (leaf == boolean.class || leaf == Boolean.class) {
            return DType.BOOL;
        }
        throw new IllegalArgumentException("cannot make an array of " + leaf.getName());
    }

    /**
     * A host array from a (nested) Java array, which must be rectangular.
     *
     * @param data e.g. {@code double[][]} or {@code int[][][]}
     * @param dtype the dtype, or {@code null} for the Java type's own
     */
    static NDArray fromJava(Object data, DType dtype) {
        if (data == null || !data.getClass().isArray()) {
            throw new IllegalArgumentException("expected a Java array, got " + (data == null ? "null" : data.getClass().getName()));
        }
        List<Long> dims = new ArrayList<>();
        Object probe = data;
        Class<?> c = data.getClass();
        while (c.isArray()) {
            int len = Array.getLength(probe);
            dims.add((long) len);
            c = c.getComponentType();
            probe = len > 0 ? Array.get(probe, 0) : null;
            if (probe == null && c.isArray()) {
                // An empty outer array: inner dims are unknown; NumPy gives shape (0,) here too.
                break;
            }
        }
        Class<?> leaf = c;
        while (leaf.isArray()) {
            leaf = leaf.getComponentType();
        }
        DType natural = leafType(leaf);
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        NDArray out = NDArray.allocate(Device.cpu(), dtype == null ? natural : dtype, shape);
        MemorySegment seg = out.hostSegment();
        if (out.size() > 0) {
            fill(data, 0, shape, seg, out.dtype(), new long[] {0});
        }
        return out;
    }

    private static void fill(Object data, int depth, long[] shape, MemorySegment seg, DType t, long[] pos) {
        int len = Array.getLength(data);
        if (len != shape[depth]) {
            throw new IllegalArgumentException("setting an array element with a sequence: the nested arrays are not "
                    + "rectangular (length " + len + " at depth " + depth + ", expected " + shape[depth] + ")");
        }
        if (depth == shape.length - 1) {
            if (data.getClass().getComponentType().isArray()) {
                throw new IllegalArgumentException("nested arrays are not rectangular");
            }
            ValueLayout same = sameLayout(data.getClass().getComponentType(), t);
            if (same != null) { // a row of the array's own type: one bulk copy, no boxing per element
                MemorySegment.copy(data, 0, seg, same, pos[0] * t.itemSize(), len);
                pos[0] += len;
                return;
            }
            for (int i = 0; i < len; i++) {
                store(Array.get(data, i), seg, t, pos[0]++);
            }
            return;
        }
        for (int i = 0; i < len; i++) {
            Object row = Array.get(data, i);
            if (row == null || !row.getClass().isArray()) {
                throw new IllegalArgumentException("nested arrays are not rectangular (null or scalar at depth " + (depth + 1) + ")");
            }
            fill(row, depth + 1, shape, seg, t, pos);
        }
    }

    /** {@return the memory layout of Java element type {@code c} when it is dtype {@code t}'s own, else null} */
    private static ValueLayout sameLayout(Class<?> c, DType t) {
        return switch (t) {
            case FLOAT64 -> c == double.class ? ValueLayout.JAVA_DOUBLE_UNALIGNED : null;
            case FLOAT32 -> c == float.class ? ValueLayout.JAVA_FLOAT_UNALIGNED : null;
            case INT64 -> c == long.class ? ValueLayout.JAVA_LONG_UNALIGNED : null;
            case INT32 -> c == int.class ? ValueLayout.JAVA_INT_UNALIGNED : null;
            case INT16 -> c == short.class ? ValueLayout.JAVA_SHORT_UNALIGNED : null;
            case INT8 -> c == byte.class ? ValueLayout.JAVA_BYTE : null;
            default -> null;
        };
    }

    private static void store(Object v, MemorySegment seg, DType t, long i) {
        if (v instanceof Boolean b) {
            HostElements.setLong(seg, t, i, b ? 1 : 0);
        } else if (v instanceof Double || v instanceof Float) {
            HostElements.setDouble(seg, t, i, ((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            HostElements.setLong(seg, t, i, n.longValue());
        } else {
            throw new IllegalArgumentException("cannot store " + v + " in an array");
        }
    }

    /** {@code np.arange} on integers: {@code start, start+step, ...} below (or above) {@code stop}. */
    static NDArray arange(long start, long stop, long step, DType dtype) {
        if (step == 0) {
            throw new IllegalArgumentException("arange: step must not be zero");
        }
        long n;
        try {
            n = Math.max(0, Math.ceilDiv(Math.subtractExact(stop, start), step));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("arange: Maximum allowed size exceeded");
        }
        NDArray out = NDArray.allocate(Device.cpu(), dtype, n);
        MemorySegment seg = out.hostSegment();
        for (long i = 0; i < n; i++) {
            HostElements.setLong(seg, dtype, i, start + i * step);
        }
        return out;
    }

    /** {@code np.arange} on floats: length {@code ceil((stop - start) / step)}, values as NumPy computes them. */
    static NDArray arange(double start, double stop, double step, DType dtype) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("arange: start, stop and step must be finite and step nonzero");
        }
        double len = Math.ceil((stop - start) / step);
        if (len > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("arange: maximum allowed size exceeded");
        }
        long n = Math.max(0, (long) len);
        NDArray out = NDArray.allocate(Device.cpu(), dtype, n);
        MemorySegment seg = out.hostSegment();
        // NumPy fills start + i*delta with delta = (start + step) - start, the step as rounded
        // at start's magnitude.
        double delta = (start + step) - start;
        for (long i = 0; i < n; i++) {
            HostElements.setDouble(seg, dtype, i, i == 0 ? start : start + i * delta);
        }
        return out;
    }

    /** {@code np.linspace}: {@code start + i*step}, the last value exactly {@code stop} with the endpoint. */
    static NDArray linspace(double start, double stop, long num, boolean endpoint, DType dtype) {
        if (num < 0) {
            throw new IllegalArgumentException("Number of samples, " + num + ", must be non-negative.");
        }
        long div = endpoint ? num - 1 : num;
        double delta = stop - start;
        double step = div > 0 ? delta / div : Double.NaN;
        NDArray out = NDArray.allocate(Device.cpu(), dtype, num);
        MemorySegment seg = out.hostSegment();
        for (long i = 0; i < num; i++) {
            double v = div > 0 ? (step == 0 ? i / (double) div * delta : i * step) + start : start;
            HostElements.setDouble(seg, dtype, i, v);
        }
        if (endpoint && num > 1) {
            HostElements.setDouble(seg, dtype, num - 1, stop);
        }
        return out;
    }

    /** {@code np.eye(n, m, k)}. */
    static NDArray eye(long n, long m, long k, DType dtype) {
        NDArray out = NDArray.allocate(Device.cpu(), dtype, n, m);
        MemorySegment seg = out.hostSegment();
        for (long i = 0; i < n; i++) {
            long j = i + k;
            if (j >= 0 && j < m) {
                HostElements.setLong(seg, dtype, i * m + j, 1);
            }
        }
        return out;
    }

    /** The host array moved to {@code device} (itself when that is the host); the host copy is closed. */
    static NDArray onDevice(NDArray host, Device device) {
        if (device.type() == Device.Type.CPU) {
            return host;
        }
        try (host) {
            return host.to(device);
        }
    }
}
