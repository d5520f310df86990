package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.spi.HostElements;

/**
 * Element conversion as NumPy's {@code astype} does it (C casts): to bool is "nonzero"
 * (NaN is true), float to integer truncates toward zero, integers wrap to the target width,
 * integers become floats in one rounding (int64 to float32 directly, never through double).
 */
final class Casts {
    private Casts() {
    }

    /** The cast loop the backend runs: a {@link LoopCast} copy (typed, vectorized when contiguous). */
    static StripKernel kernel(DType from, DType to) {
        return Kernels.VECTOR_API ? SimdKernels.cast(from, to) : generic(from, to);
    }

    /** The generic per-element cast loop through {@link HostElements}: the tests' reference. */
    static StripKernel generic(DType from, DType to) {
        if (to == DType.BOOL && from.isFloating()) {
            return (s, off, st, n) -> {
                long i0 = off[0];
                long i1 = off[1];
                for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1]) {
                    HostElements.setLong(s[1], to, i1, HostElements.getDouble(s[0], from, i0) != 0 ? 1 : 0);
                }
            };
        }
        if (from.isFloating() && !to.isFloating()) {
            return (s, off, st, n) -> {
                long i0 = off[0];
                long i1 = off[1];
                for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1]) {
                    HostElements.setLong(s[1], to, i1, (long) HostElements.getDouble(s[0], from, i0));
                }
            };
        }
        if (from.isFloating() && to.isFloating()) {
            return (s, off, st, n) -> {
                long i0 = off[0];
                long i1 = off[1];
                for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1]) {
                    HostElements.setDouble(s[1], to, i1, HostElements.getDouble(s[0], from, i0));
                }
            };
        }
        return (s, off, st, n) -> {
            long i0 = off[0];
            long i1 = off[1];
            for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1]) {
                HostElements.setLong(s[1], to, i1, HostElements.getLong(s[0], from, i0));
            }
        };
    }
}
