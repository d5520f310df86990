package io.github.ndarray.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walks visit every element exactly once, serial or parallel (and with short inner axes
 * walked the other way round); parallel walks cut a row only at multiples of
 * {@link StridedWalk#BLOCK} from its start, so each strip's vector body and tail are those of
 * the serial walk.
 */
class StridedWalkTest {
    private static final int SAVED_THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(SAVED_THREADS);
    }

    record Strip(long off0, long off1, long st0, long st1, long n) {
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 5})
    void parallelWalkCoversEachElementOnceAndCutsRowsAtBlocks(int threads) {
        Parallel.setThreads(threads);
        long[][] shapes = {{5_000_003}, {1031, 2911}, {7, 3, 50_021}, {100_000, 3}, {3, 4, 5}, {300, 2000, 3}};
        for (long[] shape : shapes) {
            int nd = shape.length;
            // operand 0 C-contiguous, operand 1 the transpose layout (so nothing coalesces for it)
            long[] c = new long[nd];
            long[] f = new long[nd];
            long size = 1;
            for (int i = nd - 1; i >= 0; i--) {
                c[i] = size;
                size *= shape[i];
            }
            long acc = 1;
            for (int i = 0; i < nd; i++) {
                f[i] = acc;
                acc *= shape[i];
            }
            List<Strip> strips = Collections.synchronizedList(new ArrayList<>());
            StridedWalk.walk(shape, new long[][] {c, f}, new long[] {0, 0}, 1,
                    (off, st, n) -> strips.add(new Strip(off[0], off[1], st[0], st[1], n)));
            boolean[] seen = new boolean[(int) size];
            for (Strip s : strips) {
                // the axis the strip runs along: operand 0 is C-contiguous, so its stride names it
                int axis = -1;
                for (int i = 0; i < nd; i++) {
                    if (c[i] == s.st0() && shape[i] > 1) {
                        axis = i;
                    }
                }
                assertTrue(axis >= 0 || s.n() == 1, "strip stride " + s.st0());
                for (long k = 0; k < s.n(); k++) {
                    int e = (int) (s.off0() + k * s.st0());
                    assertTrue(!seen[e], "element " + e + " visited twice");
                    seen[e] = true;
                    assertEquals(fOffset(e, shape, f), s.off1() + k * s.st1(), "second operand's offset");
                }
                if (axis >= 0) {
                    long inRow = s.off0() / c[axis] % shape[axis];
                    assertEquals(0, inRow % StridedWalk.BLOCK, "strip starts " + inRow + " into its row");
                    assertTrue(inRow + s.n() <= shape[axis]);
                }
            }
            for (int e = 0; e < seen.length; e++) {
                assertTrue(seen[e], "element " + e + " never visited");
            }
        }
    }

    private static long fOffset(long linear, long[] shape, long[] f) {
        long off = 0;
        for (int i = shape.length - 1; i >= 0; i--) {
            off += linear % shape[i] * f[i];
            linear /= shape[i];
        }
        return off;
    }
}
