package io.github.ndarray.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transcendental functions as Vector API code built only from operations that IEEE 754 rounds
 * exactly (add, mul, fma, div, compare, blend, bit operations, integer-to-float conversion): the
 * Vector API's Java fallback (interpreter, C1) and C2's vector instructions give the same bits
 * for them, so a result depends on the input alone, not on how warm the JVM is, which thread
 * runs it or where an element sits in the loop. The lanewise {@code VectorOperators.EXP}
 * family does not: compiled code calls SVML, the fallback {@link Math}, and the two differ in
 * the last bit (issue 13). No float-to-integer conversion is used either: out of range, x86's
 * answer differs from Java's.
 *
 * <p>Each function takes the preferred species (the loops'); a strided or 0-d caller puts its
 * elements in the lanes of one, so every element of every layout takes the same path.
 * float32 is computed in float64 and rounded once (a float64 result within 1 ulp rounds to the
 * nearest float32 or its neighbour): NumPy's float32 tables allow 2-4 ulp.
 *
 * <p>Accuracy, checked against correctly rounded values by {@code TranscendentalAccuracyTest}:
 * within NumPy's tolerance (1 ulp for float64) over the whole range, with C99's special
 * values (NaN, infinities, signed zeros, subnormal inputs and results).
 */
final class VectorMath {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** The lanes of a float vector that the second double vector of its conversion fills. */
    private static final VectorMask<Float> UPPER = F.indexInRange(-D.length(), F.length());

    /** 1.5 * 2^52: adding it rounds a double below 2^51 in magnitude to an integer, which its low bits then hold. */
    private static final double SHIFT = 0x1.8p52;
    private static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
    private static final double INV_LN2 = 0x1.71547652b82fep0;
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with 32 trailing zero bits so that n * LN2_HI is exact for |n| < 2^21 (fdlibm's split). */
    private static final double LN2_HI = 0x1.62e42feep-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    /** exp's input range outside which the result is 0 or infinity whatever the exact value: clamping keeps n small. */
    private static final double EXP_MIN = -746;
    private static final double EXP_MAX = 710;

    private VectorMath() {
    }

    /**
     * {@code e^x}: {@code x = n ln2 + r} with |r| <= ln2 / 2 (r carried as a rounded value plus
     * its rounding error), {@code e^r = 1 + r + r^2 q(r)} with q the Taylor series to degree 13
     * (truncation below 2^-57), then times 2^n in two factors, so that a subnormal result is
     * rounded once and an overflow is infinity.
     */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(EXP_MIN).min(EXP_MAX); // NaN stays NaN
        DoubleVector shifted = xc.fma(INV_LN2, SHIFT);
        DoubleVector n = shifted.sub(SHIFT);
        DoubleVector hi = n.fma(n.broadcast(-LN2_HI), xc); // exact: n * LN2_HI is, and it is close to x
        DoubleVector lo = n.mul(-LN2_LO);
        DoubleVector r = hi.add(lo);
        DoubleVector rErr = hi.sub(r).add(lo); // hi + lo - r exactly (|hi| >= |lo|)
        DoubleVector q = r.fma(1 / 6227020800.0, 1 / 479001600.0);
        for (double c : EXP_TAYLOR) {
            q = q.fma(r, r.broadcast(c));
        }
        DoubleVector er = r.mul(r).fma(q, rErr).add(r).add(1.0);
        LongVector bits = shifted.viewAsIntegralLanes().sub(SHIFT_BITS); // n as an integer
        LongVector n1 = bits.lanewise(VectorOperators.ASHR, 1);
        LongVector n2 = bits.sub(n1);
        return er.mul(powerOfTwo(n1)).mul(powerOfTwo(n2));
    }

    /** 1/11! down to 1/2!: the Taylor coefficients of {@code (e^r - 1 - r) / r^2} below the two highest. */
    private static final double[] EXP_TAYLOR = {1 / 39916800.0, 1 / 3628800.0, 1 / 362880.0, 1 / 40320.0,
        1 / 5040.0, 1 / 720.0, 1 / 120.0, 1 / 24.0, 1 / 6.0, 0.5};

    /** 2^n for n in the exponent range of normal doubles. */
    private static DoubleVector powerOfTwo(LongVector n) {
        return n.add(1023).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
    }

    /**
     * {@code ln x}, fdlibm's method: {@code x = 2^k m} with m in [sqrt(2)/2, sqrt(2)),
     * {@code f = m - 1}, {@code s = f / (2 + f)}, {@code ln m = f - f^2/2 + s (f^2/2 + R(s^2))}
     * with fdlibm's minimax R; then {@code + k ln2} in two parts. Subnormal inputs are scaled by
     * 2^54 first; negative inputs give NaN, zeros -inf, inf and NaN themselves.
     */
    static DoubleVector log(DoubleVector x) {
        VectorMask<Double> subnormal = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
        DoubleVector xs = x.blend(x.mul(0x1p54), subnormal);
        // Adding 1 - sqrt(2)/2 to the mantissa's top bits carries into the exponent exactly when m >= sqrt(2).
        LongVector hx = xs.viewAsIntegralLanes().add(ONE_BITS - SQRT_HALF_BITS);
        LongVector k = hx.lanewise(VectorOperators.ASHR, 52).sub(1023);
        DoubleVector m = hx.and(MANTISSA).add(SQRT_HALF_BITS).viewAsFloatingLanes();
        DoubleVector dk = ((DoubleVector) k.convert(VectorOperators.L2D, 0))
                .sub(x.broadcast(0).blend(54, subnormal));
        DoubleVector f = m.sub(1.0);
        DoubleVector hfsq = f.mul(f).mul(0.5);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector t1 = w.fma(LG6, LG4).fma(w, w.broadcast(LG2)).mul(w);
        DoubleVector t2 = w.fma(LG7, LG5).fma(w, w.broadcast(LG3)).fma(w, w.broadcast(LG1)).mul(z);
        DoubleVector rr = t2.add(t1);
        DoubleVector y = s.mul(hfsq.add(rr)).add(dk.mul(LN2_LO)).sub(hfsq).add(f).add(dk.mul(LN2_HI));
        return y.blend(Double.NaN, x.compare(VectorOperators.LT, 0))
                .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0))
                .blend(x, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY).or(x.test(VectorOperators.IS_NAN)));
    }

    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
    /** The bits of sqrt(2)/2 rounded down to its top 32: fdlibm's boundary between the two mantissa ranges. */
    private static final long SQRT_HALF_BITS = 0x3fe6a09e00000000L;
    private static final long MANTISSA = 0x000fffffffffffffL;
    /** fdlibm's e_log.c coefficients: R(z) = Lg1 z + Lg2 z^2 + ... + Lg7 z^7 on [0, 0.1716]. */
    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;

    /** {@code e^x} of float32 lanes, computed by {@link #exp(DoubleVector)} and rounded once. */
    static FloatVector exp(FloatVector x) {
        return narrow(exp(widen(x, 0)), exp(widen(x, 1)));
    }

    /** {@code ln x} of float32 lanes, computed by {@link #log(DoubleVector)} and rounded once. */
    static FloatVector log(FloatVector x) {
        return narrow(log(widen(x, 0)), log(widen(x, 1)));
    }

    /** Half of a float vector's lanes as doubles: the lower half for part 0, the upper for 1. */
    private static DoubleVector widen(FloatVector x, int part) {
        return (DoubleVector) x.convertShape(VectorOperators.F2D, D, part);
    }

    /** The float vector whose lower half is {@code lo} rounded, and upper half {@code hi}. */
    private static FloatVector narrow(DoubleVector lo, DoubleVector hi) {
        FloatVector a = (FloatVector) lo.convertShape(VectorOperators.D2F, F, 0);
        FloatVector b = (FloatVector) hi.convertShape(VectorOperators.D2F, F, -1);
        return a.blend(b, UPPER);
    }
}
