package io.github.ndarray.cpu;

import static io.github.ndarray.cpu.SimdKernels.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 elementwise loops, a template specialized per op by {@link SimdKernels} (one hidden
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
 * <p>{@link LoopF32} is this file with float for double; keep the two in step.
 */
final class LoopF64 implements StripKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int W = Double.BYTES;
    private static final ValueLayout.OfDouble E = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ByteOrder O = ByteOrder.nativeOrder();
    private static final int OP = SimdKernels.opOf(MethodHandles.lookup());
    private static final VectorOperators.Binary BINARY = binaryOperator(OP);
    private static final VectorOperators.Comparison COMPARISON = comparison(OP);
    private static final VectorOperators.Unary UNARY = unaryOperator(OP);
    private static final VectorOperators.Test TEST = testOperator(OP);

    LoopF64() {
    }

    @Override
    public void run(MemorySegment[] s, long[] off, long[] st, long n) {
        if (isUnary(OP)) {
            unary(s[0], off[0], st[0], s[1], off[1], st[1], n);
        } else {
            binary(s[0], off[0], st[0], s[1], off[1], st[1], s[2], off[2], st[2], n);
        }
    }

    private static DoubleVector load(MemorySegment m, long i) {
        return DoubleVector.fromMemorySegment(S, m, i * W, O);
    }

    private static void store(MemorySegment m, long i, DoubleVector v) {
        v.intoMemorySegment(m, i * W, O);
    }

    private static DoubleVector load(MemorySegment m, long i, VectorMask<Double> k) {
        return DoubleVector.fromMemorySegment(S, m, i * W, O, k);
    }

    private static void store(MemorySegment m, long i, DoubleVector v, VectorMask<Double> k) {
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
                    DoubleVector x = load(a, ia + i);
                    DoubleVector y = load(b, ib + i);
                    if (pred) {
                        LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
                    } else {
                        store(c, ic + i, apply(x, y));
                    }
                }
                if (!pred && i < n) {
                    VectorMask<Double> k = S.indexInRange(i, n);
                    store(c, ic + i, apply(load(a, ia + i, k), load(b, ib + i, k)), k);
                    i = n;
                }
            } else if (sa == 1 && sb == 0) {
                DoubleVector y = DoubleVector.broadcast(S, b.getAtIndex(E, ib));
                for (; i < end; i += L) {
                    DoubleVector x = load(a, ia + i);
                    if (pred) {
                        LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
                    } else {
                        store(c, ic + i, apply(x, y));
                    }
                }
                if (!pred && i < n) {
                    VectorMask<Double> k = S.indexInRange(i, n);
                    store(c, ic + i, apply(load(a, ia + i, k), y), k);
                    i = n;
                }
            } else if (sa == 0 && sb == 1) {
                DoubleVector x = DoubleVector.broadcast(S, a.getAtIndex(E, ia));
                for (; i < end; i += L) {
                    DoubleVector y = load(b, ib + i);
                    if (pred) {
                        LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
                    } else {
                        store(c, ic + i, apply(x, y));
                    }
                }
                if (!pred && i < n) {
                    VectorMask<Double> k = S.indexInRange(i, n);
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
                DoubleVector x = load(a, ia + i);
                if (isPredicate(OP)) {
                    LoopMasks.store(c, ic + i, test(x).toLong(), L);
                } else {
                    store(c, ic + i, apply(x));
                }
            }
            if (!isPredicate(OP) && i < n) {
                VectorMask<Double> k = S.indexInRange(i, n);
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

    private static DoubleVector apply(DoubleVector x, DoubleVector y) {
        return switch (OP) {
            case MAXIMUM -> y.blend(x, x.compare(VectorOperators.GE, y).or(x.test(VectorOperators.IS_NAN)));
            case MINIMUM -> y.blend(x, x.compare(VectorOperators.LE, y).or(x.test(VectorOperators.IS_NAN)));
            case FMAX -> y.blend(x, x.compare(VectorOperators.GE, y).or(y.test(VectorOperators.IS_NAN)));
            case FMIN -> y.blend(x, x.compare(VectorOperators.LE, y).or(y.test(VectorOperators.IS_NAN)));
            default -> x.lanewise(BINARY, y);
        };
    }

    private static double apply(double x, double y) {
        return switch (OP) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAXIMUM -> ScalarMath.maximum(x, y);
            case MINIMUM -> ScalarMath.minimum(x, y);
            case FMAX -> ScalarMath.fmax(x, y);
            case FMIN -> ScalarMath.fmin(x, y);
            default -> throw new AssertionError(OP);
        };
    }

    private static VectorMask<Double> test(DoubleVector x, DoubleVector y) {
        return x.compare(COMPARISON, y);
    }

    private static boolean test(double x, double y) {
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

    private static DoubleVector apply(DoubleVector x) {
        return switch (OP) {
            case SQUARE -> x.mul(x);
            case COPY -> x;
            case RECIPROCAL -> DoubleVector.broadcast(S, 1.0).div(x);
            default -> x.lanewise(UNARY);
        };
    }

    private static double apply(double x) {
        return switch (OP) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case COPY -> x;
            case SQRT -> Math.sqrt(x);
            case RECIPROCAL -> 1.0 / x;
            case EXP -> Math.exp(x);
            case EXPM1 -> Math.expm1(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case LOG10 -> Math.log10(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case ASIN -> Math.asin(x);
            case ACOS -> Math.acos(x);
            case ATAN -> Math.atan(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case TANH -> Math.tanh(x);
            case CBRT -> Math.cbrt(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case TRUNC -> ScalarMath.trunc(x);
            case RINT -> Math.rint(x);
            case SIGN -> ScalarMath.sign(x);
            case LOG2 -> ScalarMath.log2(x);
            default -> throw new AssertionError(OP);
        };
    }

    private static VectorMask<Double> test(DoubleVector x) {
        return x.test(TEST);
    }

    private static boolean test(double x) {
        return switch (OP) {
            case ISNAN -> Double.isNaN(x);
            case ISINF -> Double.isInfinite(x);
            case ISFINITE -> Double.isFinite(x);
            default -> throw new AssertionError(OP);
        };
    }
}
