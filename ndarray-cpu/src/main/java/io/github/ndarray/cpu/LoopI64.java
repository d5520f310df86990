package io.github.ndarray.cpu;

import static io.github.ndarray.cpu.SimdKernels.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
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
    /** The type's width in bits: shift counts from it (or negative) are out of range. */
    private static final int WIDTH = W * 8;
    /** float64 vectors of the same size, for integer division; PARTS of them hold one vector of this type. */
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int PARTS = L / DS.length();
    /** int64 values below 2^52 in magnitude divide exactly through float64 (see {@link #divmod}). */
    private static final long EXACT = 1L << 52;
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

    /**
     * Stores a comparison's lanes as NumPy bools (0/1 bytes): with byte lanes (int8, uint8, bool)
     * the mask is the bools already, one vector store; wider lanes go through {@link LoopMasks}.
     */
    private static void storeBools(MemorySegment c, long i, VectorMask<Long> m) {
        if (W == 1) {
            store(c, i, LongVector.zero(S).blend(1, m));
        } else {
            LoopMasks.store(c, i, m.toLong(), L);
        }
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
        // One method per layout: C2 compiles each with its own profile. In a single method the
        // layout not yet seen when it compiled (a scalar operand after array ones) was a cold
        // branch whose Vector API calls were not inlined: boxed vectors, 5-10x slower, for good.
        if (sc == 1 && hasVector(OP, false)) {
            if (sa == 1 && sb == 1) {
                i = both(a, ia, b, ib, c, ic, n);
            } else if (sa == 1 && sb == 0) {
                if (OP == POW || OP == UPOW) {
                    powByScalar(a, ia, b.getAtIndex(E, ib), c, ic, n);
                    return;
                }
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
                c.setAtIndex(E, ic + i * sc, (long) apply(a.getAtIndex(E, ia + i * sa), b.getAtIndex(E, ib + i * sb)));
            }
        }
    }

    /** Both inputs contiguous: {@return the elements done} (a bool result leaves its tail to the scalar loop). */
    private static long both(MemorySegment a, long ia, MemorySegment b, long ib, MemorySegment c, long ic, long n) {
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            LongVector x = load(a, ia + i);
            LongVector y = load(b, ib + i);
            if (isPredicate(OP)) {
                storeBools(c, ic + i, test(x, y));
            } else {
                store(c, ic + i, apply(x, y));
            }
        }
        if (!isPredicate(OP) && i < n) {
            VectorMask<Long> k = S.indexInRange(i, n);
            store(c, ic + i, apply(load(a, ia + i, k), load(b, ib + i, k)), k);
            i = n;
        }
        return i;
    }

    /** The second input one value: {@return the elements done}. */
    private static long scalarSecond(MemorySegment a, long ia, long yv, MemorySegment c, long ic, long n) {
        LongVector y = LongVector.broadcast(S, yv);
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            LongVector x = load(a, ia + i);
            if (isPredicate(OP)) {
                storeBools(c, ic + i, test(x, y));
            } else {
                store(c, ic + i, apply(x, y));
            }
        }
        if (!isPredicate(OP) && i < n) {
            VectorMask<Long> k = S.indexInRange(i, n);
            store(c, ic + i, apply(load(a, ia + i, k), y), k);
            i = n;
        }
        return i;
    }

    /** The first input one value: {@return the elements done}. */
    private static long scalarFirst(long xv, MemorySegment b, long ib, MemorySegment c, long ic, long n) {
        LongVector x = LongVector.broadcast(S, xv);
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            LongVector y = load(b, ib + i);
            if (isPredicate(OP)) {
                storeBools(c, ic + i, test(x, y));
            } else {
                store(c, ic + i, apply(x, y));
            }
        }
        if (!isPredicate(OP) && i < n) {
            VectorMask<Long> k = S.indexInRange(i, n);
            store(c, ic + i, apply(x, load(b, ib + i, k)), k);
            i = n;
        }
        return i;
    }

    private static void unary(MemorySegment a, long ia, long sa, MemorySegment c, long ic, long sc, long n) {
        long i = 0;
        boolean pred = isPredicate(OP);
        if (sa == 1 && sc == 1) {
            long end = S.loopBound(n);
            for (; i < end; i += L) {
                LongVector x = load(a, ia + i);
                if (pred) {
                    storeBools(c, ic + i, test(x));
                } else {
                    store(c, ic + i, apply(x));
                }
            }
            if (!pred && i < n) {
                VectorMask<Long> k = S.indexInRange(i, n);
                store(c, ic + i, apply(load(a, ia + i, k)), k);
                i = n;
            }
        }
        if (pred) {
            for (; i < n; i++) {
                c.set(ValueLayout.JAVA_BYTE, ic + i * sc, (byte) (test(a.getAtIndex(E, ia + i * sa)) ? 1 : 0));
            }
        } else {
            for (; i < n; i++) {
                c.setAtIndex(E, ic + i * sc, (long) apply(a.getAtIndex(E, ia + i * sa)));
            }
        }
    }

    /**
     * {@code c = a ** y} for one exponent y: 2 and 3 are one and two products, so {@code x ** 2}
     * costs what {@code square} does; other exponents square and multiply by y's bits, the same
     * for every lane. Each case is its own loop method, compiled with its own profile (as the
     * layouts of {@link #binary} are), so none is a cold, uninlined branch of another.
     */
    private static void powByScalar(MemorySegment a, long ia, long y, MemorySegment c, long ic, long n) {
        if (OP == UPOW) {
            y &= BITS;
        } else if (y < 0) {
            throw ScalarMath.negativePower();
        }
        if (y == 2) {
            square(a, ia, c, ic, n);
        } else if (y == 3) {
            cube(a, ia, c, ic, n);
        } else if (y == 0) {
            ones(c, ic, n);
        } else {
            powLoop(a, ia, y, c, ic, n);
        }
    }

    private static void square(MemorySegment a, long ia, MemorySegment c, long ic, long n) {
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            LongVector x = load(a, ia + i);
            store(c, ic + i, x.mul(x));
        }
        if (i < n) {
            VectorMask<Long> k = S.indexInRange(i, n);
            LongVector x = load(a, ia + i, k);
            store(c, ic + i, x.mul(x), k);
        }
    }

    private static void cube(MemorySegment a, long ia, MemorySegment c, long ic, long n) {
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            LongVector x = load(a, ia + i);
            store(c, ic + i, x.mul(x).mul(x));
        }
        if (i < n) {
            VectorMask<Long> k = S.indexInRange(i, n);
            LongVector x = load(a, ia + i, k);
            store(c, ic + i, x.mul(x).mul(x), k);
        }
    }

    private static void ones(MemorySegment c, long ic, long n) {
        LongVector one = LongVector.broadcast(S, 1);
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            store(c, ic + i, one);
        }
        if (i < n) {
            store(c, ic + i, one, S.indexInRange(i, n));
        }
    }

    /** {@code x ** y} for one y ≥ 1: square and multiply by y's bits (r.mul runs at least once). */
    private static void powLoop(MemorySegment a, long ia, long y, MemorySegment c, long ic, long n) {
        long end = S.loopBound(n);
        long i = 0;
        for (; i < end; i += L) {
            store(c, ic + i, pow(load(a, ia + i), y));
        }
        if (i < n) {
            VectorMask<Long> k = S.indexInRange(i, n);
            store(c, ic + i, pow(load(a, ia + i, k), y), k);
        }
    }

    private static LongVector pow(LongVector x, long y) {
        LongVector r = LongVector.broadcast(S, 1);
        LongVector b = x;
        for (long e = y; e != 0; e >>>= 1) {
            if ((e & 1) != 0) {
                r = r.mul(b);
            }
            b = b.mul(b);
        }
        return r;
    }

    /**
     * {@code x ** y} lane by lane: square and multiply where the lane's exponent bit is set,
     * until every exponent is used up (at most the width's number of rounds). A negative
     * exponent is refused as the scalar loop refuses it; uint8 exponents are unsigned (LSHR).
     */
    private static LongVector pow(LongVector x, LongVector y) {
        if (OP == POW && y.compare(VectorOperators.LT, 0).anyTrue()) {
            throw ScalarMath.negativePower();
        }
        LongVector r = LongVector.broadcast(S, 1);
        LongVector b = x;
        LongVector e = y;
        do { // at least once, so that the body is never a cold branch when C2 compiles it
            r = r.blend(r.mul(b), e.lanewise(VectorOperators.AND, 1).compare(VectorOperators.NE, 0));
            b = b.mul(b);
            e = e.lanewise(VectorOperators.LSHR, 1);
        } while (e.compare(VectorOperators.NE, 0).anyTrue());
        return r;
    }

    private static LongVector apply(LongVector x, LongVector y) {
        return switch (OP) {
            case MAXIMUM -> x.max(y);
            case MINIMUM -> x.min(y);
            case POW, UPOW -> pow(x, y);
            case FLOOR_DIV, MOD -> divmod(x, y);
            // The lanewise shifts take the count modulo the width; NumPy's out-of-range counts are blended in.
            case SHL -> x.lanewise(VectorOperators.LSHL, y).blend(0, y.compare(VectorOperators.UGE, WIDTH));
            case SHR -> x.lanewise(VectorOperators.ASHR, y.blend(WIDTH - 1, y.compare(VectorOperators.UGE, WIDTH)));
            case USHR -> x.lanewise(VectorOperators.LSHR, y).blend(0, y.compare(VectorOperators.UGE, WIDTH));
            default -> x.lanewise(BINARY, y);
        };
    }

    /**
     * floor_divide or remainder, NumPy's: rounding toward minus infinity, the remainder with the
     * divisor's sign, 0 for a zero divisor, MIN // -1 wrapping to MIN. x86 has no vector integer
     * division, so the quotient is taken in float64 and truncated: exact whenever |x|, |y| < 2^52
     * (always below int64): x and y convert exactly, and when x / y is not an integer it lies at
     * least 1/|y| from one while the division's rounding error is at most |x / y| * 2^-53 < 0.5/|y|,
     * so the rounded quotient truncates to the true one. The remainder x - q * y then moves
     * q to the floor. A vector of int64 with a larger magnitude goes lane by lane.
     */
    private static LongVector divmod(LongVector x, LongVector y) {
        if (W == 8 && !x.lanewise(VectorOperators.ADD, EXACT).compare(VectorOperators.ULT, 2 * EXACT)
                .and(y.lanewise(VectorOperators.ADD, EXACT).compare(VectorOperators.ULT, 2 * EXACT)).allTrue()) {
            return divmodLanes(x, y);
        }
        LongVector q = LongVector.zero(S);
        for (int p = 0; p < PARTS; p++) { // constant trip count: unrolled
            DoubleVector xd = (DoubleVector) x.castShape(DS, p);
            DoubleVector yd = (DoubleVector) y.castShape(DS, p);
            q = q.or((LongVector) xd.div(yd).castShape(S, -p));
        }
        VectorMask<Long> minusOne = y.compare(VectorOperators.EQ, -1);
        q = q.blend(x.neg(), minusOne); // the float64 quotient of int32's MIN / -1 would saturate
        LongVector r = x.sub(q.mul(y));
        VectorMask<Long> down = r.compare(VectorOperators.NE, 0).and(r.lanewise(VectorOperators.XOR, y)
                .compare(VectorOperators.LT, 0));
        LongVector v = OP == FLOOR_DIV ? q.lanewise(VectorOperators.SUB, 1).blend(q, down.not()) : r.add(y).blend(r, down.not());
        return v.blend(0, y.compare(VectorOperators.EQ, 0));
    }

    /** {@link #divmod} lane by lane (int64 beyond 2^52 only, never the narrower copies; allocates, which the common case does not). */
    private static LongVector divmodLanes(LongVector x, LongVector y) {
        long[] xs = x.toLongArray();
        long[] ys = y.toLongArray();
        for (int j = 0; j < xs.length; j++) {
            xs[j] = apply(xs[j], ys[j]);
        }
        return (LongVector) S.fromArray(xs, 0); // the species' method: this compiles in the narrower copies too
    }

    private static long apply(long x, long y) {
        return switch (OP) {
            case SUB -> x - y;
            case POW -> ScalarMath.pow(x, y);
            case UPOW -> ScalarMath.pow(x, y & BITS);
            case FLOOR_DIV -> ScalarMath.floorDivide(x, y);
            case UFLOOR_DIV -> ScalarMath.floorDivide(x & BITS, y & BITS);
            case MOD -> ScalarMath.floorMod(x, y);
            case UMOD -> ScalarMath.floorMod(x & BITS, y & BITS);
            case SHL -> ScalarMath.leftShift(x, y, WIDTH);
            case SHR -> ScalarMath.rightShift(x, y, WIDTH);
            case USHR -> ScalarMath.rightShift(x & BITS, y & BITS, WIDTH);
            default -> ScalarMath.foldLong(OP, x, y, BITS); // add, multiply, max/min, bitwise
        };
    }

    private static VectorMask<Long> test(LongVector x, LongVector y) {
        return switch (OP) {
            case LAND -> x.compare(VectorOperators.NE, 0).and(y.compare(VectorOperators.NE, 0));
            case LOR -> x.compare(VectorOperators.NE, 0).or(y.compare(VectorOperators.NE, 0));
            case LXOR -> x.compare(VectorOperators.NE, 0).xor(y.compare(VectorOperators.NE, 0));
            default -> x.compare(COMPARISON, y);
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
            case LAND -> x != 0 && y != 0;
            case LOR -> x != 0 || y != 0;
            case LXOR -> (x != 0) != (y != 0);
            default -> throw new AssertionError(OP);
        };
    }

    private static LongVector apply(LongVector x) {
        return switch (OP) {
            case SQUARE -> x.mul(x);
            case COPY -> x;
            // (x >> w-1) | (-x >>> w-1): -1 for negatives (MIN too, -MIN being MIN), else 1 for positives, 0 for 0
            case SIGN -> x.lanewise(VectorOperators.ASHR, WIDTH - 1)
                    .or(x.neg().lanewise(VectorOperators.LSHR, WIDTH - 1));
            case USIGN -> LongVector.zero(S).blend(1, x.compare(VectorOperators.NE, 0));
            // 1 / x in integers: ±1 for ±1, else 0 (the generic loop's 0 for 1 / 0 too).
            case RECIPROCAL -> LongVector.zero(S).blend(x, x.compare(VectorOperators.EQ, 1).or(x.compare(VectorOperators.EQ, -1)));
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
            case SIGN -> Long.signum(x);
            case USIGN -> x != 0 ? 1 : 0;
            case RECIPROCAL -> x == 0 ? 0 : 1 / x;
            default -> throw new AssertionError(OP);
        };
    }

    private static VectorMask<Long> test(LongVector x) {
        return x.compare(VectorOperators.EQ, 0); // LNOT, the only unary predicate on integers
    }

    private static boolean test(long x) {
        return x == 0;
    }
}
