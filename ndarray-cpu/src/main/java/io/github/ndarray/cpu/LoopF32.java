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
 * <p>Transcendental functions give the same bits in every JIT tier, on every thread and in
 * every layout (issue 13): exp and log are {@link VectorMath}'s polynomials, which a strided
 * or 0-d operand reaches through the lanes of one vector ({@link #throughLanes}); the others,
 * pow with a general exponent and arctan2 are {@link StrictMath}'s, element by element. The
 * Vector API's own {@code EXP}, {@code SIN}, ... are not used: compiled code runs them as SVML
 * and interpreted code as {@link Math}, which differ in the last bit.
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
    /**
     * 2^52 (2^23 in float32): from this magnitude every value is an integer, and below it
     * {@code (|x| + BIG) - BIG} is |x| rounded to an integer, half to even (the sum's ulp is 1).
     */
    private static final float BIG = W == 8 ? 0x1p52f : 0x1p23f;

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
        if (OP == POW && sb == 0) { // one exponent: NumPy's fast cases, whatever the other strides
            float y = b.getAtIndex(E, ib);
            if (sa == 1 && sc == 1 && (y == 2 || y == 0.5 || y == -1)) {
                powByScalar(a, ia, y, c, ic, n);
            } else {
                for (; i < n; i++) {
                    c.setAtIndex(E, ic + i * sc, (float) ScalarMath.powByScalar(a.getAtIndex(E, ia + i * sa), y));
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
            FloatVector x = load(a, ia + i);
            FloatVector y = load(b, ib + i);
            if (isPredicate(OP)) {
                LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
            } else {
                store(c, ic + i, apply(x, y));
            }
        }
        if (!isPredicate(OP) && i < n) {
            VectorMask<Float> k = S.indexInRange(i, n);
            store(c, ic + i, apply(load(a, ia + i, k), load(b, ib + i, k)), k);
            i = n;
        }
        return i;
    }

    /** The second input one value: {@return the elements done}. */
    private static long scalarSecond(MemorySegment a, long ia, float yv, MemorySegment c, long ic, long n) {
        FloatVector y = FloatVector.broadcast(S, yv);
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            FloatVector x = load(a, ia + i);
            if (isPredicate(OP)) {
                LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
            } else {
                store(c, ic + i, apply(x, y));
            }
        }
        if (!isPredicate(OP) && i < n) {
            VectorMask<Float> k = S.indexInRange(i, n);
            store(c, ic + i, apply(load(a, ia + i, k), y), k);
            i = n;
        }
        return i;
    }

    /** The first input one value: {@return the elements done}. */
    private static long scalarFirst(float xv, MemorySegment b, long ib, MemorySegment c, long ic, long n) {
        FloatVector x = FloatVector.broadcast(S, xv);
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            FloatVector y = load(b, ib + i);
            if (isPredicate(OP)) {
                LoopMasks.store(c, ic + i, test(x, y).toLong(), L);
            } else {
                store(c, ic + i, apply(x, y));
            }
        }
        if (!isPredicate(OP) && i < n) {
            VectorMask<Float> k = S.indexInRange(i, n);
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
    private static void powByScalar(MemorySegment a, long ia, float y, MemorySegment c, long ic, long n) {
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
            VectorMask<Float> k = S.indexInRange(i, n);
            store(c, ic + i, load(a, ia + i, k).sqrt(), k);
        }
    }

    private static void reciprocal(MemorySegment a, long ia, MemorySegment c, long ic, long n) {
        FloatVector one = FloatVector.broadcast(S, 1);
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            store(c, ic + i, one.div(load(a, ia + i)));
        }
        if (i < n) {
            VectorMask<Float> k = S.indexInRange(i, n);
            store(c, ic + i, one.div(load(a, ia + i, k)), k);
        }
    }

    private static void square(MemorySegment a, long ia, MemorySegment c, long ic, long n) {
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            FloatVector x = load(a, ia + i);
            store(c, ic + i, x.mul(x));
        }
        if (i < n) {
            VectorMask<Float> k = S.indexInRange(i, n);
            FloatVector x = load(a, ia + i, k);
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
    private static FloatVector round(FloatVector x) {
        FloatVector a = x.abs();
        var sign = x.viewAsIntegralLanes().and(FloatVector.broadcast(S, -0.0f).viewAsIntegralLanes());
        FloatVector ra = a.add(BIG).sub(BIG);
        FloatVector r = ra.viewAsIntegralLanes().or(sign).viewAsFloatingLanes(); // rint(x)
        FloatVector m = switch (OP) {
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

    /**
     * A {@link VectorMath} function of a strided operand: the elements, a vector's worth at a
     * time, go through the lanes of one vector, so each gets the bits a contiguous loop gives it.
     */
    private static void throughLanes(MemorySegment a, long ia, long sa, MemorySegment c, long ic, long sc, long n) {
        float[] lanes = new float[L];
        for (long i = 0; i < n; i += L) {
            int m = (int) Math.min(L, n - i);
            for (int j = 0; j < m; j++) {
                lanes[j] = a.getAtIndex(E, ia + (i + j) * sa);
            }
            apply(FloatVector.fromArray(S, lanes, 0)).intoArray(lanes, 0);
            for (int j = 0; j < m; j++) {
                c.setAtIndex(E, ic + (i + j) * sc, lanes[j]);
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
            case POW -> (float) ScalarMath.pow(x, y);
            case FLOOR_DIV -> (float) ScalarMath.floorDivide(x, y);
            case MOD -> (float) ScalarMath.floorMod(x, y);
            case ATAN2 -> (float) StrictMath.atan2(x, y);
            default -> throw new AssertionError(OP);
        };
    }

    private static VectorMask<Float> test(FloatVector x, FloatVector y) {
        return switch (OP) {
            case LAND -> x.compare(VectorOperators.NE, 0).and(y.compare(VectorOperators.NE, 0));
            case LOR -> x.compare(VectorOperators.NE, 0).or(y.compare(VectorOperators.NE, 0));
            case LXOR -> x.compare(VectorOperators.NE, 0).xor(y.compare(VectorOperators.NE, 0));
            default -> x.compare(COMPARISON, y);
        };
    }

    private static boolean test(float x, float y) {
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

    private static FloatVector apply(FloatVector x) {
        return switch (OP) {
            case SQUARE -> x.mul(x);
            case COPY -> x;
            case RECIPROCAL -> FloatVector.broadcast(S, 1.0f).div(x);
            case FLOOR, CEIL, TRUNC, RINT -> round(x);
            // NaN stays, zeros of either sign give +0.0 (ScalarMath.sign).
            case SIGN -> x.blend(0, x.compare(VectorOperators.EQ, 0)).blend(1, x.compare(VectorOperators.GT, 0))
                    .blend(-1, x.compare(VectorOperators.LT, 0));
            case EXP -> VectorMath.exp(x);
            case LOG -> VectorMath.log(x);
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
            case EXPM1 -> (float) StrictMath.expm1(x);
            case LOG1P -> (float) StrictMath.log1p(x);
            case LOG10 -> (float) StrictMath.log10(x);
            case SIN -> (float) StrictMath.sin(x);
            case COS -> (float) StrictMath.cos(x);
            case TAN -> (float) StrictMath.tan(x);
            case ASIN -> (float) StrictMath.asin(x);
            case ACOS -> (float) StrictMath.acos(x);
            case ATAN -> (float) StrictMath.atan(x);
            case SINH -> (float) StrictMath.sinh(x);
            case COSH -> (float) StrictMath.cosh(x);
            case TANH -> (float) StrictMath.tanh(x);
            case CBRT -> (float) StrictMath.cbrt(x);
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
        return OP == LNOT ? x.compare(VectorOperators.EQ, 0) : x.test(TEST);
    }

    private static boolean test(float x) {
        return switch (OP) {
            case ISNAN -> Float.isNaN(x);
            case ISINF -> Float.isInfinite(x);
            case ISFINITE -> Float.isFinite(x);
            case LNOT -> x == 0;
            default -> throw new AssertionError(OP);
        };
    }
}
