package io.github.ndarray.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 argmax and argmin of a contiguous strip, NumPy's answer: the first occurrence of the
 * extreme, or the first NaN if there is one (-0.0 and 0.0 tie, so the first of them wins). Blocks
 * of {@link #B} elements are reduced with vector max (min), which propagates NaN; a block whose
 * extreme is NaN is scanned for its first NaN; otherwise the first block with a strictly better
 * extreme is kept and, at the end, scanned once for the first element equal to it. The tail is
 * compared element by element.
 *
 * <p>This file is {@link ArgFoldF64} with float for double (a mechanical substitution); keep the
 * two in step.
 */
final class ArgFoldF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per block. */
    private static final int B = 32 * L;
    private static final int W = Float.BYTES;
    private static final ValueLayout.OfFloat E = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder O = ByteOrder.nativeOrder();

    private ArgFoldF32() {
    }

    /** {@return the index in {@code [0, n)} of the first maximum (minimum) or first NaN of {@code s[off..off+n)}, n >= 1} */
    static long arg(boolean max, MemorySegment s, long off, long n) {
        float best = 0;
        long at = -1;
        long i = 0;
        for (; i + B <= n; i += B) {
            float m = max ? blockMax(s, off + i) : blockMin(s, off + i);
            if (m != m) {
                return firstNaN(s, off, i);
            }
            if (at < 0 || (max ? m > best : m < best)) {
                best = m;
                at = i;
            }
        }
        if (at >= 0) {
            while (s.getAtIndex(E, off + at) != best) {
                at++;
            }
        }
        for (; i < n; i++) {
            float v = s.getAtIndex(E, off + i);
            if (v != v) {
                return i;
            }
            if (at < 0 || (max ? v > best : v < best)) {
                best = v;
                at = i;
            }
        }
        return at;
    }

    private static long firstNaN(MemorySegment s, long off, long i) {
        while (!Float.isNaN(s.getAtIndex(E, off + i))) {
            i++;
        }
        return i;
    }

    private static FloatVector load(MemorySegment m, long i) {
        return FloatVector.fromMemorySegment(S, m, i * W, O);
    }

    private static float blockMax(MemorySegment s, long o) {
        FloatVector a0 = load(s, o);
        FloatVector a1 = load(s, o + L);
        for (int k = 2 * L; k < B; k += 2 * L) {
            a0 = a0.max(load(s, o + k));
            a1 = a1.max(load(s, o + k + L));
        }
        return a0.max(a1).reduceLanes(VectorOperators.MAX);
    }

    private static float blockMin(MemorySegment s, long o) {
        FloatVector a0 = load(s, o);
        FloatVector a1 = load(s, o + L);
        for (int k = 2 * L; k < B; k += 2 * L) {
            a0 = a0.min(load(s, o + k));
            a1 = a1.min(load(s, o + k + L));
        }
        return a0.min(a1).reduceLanes(VectorOperators.MIN);
    }
}
