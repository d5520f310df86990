package io.github.ndarray;

import io.github.ndarray.spi.Philox4x32;
import io.github.ndarray.spi.RandomBits;
import io.github.ndarray.spi.RandomFill;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeded random arrays, like NumPy's {@code numpy.random.Generator} ({@link ND#random(long)}).
 *
 * <p>Counter-based: the numbers come from Philox4x32-10 ({@link Philox4x32}), a pure function
 * of a 64-bit key and a 128-bit counter. A generator is a key plus a position (the next unused
 * counter). Element {@code i} of a drawn array is computed from counter
 * {@code position + i / e} alone ({@code e} = 2 or 4 elements per counter, see
 * {@link RandomFill}), never from what ran before it in the call; so the same seed gives the
 * same array bit for bit whatever the thread count, however the work is chunked, on any
 * device, and an MPI rank holding elements {@code [a, b)} computes exactly its part
 * ({@link #reserve}). Each draw then moves the position past the counters it used, so
 * consecutive calls give different arrays. These are this library's own streams: they do not
 * reproduce NumPy's numbers (NumPy's {@code Philox} is the 4x64 variant, and its
 * {@code default_rng} is PCG64), only its distributions.
 *
 * <p>The key is the seed itself (like cuRAND's {@code curand_init}); {@link #spawn} derives
 * children's keys. Drawing is safe from several threads (each call takes its own counters
 * atomically), but which call gets which counters then depends on timing: for reproducible
 * results give each thread its own generator ({@link #spawn}).
 *
 * {@snippet :
 * Generator rng = ND.random(42);
 * NDArray u = rng.uniform(0, 1, 3, 4);     // float64 in [0, 1)
 * NDArray z = rng.normal(0, 1, 1000);      // normal, mean 0, sd 1
 * NDArray k = rng.integers(0, 10, 5);      // int64 in [0, 10)
 * NDArray p = rng.permutation(10);         // 0..9 in random order
 * }
 */
public final class Generator {
    /**
     * Counter word {@code c3} of key derivation ("SPWN"); draws keep {@code c3 = 0}, so a
     * derivation block is never a block some array uses.
     */
    private static final long SPAWN_TAG = 0x5350574EL << 32;

    private final long key;
    private final AtomicLong position;
    private final AtomicLong spawned;
    /** Where drawn arrays are made; the stream itself belongs to no device. */
    private final Device device;

    Generator(long seed) {
        this(seed, new AtomicLong(), new AtomicLong(), Device.cpu());
    }

    private Generator(long key, AtomicLong position, AtomicLong spawned, Device device) {
        this.key = key;
        this.position = position;
        this.spawned = spawned;
        this.device = device;
    }

    /**
     * This generator drawing its arrays on a device: the same stream (draws through either
     * advance both), filled by the device's backend, with the same bits as on the host.
     *
     * {@snippet :
     * Generator rng = ND.random(42);
     * NDArray g = rng.on(Device.cuda()).normal(0, 1, 1000, 1000);   // made on the GPU
     * }
     *
     * @param target where {@link #random}, {@link #uniform}, {@link #normal},
     *     {@link #standardNormal} and {@link #integers} put their arrays
     * @return a generator sharing this one's stream
     */
    public Generator on(Device target) {
        Objects.requireNonNull(target, "device");
        return new Generator(key, position, spawned, target);
    }

    /**
     * Uniform float64 in {@code [0, 1)}: NumPy's {@code random(size)}.
     *
     * {@snippet :
     * NDArray u = ND.random(0).random(2, 3);   // shape (2, 3)
     * }
     *
     * @param shape the shape
     * @return a new array
     * @throws IllegalArgumentException if a dimension is negative
     */
    public NDArray random(long... shape) {
        return random(DType.FLOAT64, shape);
    }

    /**
     * Uniform in {@code [0, 1)} of float64 (53 random bits) or float32 (24 random bits):
     * NumPy's {@code random(size, dtype)}.
     *
     * {@snippet :
     * NDArray u = ND.random(0).random(DType.FLOAT32, 1000);
     * }
     *
     * @param dtype {@link DType#FLOAT64} or {@link DType#FLOAT32}
     * @param shape the shape
     * @return a new array
     * @throws IllegalArgumentException if the dtype is not a float type, or a dimension is negative
     */
    public NDArray random(DType dtype, long... shape) {
        return draw(new RandomFill.Uniform(0, 1), floatType("random", dtype), shape);
    }

    /**
     * Uniform float64 in {@code [low, high)}: {@code low + (high - low) * random()}, NumPy's
     * {@code uniform}.
     *
     * {@snippet :
     * NDArray u = ND.random(1).uniform(-1, 1, 100);
     * }
     *
     * @param low lower bound
     * @param high upper bound
     * @param shape the shape
     * @return a new array
     * @throws IllegalArgumentException unless {@code low <= high} with a finite difference
     */
    public NDArray uniform(double low, double high, long... shape) {
        if (!(low <= high) || !Double.isFinite(high - low)) {
            throw new IllegalArgumentException("uniform: need finite low <= high, got " + low + ", " + high);
        }
        return draw(new RandomFill.Uniform(low, high), DType.FLOAT64, shape);
    }

    /**
     * Normal float64 (Marsaglia's polar method, see {@link RandomBits#polarNormal}): NumPy's {@code normal}.
     *
     * {@snippet :
     * NDArray heights = ND.random(2).normal(170, 10, 500);
     * }
     *
     * @param mean the mean
     * @param std the standard deviation, at least 0
     * @param shape the shape
     * @return a new array
     * @throws IllegalArgumentException if {@code std} is negative or NaN
     */
    public NDArray normal(double mean, double std, long... shape) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal: scale must be non-negative, got " + std);
        }
        return draw(new RandomFill.Normal(mean, std), DType.FLOAT64, shape);
    }

    /**
     * Standard normal float64: NumPy's {@code standard_normal}.
     *
     * {@snippet :
     * NDArray z = ND.random(3).standardNormal(4, 4);
     * }
     *
     * @param shape the shape
     * @return a new array
     * @throws IllegalArgumentException if a dimension is negative
     */
    public NDArray standardNormal(long... shape) {
        return standardNormal(DType.FLOAT64, shape);
    }

    /**
     * Standard normal of float64 or float32: NumPy's {@code standard_normal(size, dtype)}. The
     * float32 array is the float64 array of the same counters, rounded.
     *
     * {@snippet :
     * NDArray z = ND.random(3).standardNormal(DType.FLOAT32, 1000);
     * }
     *
     * @param dtype {@link DType#FLOAT64} or {@link DType#FLOAT32}
     * @param shape the shape
     * @return a new array
     * @throws IllegalArgumentException if the dtype is not a float type, or a dimension is negative
     */
    public NDArray standardNormal(DType dtype, long... shape) {
        return draw(new RandomFill.Normal(0, 1), floatType("standardNormal", dtype), shape);
    }

    /**
     * Uniform int64 in {@code [low, high)}, without modulo bias (Lemire's method, see
     * {@link RandomBits#bounded}): NumPy's {@code integers}.
     *
     * {@snippet :
     * NDArray dice = ND.random(4).integers(1, 7, 10);   // ten throws of a die
     * }
     *
     * @param low lowest value
     * @param high one past the highest value
     * @param shape the shape
     * @return a new array
     * @throws IllegalArgumentException if {@code low >= high}, or a dimension is negative
     */
    public NDArray integers(long low, long high, long... shape) {
        if (low >= high) {
            throw new IllegalArgumentException("integers: low >= high (" + low + " >= " + high + ")");
        }
        return draw(new RandomFill.Integers(low, high), DType.INT64, shape);
    }

    /**
     * {@code size} values of {@code [0, n)} (int64), like NumPy's {@code choice(n, size, replace)}:
     * with replacement, independent uniform integers; without, distinct values in random order
     * (a partial Fisher-Yates shuffle).
     *
     * {@snippet :
     * NDArray lottery = ND.random(5).choice(49, 6, false);  // 6 distinct numbers of 0..48
     * }
     *
     * @param n the population size, at least 0
     * @param size how many values, at least 0
     * @param replace whether a value may repeat
     * @return a new int64 array of shape {@code (size)}
     * @throws IllegalArgumentException if {@code n} or {@code size} is negative, if {@code n} is
     *     0 and {@code size} is not, or if {@code size > n} without replacement
     */
    public NDArray choice(long n, long size, boolean replace) {
        checkChoice(n, size, replace);
        if (size == 0) {
            return NDArray.allocate(Device.cpu(), DType.INT64, 0);
        }
        return replace ? integers(0, n, size) : ND.array(sampleIndices(n, size));
    }

    /**
     * {@code size} rows of {@code a} (sub-arrays along axis 0), like NumPy's
     * {@code choice(a, size, replace)}.
     *
     * {@snippet :
     * NDArray colors = ND.array(new long[] {10, 20, 30});
     * NDArray picks = ND.random(6).choice(colors, 5, true);   // e.g. [30, 10, 10, 20, 30]
     * }
     *
     * @param a the population: its rows are the candidates
     * @param size how many rows, at least 0
     * @param replace whether a row may repeat
     * @return a new array of shape {@code (size, a.shape[1:]...)}, on {@code a}'s device
     * @throws IllegalArgumentException if {@code a} is 0-d, {@code size} is negative, {@code a}
     *     is empty and {@code size} is not, or {@code size} exceeds the rows without replacement
     */
    public NDArray choice(NDArray a, long size, boolean replace) {
        long n = rows("choice", a);
        checkChoice(n, size, replace);
        long[] idx;
        if (size == 0) {
            idx = new long[0];
        } else if (replace) {
            try (NDArray k = integers(0, n, size)) {
                idx = k.toLongArray();
            }
        } else {
            idx = sampleIndices(n, size);
        }
        return Rows.gather(a, idx);
    }

    /**
     * {@code 0..n-1} in random order (int64), NumPy's {@code permutation(n)}; the same order as
     * {@code choice(n, n, false)}.
     *
     * {@snippet :
     * NDArray order = ND.random(7).permutation(5);   // e.g. [3, 0, 4, 1, 2]
     * }
     *
     * @param n how many, at least 0
     * @return a new int64 array of shape {@code (n)}
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public NDArray permutation(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n must be non-negative, got " + n);
        }
        return ND.array(sampleIndices(n, n));
    }

    /**
     * A copy of {@code a} with its rows (axis 0) in random order, NumPy's {@code permutation(a)}.
     *
     * {@snippet :
     * NDArray deck = ND.arange(52);
     * NDArray shuffled = ND.random(8).permutation(deck);   // deck is unchanged
     * }
     *
     * @param a an array with at least one axis
     * @return a new array, on {@code a}'s device
     * @throws IllegalArgumentException if {@code a} is 0-d
     */
    public NDArray permutation(NDArray a) {
        long n = rows("permutation", a);
        return Rows.gather(a, sampleIndices(n, n));
    }

    /**
     * Shuffles the rows (axis 0) of {@code a} in place, NumPy's {@code shuffle}; {@code a} may be
     * a view. The order is the one {@link #permutation(NDArray)} would give from this position.
     *
     * {@snippet :
     * NDArray m = ND.arange(12).reshape(4, 3);
     * ND.random(9).shuffle(m);   // the 4 rows, reordered; each row intact
     * }
     *
     * @param a an array with at least one axis
     * @throws IllegalArgumentException if {@code a} is 0-d
     */
    public void shuffle(NDArray a) {
        long n = rows("shuffle", a);
        try (NDArray shuffled = Rows.gather(a, sampleIndices(n, n))) {
            a.assign(shuffled);
        }
    }

    /**
     * {@code k} new generators whose streams are independent of this one's and of each other's,
     * like NumPy's {@code Generator.spawn} (SeedSequence spawning). Child {@code j} (counting
     * the children of every earlier {@code spawn} call on this generator too, so a second call
     * gives new children) has key {@code w64(0)} of the Philox block at this generator's key and
     * counter {@code (j, 0x5350574E << 96)} ("SPWN" in the top word, which no draw uses), and
     * starts at position 0. It does not depend on this generator's position, so the children
     * are reproducible from the seed and the spawn order alone. Keys are 64 bits: two of
     * {@code m} generators share a key with probability about {@code m^2 / 2^65}.
     *
     * {@snippet :
     * List<Generator> workers = ND.random(42).spawn(4);   // one per thread or task
     * NDArray part = workers.get(0).normal(0, 1, 1000);
     * }
     *
     * @param k how many, at least 0
     * @return the children
     * @throws IllegalArgumentException if {@code k} is negative
     */
    public List<Generator> spawn(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("spawn: the number of children must be non-negative, got " + k);
        }
        long first = spawned.getAndAdd(k);
        List<Generator> children = new ArrayList<>(k);
        int[] w = new int[4];
        for (int j = 0; j < k; j++) {
            Philox4x32.block(key, first + j, SPAWN_TAG, w);
            children.add(new Generator(RandomBits.word64(w, 0)));
        }
        return children;
    }

    /**
     * Takes the counters for an array of {@code n} elements and returns its description, for a
     * backend or a distributed array that fills the elements itself: a rank holding elements
     * {@code [a, b)} of the global array calls {@code spec.fill(local, 0, a, b)} (every rank
     * reserves with the same generator state, so all get the same spec).
     *
     * {@snippet :
     * RandomFill spec = rng.reserve(new RandomFill.Normal(0, 1), DType.FLOAT64, globalSize);
     * spec.fill(localSegment, 0, myFirst, myEnd);   // this rank's rows only
     * }
     *
     * @param distribution what to draw
     * @param dtype the element type (see {@link RandomFill})
     * @param n the number of elements of the whole array, at least 0
     * @return the description; this generator moves past its counters
     * @throws IllegalArgumentException if {@code n} is negative or the dtype does not suit the distribution
     */
    // RandomFill is SPI, on purpose: it is for the MPI module, which can name it (module-info).
    @SuppressWarnings("exports")
    public RandomFill reserve(RandomFill.Distribution distribution, DType dtype, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("reserve: negative element count " + n);
        }
        // Validate before taking counters, so a refused call leaves the stream where it was.
        RandomFill probe = new RandomFill(distribution, dtype, key, 0);
        long first = take(probe.counters(n));
        return new RandomFill(distribution, dtype, key, first);
    }

    @Override
    public String toString() {
        return "Generator(Philox4x32-10, key=0x" + Long.toHexString(key) + ", position=" + position.get() + ")";
    }

    /** Takes {@code count} counters; an unsigned 64-bit position cannot run out in practice. */
    private long take(long count) {
        return position.getAndAdd(count);
    }

    private NDArray draw(RandomFill.Distribution distribution, DType dtype, long[] shape) {
        Objects.requireNonNull(shape, "shape");
        NDArray out = NDArray.allocateUninitialized(device, dtype, shape);
        try {
            out.backend().fillRandom(reserve(distribution, dtype, out.size()), out);
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    private long[] sampleIndices(long n, long size) {
        if (size > Sampling.MAX_DENSE) {
            throw new IllegalArgumentException("cannot sample " + size + " of " + n + " without replacement:"
                    + " at most " + Sampling.MAX_DENSE + " values fit a Java array");
        }
        long steps = Sampling.steps(n, size);
        long first = take(steps / 2 + steps % 2);
        return Sampling.withoutReplacement(key, first, n, (int) size);
    }

    private static void checkChoice(long n, long size, boolean replace) {
        if (size < 0) {
            throw new IllegalArgumentException("choice: negative dimensions are not allowed (size " + size + ")");
        }
        if (n < 0) {
            throw new IllegalArgumentException("choice: a must be a non-negative integer, got " + n);
        }
        if (n == 0 && size > 0) {
            throw new IllegalArgumentException("choice: a cannot be empty unless no samples are taken");
        }
        if (!replace && size > n) {
            throw new IllegalArgumentException("choice: cannot take a larger sample (" + size
                    + ") than the population (" + n + ") when replace is false");
        }
    }

    private static long rows(String what, NDArray a) {
        Objects.requireNonNull(a, "a");
        if (a.ndim() == 0) {
            throw new IllegalArgumentException(what + ": a must have at least one dimension, got a 0-d array");
        }
        return a.shape(0);
    }

    private static DType floatType(String what, DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (dtype != DType.FLOAT64 && dtype != DType.FLOAT32) {
            throw new IllegalArgumentException(what + ": dtype must be float64 or float32, got " + dtype);
        }
        return dtype;
    }
}
