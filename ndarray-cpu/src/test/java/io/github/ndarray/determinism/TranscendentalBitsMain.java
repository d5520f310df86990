package io.github.ndarray.determinism;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child JVM of {@link TranscendentalDeterminismTest}: computes every transcendental ufunc on
 * float32 and float64 random data, first in a fresh JVM (cold: the Vector API's Java fallback,
 * interpreted), then in other layouts and on other threads, then warm (after C2 has compiled the
 * loops), and checks that every way gives the bits of the first. It prints one line per (ufunc,
 * dtype) with a digest of the cold bits of the first {@link #PREFIX} elements, so the parent can compare JVMs run with different JIT
 * flags, and one {@code MISMATCH} line per way that differed.
 *
 * <p>Arguments: the number of elements (each ufunc's input, at least {@link #PREFIX}), then {@code warm} to also run the
 * warm checks (skipped under {@code -Xint}, where nothing compiles and each call is slow).
 */
public final class TranscendentalBitsMain {
    /** libm functions that are exact (correctly rounded by definition): not what this test is about. */
    private static final Set<String> EXACT = Set.of("fabs", "sqrt", "floor", "ceil", "trunc", "rint", "fmax", "fmin",
            "copysign", "fmod");
    /** The elements whose digest the parent compares across JVMs: every run computes at least these. */
    static final int PREFIX = 300;
    private static final Pattern MATH = Pattern.compile("ND_MATH[12]\\((\\w+)");

    private TranscendentalBitsMain() {
    }

    /** {@return the ufuncs whose float loops call an inexact libm function: the transcendentals} */
    public static List<Ufunc> transcendentals() {
        List<Ufunc> out = new ArrayList<>();
        for (Ufunc u : Ufunc.all()) {
            for (Ufunc.Loop loop : u.loops()) {
                if (loop.out() == DType.FLOAT64 && loop.in().stream().allMatch(t -> t == DType.FLOAT64)) {
                    Matcher m = MATH.matcher(u.expression(loop));
                    if (m.find() && !EXACT.contains(m.group(1))) {
                        out.add(u);
                    }
                }
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean warm = args.length > 1 && args[1].equals("warm");
        List<String> mismatches = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        for (DType t : List.of(DType.FLOAT64, DType.FLOAT32)) {
            for (Ufunc u : transcendentals()) {
                NDArray[] wide = inputs(u, t, n);
                NDArray[] in = slice(wide, "::2");
                for (int k = 0; k < in.length; k++) {
                    in[k] = in[k].copy();
                }
                long[] cold = bits(u.call((Object[]) in));
                System.out.println("DIGEST " + u.name() + " " + t + " " + Long.toHexString(digest(prefix(cold, PREFIX))));
                String what = u.name() + " " + t + ": ";
                // Another thread, first of its kind there too.
                check(mismatches, what + "worker thread", cold, bits(worker.submit(() -> u.call((Object[]) in)).get()));
                // Short arrays (vector tails, scalar loops), a 0-d one, and a strided view.
                for (int len : new int[] {1, 3, 7, 17, 100}) {
                    check(mismatches, what + "first " + len, prefix(cold, len), bits(u.call((Object[]) slice(in, ":" + len))));
                }
                check(mismatches, what + "0-d", prefix(cold, 1), bits(u.call((Object[]) slice(in, "0"))));
                check(mismatches, what + "strided", cold, bits(u.call((Object[]) slice(wide, "::2"))));
                int threads = ND.threads();
                ND.setThreads(1);
                check(mismatches, what + "one thread", cold, bits(u.call((Object[]) in)));
                ND.setThreads(threads);
                if (warm) {
                    for (int i = 0; i < 40; i++) {
                        u.call((Object[]) in).close();
                        u.call((Object[]) slice(in, ":" + (7 + i))).close();
                        u.call((Object[]) slice(wide, "::2")).close();
                    }
                    check(mismatches, what + "warm", cold, bits(u.call((Object[]) in)));
                    check(mismatches, what + "warm first 7", prefix(cold, 7), bits(u.call((Object[]) slice(in, ":7"))));
                    check(mismatches, what + "warm strided", cold, bits(u.call((Object[]) slice(wide, "::2"))));
                    check(mismatches, what + "warm worker", cold, bits(worker.submit(() -> u.call((Object[]) in)).get()));
                }
            }
        }
        worker.shutdown();
        mismatches.forEach(m -> System.out.println("MISMATCH " + m));
        System.out.println("DONE");
    }

    /**
     * Random inputs over each function's interesting range: magnitudes from 1e-6 to ~1e3 of
     * both signs (exp overflows and underflows, log sees negatives), plus NaN, ±inf, ±0,
     * subnormals and the extremes at the front, so the short prefixes see them too. Each input is
     * the even elements of an array of {@code 2 n} (the odd ones are other numbers), so that its
     * view with step 2 is a strided operand with the same values.
     */
    private static NDArray[] inputs(Ufunc u, DType t, int n) {
        NDArray[] in = new NDArray[u.nin()];
        for (int k = 0; k < in.length; k++) {
            SplittableRandom r = new SplittableRandom(31L * u.id().ordinal() + k);
            double[] specials = {0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                    Double.MIN_VALUE, -4e-310, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0, 709.9, -745.5,
                    88.8, -103.9, 1e-20, 0.99999, 2, 3};
            double[] x = new double[2 * n];
            for (int i = 0; i < 2 * n; i++) {
                x[i] = i < 2 * specials.length && i % 2 == 0 ? specials[(i / 2 + k) % specials.length]
                        : (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-6, 3)) * r.nextDouble(0.1, 1);
            }
            try (NDArray d = ND.array(x)) {
                in[k] = d.astype(t);
            }
        }
        return in;
    }

    private static NDArray[] slice(NDArray[] in, String index) {
        NDArray[] out = new NDArray[in.length];
        for (int k = 0; k < in.length; k++) {
            out[k] = in[k].get(index);
        }
        return out;
    }

    /** The result's bits, NaNs made one NaN (NumPy does not define which NaN a function returns). */
    private static long[] bits(NDArray a) {
        double[] v = a.toDoubleArray();
        boolean f32 = a.dtype() == DType.FLOAT32;
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = f32 ? Float.floatToIntBits((float) v[i]) : Double.doubleToLongBits(v[i]);
        }
        a.close();
        return out;
    }

    private static long[] prefix(long[] a, int len) {
        return java.util.Arrays.copyOf(a, len);
    }

    private static long digest(long[] a) {
        long h = 1125899906842597L;
        for (long v : a) {
            h = 31 * h + v;
        }
        return h;
    }

    private static void check(List<String> mismatches, String what, long[] expected, long[] got) {
        int differ = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != got[i]) {
                differ++;
                first = first < 0 ? i : first;
            }
        }
        if (differ > 0) {
            mismatches.add(what + ": " + differ + " of " + expected.length + " elements differ from the first call (first at "
                    + first + ")");
        }
    }
}
