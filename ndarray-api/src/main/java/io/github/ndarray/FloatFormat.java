package io.github.ndarray;

import java.math.BigInteger;

/**
 * NumPy's float printing: the Dragon4 digit generator in its "unique" mode (shortest digits
 * that identify the value among its type's neighbours, optionally cut off or extended to a
 * digit count) and the positional/scientific layouts of {@code np.format_float_positional}
 * and {@code np.format_float_scientific}, written from the algorithm's description
 * (Steele &amp; White, Burger &amp; Dybvig, with IEEE unbiased rounding of the margins).
 *
 * <p>{@link FloatFormat.Array} is the per-array formatter of {@code repr}: it looks at all the
 * (shown) values once to choose positional or scientific notation and common paddings, as
 * NumPy's {@code FloatingFormat} does with the default print options
 * ({@code precision=8, floatmode='maxprec', sign='-', suppress=False}).
 */
final class FloatFormat {
    private FloatFormat() {
    }

    /** How trailing zeros and the decimal point are trimmed (NumPy's {@code trim}). */
    enum Trim {
        /** {@code 'k'}: keep trailing zeros and the point. */
        KEEP,
        /** {@code '.'}: trim trailing zeros, keep the point. */
        ZEROS,
        /** {@code '0'}: trim trailing zeros but leave one after the point. */
        LEAVE_ONE_ZERO,
        /** {@code '-'}: trim trailing zeros and the point. */
        DPT_ZEROS
    }

    private static final double LOG10_2 = 0.30102999566398119521373889472449;

    /** A finite value taken apart: value = mantissa * 2^exponent. */
    private record Parts(boolean negative, long mantissa, int exponent, int mantissaBit, boolean unequalMargins) {
    }

    private static Parts parts(double v, boolean single) {
        if (single) {
            int bits = Float.floatToRawIntBits((float) v);
            int m = bits & 0x7FFFFF;
            int e = (bits >>> 23) & 0xFF;
            boolean neg = bits < 0;
            if (e != 0) {
                return new Parts(neg, m | (1L << 23), e - 127 - 23, 23, e != 1 && m == 0);
            }
            return new Parts(neg, m, 1 - 127 - 23, m == 0 ? 0 : 31 - Integer.numberOfLeadingZeros(m), false);
        }
        long bits = Double.doubleToRawLongBits(v);
        long m = bits & ((1L << 52) - 1);
        int e = (int) ((bits >>> 52) & 0x7FF);
        boolean neg = bits < 0;
        if (e != 0) {
            return new Parts(neg, m | (1L << 52), e - 1023 - 52, 52, e != 1 && m == 0);
        }
        return new Parts(neg, m, 1 - 1023 - 52, m == 0 ? 0 : 63 - Long.numberOfLeadingZeros(m), false);
    }

    /**
     * Dragon4 in unique mode: appends the digits of {@code p} to {@code out} and returns the
     * decimal exponent of the first digit.
     *
     * @param fractionCutoff whether the cutoffs count digits after the point (else all digits)
     * @param cutoffMax stop after this many digits (-1: none)
     * @param cutoffMin print at least this many digits (-1: none)
     */
    private static int dragon4(Parts p, boolean fractionCutoff, int cutoffMax, int cutoffMin, StringBuilder out) {
        if (p.mantissa == 0) {
            out.append('0');
            return 0;
        }
        BigInteger mantissa = BigInteger.valueOf(p.mantissa);
        int exponent = p.exponent;
        boolean isEven = (p.mantissa & 1) == 0;
        boolean unequal = p.unequalMargins;
        BigInteger value;
        BigInteger scale;
        BigInteger marginLow;
        // All quantities carry a factor 2 (4 with unequal margins) so that half-ulps are integers.
        if (unequal) {
            if (exponent > 0) {
                value = mantissa.shiftLeft(exponent + 2);
                scale = BigInteger.valueOf(4);
                marginLow = BigInteger.ONE.shiftLeft(exponent);
            } else {
                value = mantissa.shiftLeft(2);
                scale = BigInteger.ONE.shiftLeft(-exponent + 2);
                marginLow = BigInteger.ONE;
            }
        } else {
            if (exponent > 0) {
                value = mantissa.shiftLeft(exponent + 1);
                scale = BigInteger.TWO;
                marginLow = BigInteger.ONE.shiftLeft(exponent);
            } else {
                value = mantissa.shiftLeft(1);
                scale = BigInteger.ONE.shiftLeft(-exponent + 1);
                marginLow = BigInteger.ONE;
            }
        }
        // Estimate of floor(log10(v)) + 1, correct or one too small (the same estimate as
        // NumPy's, which matters only where a fractional cutoff clamps it).
        int digitExponent = (int) Math.ceil((double) (p.mantissaBit + exponent) * LOG10_2 - 0.69);
        if (cutoffMax >= 0 && fractionCutoff && digitExponent <= -cutoffMax) {
            digitExponent = -cutoffMax + 1;
        }
        if (digitExponent > 0) {
            scale = scale.multiply(BigInteger.TEN.pow(digitExponent));
        } else if (digitExponent < 0) {
            BigInteger pow10 = BigInteger.TEN.pow(-digitExponent);
            value = value.multiply(pow10);
            marginLow = marginLow.multiply(pow10);
        }
        if (value.compareTo(scale) >= 0) {
            digitExponent++;
        } else {
            value = value.multiply(BigInteger.TEN);
            marginLow = marginLow.multiply(BigInteger.TEN);
        }
        int cutoffMaxExponent = Integer.MIN_VALUE;
        if (cutoffMax >= 0) {
            cutoffMaxExponent = fractionCutoff ? -cutoffMax : digitExponent - cutoffMax;
        }
        int cutoffMinExponent = digitExponent;
        if (cutoffMin >= 0) {
            int desired = fractionCutoff ? -cutoffMin : digitExponent - cutoffMin;
            cutoffMinExponent = Math.min(cutoffMinExponent, desired);
        }
        int printExponent = digitExponent - 1;
        int start = out.length();
        int digit;
        boolean low;
        boolean high;
        while (true) {
            digitExponent--;
            BigInteger[] qr = value.divideAndRemainder(scale);
            digit = qr[0].intValue();
            value = qr[1];
            BigInteger marginHigh = unequal ? marginLow.shiftLeft(1) : marginLow;
            int cmp = value.compareTo(marginLow);
            low = isEven ? cmp <= 0 : cmp < 0;
            cmp = value.add(marginHigh).compareTo(scale);
            high = isEven ? cmp >= 0 : cmp > 0;
            if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent == cutoffMaxExponent) {
                break;
            }
            out.append((char) ('0' + digit));
            value = value.multiply(BigInteger.TEN);
            marginLow = marginLow.multiply(BigInteger.TEN);
        }
        boolean roundDown = low;
        if (low == high) {
            int cmp = value.shiftLeft(1).compareTo(scale);
            roundDown = cmp < 0;
            if (cmp == 0) {
                roundDown = (digit & 1) == 0;
            }
        }
        if (roundDown) {
            out.append((char) ('0' + digit));
        } else if (digit < 9) {
            out.append((char) ('0' + digit + 1));
        } else {
            // Carry: drop trailing nines and increment the first other digit.
            while (true) {
                if (out.length() == start) {
                    out.append('1');
                    printExponent++;
                    break;
                }
                char c = out.charAt(out.length() - 1);
                out.setLength(out.length() - 1);
                if (c != '9') {
                    out.append((char) (c + 1));
                    break;
                }
            }
        }
        return printExponent;
    }

    /**
     * {@code np.format_float_positional(v, unique=True, fractional=True, ...)}.
     *
     * @param v the value (a float32 value when {@code single})
     * @param single whether the value is a float32 (shortest digits among float32 neighbours)
     * @param precision at most this many digits after the point (-1: no limit)
     * @param minDigits at least this many digits after the point (-1: none)
     * @param trim trimming of trailing zeros
     * @param padLeft pad with spaces to this many characters left of the point (-1: none)
     * @param padRight pad with spaces to this many characters right of the point (-1: none)
     * @return the text
     */
    static String positional(double v, boolean single, int precision, int minDigits, Trim trim,
                             int padLeft, int padRight) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
        }
        Parts p = parts(v, single);
        StringBuilder b = new StringBuilder(32);
        int hasSign = 0;
        if (p.negative) {
            b.append('-');
            hasSign = 1;
        }
        StringBuilder digits = new StringBuilder(32);
        int printExponent = dragon4(p, true, precision, minDigits, digits);
        int numDigits = digits.length();
        int numWholeDigits;
        int numFractionDigits = 0;
        if (printExponent >= 0) {
            numWholeDigits = printExponent + 1;
            if (numDigits <= numWholeDigits) {
                b.append(digits);
                b.repeat('0', numWholeDigits - numDigits);
            } else {
                numFractionDigits = numDigits - numWholeDigits;
                b.append(digits, 0, numWholeDigits).append('.').append(digits, numWholeDigits, numDigits);
            }
        } else {
            int zeros = -(printExponent + 1);
            b.append("0.");
            b.repeat('0', zeros);
            b.append(digits);
            numFractionDigits = numDigits + zeros;
            numWholeDigits = 1;
        }
        if (trim != Trim.DPT_ZEROS && numFractionDigits == 0) {
            b.append('.');
        }
        int desiredFractionalDigits = Math.max(minDigits, 0);
        if (trim == Trim.LEAVE_ONE_ZERO) {
            if (numFractionDigits == 0) {
                b.append('0');
                numFractionDigits++;
            }
        } else if (trim == Trim.KEEP && desiredFractionalDigits > numFractionDigits) {
            b.repeat('0', desiredFractionalDigits - numFractionDigits);
            numFractionDigits = desiredFractionalDigits;
        }
        if (trim != Trim.KEEP && numFractionDigits > 0) {
            while (b.charAt(b.length() - 1) == '0') {
                b.setLength(b.length() - 1);
                numFractionDigits--;
            }
            if (b.charAt(b.length() - 1) == '.') {
                if (trim == Trim.LEAVE_ONE_ZERO) {
                    b.append('0');
                    numFractionDigits++;
                } else if (trim == Trim.DPT_ZEROS) {
                    b.setLength(b.length() - 1);
                }
            }
        }
        if (padRight >= numFractionDigits) {
            if (trim == Trim.DPT_ZEROS && numFractionDigits == 0) {
                b.append(' ');
            }
            b.repeat(' ', padRight - numFractionDigits);
        }
        if (padLeft > numWholeDigits + hasSign) {
            b.insert(0, " ".repeat(padLeft - numWholeDigits - hasSign));
        }
        return b.toString();
    }

    /**
     * {@code np.format_float_scientific(v, unique=True, ...)}.
     *
     * @param v the value (a float32 value when {@code single})
     * @param single whether the value is a float32
     * @param precision at most this many digits after the point (-1: no limit)
     * @param minDigits at least this many digits after the point (-1: none)
     * @param trim trimming of trailing zeros
     * @param padLeft pad with spaces to this many characters left of the point (-1: none)
     * @param expDigits at least this many exponent digits (-1: 2)
     * @return the text
     */
    static String scientific(double v, boolean single, int precision, int minDigits, Trim trim,
                             int padLeft, int expDigits) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
        }
        Parts p = parts(v, single);
        StringBuilder b = new StringBuilder(32);
        int leftChars = 1 + (p.negative ? 1 : 0);
        if (padLeft > leftChars) {
            b.repeat(' ', padLeft - leftChars);
        }
        if (p.negative) {
            b.append('-');
        }
        StringBuilder digits = new StringBuilder(32);
        int printExponent = dragon4(p, false, precision < 0 ? -1 : precision + 1,
                minDigits < 0 ? -1 : minDigits + 1, digits);
        b.append(digits.charAt(0));
        int numFractionDigits = digits.length() - 1;
        if (numFractionDigits > 0) {
            b.append('.').append(digits, 1, digits.length());
        }
        if (trim != Trim.DPT_ZEROS && numFractionDigits == 0) {
            b.append('.');
        }
        int addDigits = Math.max(minDigits, 0);
        if (trim == Trim.LEAVE_ONE_ZERO) {
            if (numFractionDigits == 0) {
                b.append('0');
                numFractionDigits++;
            }
        } else if (trim == Trim.KEEP && addDigits > numFractionDigits) {
            b.repeat('0', addDigits - numFractionDigits);
            numFractionDigits = addDigits;
        }
        if (trim != Trim.KEEP && numFractionDigits > 0) {
            while (b.charAt(b.length() - 1) == '0') {
                b.setLength(b.length() - 1);
            }
            if (trim == Trim.LEAVE_ONE_ZERO && b.charAt(b.length() - 1) == '.') {
                b.append('0');
            }
        }
        int ed = expDigits < 0 ? 2 : Math.min(expDigits, 5);
        b.append('e').append(printExponent >= 0 ? '+' : '-');
        String e = Integer.toString(Math.abs(printExponent));
        b.repeat('0', Math.max(0, ed - e.length()));
        b.append(e);
        return b.toString();
    }

    /**
     * The formatter NumPy's {@code repr} builds for a float array with the default print
     * options: one pass over the values chooses the notation and the paddings, so that all
     * elements line up.
     */
    static final class Array {
        private static final int PRECISION = 8;

        private final boolean single;
        private boolean expFormat;
        private int precision = PRECISION;
        private int minDigits;
        private Trim trim;
        private int padLeft;
        private int padRight;
        private int expSize = -1;

        /**
         * @param values the values that will be shown (all, or the corners of a summary)
         * @param single whether the array is float32
         */
        Array(double[] values, boolean single) {
            this.single = single;
            fill(values);
        }

        private void fill(double[] values) {
            int finite = 0;
            boolean anyNonZero = false;
            double maxVal = 0;
            double minVal = Double.POSITIVE_INFINITY;
            boolean negInf = false;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    finite++;
                    if (v != 0) {
                        double a = Math.abs(v);
                        anyNonZero = true;
                        maxVal = Math.max(maxVal, a);
                        minVal = Math.min(minVal, a);
                    }
                } else if (Double.isInfinite(v) && v < 0) {
                    negInf = true;
                }
            }
            if (anyNonZero) {
                // Scientific when the magnitudes are too large, too small or too far apart; the
                // comparisons happen in the array's own type, as NumPy's do.
                if (single) {
                    float mx = (float) maxVal;
                    float mn = (float) minVal;
                    expFormat = mx >= 1e6f || mn < 0.0001f || mx / mn > 1000f;
                } else {
                    expFormat = maxVal >= 1e8 || minVal < 0.0001 || maxVal / minVal > 1000.0;
                }
            }
            if (finite == 0) {
                padLeft = 0;
                padRight = 0;
                trim = Trim.ZEROS;
                minDigits = -1;
            } else if (expFormat) {
                int maxFrac = 0;
                int maxInt = 0;
                int maxExp = 0;
                for (double v : values) {
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    String s = scientific(v, single, PRECISION, -1, Trim.ZEROS, -1, -1);
                    int e = s.indexOf('e');
                    int dot = s.indexOf('.');
                    maxInt = Math.max(maxInt, dot);
                    maxFrac = Math.max(maxFrac, e - dot - 1);
                    maxExp = Math.max(maxExp, s.length() - e - 1);
                }
                expSize = maxExp - 1;
                trim = Trim.KEEP;
                precision = maxFrac;
                minDigits = maxFrac;
                padLeft = maxInt;
                padRight = expSize + 2 + precision;
            } else {
                int maxFrac = 0;
                int maxInt = 0;
                for (double v : values) {
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    String s = positional(v, single, PRECISION, -1, Trim.ZEROS, -1, -1);
                    int dot = s.indexOf('.');
                    maxInt = Math.max(maxInt, dot);
                    maxFrac = Math.max(maxFrac, s.length() - dot - 1);
                }
                padLeft = maxInt;
                padRight = maxFrac;
                trim = Trim.ZEROS;
                minDigits = 0;
            }
            if (finite != values.length) {
                int offset = padRight + 1;
                padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
            }
        }

        /**
         * @param v one value of the array
         * @return its text, padded to the common width
         */
        String format(double v) {
            if (!Double.isFinite(v)) {
                String s = Double.isNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
                int width = padLeft + padRight + 1;
                return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
            }
            if (expFormat) {
                return scientific(v, single, precision, minDigits, trim, padLeft, expSize);
            }
            return positional(v, single, precision, minDigits, trim, padLeft, padRight);
        }
    }
}
