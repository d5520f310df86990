package io.github.ndarray;

import java.lang.foreign.MemorySegment;

/** Gathers rows (sub-arrays along axis 0) by index: {@code a[idx]} for an index vector, as NumPy's {@code take(axis=0)}. */
final class Rows {
    private Rows() {
    }

    /**
     * A new C-contiguous array {@code out[k] = a[idx[k]]}, on {@code a}'s device.
     *
     * @param a an array with at least one axis
     * @param idx row indices, each in {@code [0, a.shape(0))}
     * @return the gathered rows
     */
    static NDArray gather(NDArray a, long[] idx) {
        long[] shape = a.shape();
        long rows = shape[0];
        shape[0] = idx.length;
        NDArray out = NDArray.allocateUninitialized(Device.cpu(), a.dtype(), shape);
        if (out.size() > 0) {
            try (NDArray src = a.contiguousHost()) {
                copyRows(src, idx, rows, out);
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
        }
        return Creation.onDevice(out, a.device());
    }

    private static void copyRows(NDArray src, long[] idx, long rows, NDArray out) {
        long rowBytes = out.size() / idx.length * src.dtype().itemSize();
        long srcStart = src.elementOffset() * src.dtype().itemSize();
        MemorySegment from = src.hostSegment();
        MemorySegment to = out.hostSegment();
        for (int k = 0; k < idx.length; k++) {
            if (idx[k] < 0 || idx[k] >= rows) {
                throw new IndexOutOfBoundsException("row " + idx[k] + " of " + rows);
            }
            MemorySegment.copy(from, srcStart + idx[k] * rowBytes, to, k * rowBytes, rowBytes);
        }
    }
}
