package io.github.ndarray.cpu;

import static io.github.ndarray.cpu.SimdKernels.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * int64 elementwise loops, a template specialized per op by {@link SimdKernels} (see
 * {@link LoopF64} for the layouts and the masked last step). Integer arithmetic wraps like C;
 * the scalar loop computes in long and narrows on store, which wraps the same way.
 *
 * <p>{@link LoopI32}, {@link LoopI16} and {@link LoopI8} are this file with the narrower type
 * (int8 also serves uint8 through the unsigned ops); keep them in step.
 */
@SuppressWarnings("cast") // the casts to long are the ones the narrower copies need
final class LoopI64 implements StripKernel {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int W = Long.BYTES;
    private static final ValueLayout.OfLong E = ValueLayout.JAVA_LONG_UNALIGNED;
    /** The type's bits, to compare as unsigned in the scalar loop. */
    private static final long BITS = -1L;
    private static final ByteOrder O = ByteOrder.nativeOrder();
    private static final int OP = SimdKernels.opOf(MethodHandles.lookup());
    private static final VectorOperators.Binary BINARY = binaryOperator(OP);
    private static final VectorOperators.Comparison COMPARISON = comparison(OP);
    private static final VectorOperators.Unary UNARY = unaryOperator(OP);

    LoopI64() {
    }

    @Override
    public void run(MemorySegment[] s, long[] off, long[] st, long n) {
        if (isUnary(OP)) {
            unary(s[0], off[0], st[0], s[1], off[1], st[1], n);
        } else {
            binary(s[0], off[0], st[0], s[1], off[1], st[1], s[2], off[2], st[2], n);
        }
    }

    private static LongVector load(MemorySegment m, long i) {
        return LongVector.fromMemorySegment(S, m, i * W, O);
    }

    private static void store(MemorySegment m, long i, LongVector v) {
        v.intoMemorySegment(m, i * W, O);
    }

    private static LongVector load(MemorySegment m, long i, VectorMask<Long> k) {
        return LongVector.fromMemorySegment(S, m, i * W, O, k);
    }

    private static void store(MemorySegment m, long i, LongVector v, VectorMask<Long> k) {
        v.intoMemorySegment(m, i * W, O, k);
    }

    private static void binary(MemorySegment a, long ia, long sa, MemorySegment b, long ib, long sb,
            MemorySegment c, long ic, long sc, long n) {
        long i = 0;
        if (sc == 1) {
            long end = S.loopBound(n);
            boolean pred = isPredicate(OP);
            if (sa == 1 && sb == 1) {
                for (; i < end; i += L) {
                    LongVector x = load(a, ia + i);
                    LongVector y = load(b, ib + i);
                    if (pred) {
                        LoopMasks.store(c, ic + i, x.compare(COMPARISON, y).toLong(), L);
                    } else {
                        store(c, ic + i, apply(x, y));
                    }
                }
                if (!pred && i < n) {
                    VectorMask<Long> k = S.indexInRange(i, n);
                    store(c, ic + i, apply(load(a, ia + i, k), load(b, ib + i, k)), k);
                    i = n;
                }
            } else if (sa == 1 && sb == 0) {
                LongVector y = LongVector.broadcast(S, b.getAtIndex(E, ib));
                for (; i < end; i += L) {
                    LongVector x = load(a, ia + i);
                    if (pred) {
                        LoopMasks.store(c, ic + i, x.compare(COMPARISON, y).toLong(), L);
                    } else {
                        store(c, ic + i, apply(x, y));
                    }
                }
                if (!pred && i < n) {
                    VectorMask<Long> k = S.indexInRange(i, n);
                    store(c, ic + i, apply(load(a, ia + i, k), y), k);
                    i = n;
                }
            } else if (sa == 0 && sb == 1) {
                LongVector x = LongVector.broadcast(S, a.getAtIndex(E, ia));
                for (; i < end; i += L) {
                    LongVector y = load(b, ib + i);
                    if (pred) {
                        LoopMasks.store(c, ic + i, x.compare(COMPARISON, y).toLong(), L);
                    } else {
                        store(c, ic + i, apply(x, y));
                    }
                }
                if (!pred && i < n) {
                    VectorMask<Long> k = S.indexInRange(i, n);
                    store(c, ic + i, apply(x, load(b, ib + i, k)), k);
                    i = n;
                }
            }
        }
        if (isPredicate(OP)) {
            for (; i < n; i++) {
                c.set(ValueLayout.JAVA_BYTE, ic + i * sc, (byte) (test(a.getAtIndex(E, ia + i * sa),
                        b.getAtIndex(E, ib + i * sb)) ? 1 : 0));
            }
        } else {
            for (; i < n; i++) {
                c.setAtIndex(E, ic + i * sc, (long) apply(a.getAtIndex(E, ia + i * sa), b.getAtIndex(E, ib + i * sb)));
            }
        }
    }

    private static void unary(MemorySegment a, long ia, long sa, MemorySegment c, long ic, long sc, long n) {
        long i = 0;
        if (sa == 1 && sc == 1) {
            long end = S.loopBound(n);
            for (; i < end; i += L) {
                store(c, ic + i, apply(load(a, ia + i)));
            }
            if (i < n) {
                VectorMask<Long> k = S.indexInRange(i, n);
                store(c, ic + i, apply(load(a, ia + i, k)), k);
                i = n;
            }
        }
        for (; i < n; i++) {
            c.setAtIndex(E, ic + i * sc, (long) apply(a.getAtIndex(E, ia + i * sa)));
        }
    }

    private static LongVector apply(LongVector x, LongVector y) {
        return switch (OP) {
            case MAXIMUM, FMAX -> x.max(y);
            case MINIMUM, FMIN -> x.min(y);
            default -> x.lanewise(BINARY, y);
        };
    }

    private static long apply(long x, long y) {
        return switch (OP) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case MAXIMUM, FMAX -> Math.max(x, y);
            case MINIMUM, FMIN -> Math.min(x, y);
            case AND -> x & y;
            case OR -> x | y;
            case XOR -> x ^ y;
            case UMAX -> Long.compareUnsigned(x & BITS, y & BITS) >= 0 ? x : y;
            case UMIN -> Long.compareUnsigned(x & BITS, y & BITS) <= 0 ? x : y;
            default -> throw new AssertionError(OP);
        };
    }

    private static boolean test(long x, long y) {
        return switch (OP) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            case ULT -> Long.compareUnsigned(x & BITS, y & BITS) < 0;
            case ULE -> Long.compareUnsigned(x & BITS, y & BITS) <= 0;
            case UGT -> Long.compareUnsigned(x & BITS, y & BITS) > 0;
            case UGE -> Long.compareUnsigned(x & BITS, y & BITS) >= 0;
            default -> throw new AssertionError(OP);
        };
    }

    private static LongVector apply(LongVector x) {
        return switch (OP) {
            case SQUARE -> x.mul(x);
            case COPY -> x;
            default -> x.lanewise(UNARY);
        };
    }

    private static long apply(long x) {
        return switch (OP) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case COPY -> x;
            case NOT -> ~x;
            default -> throw new AssertionError(OP);
        };
    }
}
