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
 * <p>Transcendental functions give the same bits in every JIT tier, on every thread and in
 * every layout (issue 13): exp and log are {@link VectorMath}'s polynomials, which a strided
 * or 0-d operand reaches through the lanes of one vector ({@link #throughLanes}); the others,
 * pow with a general exponent and arctan2 are {@link StrictMath}'s, element by element. The
 * Vector API's own {@code EXP}, {@code SIN}, ... are not used: compiled code runs them as SVML
 * and interpreted code as {@link Math}, which differ in the last bit.
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
    /**
     * 2^52 (2^23 in float32): from this magnitude every value is an integer, and below it
     * {@code (|x| + BIG) - BIG} is |x| rounded to an integer, half to even (the sum's ulp is 1).
     */
    private static final double BIG = W == 8 ? 0x1p52f : 0x1p23f;

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
        if (OP == POW && sb == 0) { // one exponent: NumPy's fast cases, whatever the other strides
            double y = b.getAtIndex(E, ib);
            if (sa == 1 && sc == 1 && (y == 2 || y == 0.5 || y == -1)) {
                powByScalar(a, ia, y, c, ic, n);
            } else {
                for (; i < n; i++) {
                    c.setAtIndex(E, ic + i * sc, ScalarMath.powByScalar(a.getAtIndex(E, ia + i * sa), y));
                }
            }
            return;
        }
        // One method per layout: C2 compiles each with its own profile. In a single method the
        // layout not yet seen when it compiled (a scalar operand after array ones) was a cold
        // branch whose Vector API calls were not inlined: boxed vectors, 5-10x slower, for good.
        if (sc == 1 && hasVector(OP, true)) {
            if (sa == 1 && sb == 1) {
                i = both(a, ia, b, ib, c, ic, n);
            } else if (sa == 1 && sb == 0) {
                i = scalarSecond(a, ia, b.getAtIndex(E, ib), c, ic, n);
            } else if (sa == 0 && sb == 1) {
                i = scalarFirst(a.getAtIndex(E, ia), b, ib, c, ic, n);
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

    /** Both inputs contiguous: {@return the elements done} (a bool result leaves its tail to the scalar loop). */
    private static long both(MemorySegment a, long ia, MemorySegment b, long ib, MemorySegment c, long ic, long n) {
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            DoubleVector x = load(a, ia + i);
            DoubleVector y = load(b, ib + i);
            if (isPredicate(OP)) {
                LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
            } else {
                store(c, ic + i, apply(x, y));
            }
        }
        if (!isPredicate(OP) && i < n) {
            VectorMask<Double> k = S.indexInRange(i, n);
            store(c, ic + i, apply(load(a, ia + i, k), load(b, ib + i, k)), k);
            i = n;
        }
        return i;
    }

    /** The second input one value: {@return the elements done}. */
    private static long scalarSecond(MemorySegment a, long ia, double yv, MemorySegment c, long ic, long n) {
        DoubleVector y = DoubleVector.broadcast(S, yv);
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            DoubleVector x = load(a, ia + i);
            if (isPredicate(OP)) {
                LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
            } else {
                store(c, ic + i, apply(x, y));
            }
        }
        if (!isPredicate(OP) && i < n) {
            VectorMask<Double> k = S.indexInRange(i, n);
            store(c, ic + i, apply(load(a, ia + i, k), y), k);
            i = n;
        }
        return i;
    }

    /** The first input one value: {@return the elements done}. */
    private static long scalarFirst(double xv, MemorySegment b, long ib, MemorySegment c, long ic, long n) {
        DoubleVector x = DoubleVector.broadcast(S, xv);
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            DoubleVector y = load(b, ib + i);
            if (isPredicate(OP)) {
                LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
            } else {
                store(c, ic + i, apply(x, y));
            }
        }
        if (!isPredicate(OP) && i < n) {
            VectorMask<Double> k = S.indexInRange(i, n);
            store(c, ic + i, apply(x, load(b, ib + i, k)), k);
            i = n;
        }
        return i;
    }

    /**
     * {@code c = a ** y} for the exponents NumPy computes without pow ({@link ScalarMath#powByScalar}):
     * y = 2 is {@code x * x}, 0.5 is sqrt and -1 is 1 / x, each correctly rounded and the cost of
     * one vector operation. Each case is its own loop method, compiled with its own profile (as
     * the layouts of {@link #binary} are).
     */
    private static void powByScalar(MemorySegment a, long ia, double y, MemorySegment c, long ic, long n) {
        if (y == 2) {
            square(a, ia, c, ic, n);
        } else if (y == 0.5) {
            sqrt(a, ia, c, ic, n);
        } else {
            reciprocal(a, ia, c, ic, n);
        }
    }

    private static void sqrt(MemorySegment a, long ia, MemorySegment c, long ic, long n) {
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            store(c, ic + i, load(a, ia + i).sqrt());
        }
        if (i < n) {
            VectorMask<Double> k = S.indexInRange(i, n);
            store(c, ic + i, load(a, ia + i, k).sqrt(), k);
        }
    }

    private static void reciprocal(MemorySegment a, long ia, MemorySegment c, long ic, long n) {
        DoubleVector one = DoubleVector.broadcast(S, 1);
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            store(c, ic + i, one.div(load(a, ia + i)));
        }
        if (i < n) {
            VectorMask<Double> k = S.indexInRange(i, n);
            store(c, ic + i, one.div(load(a, ia + i, k)), k);
        }
    }

    private static void square(MemorySegment a, long ia, MemorySegment c, long ic, long n) {
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            DoubleVector x = load(a, ia + i);
            store(c, ic + i, x.mul(x));
        }
        if (i < n) {
            VectorMask<Double> k = S.indexInRange(i, n);
            DoubleVector x = load(a, ia + i, k);
            store(c, ic + i, x.mul(x), k);
        }
    }

    /**
     * floor, ceil, trunc and rint, exact: on the magnitude {@code a} (below {@link #BIG}),
     * {@code (a + BIG) - BIG} is a rounded half to even; with x's sign bit put back it is rint(x)
     * (signed zeros included), and floor or ceil are that or one step away. The results of all
     * four have x's sign bit (NumPy: ceil(-0.5) = -0.0, trunc(-0.5) = -0.0), set again where a step
     * may have lost it. NaN, infinities and magnitudes from BIG are integers already: x as is.
     */
    private static DoubleVector round(DoubleVector x) {
        DoubleVector a = x.abs();
        var sign = x.viewAsIntegralLanes().and(DoubleVector.broadcast(S, -0.0f).viewAsIntegralLanes());
        DoubleVector ra = a.add(BIG).sub(BIG);
        DoubleVector r = ra.viewAsIntegralLanes().or(sign).viewAsFloatingLanes(); // rint(x)
        DoubleVector m = switch (OP) {
            case FLOOR -> r.sub(1).blend(r, r.compare(VectorOperators.LE, x));
            case CEIL -> r.add(1).blend(r, r.compare(VectorOperators.GE, x)).viewAsIntegralLanes().or(sign)
                    .viewAsFloatingLanes();
            case TRUNC -> ra.sub(1).blend(ra, ra.compare(VectorOperators.LE, a)).viewAsIntegralLanes().or(sign)
                    .viewAsFloatingLanes();
            default -> r; // RINT
        };
        return x.blend(m, a.compare(VectorOperators.LT, BIG));
    }

    private static void unary(MemorySegment a, long ia, long sa, MemorySegment c, long ic, long sc, long n) {
        long i = 0;
        if (isVectorMath(OP) && (sa != 1 || sc != 1)) {
            throughLanes(a, ia, sa, c, ic, sc, n);
            return;
        }
        if (sa == 1 && sc == 1 && hasVector(OP, true)) {
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

    /**
     * A {@link VectorMath} function of a strided operand: the elements, a vector's worth at a
     * time, go through the lanes of one vector, so each gets the bits a contiguous loop gives it.
     */
    private static void throughLanes(MemorySegment a, long ia, long sa, MemorySegment c, long ic, long sc, long n) {
        double[] lanes = new double[L];
        for (long i = 0; i < n; i += L) {
            int m = (int) Math.min(L, n - i);
            for (int j = 0; j < m; j++) {
                lanes[j] = a.getAtIndex(E, ia + (i + j) * sa);
            }
            apply(DoubleVector.fromArray(S, lanes, 0)).intoArray(lanes, 0);
            for (int j = 0; j < m; j++) {
                c.setAtIndex(E, ic + (i + j) * sc, lanes[j]);
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
            case POW -> ScalarMath.pow(x, y);
            case FLOOR_DIV -> ScalarMath.floorDivide(x, y);
            case MOD -> ScalarMath.floorMod(x, y);
            case ATAN2 -> StrictMath.atan2(x, y);
            default -> throw new AssertionError(OP);
        };
    }

    private static VectorMask<Double> test(DoubleVector x, DoubleVector y) {
        return switch (OP) {
            case LAND -> x.compare(VectorOperators.NE, 0).and(y.compare(VectorOperators.NE, 0));
            case LOR -> x.compare(VectorOperators.NE, 0).or(y.compare(VectorOperators.NE, 0));
            case LXOR -> x.compare(VectorOperators.NE, 0).xor(y.compare(VectorOperators.NE, 0));
            default -> x.compare(COMPARISON, y);
        };
    }

    private static boolean test(double x, double y) {
        return switch (OP) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            case LAND -> x != 0 && y != 0;
            case LOR -> x != 0 || y != 0;
            case LXOR -> (x != 0) != (y != 0);
            default -> throw new AssertionError(OP);
        };
    }

    private static DoubleVector apply(DoubleVector x) {
        return switch (OP) {
            case SQUARE -> x.mul(x);
            case COPY -> x;
            case RECIPROCAL -> DoubleVector.broadcast(S, 1.0).div(x);
            case FLOOR, CEIL, TRUNC, RINT -> round(x);
            // NaN stays, zeros of either sign give +0.0 (ScalarMath.sign).
            case SIGN -> x.blend(0, x.compare(VectorOperators.EQ, 0)).blend(1, x.compare(VectorOperators.GT, 0))
                    .blend(-1, x.compare(VectorOperators.LT, 0));
            case EXP -> VectorMath.exp(x);
            case LOG -> VectorMath.log(x);
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
            case EXPM1 -> StrictMath.expm1(x);
            case LOG1P -> StrictMath.log1p(x);
            case LOG10 -> StrictMath.log10(x);
            case SIN -> StrictMath.sin(x);
            case COS -> StrictMath.cos(x);
            case TAN -> StrictMath.tan(x);
            case ASIN -> StrictMath.asin(x);
            case ACOS -> StrictMath.acos(x);
            case ATAN -> StrictMath.atan(x);
            case SINH -> StrictMath.sinh(x);
            case COSH -> StrictMath.cosh(x);
            case TANH -> StrictMath.tanh(x);
            case CBRT -> StrictMath.cbrt(x);
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
        return OP == LNOT ? x.compare(VectorOperators.EQ, 0) : x.test(TEST);
    }

    private static boolean test(double x) {
        return switch (OP) {
            case ISNAN -> Double.isNaN(x);
            case ISINF -> Double.isInfinite(x);
            case ISFINITE -> Double.isFinite(x);
            case LNOT -> x == 0;
            default -> throw new AssertionError(OP);
        };
    }
}
