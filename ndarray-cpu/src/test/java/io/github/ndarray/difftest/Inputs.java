package io.github.ndarray.difftest;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;

/**
 * The input arrays of a program ({@code A} lines), synthesised from a seed exactly as
 * {@code scripts/difftest/difftest.py}'s {@code synth} does, so the file carries no input data.
 */
final class Inputs {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    /** NaN, inf, -inf, -0.0, 0.0: the order of the generator's {@code SPECIALS}. */
    private static final double[] SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, -0.0, 0.0};

    private Inputs() {
    }

    static long splitmix(long seed, long i) {
        long z = seed + (i + 1) * GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The array of an {@code A} line.
     *
     * @param specials 0 none, 1 NaN/±inf/±0 in about one element of 16, 2 only NaN and +inf
     */
    static NDArray synthesise(DType t, long[] shape, long seed, String lo, String hi, int specials) {
        int n = Math.toIntExact(Programs.size(shape));
        NDArray flat;
        switch (t.kind()) {
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (splitmix(seed, i) >>> 63) != 0;
                }
                flat = ND.array(v);
            }
            case FLOAT -> {
                double l = Double.parseDouble(lo);
                double h = Double.parseDouble(hi);
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    long z = splitmix(seed, i);
                    if (specials != 0 && (z & 15) == 0) {
                        v[i] = SPECIALS[(int) Long.remainderUnsigned(z >>> 4, specials == 1 ? SPECIALS.length : 2)];
                    } else {
                        v[i] = l + (h - l) * ((z >>> 11) * 0x1.0p-53);
                    }
                }
                flat = t == DType.FLOAT32 ? ND.array(toFloats(v)) : ND.array(v);
            }
            default -> {
                long l = Long.parseLong(lo);
                long span = Long.parseLong(hi) - l + 1; // 0 means 2^64: the full int64 range
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    long z = splitmix(seed, i);
                    v[i] = l + (span == 0 ? z : Long.remainderUnsigned(z, span));
                }
                flat = ND.array(v).astype(t);
            }
        }
        return flat.reshape(shape);
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
