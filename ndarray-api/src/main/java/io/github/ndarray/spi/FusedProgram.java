package io.github.ndarray.spi;

import io.github.ndarray.DType;
import io.github.ndarray.Ufunc;
import java.util.List;

/**
 * An elementwise expression resolved by the api into a straight-line program of ufunc loops
 * and casts, for {@link FusedSupport}. Values are numbered: the operands first ({@code 0 ..
 * operands - 1}), then each step's result ({@code operands + i} for step {@code i}). The last
 * step's result is the output. Every step is exactly one call the unfused ops would make (the
 * same loop, the same cast), so a backend that runs each step with its own kernel on the same
 * elements gives the unfused result.
 *
 * {@snippet :
 * // x**2 + 2*x + 1 on int64 x: operands x, 2, 2, 1 (the constants are 0-d host scalars)
 * // step 0: power(v0, v1) ll->l   -> v4
 * // step 1: multiply(v2, v0) ll->l -> v5
 * // step 2: add(v4, v5) ll->l     -> v6
 * // step 3: add(v6, v3) ll->l     -> v7, the output
 * }
 *
 * @param operands the number of operands
 * @param steps the steps in order
 */
public record FusedProgram(int operands, List<Step> steps) {
    /**
     * One step.
     *
     * @param op the ufunc, or {@code null} for a cast of its one input to {@code loop.out()}
     * @param loop the resolved loop (for a cast: the source type in, the target type out)
     * @param inputs the values read, one per loop input
     */
    public record Step(Ufunc op, Ufunc.Loop loop, int[] inputs) {
        /** {@return whether this step is a cast} */
        public boolean isCast() {
            return op == null;
        }

        /** {@return the dtype of the step's result} */
        public DType out() {
            return loop.out();
        }
    }

    /** Copies the step list. */
    public FusedProgram {
        steps = List.copyOf(steps);
    }

    /** {@return the value number of the output} */
    public int output() {
        return operands + steps.size() - 1;
    }
}
