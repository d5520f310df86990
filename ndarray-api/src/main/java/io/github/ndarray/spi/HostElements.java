package io.github.ndarray.spi;

import io.github.ndarray.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads and writes single elements of host memory by dtype, converting as C casts do:
 * floats to integers truncate toward zero, integers wrap to the target width, bool is
 * nonzero. The slow, general path: kernels use typed loops instead.
 */
public final class HostElements {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private HostElements() {
    }

    /**
     * Reads an element as a double.
     *
     * @param s the memory
     * @param t the element type
     * @param i the element index
     * @return the element as a double
     */
    public static double getDouble(MemorySegment s, DType t, long i) {
        return switch (t) {
            case BOOL, INT8 -> s.get(ValueLayout.JAVA_BYTE, i);
            case UINT8 -> s.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            case INT16 -> s.getAtIndex(SHORT, i);
            case INT32 -> s.getAtIndex(INT, i);
            case INT64 -> s.getAtIndex(LONG, i);
            case FLOAT32 -> s.getAtIndex(FLOAT, i);
            case FLOAT64 -> s.getAtIndex(DOUBLE, i);
        };
    }

    /**
     * Reads an element as a long.
     *
     * @param s the memory
     * @param t the element type
     * @param i the element index
     * @return the element as a long; floats truncate toward zero
     */
    public static long getLong(MemorySegment s, DType t, long i) {
        return switch (t) {
            case BOOL, INT8 -> s.get(ValueLayout.JAVA_BYTE, i);
            case UINT8 -> s.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            case INT16 -> s.getAtIndex(SHORT, i);
            case INT32 -> s.getAtIndex(INT, i);
            case INT64 -> s.getAtIndex(LONG, i);
            case FLOAT32 -> (long) s.getAtIndex(FLOAT, i);
            case FLOAT64 -> (long) s.getAtIndex(DOUBLE, i);
        };
    }

    /**
     * Stores a double, converting to the element type.
     *
     * @param s the memory
     * @param t the element type
     * @param i the element index
     * @param v the value
     */
    public static void setDouble(MemorySegment s, DType t, long i, double v) {
        switch (t) {
            case BOOL -> s.set(ValueLayout.JAVA_BYTE, i, (byte) (v != 0 ? 1 : 0));
            case FLOAT32 -> s.setAtIndex(FLOAT, i, (float) v);
            case FLOAT64 -> s.setAtIndex(DOUBLE, i, v);
            default -> setLong(s, t, i, (long) v);
        }
    }

    /**
     * Stores a long, converting to the element type (integers wrap).
     *
     * @param s the memory
     * @param t the element type
     * @param i the element index
     * @param v the value
     */
    public static void setLong(MemorySegment s, DType t, long i, long v) {
        switch (t) {
            case BOOL -> s.set(ValueLayout.JAVA_BYTE, i, (byte) (v != 0 ? 1 : 0));
            case INT8, UINT8 -> s.set(ValueLayout.JAVA_BYTE, i, (byte) v);
            case INT16 -> s.setAtIndex(SHORT, i, (short) v);
            case INT32 -> s.setAtIndex(INT, i, (int) v);
            case INT64 -> s.setAtIndex(LONG, i, v);
            case FLOAT32 -> s.setAtIndex(FLOAT, i, (float) v);
            case FLOAT64 -> s.setAtIndex(DOUBLE, i, (double) v);
        }
    }
}
