package io.github.ndarray.spi;

import io.github.ndarray.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * What {@link Backend#fillRandom} fills: one random array, described so that every element is
 * a pure function of its index (counter-based, like cuRAND's Philox and JAX). Element
 * {@code i} (C order, {@code 0 <= i < size}) uses slot {@code i % e} of the Philox4x32-10
 * block at key {@link #key()} and 128-bit counter {@code (counter() + i / e, 0)}, where
 * {@code e} is {@link #elementsPerCounter()}; the array uses {@link #counters(long)
 * counters(size)} consecutive counters. Nothing depends on what ran before, so a thread, a
 * GPU block or an MPI rank holding elements {@code [from, to)} computes exactly its part with
 * {@link #fill}.
 *
 * <p>The bit recipes (see {@link RandomBits} for each formula):
 * <ul>
 * <li>{@link Uniform}, float64: 2 elements per counter; slot {@code s} is
 *     {@code low + (high - low) * unitDouble(w64(s))}, i.e. 53 bits.
 * <li>{@link Uniform}, float32: 4 elements per counter; slot {@code s} is
 *     {@code (float) (low + (high - low) * unitFloat(w[s]))}, i.e. 24 bits.
 * <li>{@link Normal}: 2 elements per counter, both dtypes (Marsaglia's polar method): the
 *     counter's block is its first attempt {@code a = 0, 1, ...} at counter {@code (c, a)}
 *     whose point is accepted ({@code polarBlock}); slot {@code s} is
 *     {@code mean + std * polarNormal(w64(0), w64(1), s)}, rounded to float for float32 (so a
 *     float32 array is the float64 one of the same counters, rounded).
 * <li>{@link Integers}, int64: 2 elements per counter; slot {@code s} is
 *     {@code low + bounded(key, counter, s, high - low)} (Lemire's unbiased method; a rejected
 *     slot retries at counter {@code (counter, attempt)}, attempt = 1, 2, ...).
 * </ul>
 *
 * {@snippet :
 * RandomFill spec = new RandomFill(new RandomFill.Uniform(0, 1), DType.FLOAT64, 42L, 0L);
 * // an MPI rank holding elements [a, b) of the global array:
 * spec.fill(localSegment, 0, a, b);
 * }
 *
 * @param distribution what to draw
 * @param dtype the element type: float64 or float32 for {@link Uniform} and {@link Normal},
 *     int64 for {@link Integers}
 * @param key the Philox key (the generator's)
 * @param counter the counter of element 0 (the low 64 bits of the 128-bit Philox counter)
 */
public record RandomFill(Distribution distribution, DType dtype, long key, long counter) {
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;

    /** A distribution a backend can fill element by element. */
    public sealed interface Distribution permits Uniform, Normal, Integers {
    }

    /**
     * Uniform on {@code [low, high)}.
     *
     * @param low lower bound
     * @param high upper bound
     */
    public record Uniform(double low, double high) implements Distribution {
    }

    /**
     * Normal with this mean and standard deviation.
     *
     * @param mean the mean
     * @param std the standard deviation
     */
    public record Normal(double mean, double std) implements Distribution {
    }

    /**
     * Uniform integers in {@code [low, high)}, {@code low < high}.
     *
     * @param low lowest value
     * @param high one past the highest value
     */
    public record Integers(long low, long high) implements Distribution {
    }

    /**
     * Checks that the dtype suits the distribution.
     *
     * @throws IllegalArgumentException if it does not, or if an integer range is empty
     */
    public RandomFill {
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(dtype, "dtype");
        boolean ok = distribution instanceof Integers
                ? dtype == DType.INT64
                : dtype == DType.FLOAT64 || dtype == DType.FLOAT32;
        if (!ok) {
            throw new IllegalArgumentException("random fill: " + distribution + " cannot be drawn as " + dtype);
        }
        if (distribution instanceof Integers r && r.low() >= r.high()) {
            throw new IllegalArgumentException("random fill: empty range " + r);
        }
    }

    /**
     * How many elements share one Philox block: 4 for float32 uniforms (32 bits each), 2
     * otherwise (64 bits each).
     *
     * {@snippet :
     * int e = spec.elementsPerCounter();
     * }
     *
     * @return 2 or 4
     */
    public int elementsPerCounter() {
        return distribution instanceof Uniform && dtype == DType.FLOAT32 ? 4 : 2;
    }

    /**
     * How many counters an array of {@code n} elements uses: {@code ceil(n / e)}. The next
     * array drawn by the generator starts that many counters further on.
     *
     * {@snippet :
     * long next = spec.counter() + spec.counters(size);
     * }
     *
     * @param n the number of elements, at least 0
     * @return the number of counters
     */
    public long counters(long n) {
        int e = elementsPerCounter();
        return n / e + (n % e == 0 ? 0 : 1);
    }

    /**
     * Writes elements {@code [from, to)} of the array into host memory: element {@code i} goes
     * to index {@code at + (i - from)} of {@code seg} (in elements of {@link #dtype()}). The
     * bits do not depend on how the range is split: filling {@code [0, n)} at once and in any
     * pieces gives the same array.
     *
     * {@snippet :
     * spec.fill(seg, 0, 0, n);          // the whole array
     * spec.fill(seg, k, k, n);          // or its tail alone, in place
     * }
     *
     * @param seg host memory
     * @param at where element {@code from} goes, in elements
     * @param from first element index, inclusive, at least 0
     * @param to last element index, exclusive
     * @throws IllegalArgumentException if {@code from < 0} or {@code to < from}
     */
    public void fill(MemorySegment seg, long at, long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("random fill: bad element range [" + from + ", " + to + ")");
        }
        // Whole blocks go through one tight loop per distribution; the partial blocks at the
        // ends (a chunk edge may fall inside a block) are computed element by element. The
        // two paths evaluate the same expressions, so the bits cannot depend on the split.
        int e = elementsPerCounter();
        long bodyStart = Math.min(to, (from + e - 1) / e * e);
        long bodyEnd = Math.max(bodyStart, to / e * e);
        int[] w = new int[4];
        for (long i = from; i < bodyStart; i++) {
            element(seg, at + (i - from), i, w);
        }
        wholeBlocks(seg, at + (bodyStart - from), bodyStart / e, bodyEnd / e, w);
        for (long i = bodyEnd; i < to; i++) {
            element(seg, at + (i - from), i, w);
        }
    }

    /** Element {@code i}, written at {@code index}: the definition the block loops must match. */
    private void element(MemorySegment seg, long index, long i, int[] w) {
        int e = elementsPerCounter();
        long c = counter + i / e;
        int s = (int) (i % e);
        Philox4x32.block(key, c, 0, w);
        switch (distribution) {
            case Uniform u when dtype == DType.FLOAT32 -> seg.setAtIndex(F32, index, uniform32(u, w[s]));
            case Uniform u -> seg.setAtIndex(F64, index, uniform64(u, RandomBits.word64(w, s)));
            case Normal d -> {
                acceptPolar(c, w);
                storeFloat(seg, index, d.mean() + d.std()
                        * RandomBits.polarNormal(RandomBits.word64(w, 0), RandomBits.word64(w, 1), s));
            }
            case Integers r -> seg.setAtIndex(I64, index, integer(r, RandomBits.word64(w, s), c, s, w));
        }
    }

    /** Blocks {@code [b0, b1)} (relative to {@link #counter()}), all their slots, from {@code index} on. */
    private void wholeBlocks(MemorySegment seg, long index, long b0, long b1, int[] w) {
        switch (distribution) {
            case Uniform u when dtype == DType.FLOAT32 -> {
                for (long b = b0; b < b1; b++, index += 4) {
                    Philox4x32.block(key, counter + b, 0, w);
                    for (int s = 0; s < 4; s++) {
                        seg.setAtIndex(F32, index + s, uniform32(u, w[s]));
                    }
                }
            }
            case Uniform u -> {
                for (long b = b0; b < b1; b++, index += 2) {
                    Philox4x32.block(key, counter + b, 0, w);
                    seg.setAtIndex(F64, index, uniform64(u, RandomBits.word64(w, 0)));
                    seg.setAtIndex(F64, index + 1, uniform64(u, RandomBits.word64(w, 1)));
                }
            }
            case Normal d -> {
                for (long b = b0; b < b1; b++, index += 2) {
                    long c = counter + b;
                    Philox4x32.block(key, c, 0, w);
                    acceptPolar(c, w);
                    normalPair(d, RandomBits.word64(w, 0), RandomBits.word64(w, 1), seg, index);
                }
            }
            case Integers r -> {
                for (long b = b0; b < b1; b++, index += 2) {
                    long c = counter + b;
                    Philox4x32.block(key, c, 0, w);
                    long bits1 = RandomBits.word64(w, 1); // read first: a retry of slot 0 overwrites w
                    seg.setAtIndex(I64, index, integer(r, RandomBits.word64(w, 0), c, 0, w));
                    seg.setAtIndex(I64, index + 1, integer(r, bits1, c, 1, w));
                }
            }
        }
    }

    /** Replaces a rejected attempt-0 block {@code w} by the counter's first accepted attempt. */
    private void acceptPolar(long c, int[] w) {
        if (!RandomBits.polarAccepts(RandomBits.word64(w, 0), RandomBits.word64(w, 1))) {
            RandomBits.polarBlock(key, c, 1, w);
        }
    }

    /**
     * Both normals of an accepted polar block at {@code index} and {@code index + 1}, with one
     * log: the same expressions as {@link RandomBits#polarNormal} for slots 0 and 1. For a
     * backend that computes the Philox blocks its own way.
     *
     * {@snippet :
     * RandomBits.polarBlock(spec.key(), spec.counter() + b, 0, w);    // block b of the fill
     * spec.normalPair(normal, RandomBits.word64(w, 0), RandomBits.word64(w, 1), seg, 2 * b);
     * }
     *
     * @param d the distribution
     * @param bits0 the accepted block's {@code w64(0)}
     * @param bits1 the accepted block's {@code w64(1)}
     * @param seg host memory of this fill's dtype
     * @param index where slot 0 goes
     */
    public void normalPair(Normal d, long bits0, long bits1, MemorySegment seg, long index) {
        double x = RandomBits.polarCoordinate(bits0);
        double y = RandomBits.polarCoordinate(bits1);
        double f = RandomBits.polarScale(x * x + y * y);
        storeFloat(seg, index, d.mean() + d.std() * (x * f));
        storeFloat(seg, index + 1, d.mean() + d.std() * (y * f));
    }

    private static double uniform64(Uniform u, long bits) {
        return u.low() + (u.high() - u.low()) * RandomBits.unitDouble(bits);
    }

    private static float uniform32(Uniform u, int bits) {
        return (float) (u.low() + (u.high() - u.low()) * RandomBits.unitFloat(bits));
    }

    private void storeFloat(MemorySegment seg, long index, double v) {
        if (dtype == DType.FLOAT32) {
            seg.setAtIndex(F32, index, (float) v);
        } else {
            seg.setAtIndex(F64, index, v);
        }
    }

    /**
     * The integer of slot {@code s} at counter {@code c}, whose first candidate {@code bits} the
     * caller took from the block already computed (the common case needs no other); a rejected
     * slot retries by itself, overwriting the scratch {@code w}.
     */
    private long integer(Integers r, long bits, long c, int s, int[] w) {
        long range = r.high() - r.low(); // the count of values, read as unsigned: up to 2^64 - 1
        long v = RandomBits.accepts(bits, range)
                ? Math.unsignedMultiplyHigh(bits, range)
                : RandomBits.bounded(key, c, s, range, w);
        return r.low() + v;
    }
}
