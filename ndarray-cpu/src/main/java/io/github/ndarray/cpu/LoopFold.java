package io.github.ndarray.cpu;

import java.lang.foreign.MemorySegment;

/**
 * A reduction of contiguous elements with one binary ufunc: the Vector API fold templates
 * ({@link LoopFoldF64}, {@link LoopFoldF32}, {@link LoopFoldI64}, ...) specialized per op by
 * {@link SimdKernels#fold}. The float templates answer {@link #foldDouble}, the integer ones
 * {@link #foldLong}; the other method throws.
 */
interface LoopFold {
    /**
     * Folds {@code n >= 1} contiguous elements starting at element {@code off}.
     *
     * @param parallel whether a large fold may be split over the {@link Parallel} threads; the
     *     result does not depend on the thread count or timing either way
     * @return the result (float32 sums are accumulated and returned in double)
     */
    double foldDouble(MemorySegment s, long off, long n, boolean parallel);

    /**
     * Folds {@code n >= 1} contiguous integer elements starting at element {@code off}.
     *
     * @param parallel as for {@link #foldDouble}
     * @return the result, wrapped to the element width and sign-extended
     */
    long foldLong(MemorySegment s, long off, long n, boolean parallel);
}
