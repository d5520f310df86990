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

    /**
     * Parallel walks split the iteration space at multiples of this many elements, so that
     * chunks start on whole vectors (and, for contiguous operands, whole cache lines).
     */
    private static final long BLOCK = 256;

    private StridedWalk() {
    }

    /**
     * Walks {@code shape} like {@link #walk(long[], long[][], long[], Strip)}, split over the
     * {@link Parallel} threads when it has at least {@code 2 * grain} elements (the caller takes
     * a share; smaller walks run on the caller alone, with no handoff). The body must be safe to
     * run on several threads at once on disjoint parts of the shape.
     *
     * @param grain the fewest elements worth a thread; {@code Long.MAX_VALUE} for never
     */
    static void walk(long[] shape, long[][] strides, long[] offsets, long grain, Strip body) {
        long total = 1;
        for (long d : shape) {
            total *= d;
        }
        if (total == 0) {
            return;
        }
        if (Parallel.threads() == 1 || total / 2 < grain) {
            walk(shape, strides, offsets, body);
            return;
        }
        Coalesce c = Coalesce.of(shape, strides);
        long[] cs = c.shape();
        long[][] st = c.strides();
        long n = total;
        Parallel.forRange((n + BLOCK - 1) / BLOCK, Math.max(1, grain / BLOCK),
                (s, e) -> walkRange(cs, st, offsets, s * BLOCK, Math.min(n, e * BLOCK), body));
    }

    /** Walks the elements {@code [start, end)} (in C order) of a coalesced shape. */
    private static void walkRange(long[] cs, long[][] st, long[] offsets, long start, long end, Strip body) {
        int nop = st.length;
        int last = cs.length - 1;
        long[] idx = new long[cs.length];
        long rest = start;
        for (int ax = last; ax >= 0; ax--) {
            idx[ax] = rest % cs[ax];
            rest /= cs[ax];
        }
        long[] off = offsets.clone();
        long[] innerStrides = new long[nop];
        for (int k = 0; k < nop; k++) {
            innerStrides[k] = st[k][last];
            for (int ax = 0; ax <= last; ax++) {
                off[k] += idx[ax] * st[k][ax];
            }
        }
        long pos = start;
        while (true) {
            long n = Math.min(cs[last] - idx[last], end - pos);
            body.run(off, innerStrides, n);
            pos += n;
            if (pos >= end) {
                return;
            }
            // The strip reached the end of its row: back to the row's start, then carry.
            for (int k = 0; k < nop; k++) {
                off[k] -= idx[last] * st[k][last];
            }
            idx[last] = 0;
            int ax = last - 1;
            while (true) {
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
        }
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
