package io.github.ndarray.cpu;

import static io.github.ndarray.cpu.SimdKernels.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 elementwise loops, a template specialized per op by {@link SimdKernels} (one hidden
 * class per op, {@link #OP} its constant). Vector loops run when the output has stride 1 and
 * every input has stride 1 or is a stride-0 scalar; they end with one masked vector step, so
 * every element of such an operand gets the vector result whatever its position (no mask
 * inside the loop). A typed scalar loop serves other strides and the tail of bool results.
 * Arithmetic is NumPy's as {@link ScalarMath} defines it, bit for bit for the exact operations
 * (+ - * / sqrt, the extrema with their NaN rules, comparisons).
 *
 * <p>Transcendental functions go through the Vector API's lanewise operators, which compiled
 * code runs as SVML on x86 (measured against correctly rounded values: at most 0.78 ulp for
 * float64, 0.74 ulp for float32, the same as NumPy's float64 and better than its float32);
 * interpreted code, and the scalar loop, use {@link Math}, so the last bit of a transcendental
 * result may differ between a cold and a warm call, or between a strided and a contiguous
 * operand.
 *
 * <p>float32 arithmetic is done in float: for + - * / and sqrt that rounds exactly as computing
 * in double and rounding once (what the generic loops do), because double carries more than
 * 2 * 24 + 2 bits. Transcendental functions use the float SVML variants in the vector loop.
 *
 * <p>This file is {@link LoopF64} with float for double (a mechanical substitution); keep the
 * two in step.
 */
final class LoopF32 implements StripKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int W = Float.BYTES;
    private static final ValueLayout.OfFloat E = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder O = ByteOrder.nativeOrder();
    private static final int OP = SimdKernels.opOf(MethodHandles.lookup());
    private static final VectorOperators.Binary BINARY = binaryOperator(OP);
    private static final VectorOperators.Comparison COMPARISON = comparison(OP);
    private static final VectorOperators.Unary UNARY = unaryOperator(OP);
    private static final VectorOperators.Test TEST = testOperator(OP);

    LoopF32() {
    }

    @Override
    public void run(MemorySegment[] s, long[] off, long[] st, long n) {
        if (isUnary(OP)) {
            unary(s[0], off[0], st[0], s[1], off[1], st[1], n);
        } else {
            binary(s[0], off[0], st[0], s[1], off[1], st[1], s[2], off[2], st[2], n);
        }
    }

    private static FloatVector load(MemorySegment m, long i) {
        return FloatVector.fromMemorySegment(S, m, i * W, O);
    }

    private static void store(MemorySegment m, long i, FloatVector v) {
        v.intoMemorySegment(m, i * W, O);
    }

    private static FloatVector load(MemorySegment m, long i, VectorMask<Float> k) {
        return FloatVector.fromMemorySegment(S, m, i * W, O, k);
    }

    private static void store(MemorySegment m, long i, FloatVector v, VectorMask<Float> k) {
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
                    FloatVector x = load(a, ia + i);
                    FloatVector y = load(b, ib + i);
                    if (pred) {
                        LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
                    } else {
                        store(c, ic + i, apply(x, y));
                    }
                }
                if (!pred && i < n) {
                    VectorMask<Float> k = S.indexInRange(i, n);
                    store(c, ic + i, apply(load(a, ia + i, k), load(b, ib + i, k)), k);
                    i = n;
                }
            } else if (sa == 1 && sb == 0) {
                FloatVector y = FloatVector.broadcast(S, b.getAtIndex(E, ib));
                for (; i < end; i += L) {
                    FloatVector x = load(a, ia + i);
                    if (pred) {
                        LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
                    } else {
                        store(c, ic + i, apply(x, y));
                    }
                }
                if (!pred && i < n) {
                    VectorMask<Float> k = S.indexInRange(i, n);
                    store(c, ic + i, apply(load(a, ia + i, k), y), k);
                    i = n;
                }
            } else if (sa == 0 && sb == 1) {
                FloatVector x = FloatVector.broadcast(S, a.getAtIndex(E, ia));
                for (; i < end; i += L) {
                    FloatVector y = load(b, ib + i);
                    if (pred) {
                        LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
                    } else {
                        store(c, ic + i, apply(x, y));
                    }
                }
                if (!pred && i < n) {
                    VectorMask<Float> k = S.indexInRange(i, n);
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
                c.setAtIndex(E, ic + i * sc, apply(a.getAtIndex(E, ia + i * sa), b.getAtIndex(E, ib + i * sb)));
            }
        }
    }

    private static void unary(MemorySegment a, long ia, long sa, MemorySegment c, long ic, long sc, long n) {
        long i = 0;
        if (sa == 1 && sc == 1 && hasVector(OP)) {
            long end = S.loopBound(n);
            for (; i < end; i += L) {
                FloatVector x = load(a, ia + i);
                if (isPredicate(OP)) {
                    LoopMasks.store(c, ic + i, test(x).toLong(), L);
                } else {
                    store(c, ic + i, apply(x));
                }
            }
            if (!isPredicate(OP) && i < n) {
                VectorMask<Float> k = S.indexInRange(i, n);
                store(c, ic + i, apply(load(a, ia + i, k)), k);
                i = n;
            }
        }
        if (isPredicate(OP)) {
            for (; i < n; i++) {
                c.set(ValueLayout.JAVA_BYTE, ic + i * sc, (byte) (test(a.getAtIndex(E, ia + i * sa)) ? 1 : 0));
            }
        } else {
            for (; i < n; i++) {
                c.setAtIndex(E, ic + i * sc, apply(a.getAtIndex(E, ia + i * sa)));
            }
        }
    }

    private static FloatVector apply(FloatVector x, FloatVector y) {
        return switch (OP) {
            case MAXIMUM -> y.blend(x, x.compare(VectorOperators.GE, y).or(x.test(VectorOperators.IS_NAN)));
            case MINIMUM -> y.blend(x, x.compare(VectorOperators.LE, y).or(x.test(VectorOperators.IS_NAN)));
            case FMAX -> y.blend(x, x.compare(VectorOperators.GE, y).or(y.test(VectorOperators.IS_NAN)));
            case FMIN -> y.blend(x, x.compare(VectorOperators.LE, y).or(y.test(VectorOperators.IS_NAN)));
            default -> x.lanewise(BINARY, y);
        };
    }

    private static float apply(float x, float y) {
        return switch (OP) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAXIMUM -> (float) ScalarMath.maximum(x, y);
            case MINIMUM -> (float) ScalarMath.minimum(x, y);
            case FMAX -> (float) ScalarMath.fmax(x, y);
            case FMIN -> (float) ScalarMath.fmin(x, y);
            default -> throw new AssertionError(OP);
        };
    }

    private static VectorMask<Float> test(FloatVector x, FloatVector y) {
        return x.compare(COMPARISON, y);
    }

    private static boolean test(float x, float y) {
        return switch (OP) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            default -> throw new AssertionError(OP);
        };
    }

    private static FloatVector apply(FloatVector x) {
        return switch (OP) {
            case SQUARE -> x.mul(x);
            case COPY -> x;
            case RECIPROCAL -> FloatVector.broadcast(S, 1.0f).div(x);
            default -> x.lanewise(UNARY);
        };
    }

    private static float apply(float x) {
        return switch (OP) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case COPY -> x;
            case SQRT -> (float) Math.sqrt(x);
            case RECIPROCAL -> 1.0f / x;
            case EXP -> (float) Math.exp(x);
            case EXPM1 -> (float) Math.expm1(x);
            case LOG -> (float) Math.log(x);
            case LOG1P -> (float) Math.log1p(x);
            case LOG10 -> (float) Math.log10(x);
            case SIN -> (float) Math.sin(x);
            case COS -> (float) Math.cos(x);
            case TAN -> (float) Math.tan(x);
            case ASIN -> (float) Math.asin(x);
            case ACOS -> (float) Math.acos(x);
            case ATAN -> (float) Math.atan(x);
            case SINH -> (float) Math.sinh(x);
            case COSH -> (float) Math.cosh(x);
            case TANH -> (float) Math.tanh(x);
            case CBRT -> (float) Math.cbrt(x);
            case FLOOR -> (float) Math.floor(x);
            case CEIL -> (float) Math.ceil(x);
            case TRUNC -> (float) ScalarMath.trunc(x);
            case RINT -> (float) Math.rint(x);
            case SIGN -> (float) ScalarMath.sign(x);
            case LOG2 -> (float) ScalarMath.log2(x);
            default -> throw new AssertionError(OP);
        };
    }

    private static VectorMask<Float> test(FloatVector x) {
        return x.test(TEST);
    }

    private static boolean test(float x) {
        return switch (OP) {
            case ISNAN -> Float.isNaN(x);
            case ISINF -> Float.isInfinite(x);
            case ISFINITE -> Float.isFinite(x);
            default -> throw new AssertionError(OP);
        };
    }
}
