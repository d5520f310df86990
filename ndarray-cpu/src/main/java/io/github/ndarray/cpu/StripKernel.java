package io.github.ndarray.cpu;

import java.lang.foreign.MemorySegment;

/**
 * A 1-D loop over strided operands, NumPy's {@code (args, n, steps)} inner-loop signature:
 * operand {@code k} lives in {@code seg[k]}, starts at element {@code off[k]} and advances by
 * {@code stride[k]} elements. Inputs come first, then outputs.
 */
@FunctionalInterface
interface StripKernel {
    /**
     * @param seg memory of each operand
     * @param off element offset of each operand
     * @param stride element stride of each operand
     * @param n the number of elements
     */
    void run(MemorySegment[] seg, long[] off, long[] stride, long n);
}
