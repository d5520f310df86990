package io.github.ndarray;

import io.github.ndarray.spi.HostElements;
import java.lang.foreign.MemorySegment;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Seeded random arrays, like NumPy's {@code Generator} ({@link ND#random(long)}). Uses the
 * JDK's L64X128MixRandom: the same seed gives the same arrays on every run. Not
 * thread-safe; one generator per thread.
 *
 * {@snippet :
 * Generator rng = ND.random(42);
 * NDArray u = rng.uniform(0, 1, 3, 4);     // float64 in [0, 1)
 * NDArray z = rng.normal(0, 1, 1000);      // standard normal
 * NDArray k = rng.integers(0, 10, 5);      // int64 in [0, 10)
 * }
 */
public final class Generator {
    private final RandomGenerator rng;

    Generator(long seed) {
        this.rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /**
     * Uniform float64 in {@code [0, 1)}.
     *
     * @param shape the shape
     * @return a new array
     */
    public NDArray random(long... shape) {
        return uniform(0, 1, shape);
    }

    /**
     * Uniform float64 in {@code [low, high)}.
     *
     * @param low lower bound
     * @param high upper bound
     * @param shape the shape
     * @return a new array
     */
    public NDArray uniform(double low, double high, long... shape) {
        if (!(low <= high) || !Double.isFinite(high - low)) {
            throw new IllegalArgumentException("uniform: need finite low <= high, got " + low + ", " + high);
        }
        NDArray out = NDArray.allocate(Device.cpu(), DType.FLOAT64, shape);
        MemorySegment seg = out.hostSegment();
        for (long i = 0; i < out.size(); i++) {
            HostElements.setDouble(seg, DType.FLOAT64, i, low + (high - low) * rng.nextDouble());
        }
        return out;
    }

    /**
     * Normal float64.
     *
     * @param mean the mean
     * @param std the standard deviation, at least 0
     * @param shape the shape
     * @return a new array
     */
    public NDArray normal(double mean, double std, long... shape) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal: scale must be non-negative, got " + std);
        }
        NDArray out = NDArray.allocate(Device.cpu(), DType.FLOAT64, shape);
        MemorySegment seg = out.hostSegment();
        for (long i = 0; i < out.size(); i++) {
            HostElements.setDouble(seg, DType.FLOAT64, i, rng.nextGaussian(mean, std));
        }
        return out;
    }

    /**
     * Uniform int64 in {@code [low, high)}.
     *
     * @param low lower bound (included)
     * @param high upper bound (excluded), above {@code low}
     * @param shape the shape
     * @return a new array
     */
    public NDArray integers(long low, long high, long... shape) {
        if (low >= high) {
            throw new IllegalArgumentException("integers: low >= high (" + low + " >= " + high + ")");
        }
        NDArray out = NDArray.allocate(Device.cpu(), DType.INT64, shape);
        MemorySegment seg = out.hostSegment();
        for (long i = 0; i < out.size(); i++) {
            HostElements.setLong(seg, DType.INT64, i, rng.nextLong(low, high));
        }
        return out;
    }
}
