package io.github.ndarray.spi;

import io.github.ndarray.NDArray;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A backend that can run a user's Java function once per element ({@code JavaUfunc}): only a
 * backend whose memory Java code reads directly, the CPU's. The api has already cast the inputs
 * to the function's dtype (float64 for the {@code Double} forms, int64 for the {@code Long}
 * forms), broadcast them to the output's shape (stride 0 on stretched axes) and copied any input
 * that overlaps the output harmfully; the output has the function's dtype. The function may run
 * on several threads at once, each on its own elements.
 */
public interface JavaFunctionLoops {
    /**
     * {@code out[i] = f(a[i])}, float64.
     *
     * @param f the function
     * @param a the input, of out's shape
     * @param out the output
     */
    void map(DoubleUnaryOperator f, NDArray a, NDArray out);

    /**
     * {@code out[i] = f(a[i], b[i])}, float64.
     *
     * @param f the function
     * @param a the first input, of out's shape
     * @param b the second input, of out's shape
     * @param out the output
     */
    void map(DoubleBinaryOperator f, NDArray a, NDArray b, NDArray out);

    /**
     * {@code out[i] = f(a[i])}, int64.
     *
     * @param f the function
     * @param a the input, of out's shape
     * @param out the output
     */
    void map(LongUnaryOperator f, NDArray a, NDArray out);

    /**
     * {@code out[i] = f(a[i], b[i])}, int64.
     *
     * @param f the function
     * @param a the first input, of out's shape
     * @param b the second input, of out's shape
     * @param out the output
     */
    void map(LongBinaryOperator f, NDArray a, NDArray b, NDArray out);
}
