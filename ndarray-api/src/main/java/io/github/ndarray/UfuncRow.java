package io.github.ndarray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the ufunc table in {@link Ufunc}, being written: the fluent form that keeps each
 * definition on a few lines (NumPy's {@code generate_umath.py} row, CuPy's {@code create_ufunc}
 * call). {@link #build()} hands it to {@link Ufunc}, which keeps the finished values.
 */
final class UfuncRow {
    /** NumPy's type codes, indexed by {@link DType#ordinal()}. */
    static final String CODES = "?bBhilfd";

    final Ufunc.Id id;
    final String name;
    final int nin;
    final List<Ufunc.Loop> loops;
    Ufunc.Loop integerInputsLoop;
    Long identity;
    boolean reorderable;
    boolean refusesBool;
    boolean comparesByValue;
    /** The expression per dtype kind; {@link #all} fills the kinds left unset. */
    final Map<DType.Kind, String> expressions = new EnumMap<>(DType.Kind.class);
    private String all;

    private UfuncRow(Ufunc.Id id, String name, int nin, List<Ufunc.Loop> loops) {
        this.id = id;
        this.name = name;
        this.nin = nin;
        this.loops = loops;
    }

    /**
     * A row whose loops are homogeneous: one per type code, each input of that type.
     *
     * @param codes NumPy's type codes of the loops, in the order they are tried
     * @param out the output type of every loop, or {@code null} for the input type
     */
    static UfuncRow of(Ufunc.Id id, String name, int nin, String codes, DType out) {
        List<Ufunc.Loop> loops = new ArrayList<>();
        for (char c : codes.toCharArray()) {
            DType t = DType.values()[CODES.indexOf(c)];
            DType[] in = new DType[nin];
            Arrays.fill(in, t);
            loops.add(new Ufunc.Loop(List.of(in), out == null ? t : out));
        }
        return new UfuncRow(id, name, nin, loops);
    }

    /** A row with the given loops. */
    static UfuncRow of(Ufunc.Id id, String name, int nin, List<Ufunc.Loop> loops) {
        return new UfuncRow(id, name, nin, loops);
    }

    /** The identity of reductions, converted to each loop's type as a C cast would ({@code -1}: every bit set). */
    UfuncRow identity(long value) {
        identity = value;
        return this;
    }

    /** NumPy's reorderable: a reduction may combine several axes at once. */
    UfuncRow reorderable() {
        reorderable = true;
        return this;
    }

    /** Inputs that are all bool are refused instead of cast to int8 (NumPy's subtract, negative, sign). */
    UfuncRow refusesBool() {
        refusesBool = true;
        return this;
    }

    /**
     * Java integers out of the array type's range are used by value instead of refused (NumPy 2's comparisons and
     * logical ops: {@code np.logical_and(int8_array, 300)} is fine).
     */
    UfuncRow comparesByValue() {
        comparesByValue = true;
        return this;
    }

    /** The loop taken when no input is a float, before the regular search (true division of integers). */
    UfuncRow integerInputs(Ufunc.Loop loop) {
        integerInputsLoop = loop;
        return this;
    }

    /** The expression of every loop whose kind has no expression of its own. */
    UfuncRow expr(String expression) {
        all = expression;
        return this;
    }

    /** The expression of the bool loops. */
    UfuncRow bool(String expression) {
        expressions.put(DType.Kind.BOOL, expression);
        return this;
    }

    /** The expression of the signed and unsigned integer loops. */
    UfuncRow integers(String expression) {
        expressions.put(DType.Kind.SIGNED, expression);
        expressions.put(DType.Kind.UNSIGNED, expression);
        return this;
    }

    /** The expression of the float loops. */
    UfuncRow floats(String expression) {
        expressions.put(DType.Kind.FLOAT, expression);
        return this;
    }

    /** The expressions of another ufunc, for one that computes the same values per element. */
    UfuncRow expressionsOf(Ufunc other) {
        expressions.putAll(other.expressions());
        return this;
    }

    /** {@return the finished, immutable definition} */
    Ufunc build() {
        if (all != null) {
            for (DType.Kind k : DType.Kind.values()) {
                expressions.putIfAbsent(k, all);
            }
        }
        return new Ufunc(this);
    }
}
