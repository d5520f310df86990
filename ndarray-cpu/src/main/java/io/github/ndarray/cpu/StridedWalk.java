package io.github.ndarray.cpu;

import io.github.ndarray.broadcasting.Coalesce;

/**
 * Turns an N-d walk over several operands into calls on 1-D strips: axes are coalesced
 * (see {@link Coalesce}), then an odometer runs over all but the innermost axis. Strides and
 * offsets are in elements.
 */
final class StridedWalk {
    /** The body run on each innermost strip. */
    @FunctionalInterface
    interface Strip {
        /**
         * @param offsets each operand's element offset at the strip's start
         * @param strides each operand's element stride along the strip
         * @param n the strip's length
         */
        void run(long[] offsets, long[] strides, long n);
    }

    private StridedWalk() {
    }

    /**
     * Walks {@code shape}; operand {@code k} starts at {@code offsets[k]} with {@code strides[k]}.
     */
    static void walk(long[] shape, long[][] strides, long[] offsets, Strip body) {
        for (long d : shape) {
            if (d == 0) {
                return;
            }
        }
        Coalesce c = Coalesce.of(shape, strides);
        long[] cs = c.shape();
        long[][] st = c.strides();
        int nop = st.length;
        int last = cs.length - 1;
        long inner = cs[last];
        long[] innerStrides = new long[nop];
        for (int k = 0; k < nop; k++) {
            innerStrides[k] = st[k][last];
        }
        long[] off = offsets.clone();
        long[] idx = new long[last];
        while (true) {
            body.run(off, innerStrides, inner);
            int ax = last - 1;
            while (ax >= 0) {
                idx[ax]++;
                for (int k = 0; k < nop; k++) {
                    off[k] += st[k][ax];
                }
                if (idx[ax] < cs[ax]) {
                    break;
                }
                for (int k = 0; k < nop; k++) {
                    off[k] -= st[k][ax] * cs[ax];
                }
                idx[ax] = 0;
                ax--;
            }
            if (ax < 0) {
                return;
            }
        }
    }
}
