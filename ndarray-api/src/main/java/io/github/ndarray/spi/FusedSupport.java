package io.github.ndarray.spi;

import io.github.ndarray.NDArray;

/**
 * Runs a whole elementwise expression in one pass over memory, an optional capability of a
 * {@link Backend} ({@code ND.evaluate}, {@code ND.fuse}). Without it the api runs the program
 * step by step through {@link Backend#elementwise} and {@link Backend#cast} with a temporary
 * array per step, which gives the same values.
 *
 * {@snippet :
 * FusedSupport f = backend.capability(FusedSupport.class); // null if the backend has none
 * }
 */
public interface FusedSupport {
    /**
     * Evaluates {@code program} elementwise into {@code out}.
     *
     * @param program the steps
     * @param operands one array per operand of the program, each of its operand's dtype and
     *     already broadcast to {@code out}'s shape (stride 0 on stretched axes; Java scalars are
     *     0-d host arrays broadcast so, as for {@link Backend#elementwise})
     * @param out the result, of the last step's dtype; an operand may share its memory only
     *     element for element (the same offset and strides)
     */
    void evaluate(FusedProgram program, NDArray[] operands, NDArray out);
}
