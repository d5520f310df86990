package io.github.ndarray;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A universal function, defined once for every backend. The constants below are the table of
 * definitions, one row per ufunc (NumPy's {@code generate_umath.py}, CuPy's
 * {@code create_ufunc}): its {@link Id}, NumPy's name, arity, typed loops (in NumPy's order), the
 * identity of its reductions, its flags, and the scalar expression of each loop as C source.
 * Backends build their kernels from a definition and dispatch on {@link #id()}, never on the
 * name; this class and {@link Elementwise} do the rest (promotion, broadcasting, {@code out=},
 * {@code where=}). {@code docs/op-definitions.md} describes the model.
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
 *
 * Ufunc.Loop loop = Ufunc.FLOOR_DIVIDE.resolve(DType.INT32, DType.INT32); // ii->i
 * String cSource = Ufunc.FLOOR_DIVIDE.expression(loop); // "out0 = nd_floor_divide_i(in0, in1);"
 * Scalar one = Ufunc.MULTIPLY.identity(DType.FLOAT32); // np.float32(1.0)
 * }
 */
public final class Ufunc {
    /**
     * The identity of each ufunc: what a backend switches on to choose its arithmetic. The
     * constant's name is NumPy's name in capitals ({@code FLOOR_DIVIDE} is {@code floor_divide}).
     *
     * {@snippet :
     * DoubleBinaryOperator f = switch (op.id()) {
     *     case ADD -> Double::sum;
     *     case MULTIPLY -> (a, b) -> a * b;
     *     default -> throw new IllegalArgumentException("no kernel for " + op);
     * };
     * }
     */
    public enum Id {
        /** {@code np.add}. */ ADD,
        /** {@code np.subtract}. */ SUBTRACT,
        /** {@code np.multiply}. */ MULTIPLY,
        /** {@code np.divide}. */ DIVIDE,
        /** {@code np.floor_divide}. */ FLOOR_DIVIDE,
        /** {@code np.remainder}. */ REMAINDER,
        /** {@code np.power}. */ POWER,
        /** {@code np.arctan2}. */ ARCTAN2,
        /** {@code np.maximum}. */ MAXIMUM,
        /** {@code np.minimum}. */ MINIMUM,
        /** {@code np.fmax}. */ FMAX,
        /** {@code np.fmin}. */ FMIN,
        /** {@code np.equal}. */ EQUAL,
        /** {@code np.not_equal}. */ NOT_EQUAL,
        /** {@code np.less}. */ LESS,
        /** {@code np.less_equal}. */ LESS_EQUAL,
        /** {@code np.greater}. */ GREATER,
        /** {@code np.greater_equal}. */ GREATER_EQUAL,
        /** {@code np.logical_and}. */ LOGICAL_AND,
        /** {@code np.logical_or}. */ LOGICAL_OR,
        /** {@code np.logical_xor}. */ LOGICAL_XOR,
        /** {@code np.logical_not}. */ LOGICAL_NOT,
        /** {@code np.isnan}. */ ISNAN,
        /** {@code np.isinf}. */ ISINF,
        /** {@code np.isfinite}. */ ISFINITE,
        /** {@code np.bitwise_and}. */ BITWISE_AND,
        /** {@code np.bitwise_or}. */ BITWISE_OR,
        /** {@code np.bitwise_xor}. */ BITWISE_XOR,
        /** {@code np.left_shift}. */ LEFT_SHIFT,
        /** {@code np.right_shift}. */ RIGHT_SHIFT,
        /** {@code np.invert}. */ INVERT,
        /** {@code np.negative}. */ NEGATIVE,
        /** {@code np.absolute}. */ ABSOLUTE,
        /** {@code np.sign}. */ SIGN,
        /** {@code np.reciprocal}. */ RECIPROCAL,
        /** {@code np.square}. */ SQUARE,
        /** {@code np.floor}. */ FLOOR,
        /** {@code np.ceil}. */ CEIL,
        /** {@code np.trunc}. */ TRUNC,
        /** {@code np.rint}. */ RINT,
        /** {@code np.exp}. */ EXP,
        /** {@code np.expm1}. */ EXPM1,
        /** {@code np.log}. */ LOG,
        /** {@code np.log1p}. */ LOG1P,
        /** {@code np.log2}. */ LOG2,
        /** {@code np.log10}. */ LOG10,
        /** {@code np.sqrt}. */ SQRT,
        /** {@code np.cbrt}. */ CBRT,
        /** {@code np.sin}. */ SIN,
        /** {@code np.cos}. */ COS,
        /** {@code np.tan}. */ TAN,
        /** {@code np.arcsin}. */ ARCSIN,
        /** {@code np.arccos}. */ ARCCOS,
        /** {@code np.arctan}. */ ARCTAN,
        /** {@code np.sinh}. */ SINH,
        /** {@code np.cosh}. */ COSH,
        /** {@code np.tanh}. */ TANH,
        /** {@code np.where(cond, x, y)}. */ WHERE,
        /** {@code np.matmul}. */ MATMUL
    }

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

    /** Every definition in table order; filled by the constructor, so it is declared before the table. */
    private static final List<Ufunc> TABLE = new ArrayList<>();

    private static final String ALL = "?bBhilfd";
    private static final String NUMERIC = "bBhilfd";
    private static final String INTS = "bBhil";
    private static final String BOOL_INTS = "?bBhil";
    private static final String FLOATS = "fd";

    // The expressions assign out0 from in0, in1, in2 (see ufunc_prelude.h for the nd_ helpers).
    // Bool arithmetic is logical, integers wrap through the _i helpers, floats are IEEE.

    // ---- arithmetic
    /** {@code np.add}; on bool it is logical or. */
    public static final Ufunc ADD = UfuncRow.of(Id.ADD, "add", 2, ALL, null).identity(0).reorderable()
            .bool("out0 = in0 || in1;").integers("out0 = nd_add_i(in0, in1);").floats("out0 = in0 + in1;").build();
    /** {@code np.subtract}; not defined for bool. */
    public static final Ufunc SUBTRACT = UfuncRow.of(Id.SUBTRACT, "subtract", 2, NUMERIC, null).refusesBool()
            .integers("out0 = nd_sub_i(in0, in1);").floats("out0 = in0 - in1;").build();
    /** {@code np.multiply}; on bool it is logical and. */
    public static final Ufunc MULTIPLY = UfuncRow.of(Id.MULTIPLY, "multiply", 2, ALL, null).identity(1).reorderable()
            .bool("out0 = in0 && in1;").integers("out0 = nd_mul_i(in0, in1);").floats("out0 = in0 * in1;").build();
    /** {@code np.divide} (true division): integers divide as float64. */
    public static final Ufunc DIVIDE = UfuncRow.of(Id.DIVIDE, "divide", 2, FLOATS, null)
            .integerInputs(new Loop(List.of(DType.FLOAT64, DType.FLOAT64), DType.FLOAT64))
            .floats("out0 = in0 / in1;").build();
    /** {@code np.floor_divide}: rounds toward minus infinity; integer division by zero gives 0. */
    public static final Ufunc FLOOR_DIVIDE = UfuncRow.of(Id.FLOOR_DIVIDE, "floor_divide", 2, NUMERIC, null)
            .integers("out0 = nd_floor_divide_i(in0, in1);").floats("out0 = nd_floor_divide_f(in0, in1);").build();
    /** {@code np.remainder} ({@code np.mod}): the result has the divisor's sign. */
    public static final Ufunc REMAINDER = UfuncRow.of(Id.REMAINDER, "remainder", 2, NUMERIC, null)
            .integers("out0 = nd_remainder_i(in0, in1);").floats("out0 = nd_remainder_f(in0, in1);").build();
    /**
     * {@code np.power}; integers to negative integer powers are refused. The expression is the
     * general case; with one exponent for the whole loop NumPy 2 computes 2 as {@code x * x}, 0.5
     * as {@code sqrt(x)} and -1 as {@code 1 / x}, and a backend does the same (the CPU does).
     */
    public static final Ufunc POWER = UfuncRow.of(Id.POWER, "power", 2, NUMERIC, null)
            .integers("out0 = nd_power_i(in0, in1);").floats("out0 = ND_MATH2(pow, in0, in1);").build();
    /** {@code np.arctan2}. */
    public static final Ufunc ARCTAN2 = UfuncRow.of(Id.ARCTAN2, "arctan2", 2, FLOATS, null)
            .floats("out0 = ND_MATH2(atan2, in0, in1);").build();
    /** {@code np.maximum}: NaN propagates. */
    public static final Ufunc MAXIMUM = UfuncRow.of(Id.MAXIMUM, "maximum", 2, ALL, null).reorderable()
            .expr("out0 = (in0 >= in1 || in0 != in0) ? in0 : in1;").build();
    /** {@code np.minimum}: NaN propagates. */
    public static final Ufunc MINIMUM = UfuncRow.of(Id.MINIMUM, "minimum", 2, ALL, null).reorderable()
            .expr("out0 = (in0 <= in1 || in0 != in0) ? in0 : in1;").build();
    /** {@code np.fmax}: NaN is ignored unless both are NaN. */
    public static final Ufunc FMAX = UfuncRow.of(Id.FMAX, "fmax", 2, ALL, null).reorderable()
            .expr("out0 = (in0 >= in1 || in1 != in1) ? in0 : in1;").build();
    /** {@code np.fmin}: NaN is ignored unless both are NaN. */
    public static final Ufunc FMIN = UfuncRow.of(Id.FMIN, "fmin", 2, ALL, null).reorderable()
            .expr("out0 = (in0 <= in1 || in1 != in1) ? in0 : in1;").build();

    // ---- comparisons and logic (bool results)
    /** {@code np.equal}. */
    public static final Ufunc EQUAL = comparison(Id.EQUAL, "equal", "==");
    /** {@code np.not_equal}. */
    public static final Ufunc NOT_EQUAL = comparison(Id.NOT_EQUAL, "not_equal", "!=");
    /** {@code np.less}. */
    public static final Ufunc LESS = comparison(Id.LESS, "less", "<");
    /** {@code np.less_equal}. */
    public static final Ufunc LESS_EQUAL = comparison(Id.LESS_EQUAL, "less_equal", "<=");
    /** {@code np.greater}. */
    public static final Ufunc GREATER = comparison(Id.GREATER, "greater", ">");
    /** {@code np.greater_equal}. */
    public static final Ufunc GREATER_EQUAL = comparison(Id.GREATER_EQUAL, "greater_equal", ">=");
    /** {@code np.logical_and}. */
    public static final Ufunc LOGICAL_AND = UfuncRow.of(Id.LOGICAL_AND, "logical_and", 2, ALL, DType.BOOL)
            .comparesByValue().identity(1).reorderable().expr("out0 = (in0 != 0) && (in1 != 0);").build();
    /** {@code np.logical_or}. */
    public static final Ufunc LOGICAL_OR = UfuncRow.of(Id.LOGICAL_OR, "logical_or", 2, ALL, DType.BOOL)
            .comparesByValue().identity(0).reorderable().expr("out0 = (in0 != 0) || (in1 != 0);").build();
    /** {@code np.logical_xor}. */
    public static final Ufunc LOGICAL_XOR = UfuncRow.of(Id.LOGICAL_XOR, "logical_xor", 2, ALL, DType.BOOL)
            .comparesByValue().identity(0).reorderable().expr("out0 = (in0 != 0) != (in1 != 0);").build();
    /** {@code np.logical_not}. */
    public static final Ufunc LOGICAL_NOT = UfuncRow.of(Id.LOGICAL_NOT, "logical_not", 1, ALL, DType.BOOL)
            .expr("out0 = in0 == 0;").build();
    /** {@code np.isnan}. */
    public static final Ufunc ISNAN = UfuncRow.of(Id.ISNAN, "isnan", 1, ALL, DType.BOOL)
            .expr("out0 = 0;").floats("out0 = in0 != in0;").build();
    /** {@code np.isinf}. */
    public static final Ufunc ISINF = UfuncRow.of(Id.ISINF, "isinf", 1, ALL, DType.BOOL)
            .expr("out0 = 0;").floats("out0 = nd_isinf_f(in0);").build();
    /** {@code np.isfinite}. */
    public static final Ufunc ISFINITE = UfuncRow.of(Id.ISFINITE, "isfinite", 1, ALL, DType.BOOL)
            .expr("out0 = 1;").floats("out0 = nd_isfinite_f(in0);").build();

    // ---- bitwise (bool and integers only)
    /** {@code np.bitwise_and}. */
    public static final Ufunc BITWISE_AND = UfuncRow.of(Id.BITWISE_AND, "bitwise_and", 2, BOOL_INTS, null)
            .identity(-1).reorderable().expr("out0 = in0 & in1;").build();
    /** {@code np.bitwise_or}. */
    public static final Ufunc BITWISE_OR = UfuncRow.of(Id.BITWISE_OR, "bitwise_or", 2, BOOL_INTS, null)
            .identity(0).reorderable().expr("out0 = in0 | in1;").build();
    /** {@code np.bitwise_xor}. */
    public static final Ufunc BITWISE_XOR = UfuncRow.of(Id.BITWISE_XOR, "bitwise_xor", 2, BOOL_INTS, null)
            .identity(0).reorderable().expr("out0 = in0 ^ in1;").build();
    /** {@code np.left_shift}: a count outside {@code [0, bits)} gives 0. */
    public static final Ufunc LEFT_SHIFT = UfuncRow.of(Id.LEFT_SHIFT, "left_shift", 2, INTS, null)
            .integers("out0 = nd_left_shift_i(in0, in1, 8 * (int) sizeof(in0));").build();
    /** {@code np.right_shift}: a count outside {@code [0, bits)} gives the sign fill. */
    public static final Ufunc RIGHT_SHIFT = UfuncRow.of(Id.RIGHT_SHIFT, "right_shift", 2, INTS, null)
            .integers("out0 = nd_right_shift_i(in0, in1, 8 * (int) sizeof(in0));").build();
    /** {@code np.invert} ({@code np.bitwise_not}); logical not on bool. */
    public static final Ufunc INVERT = UfuncRow.of(Id.INVERT, "invert", 1, BOOL_INTS, null)
            .bool("out0 = !in0;").integers("out0 = ~in0;").build();

    // ---- unary arithmetic
    /** {@code np.negative}; not defined for bool. */
    public static final Ufunc NEGATIVE = UfuncRow.of(Id.NEGATIVE, "negative", 1, NUMERIC, null).refusesBool()
            .integers("out0 = nd_neg_i(in0);").floats("out0 = -in0;").build();
    /** {@code np.absolute}. */
    public static final Ufunc ABSOLUTE = UfuncRow.of(Id.ABSOLUTE, "absolute", 1, ALL, null)
            .bool("out0 = in0;").integers("out0 = nd_abs_i(in0);").floats("out0 = ND_MATH1(fabs, in0);").build();
    /** {@code np.sign}; not defined for bool. NaN stays NaN. */
    public static final Ufunc SIGN = UfuncRow.of(Id.SIGN, "sign", 1, NUMERIC, null).refusesBool()
            .expr("out0 = in0 > 0 ? 1 : (in0 < 0 ? -1 : (in0 == 0 ? 0 : in0));").build();
    /** {@code np.reciprocal}; integer reciprocal divides 1 by the value in integers (1/0 gives 0). */
    public static final Ufunc RECIPROCAL = UfuncRow.of(Id.RECIPROCAL, "reciprocal", 1, NUMERIC, null)
            .integers("out0 = in0 == 0 ? 0 : 1 / in0;").floats("out0 = 1 / in0;").build();
    /** {@code np.square}. */
    public static final Ufunc SQUARE = UfuncRow.of(Id.SQUARE, "square", 1, NUMERIC, null)
            .integers("out0 = nd_mul_i(in0, in0);").floats("out0 = in0 * in0;").build();
    /** {@code np.floor}; integers and bool pass through unchanged (NumPy 2). */
    public static final Ufunc FLOOR = rounding(Id.FLOOR, "floor", "floor");
    /** {@code np.ceil}; integers and bool pass through unchanged. */
    public static final Ufunc CEIL = rounding(Id.CEIL, "ceil", "ceil");
    /** {@code np.trunc}; integers and bool pass through unchanged. */
    public static final Ufunc TRUNC = rounding(Id.TRUNC, "trunc", "trunc");
    /** {@code np.rint}: round half to even (C's rint in the default rounding mode). */
    public static final Ufunc RINT = math(Id.RINT, "rint", "rint");

    // ---- transcendental (float loops; integers are cast to the first float type that holds them)
    /** {@code np.exp}. */
    public static final Ufunc EXP = math(Id.EXP, "exp", "exp");
    /** {@code np.expm1}. */
    public static final Ufunc EXPM1 = math(Id.EXPM1, "expm1", "expm1");
    /** {@code np.log}. */
    public static final Ufunc LOG = math(Id.LOG, "log", "log");
    /** {@code np.log1p}. */
    public static final Ufunc LOG1P = math(Id.LOG1P, "log1p", "log1p");
    /** {@code np.log2}: exact on powers of two. */
    public static final Ufunc LOG2 = math(Id.LOG2, "log2", "log2");
    /** {@code np.log10}. */
    public static final Ufunc LOG10 = math(Id.LOG10, "log10", "log10");
    /** {@code np.sqrt}. */
    public static final Ufunc SQRT = math(Id.SQRT, "sqrt", "sqrt");
    /** {@code np.cbrt}. */
    public static final Ufunc CBRT = math(Id.CBRT, "cbrt", "cbrt");
    /** {@code np.sin}. */
    public static final Ufunc SIN = math(Id.SIN, "sin", "sin");
    /** {@code np.cos}. */
    public static final Ufunc COS = math(Id.COS, "cos", "cos");
    /** {@code np.tan}. */
    public static final Ufunc TAN = math(Id.TAN, "tan", "tan");
    /** {@code np.arcsin}. */
    public static final Ufunc ARCSIN = math(Id.ARCSIN, "arcsin", "asin");
    /** {@code np.arccos}. */
    public static final Ufunc ARCCOS = math(Id.ARCCOS, "arccos", "acos");
    /** {@code np.arctan}. */
    public static final Ufunc ARCTAN = math(Id.ARCTAN, "arctan", "atan");
    /** {@code np.sinh}. */
    public static final Ufunc SINH = math(Id.SINH, "sinh", "sinh");
    /** {@code np.cosh}. */
    public static final Ufunc COSH = math(Id.COSH, "cosh", "cosh");
    /** {@code np.tanh}. */
    public static final Ufunc TANH = math(Id.TANH, "tanh", "tanh");

    /** {@code np.where(cond, x, y)} as a ternary ufunc: a bool condition, then x and y of one type. */
    static final Ufunc WHERE = UfuncRow.of(Id.WHERE, "where", 3, selectLoops()).expr("out0 = in0 ? in1 : in2;").build();

    /**
     * The loops of {@code np.matmul}: bool, integers and floats, one output. Its expression is one
     * term of the contraction, multiply's; the contraction adds terms as {@link #ADD} does.
     */
    static final Ufunc MATMUL = UfuncRow.of(Id.MATMUL, "matmul", 2, ALL, null).expressionsOf(MULTIPLY).build();

    /** Definitions by {@link Id#ordinal()}; a holder, since it is filled once the table is complete. */
    private static final class ById {
        static final Ufunc[] BY_ORDINAL = byId();

        private static Ufunc[] byId() {
            Ufunc[] out = new Ufunc[Id.values().length];
            for (Ufunc u : TABLE) {
                if (out[u.id.ordinal()] != null) {
                    throw new ExceptionInInitializerError("two definitions of " + u.id);
                }
                out[u.id.ordinal()] = u;
            }
            return out;
        }
    }

    private final Id id;
    private final String name;
    private final int nin;
    private final List<Loop> loops;
    /** The identity in each dtype, by ordinal; null entries when the ufunc has none. */
    private final Scalar[] identities;
    private final boolean hasIdentity;
    /** The loop for inputs that are all bool or integer, if not the regular choice (true division). */
    private final Loop integerInputsLoop;
    private final boolean refusesBool;
    private final boolean reorderable;
    private final boolean comparesByValue;
    private final Map<DType.Kind, String> expressions;
    /**
     * The loops already resolved, indexed by the input dtypes' ordinals (NumPy keeps such a
     * dispatch cache too): resolution scans the loop list, which costs more than adding 100
     * elements. Filled racily; a slot holds an immutable loop or null.
     */
    private final Loop[] resolved;

    Ufunc(UfuncRow row) {
        this.id = row.id;
        this.name = row.name;
        this.nin = row.nin;
        this.loops = List.copyOf(row.loops);
        this.integerInputsLoop = row.integerInputsLoop;
        this.refusesBool = row.refusesBool;
        this.reorderable = row.reorderable;
        this.comparesByValue = row.comparesByValue;
        this.expressions = new EnumMap<>(row.expressions);
        DType[] types = DType.values();
        this.hasIdentity = row.identity != null;
        this.identities = new Scalar[types.length];
        for (DType t : types) {
            identities[t.ordinal()] = hasIdentity ? Scalar.of(t, (long) row.identity) : null;
        }
        this.resolved = new Loop[nin <= 3 ? (int) Math.pow(types.length, nin) : 0];
        TABLE.add(this);
    }

    /** A comparison: bool results, every input type, out-of-range Java integers compared by value. */
    private static Ufunc comparison(Id id, String name, String operator) {
        return UfuncRow.of(id, name, 2, ALL, DType.BOOL).comparesByValue()
                .expr("out0 = in0 " + operator + " in1;").build();
    }

    /** A float function of C's math library, {@code cName} on float64 and {@code cName}f on float32. */
    private static Ufunc math(Id id, String name, String cName) {
        return UfuncRow.of(id, name, 1, FLOATS, null).floats("out0 = ND_MATH1(" + cName + ", in0);").build();
    }

    /** floor, ceil, trunc: C's function on floats; integers and bool are already whole. */
    private static Ufunc rounding(Id id, String name, String cName) {
        return UfuncRow.of(id, name, 1, ALL, null).expr("out0 = in0;")
                .floats("out0 = ND_MATH1(" + cName + ", in0);").build();
    }

    private static List<Loop> selectLoops() {
        List<Loop> out = new ArrayList<>();
        for (DType t : DType.values()) {
            out.add(new Loop(List.of(DType.BOOL, t, t), t));
        }
        return out;
    }

    private static char code(DType t) {
        return UfuncRow.CODES.charAt(t.ordinal());
    }

    /** {@return every definition, in table order} */
    public static List<Ufunc> all() {
        return List.of(ById.BY_ORDINAL);
    }

    /**
     * The definition of an id.
     *
     * @param id the ufunc's identity
     * @return its definition
     */
    public static Ufunc of(Id id) {
        return ById.BY_ORDINAL[id.ordinal()];
    }

    /** {@return the identity backends switch on} */
    public Id id() {
        return id;
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

    /** {@return whether reductions over empty axes have a value (the ufunc has an identity)} */
    public boolean hasIdentity() {
        return hasIdentity;
    }

    /**
     * The identity of reductions as a value of the loop's type: what an empty reduction gives
     * and where a fold may start.
     *
     * {@snippet :
     * Ufunc.BITWISE_AND.identity(DType.UINT8);   // np.uint8(255)
     * Ufunc.BITWISE_AND.identity(DType.BOOL);    // np.True_
     * Ufunc.ADD.identity(DType.FLOAT64);         // np.float64(0.0)
     * Ufunc.MAXIMUM.identity(DType.FLOAT64);     // null: no identity
     * }
     *
     * @param loopType the type the reduction computes in (its loop's output type)
     * @return the identity in that type, or {@code null} if the ufunc has none
     */
    public Scalar identity(DType loopType) {
        return identities[loopType.ordinal()];
    }

    /** {@return whether a reduction may combine several axes at once (NumPy's reorderable ufuncs)} */
    public boolean reorderable() {
        return reorderable;
    }

    /** {@return whether inputs that are all bool are refused rather than cast to int8 (subtract, negative, sign)} */
    public boolean refusesBoolInputs() {
        return refusesBool;
    }

    /**
     * {@return whether out-of-range Java integers are compared by value rather than refused (comparisons, and
     * the logical ops, which NumPy 2 applies to the truth of the value)}
     */
    public boolean comparesByValue() {
        return comparesByValue;
    }

    /** {@return the loop inputs that are all bool or integer take before the regular search (true division), or null} */
    public Loop integerInputsLoop() {
        return integerInputsLoop;
    }

    /**
     * The scalar expression of a loop as a C statement, for a backend that generates kernels
     * (CuPy's {@code create_ufunc} operation string). It reads {@code in0}, {@code in1},
     * {@code in2} (the inputs, in their dtypes' C types) and assigns {@code out0}, which the kernel
     * stores as the output dtype; it may call the helpers of {@link #cPrelude()}.
     *
     * {@snippet :
     * Ufunc.ADD.expression(Ufunc.ADD.resolve(DType.FLOAT64, DType.FLOAT64)); // "out0 = in0 + in1;"
     * Ufunc.ADD.expression(Ufunc.ADD.resolve(DType.BOOL, DType.BOOL));       // "out0 = in0 || in1;"
     * }
     *
     * @param loop one of this ufunc's loops
     * @return the statement
     * @throws IllegalArgumentException if the loop is not one of this ufunc's
     */
    public String expression(Loop loop) {
        if (!loops.contains(loop) && !loop.equals(integerInputsLoop)) {
            throw new IllegalArgumentException("ufunc '" + name + "' has no loop " + loop);
        }
        String e = expressions.get(loop.in().get(0).kind());
        if (e == null) {
            throw new IllegalStateException("ufunc '" + name + "' defines no expression for loop " + loop);
        }
        return e;
    }

    /** The expressions by input kind, for a row that reuses them. */
    Map<DType.Kind, String> expressions() {
        return expressions;
    }

    /**
     * The C source that every expression may call ({@code ufunc_prelude.h}): the {@code nd_} helpers,
     * one C type per dtype ({@code nd_float32}, ...), and the macros {@code ND_KERNEL},
     * {@code ND_FOR} and {@code ND_FN}, which expand to host C under gcc and to device code under nvcc.
     *
     * @return the header's text
     */
    public static String cPrelude() {
        return Prelude.TEXT;
    }

    /**
     * The C type of a dtype in {@link #cPrelude()}.
     *
     * @param t the dtype
     * @return e.g. {@code nd_float64}
     */
    public static String cType(DType t) {
        return "nd_" + t;
    }

    /** The prelude's text, read on first use. */
    private static final class Prelude {
        static final String TEXT = read();

        private static String read() {
            try (InputStream in = Ufunc.class.getResourceAsStream("ufunc_prelude.h")) {
                if (in == null) {
                    throw new IllegalStateException("ufunc_prelude.h is missing from the ndarray-api jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
     * Applies the ufunc in place at the indexed positions, unbuffered ({@code np.add.at(a, index,
     * values)}): {@code a[i] = op(a[i], v)} for each selected position in C order, so that a
     * position selected twice is combined twice (where {@code a[idx] += v} would keep one).
     *
     * {@snippet :
     * NDArray a = ND.zeros(DType.INT64, 3);
     * Ufunc.ADD.at(a, 1L, Index.array(0, 0, 2));   // a == [2, 0, 1]
     * }
     *
     * @param a the array, modified in place
     * @param values an array or Java scalar broadcast to the selection
     * @param index the selection, see {@link NDArray#get(Index...)}
     * @throws IllegalArgumentException if the ufunc is not binary or its result cannot be stored in a
     */
    public void at(NDArray a, Object values, Index... index) {
        if (nin() != 2) {
            throw new IllegalArgumentException(name() + ".at needs a binary ufunc");
        }
        if (AdvancedIndex.isAdvanced(index)) {
            AdvancedIndex.scatter(a, index, values, this);
            return;
        }
        try (NDArray view = a.get(index)) {
            callInto(view, null, view, values);
        }
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
