package io.github.ndarray.bench;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.spi.HostStorage;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The benchmark inputs: SplitMix64, a counter-based generator that {@code scripts/bench_numpy.py}
 * implements bit for bit with NumPy's uint64 arithmetic, so both sides time the very same
 * numbers (random, seeded, never zero-filled).
 *
 * <p>Element {@code i} (from 0) of stream {@code seed} is {@code mix(seed + (i + 1) * GAMMA)};
 * its top 53 bits give {@code u} in {@code [0, 1)} and the value is {@code low + (high - low) * u}.
 */
public final class Inputs {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private Inputs() {
    }

    /**
     * The SplitMix64 finaliser.
     *
     * @param z the state
     * @return the mixed value
     */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Uniform doubles in {@code [low, high)}.
     *
     * @param seed the stream
     * @param n how many
     * @param low lower bound
     * @param high upper bound
     * @return the values
     */
    public static double[] uniform(long seed, int n, double low, double high) {
        double[] out = new double[n];
        double w = high - low;
        for (int i = 0; i < n; i++) {
            double u = (mix(seed + (i + 1L) * GAMMA) >>> 11) * 0x1.0p-53;
            out[i] = low + w * u;
        }
        return out;
    }

    /**
     * A C-contiguous array holding {@code data}, converted to {@code dtype} (float32 rounds
     * to nearest, as NumPy's {@code astype}).
     *
     * @param data the values, in C order
     * @param dtype float64 or float32
     * @param shape the shape; its size must be {@code data.length}
     * @return a new array
     */
    public static NDArray array(double[] data, DType dtype, long... shape) {
        NDArray out = ND.empty(dtype, shape);
        if (out.size() != data.length) {
            out.close();
            throw new IllegalArgumentException("shape does not match " + data.length + " values");
        }
        MemorySegment seg = ((HostStorage) out.storage()).segment();
        if (dtype == DType.FLOAT64) {
            MemorySegment.copy(data, 0, seg, ValueLayout.JAVA_DOUBLE, 0, data.length);
        } else if (dtype == DType.FLOAT32) {
            for (int i = 0; i < data.length; i++) {
                seg.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) data[i]);
            }
        } else {
            out.close();
            throw new IllegalArgumentException("unsupported dtype " + dtype);
        }
        return out;
    }

    /**
     * Uniform values in {@code [low, high)} as an array of the given dtype and shape.
     *
     * @param seed the stream
     * @param dtype float64 or float32
     * @param low lower bound
     * @param high upper bound
     * @param shape the shape
     * @return a new array
     */
    public static NDArray uniform(long seed, DType dtype, double low, double high, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return array(uniform(seed, Math.toIntExact(n), low, high), dtype, shape);
    }
}
