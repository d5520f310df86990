package io.github.ndarray;

import java.util.List;

/**
 * A node of a parsed fused expression ({@link FusedParser}). Columns are 1-based positions in
 * the expression's text, for messages that point at the offending part.
 */
sealed interface FusedNode {
    /** {@return where the node starts in the text, 1-based} */
    int column();

    /**
     * A number or {@code True}/{@code False}: a weak scalar, like a Java scalar operand.
     *
     * @param value a {@link Long}, {@link Double} or {@link Boolean}
     * @param column where it starts
     */
    record Literal(Object value, int column) implements FusedNode {
    }

    /**
     * A variable: the {@code index}-th declared name.
     *
     * @param name the name
     * @param index its position among the declared names
     * @param column where it starts
     */
    record Variable(String name, int index, int column) implements FusedNode {
    }

    /**
     * An operator or function applied to operands: one ufunc.
     *
     * @param op the ufunc ({@code +} is {@link Ufunc#ADD}, {@code where(c, x, y)} is {@link Ufunc#WHERE})
     * @param args its operands
     * @param column where it starts (the operator's column for an infix operator)
     */
    record Apply(Ufunc op, List<FusedNode> args, int column) implements FusedNode {
    }

    /** The reductions an expression may end in. */
    enum ReductionKind {
        SUM, PROD, MIN, MAX, MEAN
    }

    /**
     * A trailing reduction over all axes ({@code axis == null}) or one.
     *
     * @param kind which reduction
     * @param arg the elementwise expression reduced
     * @param axis the axis, negative from the end, or {@code null} for all
     * @param column where it starts
     */
    record Reduction(ReductionKind kind, FusedNode arg, Integer axis, int column) implements FusedNode {
    }
}
