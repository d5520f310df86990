package io.github.ndarray.cpu;

import io.github.ndarray.NDArray;
import io.github.ndarray.spi.JavaFunctionLoops;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A user's Java function applied per element, on the backend's strided walk and pool: each strip
 * is a plain loop calling the function, which the JIT compiles (and inlines where the call site
 * sees one function). Cuts between threads depend only on the shape, and each element's value
 * only on its inputs, so the result does not depend on the thread count.
 */
final class JavaFunctionKernels implements JavaFunctionLoops {
    /** Fewest elements worth a thread: a user function may be anything from one add to a loop. */
    private static final long GRAIN = Kernels.GRAIN_TRANSCENDENTAL;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG;

    @Override
    public void map(DoubleUnaryOperator f, NDArray a, NDArray out) {
        CpuBackend.run(out.shape(), new NDArray[] {a, out}, (MemorySegment[] s, long[] off, long[] st, long n) -> {
            for (long i = 0, x = off[0], y = off[1]; i < n; i++, x += st[0], y += st[1]) {
                s[1].setAtIndex(F64, y, f.applyAsDouble(s[0].getAtIndex(F64, x)));
            }
        }, GRAIN);
    }

    @Override
    public void map(DoubleBinaryOperator f, NDArray a, NDArray b, NDArray out) {
        CpuBackend.run(out.shape(), new NDArray[] {a, b, out}, (MemorySegment[] s, long[] off, long[] st, long n) -> {
            for (long i = 0, x = off[0], y = off[1], z = off[2]; i < n; i++, x += st[0], y += st[1], z += st[2]) {
                s[2].setAtIndex(F64, z, f.applyAsDouble(s[0].getAtIndex(F64, x), s[1].getAtIndex(F64, y)));
            }
        }, GRAIN);
    }

    @Override
    public void map(LongUnaryOperator f, NDArray a, NDArray out) {
        CpuBackend.run(out.shape(), new NDArray[] {a, out}, (MemorySegment[] s, long[] off, long[] st, long n) -> {
            for (long i = 0, x = off[0], y = off[1]; i < n; i++, x += st[0], y += st[1]) {
                s[1].setAtIndex(I64, y, f.applyAsLong(s[0].getAtIndex(I64, x)));
            }
        }, GRAIN);
    }

    @Override
    public void map(LongBinaryOperator f, NDArray a, NDArray b, NDArray out) {
        CpuBackend.run(out.shape(), new NDArray[] {a, b, out}, (MemorySegment[] s, long[] off, long[] st, long n) -> {
            for (long i = 0, x = off[0], y = off[1], z = off[2]; i < n; i++, x += st[0], y += st[1], z += st[2]) {
                s[2].setAtIndex(I64, z, f.applyAsLong(s[0].getAtIndex(I64, x), s[1].getAtIndex(I64, y)));
            }
        }, GRAIN);
    }
}
