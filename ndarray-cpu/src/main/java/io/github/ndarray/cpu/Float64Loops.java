package io.github.ndarray.cpu;

import java.lang.foreign.ValueLayout;
import java.util.function.DoubleBinaryOperator;

/** float64 loops that read memory directly, skipping the per-element dtype dispatch. */
final class Float64Loops {
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private Float64Loops() {
    }

    static StripKernel map2(DoubleBinaryOperator f) {
        return (s, off, st, n) -> {
            long i0 = off[0];
            long i1 = off[1];
            long i2 = off[2];
            for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1], i2 += st[2]) {
                s[2].setAtIndex(D, i2, f.applyAsDouble(s[0].getAtIndex(D, i0), s[1].getAtIndex(D, i1)));
            }
        };
    }
}
