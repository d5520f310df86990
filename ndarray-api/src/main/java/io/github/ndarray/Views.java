package io.github.ndarray;

import io.github.ndarray.broadcasting.Shapes;

/** Shape arithmetic for views: reshape's inferred size and when a reshape needs no copy. */
final class Views {
    private Views() {
    }

    /**
     * Replaces a single {@code -1} by the size that keeps {@code size} elements.
     *
     * @throws IllegalArgumentException on several -1, other negatives, or a size mismatch
     */
    static long[] inferShape(long[] requested, long size) {
        long[] out = requested.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("can only specify one unknown dimension");
                }
                unknown = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("negative dimensions are not allowed: " + Shapes.format(requested));
            } else if (known != 0 && out[i] != 0 && Math.multiplyHigh(known, out[i]) == 0 && known * out[i] > 0) {
                known *= out[i];
            } else {
                known = out[i] == 0 || known == 0 ? 0 : -1; // -1: overflowed, cannot match any size
            }
        }
        if (unknown >= 0) {
            if (known <= 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape array of size " + size + " into shape "
                        + unknownShape(requested));
            }
            out[unknown] = size / known;
        }
        if (known < 0 || Shapes.checkedSize(out) != size) {
            throw new IllegalArgumentException("cannot reshape array of size " + size + " into shape "
                    + Shapes.format(out));
        }
        return out;
    }

    /** NumPy's printed form of a requested shape with an unknown size: leading -1s dropped, others "newaxis". */
    private static String unknownShape(long[] requested) {
        StringBuilder sb = new StringBuilder("(");
        boolean leading = true;
        for (long d : requested) {
            if (leading && d < 0) {
                continue;
            }
            if (!leading) {
                sb.append(',');
            }
            leading = false;
            sb.append(d < 0 ? "newaxis" : Long.toString(d));
        }
        return sb.append(')').toString();
    }

    /**
     * Strides that let {@code target} view the same elements in C order, or {@code null} when
     * the layout needs a copy. Walks groups of old axes whose product equals a group of new
     * axes; each old group must be contiguous in itself.
     */
    static long[] reshapeStrides(long[] shape, long[] strides, long[] target) {
        long[] out = new long[target.length];
        if (Shapes.checkedSize(shape) == 0) {
            return Shapes.contiguousStrides(target);
        }
        int oi = 0;
        int ni = 0;
        // Drop size-1 axes of the old shape: they carry no layout information.
        int[] keep = new int[shape.length];
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 1) {
                keep[k++] = i;
            }
        }
        while (ni < target.length) {
            if (oi >= k) {
                if (target[ni] != 1) {
                    return null;
                }
                // Trailing size-1 axes take the previous stride, as NumPy gives them.
                out[ni] = ni > 0 ? out[ni - 1] : 1;
                ni++;
                continue;
            }
            // Grow an old group and a new group until their products match.
            int oStart = oi;
            int nStart = ni;
            long op = shape[keep[oi++]];
            long np = target[ni++];
            while (op != np) {
                if (op < np) {
                    if (oi >= k) {
                        return null;
                    }
                    op *= shape[keep[oi++]];
                } else {
                    if (ni >= target.length) {
                        return null;
                    }
                    np *= target[ni++];
                }
            }
            for (int j = oStart; j < oi - 1; j++) {
                if (strides[keep[j]] != strides[keep[j + 1]] * shape[keep[j + 1]]) {
                    return null;
                }
            }
            long s = strides[keep[oi - 1]];
            for (int j = ni - 1; j >= nStart; j--) {
                out[j] = s;
                s *= target[j];
            }
        }
        return oi == k ? out : null;
    }
}
