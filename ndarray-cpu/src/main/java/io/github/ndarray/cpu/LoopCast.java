package io.github.ndarray.cpu;

import static io.github.ndarray.cpu.SimdKernels.T_BOOL;
import static io.github.ndarray.cpu.SimdKernels.T_FLOAT32;
import static io.github.ndarray.cpu.SimdKernels.T_FLOAT64;
import static io.github.ndarray.cpu.SimdKernels.T_INT16;
import static io.github.ndarray.cpu.SimdKernels.T_INT32;
import static io.github.ndarray.cpu.SimdKernels.T_INT64;
import static io.github.ndarray.cpu.SimdKernels.T_INT8;
import static io.github.ndarray.cpu.SimdKernels.T_UINT8;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element conversion ({@code astype}) between two dtypes, a template specialized per (from, to)
 * pair by {@link SimdKernels#cast} ({@link #CODE} = from * 8 + to, the type codes of
 * {@link SimdKernels}). Semantics are {@link Casts}': C casts, float to integer through long
 * (truncating toward zero, then wrapping to the width), nonzero to bool.
 *
 * <p>Contiguous pairs convert {@code N} lanes at a time through one or two Vector API
 * conversions ({@link SimdKernels#castSteps}); other strides, and pairs without a vector form
 * on this machine, run a typed scalar loop.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class LoopCast implements StripKernel {
    private static final int CODE = SimdKernels.opOf(MethodHandles.lookup());
    private static final int FROM = CODE < 0 ? 0 : CODE / 8;
    private static final int TO = CODE < 0 ? 0 : CODE % 8;
    private static final SimdKernels.CastSteps STEPS = SimdKernels.castSteps(FROM, TO);
    private static final boolean VECTOR = STEPS != null;
    private static final VectorSpecies IN = VECTOR ? STEPS.in() : null;
    private static final VectorSpecies MID = VECTOR ? STEPS.mid() : null;
    private static final VectorSpecies OUT = VECTOR ? STEPS.out() : null;
    private static final VectorOperators.Conversion FIRST = VECTOR ? STEPS.first() : null;
    private static final VectorOperators.Conversion SECOND = VECTOR ? STEPS.second() : null;
    private static final int N = VECTOR ? IN.length() : 1;
    private static final int WIN = SimdKernels.typeSize(FROM);
    private static final int WOUT = SimdKernels.typeSize(TO);
    private static final ByteOrder O = ByteOrder.nativeOrder();
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    LoopCast() {
    }

    @Override
    public void run(MemorySegment[] s, long[] off, long[] st, long n) {
        MemorySegment a = s[0];
        MemorySegment c = s[1];
        long ia = off[0];
        long ic = off[1];
        long sa = st[0];
        long sc = st[1];
        long i = 0;
        if (VECTOR && sa == 1 && sc == 1) {
            long end = n - n % N;
            for (; i < end; i += N) {
                Vector v = IN.fromMemorySegment(a, (ia + i) * WIN, O);
                if (TO == T_BOOL) {
                    LoopMasks.store(c, ic + i, v.compare(VectorOperators.NE, 0).toLong(), N);
                } else {
                    Vector w = v.convertShape(FIRST, MID, 0);
                    if (SECOND != null) {
                        w = w.convertShape(SECOND, OUT, 0);
                    }
                    w.intoMemorySegment(c, (ic + i) * WOUT, O);
                }
            }
        }
        boolean floating = FROM == T_FLOAT32 || FROM == T_FLOAT64;
        for (; i < n; i++) {
            long x = ia + i * sa;
            long y = ic + i * sc;
            if (floating) {
                double v = FROM == T_FLOAT64 ? a.getAtIndex(DOUBLE, x) : a.getAtIndex(FLOAT, x);
                switch (TO) {
                    case T_BOOL -> c.set(ValueLayout.JAVA_BYTE, y, (byte) (v != 0 ? 1 : 0));
                    case T_FLOAT32 -> c.setAtIndex(FLOAT, y, (float) v);
                    case T_FLOAT64 -> c.setAtIndex(DOUBLE, y, v);
                    default -> put(c, y, (long) v);
                }
            } else {
                put(c, y, get(a, x));
            }
        }
    }

    /** An integer or bool element as a long (uint8 zero-extended, the others sign-extended). */
    private static long get(MemorySegment m, long i) {
        return switch (FROM) {
            case T_BOOL, T_INT8 -> m.get(ValueLayout.JAVA_BYTE, i);
            case T_UINT8 -> m.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            case T_INT16 -> m.getAtIndex(SHORT, i);
            case T_INT32 -> m.getAtIndex(INT, i);
            case T_INT64 -> m.getAtIndex(LONG, i);
            default -> throw new AssertionError(FROM);
        };
    }

    /** Stores a long as the target type: integers wrap, floats round once, bool is nonzero. */
    private static void put(MemorySegment m, long i, long v) {
        switch (TO) {
            case T_BOOL -> m.set(ValueLayout.JAVA_BYTE, i, (byte) (v != 0 ? 1 : 0));
            case T_INT8, T_UINT8 -> m.set(ValueLayout.JAVA_BYTE, i, (byte) v);
            case T_INT16 -> m.setAtIndex(SHORT, i, (short) v);
            case T_INT32 -> m.setAtIndex(INT, i, (int) v);
            case T_INT64 -> m.setAtIndex(LONG, i, v);
            case T_FLOAT32 -> m.setAtIndex(FLOAT, i, (float) v);
            case T_FLOAT64 -> m.setAtIndex(DOUBLE, i, (double) v);
            default -> throw new AssertionError(TO);
        }
    }
}
