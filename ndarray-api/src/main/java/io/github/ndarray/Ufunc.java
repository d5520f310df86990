package io.github.ndarray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A universal function, described once for every backend: its name, arity, the typed loops it
 * has (in NumPy's order) and, for reductions, its identity. Backends provide the loops'
 * arithmetic; this class and {@link Elementwise} do the rest (promotion, broadcasting,
 * {@code out=}, {@code where=}).
 *
 * <p>Loop choice is NumPy's: the first loop to which every input casts safely. Java numbers
 * given as operands are weak scalars (NEP 50).
 *
 * {@snippet :
 * NDArray a = ND.arange(6).reshape(2, 3);
 * NDArray s = Ufunc.ADD.call(a, 10);             // a + 10, int64
 * NDArray r = Ufunc.ADD.reduce(a, new int[]{0}, false); // column sums
 * NDArray c = Ufunc.ADD.accumulate(a, 1);        // running sums along rows
 * NDArray o = Ufunc.MULTIPLY.outer(ND.arange(3), ND.arange(4)); // (3,4) table
 * }
 */
public final class Ufunc {
    /**
     * One typed loop.
     *
     * @param in the input dtypes
     * @param out the output dtype
     */
    public record Loop(List<DType> in, DType out) {
        /** {@return NumPy's signature string, e.g. {@code dd->d}} */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (DType t : in) {
                sb.append(code(t));
            }
            return sb.append("->").append(code(out)).toString();
        }
    }

    private static final String CODES = "?bBhilfd";
    private static final String ALL = "?bBhilfd";
    private static final String NUMERIC = "bBhilfd";
    private static final String INTS = "bBhil";
    private static final String BOOL_INTS = "?bBhil";
    private static final String FLOATS = "fd";

    // ---- arithmetic
    /** {@code np.add}; on bool it is logical or. */
    public static final Ufunc ADD = binary("add", ALL, 0.0);
    /** {@code np.subtract}; not defined for bool. */
    public static final Ufunc SUBTRACT = binary("subtract", NUMERIC, null);
    /** {@code np.multiply}; on bool it is logical and. */
    public static final Ufunc MULTIPLY = binary("multiply", ALL, 1.0);
    /** {@code np.divide} (true division): integers divide as float64. */
    public static final Ufunc DIVIDE = new Ufunc("divide", 2, withOutput(loops(2, FLOATS), null), null,
            new Loop(List.of(DType.FLOAT64, DType.FLOAT64), DType.FLOAT64));
    /** {@code np.floor_divide}: rounds toward minus infinity; integer division by zero gives 0. */
    public static final Ufunc FLOOR_DIVIDE = binary("floor_divide", NUMERIC, null);
    /** {@code np.remainder} ({@code np.mod}): the result has the divisor's sign. */
    public static final Ufunc REMAINDER = binary("remainder", NUMERIC, null);
    /** {@code np.power}; integers to negative integer powers are refused. */
    public static final Ufunc POWER = binary("power", NUMERIC, null);
    /** {@code np.arctan2}. */
    public static final Ufunc ARCTAN2 = binary("arctan2", FLOATS, null);
    /** {@code np.maximum}: NaN propagates. */
    public static final Ufunc MAXIMUM = binary("maximum", ALL, null);
    /** {@code np.minimum}: NaN propagates. */
    public static final Ufunc MINIMUM = binary("minimum", ALL, null);
    /** {@code np.fmax}: NaN is ignored unless both are NaN. */
    public static final Ufunc FMAX = binary("fmax", ALL, null);
    /** {@code np.fmin}: NaN is ignored unless both are NaN. */
    public static final Ufunc FMIN = binary("fmin", ALL, null);

    // ---- comparisons and logic (bool results)
    /** {@code np.equal}. */
    public static final Ufunc EQUAL = predicate2("equal", null);
    /** {@code np.not_equal}. */
    public static final Ufunc NOT_EQUAL = predicate2("not_equal", null);
    /** {@code np.less}. */
    public static final Ufunc LESS = predicate2("less", null);
    /** {@code np.less_equal}. */
    public static final Ufunc LESS_EQUAL = predicate2("less_equal", null);
    /** {@code np.greater}. */
    public static final Ufunc GREATER = predicate2("greater", null);
    /** {@code np.greater_equal}. */
    public static final Ufunc GREATER_EQUAL = predicate2("greater_equal", null);
    /** {@code np.logical_and}. */
    public static final Ufunc LOGICAL_AND = predicate2("logical_and", 1.0);
    /** {@code np.logical_or}. */
    public static final Ufunc LOGICAL_OR = predicate2("logical_or", 0.0);
    /** {@code np.logical_xor}. */
    public static final Ufunc LOGICAL_XOR = predicate2("logical_xor", 0.0);
    /** {@code np.logical_not}. */
    public static final Ufunc LOGICAL_NOT = predicate1("logical_not");
    /** {@code np.isnan}. */
    public static final Ufunc ISNAN = predicate1("isnan");
    /** {@code np.isinf}. */
    public static final Ufunc ISINF = predicate1("isinf");
    /** {@code np.isfinite}. */
    public static final Ufunc ISFINITE = predicate1("isfinite");

    // ---- bitwise (bool and integers only)
    /** {@code np.bitwise_and}. */
    public static final Ufunc BITWISE_AND = binary("bitwise_and", BOOL_INTS, -1.0);
    /** {@code np.bitwise_or}. */
    public static final Ufunc BITWISE_OR = binary("bitwise_or", BOOL_INTS, 0.0);
    /** {@code np.bitwise_xor}. */
    public static final Ufunc BITWISE_XOR = binary("bitwise_xor", BOOL_INTS, 0.0);
    /** {@code np.left_shift}. */
    public static final Ufunc LEFT_SHIFT = binary("left_shift", INTS, null);
    /** {@code np.right_shift}. */
    public static final Ufunc RIGHT_SHIFT = binary("right_shift", INTS, null);
    /** {@code np.invert} ({@code np.bitwise_not}); logical not on bool. */
    public static final Ufunc INVERT = unary("invert", BOOL_INTS);

    // ---- unary arithmetic
    /** {@code np.negative}; not defined for bool. */
    public static final Ufunc NEGATIVE = unary("negative", NUMERIC);
    /** {@code np.absolute}. */
    public static final Ufunc ABSOLUTE = unary("absolute", ALL);
    /** {@code np.sign}; not defined for bool. */
    public static final Ufunc SIGN = unary("sign", NUMERIC);
    /** {@code np.reciprocal}; integer reciprocal divides 1 by the value in integers. */
    public static final Ufunc RECIPROCAL = unary("reciprocal", NUMERIC);
    /** {@code np.square}. */
    public static final Ufunc SQUARE = unary("square", NUMERIC);
    /** {@code np.floor}; integers and bool pass through unchanged (NumPy 2). */
    public static final Ufunc FLOOR = unary("floor", ALL);
    /** {@code np.ceil}; integers and bool pass through unchanged. */
    public static final Ufunc CEIL = unary("ceil", ALL);
    /** {@code np.trunc}; integers and bool pass through unchanged. */
    public static final Ufunc TRUNC = unary("trunc", ALL);
    /** {@code np.rint}: round half to even. */
    public static final Ufunc RINT = unary("rint", FLOATS);

    // ---- transcendental (float loops; integers are cast to the first float type that holds them)
    /** {@code np.exp}. */
    public static final Ufunc EXP = unary("exp", FLOATS);
    /** {@code np.expm1}. */
    public static final Ufunc EXPM1 = unary("expm1", FLOATS);
    /** {@code np.log}. */
    public static final Ufunc LOG = unary("log", FLOATS);
    /** {@code np.log1p}. */
    public static final Ufunc LOG1P = unary("log1p", FLOATS);
    /** {@code np.log2}. */
    public static final Ufunc LOG2 = unary("log2", FLOATS);
    /** {@code np.log10}. */
    public static final Ufunc LOG10 = unary("log10", FLOATS);
    /** {@code np.sqrt}. */
    public static final Ufunc SQRT = unary("sqrt", FLOATS);
    /** {@code np.cbrt}. */
    public static final Ufunc CBRT = unary("cbrt", FLOATS);
    /** {@code np.sin}. */
    public static final Ufunc SIN = unary("sin", FLOATS);
    /** {@code np.cos}. */
    public static final Ufunc COS = unary("cos", FLOATS);
    /** {@code np.tan}. */
    public static final Ufunc TAN = unary("tan", FLOATS);
    /** {@code np.arcsin}. */
    public static final Ufunc ARCSIN = unary("arcsin", FLOATS);
    /** {@code np.arccos}. */
    public static final Ufunc ARCCOS = unary("arccos", FLOATS);
    /** {@code np.arctan}. */
    public static final Ufunc ARCTAN = unary("arctan", FLOATS);
    /** {@code np.sinh}. */
    public static final Ufunc SINH = unary("sinh", FLOATS);
    /** {@code np.cosh}. */
    public static final Ufunc COSH = unary("cosh", FLOATS);
    /** {@code np.tanh}. */
    public static final Ufunc TANH = unary("tanh", FLOATS);

    /** {@code np.where(cond, x, y)} as a ternary ufunc: a bool condition, then x and y of one type. */
    static final Ufunc WHERE = new Ufunc("where", 3, selectLoops(), null, null);

    /** The loops of {@code np.matmul}: bool, integers and floats, one output. */
    static final Ufunc MATMUL = binary("matmul", ALL, null);

    private final String name;
    private final int nin;
    private final List<Loop> loops;
    private final Double identity;
    /** The loop for inputs that are all bool or integer, if not the regular choice (true division). */
    private final Loop integerInputsLoop;
    /** NumPy refuses some ops on all-bool inputs instead of casting them to int8 (subtract, negative, sign). */
    private final boolean refusesBool;
    /** Whether a reduction over several axes at once is allowed (NumPy's "reorderable"). */
    private final boolean reorderable;
    /** Comparisons take out-of-range Java ints by value instead of refusing them (NumPy 2). */
    private final boolean comparesByValue;
    /**
     * The loops already resolved, indexed by the input dtypes' ordinals (NumPy keeps such a
     * dispatch cache too): resolution scans the loop list, which costs more than adding 100
     * elements. Filled racily; a slot holds an immutable loop or null.
     */
    private final Loop[] resolved;

    private Ufunc(String name, int nin, List<Loop> loops, Double identity, Loop integerInputsLoop) {
        this.name = name;
        this.nin = nin;
        this.loops = List.copyOf(loops);
        this.identity = identity;
        this.integerInputsLoop = integerInputsLoop;
        this.resolved = new Loop[nin <= 3 ? (int) Math.pow(DtypeCount.N, nin) : 0];
        this.refusesBool = name.equals("subtract") || name.equals("negative") || name.equals("sign");
        this.reorderable = switch (name) {
            case "add", "multiply", "maximum", "minimum", "fmax", "fmin", "logical_and", "logical_or", "logical_xor",
                    "bitwise_and", "bitwise_or", "bitwise_xor" -> true;
            default -> false;
        };
        this.comparesByValue = switch (name) {
            case "equal", "not_equal", "less", "less_equal", "greater", "greater_equal" -> true;
            default -> false;
        };
    }

    /** {@return whether a reduction may combine several axes at once (NumPy's reorderable ufuncs)} */
    public boolean reorderable() {
        return reorderable;
    }

    /** {@return whether out-of-range Java integers are compared by value rather than refused} */
    boolean comparesByValue() {
        return comparesByValue;
    }

    private static Ufunc binary(String name, String codes, Double identity) {
        return new Ufunc(name, 2, withOutput(loops(2, codes), null), identity, null);
    }

    private static Ufunc unary(String name, String codes) {
        return new Ufunc(name, 1, withOutput(loops(1, codes), null), null, null);
    }

    private static Ufunc predicate2(String name, Double identity) {
        return new Ufunc(name, 2, withOutput(loops(2, ALL), DType.BOOL), identity, null);
    }

    private static Ufunc predicate1(String name) {
        return new Ufunc(name, 1, withOutput(loops(1, ALL), DType.BOOL), null, null);
    }

    /** One homogeneous input signature per type code, e.g. {@code dd} for arity 2. */
    private static List<DType[]> loops(int arity, String codes) {
        List<DType[]> out = new ArrayList<>();
        for (char c : codes.toCharArray()) {
            DType[] in = new DType[arity];
            Arrays.fill(in, DType.values()[CODES.indexOf(c)]);
            out.add(in);
        }
        return out;
    }

    /** Adds the output type: the input type, or {@code fixed} (bool for predicates). */
    private static List<Loop> withOutput(List<DType[]> ins, DType fixed) {
        List<Loop> out = new ArrayList<>();
        for (DType[] in : ins) {
            out.add(new Loop(List.of(in), fixed == null ? in[0] : fixed));
        }
        return out;
    }

    private static List<Loop> selectLoops() {
        List<Loop> out = new ArrayList<>();
        for (DType t : DType.values()) {
            out.add(new Loop(List.of(DType.BOOL, t, t), t));
        }
        return out;
    }

    private static char code(DType t) {
        return CODES.charAt(t.ordinal());
    }

    /** {@return NumPy's name, e.g. {@code add}} */
    public String name() {
        return name;
    }

    /** {@return the number of inputs} */
    public int nin() {
        return nin;
    }

    /** {@return the typed loops, in the order they are tried} */
    public List<Loop> loops() {
        return loops;
    }

    /** {@return the identity for reductions over empty axes, or {@code null} if it has none} */
    public Double identity() {
        return identity;
    }

    /**
     * Chooses the loop for the given input types: the first loop to which every input casts
     * safely.
     *
     * @param inputs one dtype per input
     * @return the loop
     * @throws IllegalArgumentException (NumPy's {@code UFuncTypeError}) if no loop fits
     */
    public Loop resolve(DType... inputs) {
        if (inputs.length != nin) {
            throw new IllegalArgumentException(name + "() takes " + nin + " inputs, got " + inputs.length);
        }
        int slot = 0;
        for (DType t : inputs) {
            slot = slot * DtypeCount.N + t.ordinal();
        }
        if (slot < resolved.length) {
            Loop l = resolved[slot];
            if (l == null) {
                l = search(inputs);
                resolved[slot] = l;
            }
            return l;
        }
        return search(inputs);
    }

    private Loop search(DType[] inputs) {
        if (refusesBool && Arrays.stream(inputs).allMatch(t -> t == DType.BOOL)) {
            throw new IllegalArgumentException("ufunc '" + name + "' not supported for the input types "
                    + Arrays.toString(inputs) + ": NumPy has no boolean " + name
                    + (nin == 2 ? " (use logical_xor or bitwise_xor)" : " (use logical_not or invert)"));
        }
        if (integerInputsLoop != null && Arrays.stream(inputs).noneMatch(DType::isFloating)) {
            return integerInputsLoop;
        }
        for (Loop l : loops) {
            if (castsTo(inputs, l)) {
                return l;
            }
        }
        throw new IllegalArgumentException("ufunc '" + name + "' not supported for the input types "
                + Arrays.toString(inputs) + ", and the inputs could not be safely coerced to any supported types");
    }

    private static boolean castsTo(DType[] inputs, Loop l) {
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].canCastSafely(l.in().get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies the ufunc elementwise with broadcasting. Operands are {@link NDArray}s or Java
     * scalars ({@link Number}, {@link Boolean}), which are weak.
     *
     * @param operands {@link #nin()} operands
     * @return a new array
     */
    public NDArray call(Object... operands) {
        return Elementwise.call(this, operands, null, null);
    }

    /**
     * Applies the ufunc with NumPy's {@code out=} and {@code where=}.
     *
     * @param out the array to write into (returned), or {@code null} to allocate one
     * @param where a bool mask broadcast to the result; elements where it is false keep
     *     {@code out}'s value (zero in a new array); {@code null} means everywhere
     * @param operands {@link #nin()} operands
     * @return {@code out}, or the new array
     */
    public NDArray callInto(NDArray out, NDArray where, Object... operands) {
        return Elementwise.call(this, operands, out, where);
    }

    /**
     * Reduces over the given axes ({@code np.add.reduce(a, axis=axes, keepdims=...)}).
     *
     * @param a the array
     * @param axes the axes to reduce, negative counted from the end; {@code null} for all
     * @param keepdims keep reduced axes with size 1
     * @return the reduction
     */
    public NDArray reduce(NDArray a, int[] axes, boolean keepdims) {
        return Reductions.reduce(this, a, axes, keepdims, Reductions.defaultType(this, a.dtype()));
    }

    /**
     * Accumulates along an axis ({@code np.add.accumulate(a, axis)}).
     *
     * @param a the array
     * @param axis the axis
     * @return an array of a's shape
     */
    public NDArray accumulate(NDArray a, int axis) {
        return Reductions.accumulate(this, a, axis, Reductions.defaultType(this, a.dtype()));
    }

    /**
     * The outer form ({@code np.multiply.outer(a, b)}): result shape {@code a.shape + b.shape}.
     *
     * @param a first operand
     * @param b second operand
     * @return the table
     */
    public NDArray outer(NDArray a, NDArray b) {
        if (nin != 2) {
            throw new IllegalArgumentException("outer product only supported for binary functions");
        }
        long[] s = Arrays.copyOf(a.shape(), a.ndim() + b.ndim());
        Arrays.fill(s, a.ndim(), s.length, 1);
        try (NDArray column = a.reshape(s)) {
            return call(column, b);
        }
    }

    @Override
    public String toString() {
        return "<ufunc '" + name + "'>";
    }

    /**
     * The number of dtypes, for the resolution cache's index ({@code DType.values()} copies its
     * array on every call). A holder class, because the ufunc constants above are built before
     * any later static field of this class is set.
     */
    private static final class DtypeCount {
        static final int N = DType.values().length;
    }
}
