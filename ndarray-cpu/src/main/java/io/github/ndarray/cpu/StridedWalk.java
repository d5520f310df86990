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
     * Parallel walks cut each innermost row into blocks of this many elements (the last one
     * shorter) and share the blocks out. Cuts inside a row fall at multiples of the block from
     * the row's start, a multiple of every vector length, so a kernel meets exactly the vector
     * bodies and tails it meets in a serial walk: results do not depend on the thread count.
     */
    static final long BLOCK = 1024;

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
        long[] cs = c.shape(); // fresh arrays: reordered in place below
        long[][] st = c.strides();
        longStripsInside(cs, st);
        long inner = cs[cs.length - 1];
        long perRow = (inner + BLOCK - 1) / BLOCK;
        long blocks = total / inner * perRow;
        long blockSize = Math.min(inner, BLOCK);
        Parallel.forRange(blocks, Math.max(1, grain / blockSize),
                (s, e) -> walkBlocks(cs, st, offsets, perRow, s, e, body));
    }

    /**
     * Strips shorter than this, when the next axis is at least twice as long, are walked the
     * other way round: the two innermost axes swap, so a kernel gets (strided) strips of the
     * longer axis instead of many short ones. Walks visit each element once in any order, and
     * every caller's strips are independent, so the order is free. Example: the distance
     * matrix's {@code (N,1,3) - (1,N,3)}, which does not coalesce, becomes N*3 strips of N
     * instead of N*N strips of 3 (about 3x faster).
     */
    static final long SHORT_STRIP = 16;

    private static void longStripsInside(long[] cs, long[][] st) {
        int last = cs.length - 1;
        if (last >= 1 && cs[last] < SHORT_STRIP && cs[last - 1] >= 2 * cs[last]) {
            swap(cs, last - 1, last);
            for (long[] s : st) {
                swap(s, last - 1, last);
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** Walks the blocks {@code [first, end)} of a coalesced shape, {@code perRow} blocks to a row. */
    private static void walkBlocks(long[] cs, long[][] st, long[] offsets, long perRow, long first, long end,
            Strip body) {
        int nop = st.length;
        int last = cs.length - 1;
        long inner = cs[last];
        long row = first / perRow;
        long[] idx = new long[last];
        long rest = row;
        for (int ax = last - 1; ax >= 0; ax--) {
            idx[ax] = rest % cs[ax];
            rest /= cs[ax];
        }
        long[] rowOff = offsets.clone();
        long[] innerStrides = new long[nop];
        for (int k = 0; k < nop; k++) {
            innerStrides[k] = st[k][last];
            for (int ax = 0; ax < last; ax++) {
                rowOff[k] += idx[ax] * st[k][ax];
            }
        }
        long[] off = new long[nop];
        long b = first;
        while (true) {
            long stop = Math.min(end, (row + 1) * perRow);
            long from = (b - row * perRow) * BLOCK;
            long to = Math.min(inner, (stop - row * perRow) * BLOCK);
            for (int k = 0; k < nop; k++) {
                off[k] = rowOff[k] + from * innerStrides[k];
            }
            body.run(off, innerStrides, to - from);
            b = stop;
            if (b >= end) {
                return;
            }
            row++;
            int ax = last - 1;
            while (true) {
                idx[ax]++;
                for (int k = 0; k < nop; k++) {
                    rowOff[k] += st[k][ax];
                }
                if (idx[ax] < cs[ax]) {
                    break;
                }
                for (int k = 0; k < nop; k++) {
                    rowOff[k] -= st[k][ax] * cs[ax];
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
        long[] cs = c.shape(); // fresh arrays: reordered in place below
        long[][] st = c.strides();
        longStripsInside(cs, st);
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
