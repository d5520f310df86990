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
 * <li>{@link Normal}: 2 elements per counter, both dtypes; slot {@code s} is
 *     {@code mean + std * boxMuller(w, s)}, rounded to float for float32 (so a float32 array is
 *     the float64 one of the same counters, rounded).
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
        SlotWriter writer = switch (distribution) {
            case Uniform u when dtype == DType.FLOAT32 -> uniform32(seg, u);
            case Uniform u -> uniform64(seg, u);
            case Normal d -> normal(seg, d);
            case Integers r -> integers(seg, r);
        };
        int e = elementsPerCounter();
        int[] w = new int[4];
        long i = from;
        while (i < to) {
            long block = i / e;
            long c = counter + block;
            Philox4x32.block(key, c, 0, w);
            long end = Math.min(to, (block + 1) * e);
            for (int s = (int) (i - block * e); i < end; i++, s++) {
                writer.put(at + (i - from), w, c, s);
            }
        }
    }

    /** Writes one element from slot {@code s} of the block {@code w} at counter {@code c}. */
    @FunctionalInterface
    private interface SlotWriter {
        void put(long index, int[] w, long c, int s);
    }

    private static SlotWriter uniform64(MemorySegment seg, Uniform u) {
        double low = u.low();
        double span = u.high() - u.low();
        return (index, w, c, s) -> seg.setAtIndex(F64, index, low + span * RandomBits.unitDouble(RandomBits.word64(w, s)));
    }

    private static SlotWriter uniform32(MemorySegment seg, Uniform u) {
        double low = u.low();
        double span = u.high() - u.low();
        return (index, w, c, s) -> seg.setAtIndex(F32, index, (float) (low + span * RandomBits.unitFloat(w[s])));
    }

    private SlotWriter normal(MemorySegment seg, Normal d) {
        double mean = d.mean();
        double std = d.std();
        if (dtype == DType.FLOAT32) {
            return (index, w, c, s) -> seg.setAtIndex(F32, index, (float) (mean + std * RandomBits.boxMuller(w, s)));
        }
        return (index, w, c, s) -> seg.setAtIndex(F64, index, mean + std * RandomBits.boxMuller(w, s));
    }

    private SlotWriter integers(MemorySegment seg, Integers r) {
        long low = r.low();
        long range = r.high() - r.low(); // the count of values, read as unsigned: up to 2^64 - 1
        int[] retry = new int[4];
        return (index, w, c, s) -> {
            long bits = RandomBits.word64(w, s);
            // the common case reuses the block already computed; a rejected slot retries by itself
            long v = RandomBits.accepts(bits, range)
                    ? Math.unsignedMultiplyHigh(bits, range)
                    : RandomBits.bounded(key, c, s, range, retry);
            seg.setAtIndex(I64, index, low + v);
        };
    }
}
