package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.NDArray;
import io.github.ndarray.spi.HostElements;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The CPU's {@link io.github.ndarray.spi.SortSupport}. Sorting copies each row into a Java
 * array and uses {@code Arrays.sort} (whose primitive sorts the JDK vectorizes on AVX-512),
 * which already orders NaN last. Argsort and searchsorted compare {@link #key order keys}:
 * one {@code long} per element that orders as NumPy does, so one stable merge sort and one
 * binary search serve every dtype.
 */
final class Sorts {
    private static final int INSERTION = 24;

    private Sorts() {
    }

    static void sort(NDArray a) {
        if (a.size() == 0) {
            return;
        }
        MemorySegment s = CpuBackend.segment(a.storage());
        int n = rowLength(a);
        long rows = a.size() / n;
        DType t = a.dtype();
        long first = a.elementOffset() * t.itemSize();
        long rowBytes = (long) n * t.itemSize();
        // One row buffer per call, not per row: sorting a (1e6, 4) array along its last axis
        // would otherwise allocate a million arrays.
        Object row = switch (t) {
            case FLOAT64 -> new double[n];
            case FLOAT32 -> new float[n];
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case INT16 -> new short[n];
            default -> new byte[n];
        };
        for (long r = 0; r < rows; r++) {
            long at = first + r * rowBytes;
            switch (t) {
                case FLOAT64 -> {
                    double[] v = (double[]) row;
                    MemorySegment.copy(s, ValueLayout.JAVA_DOUBLE_UNALIGNED, at, v, 0, n);
                    Arrays.sort(v);
                    MemorySegment.copy(v, 0, s, ValueLayout.JAVA_DOUBLE_UNALIGNED, at, n);
                }
                case FLOAT32 -> {
                    float[] v = (float[]) row;
                    MemorySegment.copy(s, ValueLayout.JAVA_FLOAT_UNALIGNED, at, v, 0, n);
                    Arrays.sort(v);
                    MemorySegment.copy(v, 0, s, ValueLayout.JAVA_FLOAT_UNALIGNED, at, n);
                }
                case INT64 -> {
                    long[] v = (long[]) row;
                    MemorySegment.copy(s, ValueLayout.JAVA_LONG_UNALIGNED, at, v, 0, n);
                    Arrays.sort(v);
                    MemorySegment.copy(v, 0, s, ValueLayout.JAVA_LONG_UNALIGNED, at, n);
                }
                case INT32 -> {
                    int[] v = (int[]) row;
                    MemorySegment.copy(s, ValueLayout.JAVA_INT_UNALIGNED, at, v, 0, n);
                    Arrays.sort(v);
                    MemorySegment.copy(v, 0, s, ValueLayout.JAVA_INT_UNALIGNED, at, n);
                }
                case INT16 -> {
                    short[] v = (short[]) row;
                    MemorySegment.copy(s, ValueLayout.JAVA_SHORT_UNALIGNED, at, v, 0, n);
                    Arrays.sort(v);
                    MemorySegment.copy(v, 0, s, ValueLayout.JAVA_SHORT_UNALIGNED, at, n);
                }
                default -> sortBytes(s, at, (byte[]) row, t == DType.UINT8);
            }
        }
        CpuBackend.keepAlive(new NDArray[] {a});
    }

    /** int8, bool (0/1) and uint8: uint8 sorts as signed bytes with the sign bit flipped. */
    private static void sortBytes(MemorySegment s, long at, byte[] v, boolean unsigned) {
        int n = v.length;
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, at, v, 0, n);
        byte flip = (byte) (unsigned ? 0x80 : 0);
        for (int i = 0; i < n; i++) {
            v[i] ^= flip;
        }
        Arrays.sort(v);
        for (int i = 0; i < n; i++) {
            v[i] ^= flip;
        }
        MemorySegment.copy(v, 0, s, ValueLayout.JAVA_BYTE, at, n);
    }

    static void argsort(NDArray a, NDArray out) {
        if (a.size() == 0) {
            return;
        }
        MemorySegment s = CpuBackend.segment(a.storage());
        MemorySegment o = CpuBackend.segment(out.storage());
        int n = rowLength(a);
        long rows = a.size() / n;
        long[] keys = new long[n];
        int[] perm = new int[n];
        int[] scratch = new int[n];
        for (long r = 0; r < rows; r++) {
            keys(s, a.dtype(), a.elementOffset() + r * n, keys);
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            mergeSort(keys, perm, scratch, 0, n);
            long at = (out.elementOffset() + r * n) * 8;
            for (int i = 0; i < n; i++) {
                o.set(ValueLayout.JAVA_LONG_UNALIGNED, at + i * 8L, perm[i]);
            }
        }
        CpuBackend.keepAlive(new NDArray[] {a, out});
    }

    static void searchsorted(NDArray sorted, NDArray values, boolean right, NDArray out) {
        MemorySegment s = CpuBackend.segment(sorted.storage());
        MemorySegment v = CpuBackend.segment(values.storage());
        MemorySegment o = CpuBackend.segment(out.storage());
        long[] keys = new long[Math.toIntExact(sorted.size())];
        keys(s, sorted.dtype(), sorted.elementOffset(), keys);
        DType t = values.dtype();
        for (long i = 0, m = values.size(); i < m; i++) {
            long x = key(v, t, values.elementOffset() + i);
            int lo = 0;
            int hi = keys.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (right ? keys[mid] <= x : keys[mid] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            o.set(ValueLayout.JAVA_LONG_UNALIGNED, (out.elementOffset() + i) * 8, lo);
        }
        CpuBackend.keepAlive(new NDArray[] {sorted, values, out});
    }

    private static int rowLength(NDArray a) {
        long n = a.shape(a.ndim() - 1);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the CPU sorts rows of at most 2^31 - 9 elements, got " + n);
        }
        return (int) n;
    }

    private static void keys(MemorySegment s, DType t, long first, long[] keys) {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(s, t, first + i);
        }
    }

    /**
     * A {@code long} whose signed order is NumPy's order of the element: integers (uint8 and
     * bool unsigned) are themselves; a float's bits with the magnitude bits flipped when
     * negative (so the order of the bits is the order of the values), {@code -0.0} as
     * {@code 0.0}, and NaN above every number.
     */
    static long key(MemorySegment s, DType t, long i) {
        if (!t.isFloating()) {
            return HostElements.getLong(s, t, i);
        }
        double x = HostElements.getDouble(s, t, i);
        if (x != x) {
            return Long.MAX_VALUE;
        }
        if (x == 0) {
            return 0;
        }
        long bits = Double.doubleToRawLongBits(x);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** Stable merge sort of {@code perm[lo, hi)} by {@code keys[perm[i]]}. */
    private static void mergeSort(long[] keys, int[] perm, int[] scratch, int lo, int hi) {
        if (hi - lo <= INSERTION) {
            for (int i = lo + 1; i < hi; i++) {
                int p = perm[i];
                long k = keys[p];
                int j = i - 1;
                while (j >= lo && keys[perm[j]] > k) {
                    perm[j + 1] = perm[j];
                    j--;
                }
                perm[j + 1] = p;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(keys, perm, scratch, lo, mid);
        mergeSort(keys, perm, scratch, mid, hi);
        if (keys[perm[mid - 1]] <= keys[perm[mid]]) {
            return;
        }
        System.arraycopy(perm, lo, scratch, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int d = lo; d < hi; d++) {
            if (j >= hi || (i < mid && keys[scratch[i]] <= keys[scratch[j]])) {
                perm[d] = scratch[i++];
            } else {
                perm[d] = scratch[j++];
            }
        }
    }
}
