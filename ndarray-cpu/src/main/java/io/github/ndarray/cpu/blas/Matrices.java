package io.github.ndarray.cpu.blas;

import io.github.ndarray.DType;
import io.github.ndarray.NDArray;
import io.github.ndarray.spi.HostStorage;
import io.github.ndarray.spi.Storage;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Helpers over float32/float64 matrices in host memory: batch offsets and strided copies. */
final class Matrices {
    private Matrices() {
    }

    static MemorySegment segment(NDArray a) {
        Storage s = a.storage();
        if (s instanceof HostStorage h) {
            return h.segment();
        }
        throw new IllegalArgumentException("the CPU backend cannot read memory on " + s.device());
    }

    /** {@return the product of the sizes of all but the last {@code core} axes} */
    static long batchCount(long[] shape, int core) {
        long n = 1;
        for (int i = 0; i < shape.length - core; i++) {
            n *= shape[i];
        }
        return n;
    }

    /**
     * The element offsets of matrix {@code index} (C order over the batch axes, the shape's
     * first {@code shape.length - core} axes) in each operand.
     *
     * @param shape the common shape whose batch axes are walked
     * @param core how many trailing axes are not batch axes
     * @param index the flat batch index
     * @param ops operands, whose batch axes match {@code shape}'s (stride 0 where broadcast)
     * @param out receives one offset per operand
     */
    static void offsets(long[] shape, int core, long index, NDArray[] ops, long[][] strides, long[] out) {
        for (int k = 0; k < ops.length; k++) {
            out[k] = ops[k].elementOffset();
        }
        for (int ax = shape.length - core - 1; ax >= 0; ax--) {
            long i = index % shape[ax];
            index /= shape[ax];
            for (int k = 0; k < ops.length; k++) {
                out[k] += i * strides[k][ax];
            }
        }
    }

    /**
     * Copies a {@code rows x cols} matrix between layouts (offsets and strides in elements).
     */
    static void copy(DType t, int rows, int cols, MemorySegment src, long so, long srs, long scs,
            MemorySegment dst, long d0, long drs, long dcs) {
        if (t == DType.FLOAT64) {
            ValueLayout.OfDouble e = ValueLayout.JAVA_DOUBLE_UNALIGNED;
            if (scs == 1 && dcs == 1) {
                for (int i = 0; i < rows; i++) {
                    MemorySegment.copy(src, (so + i * srs) * 8, dst, (d0 + i * drs) * 8, cols * 8L);
                }
                return;
            }
            for (int i = 0; i < rows; i++) {
                long s = so + i * srs;
                long d = d0 + i * drs;
                for (int j = 0; j < cols; j++) {
                    dst.setAtIndex(e, d + j * dcs, src.getAtIndex(e, s + j * scs));
                }
            }
        } else if (t == DType.FLOAT32) {
            ValueLayout.OfFloat e = ValueLayout.JAVA_FLOAT_UNALIGNED;
            if (scs == 1 && dcs == 1) {
                for (int i = 0; i < rows; i++) {
                    MemorySegment.copy(src, (so + i * srs) * 4, dst, (d0 + i * drs) * 4, cols * 4L);
                }
                return;
            }
            for (int i = 0; i < rows; i++) {
                long s = so + i * srs;
                long d = d0 + i * drs;
                for (int j = 0; j < cols; j++) {
                    dst.setAtIndex(e, d + j * dcs, src.getAtIndex(e, s + j * scs));
                }
            }
        } else {
            throw new IllegalArgumentException("BLAS works on float32 and float64, not " + t);
        }
    }

    /** Sets a {@code rows x cols} matrix to zero. */
    static void zero(DType t, int rows, int cols, MemorySegment dst, long d0, long drs, long dcs) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                set(t, dst, d0 + i * drs + j * dcs, 0);
            }
        }
    }

    static double get(DType t, MemorySegment s, long index) {
        return t == DType.FLOAT64 ? s.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, index)
                : s.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index);
    }

    static void set(DType t, MemorySegment s, long index, double v) {
        if (t == DType.FLOAT64) {
            s.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, index, v);
        } else {
            s.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index, (float) v);
        }
    }
}
