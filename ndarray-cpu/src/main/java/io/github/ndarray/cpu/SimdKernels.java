package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.Ufunc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels of the elementwise ufuncs: which (ufunc, dtype) pairs have one, and
 * how each is made.
 *
 * <p>One loop template per element type ({@link LoopF64}, {@link LoopF32}, {@link LoopI64},
 * {@link LoopI32}, {@link LoopI16}, {@link LoopI8}) holds the contiguous vector loops (all
 * operands stride 1, or one input a stride-0 scalar), the scalar tail and a typed strided loop,
 * with the operation chosen by a {@code switch} on a {@code static final int OP}. The template is
 * never run as it is: each (template, op) pair is defined as its own hidden class whose class
 * data is the op code. {@code OP} is then a constant to the JIT, the switch folds to one case,
 * and every op gets its own compiled loop with its own profile — NumPy's per-type, per-op
 * template expansion, done by the JVM instead of a source generator. (A shared loop with a
 * runtime switch was measured first: it deoptimizes and recompiles each time a new op reaches
 * it, and ran some ops 2-3 times slower than a dedicated loop.)
 */
final class SimdKernels {
    // ---- binary ops with an output of the input type (codes 0..29)
    static final int ADD = 0;
    static final int SUB = 1;
    static final int MUL = 2;
    static final int DIV = 3;
    /** NaN propagates, ties give the first operand ({@link ScalarMath#maximum}). */
    static final int MAXIMUM = 4;
    static final int MINIMUM = 5;
    /** NaN ignored unless both are NaN ({@link ScalarMath#fmax}); on integers: maximum. */
    static final int FMAX = 6;
    static final int FMIN = 7;
    static final int AND = 8;
    static final int OR = 9;
    static final int XOR = 10;
    /** Unsigned maximum and minimum (uint8 in the int8 template). */
    static final int UMAX = 11;
    static final int UMIN = 12;
    /** {@code np.power}: C99 {@code pow} on floats; on integers by squaring, a negative exponent refused. */
    static final int POW = 13;
    /** Integer power with the exponent read as unsigned (uint8, whose exponents are never negative). */
    static final int UPOW = 14;
    /** {@code np.floor_divide} ({@link ScalarMath#floorDivide}): integers through float64 division, floats scalar. */
    static final int FLOOR_DIV = 15;
    static final int UFLOOR_DIV = 16;
    /** {@code np.remainder} ({@link ScalarMath#floorMod}); uint8 ones (U...) and float ones run scalar loops. */
    static final int MOD = 17;
    static final int UMOD = 18;
    /** Shifts with NumPy's counts: from the bit width (or negative) left gives 0, right the sign fill. */
    static final int SHL = 19;
    static final int SHR = 20;
    /** Right shift of uint8: logical. */
    static final int USHR = 21;
    static final int ATAN2 = 22;
    // ---- binary ops with a bool output (codes 30..49)
    static final int EQ = 30;
    static final int NE = 31;
    static final int LT = 32;
    static final int LE = 33;
    static final int GT = 34;
    static final int GE = 35;
    static final int ULT = 36;
    static final int ULE = 37;
    static final int UGT = 38;
    static final int UGE = 39;
    /** Logical ops: an operand is true when it is not zero (NaN is true). */
    static final int LAND = 40;
    static final int LOR = 41;
    static final int LXOR = 42;
    // ---- unary ops with an output of the input type (codes 50..89)
    static final int NEG = 50;
    static final int ABS = 51;
    static final int SQUARE = 52;
    static final int COPY = 53;
    static final int NOT = 54;
    static final int SQRT = 55;
    /** Float 1/x; on signed integers NumPy's integer 1/x with 1/0 giving 0 (as the generic loop). */
    static final int RECIPROCAL = 56;
    static final int EXP = 57;
    static final int EXPM1 = 58;
    static final int LOG = 59;
    static final int LOG1P = 60;
    static final int LOG10 = 61;
    static final int SIN = 62;
    static final int COS = 63;
    static final int TAN = 64;
    static final int ASIN = 65;
    static final int ACOS = 66;
    static final int ATAN = 67;
    static final int SINH = 68;
    static final int COSH = 69;
    static final int TANH = 70;
    static final int CBRT = 71;
    /** Float rounding: exact vector forms through the 2^52 (2^23) addition trick, see {@link LoopF64}. */
    static final int FLOOR = 72;
    static final int CEIL = 73;
    static final int TRUNC = 74;
    static final int RINT = 75;
    static final int SIGN = 76;
    /** Sign of uint8: 0 or 1. */
    static final int USIGN = 77;
    /** No vector form (exact on powers of two, which LOG / LN2 is not): the template's scalar loop. */
    static final int LOG2 = 78;
    // ---- unary ops with a bool output (codes 90..)
    static final int ISNAN = 90;
    static final int ISINF = 91;
    static final int ISFINITE = 92;
    static final int LNOT = 93;

    private static final Map<String, StripKernel> CACHE = new ConcurrentHashMap<>();

    private SimdKernels() {
    }

    /** {@return the width of the preferred vector shape in bits} */
    static int vectorBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    /** {@return whether the op takes one input} */
    static boolean isUnary(int op) {
        return op >= NEG;
    }

    /** {@return whether the op writes bool} */
    static boolean isPredicate(int op) {
        return op >= EQ && op < NEG || op >= ISNAN;
    }

    /**
     * {@return whether the op has a vector form on floats or integers (else only the template's
     * typed scalar loop runs)}. Of the float transcendentals only {@link VectorMath}'s have one:
     * the others compute with {@link StrictMath}, the same bits in every JIT tier.
     */
    static boolean hasVector(int op, boolean floating) {
        return switch (op) {
            // float floor_divide/remainder need fmod; uint8's do not fit the int8 lanes' signed conversions
            case FLOOR_DIV, MOD -> !floating;
            case UFLOOR_DIV, UMOD -> false;
            default -> isVectorMath(op) || !(floating && isTranscendental(op));
        };
    }

    /** {@return whether the float op is one of {@link VectorMath}'s functions, which strided operands reach through vector lanes} */
    static boolean isVectorMath(int op) {
        return op == EXP || op == LOG;
    }

    /** {@return whether an op's float result is approximate (within ~1 ulp, not correctly rounded)} */
    static boolean isTranscendental(int op) {
        return op >= EXP && op <= CBRT || op == LOG2 || op == ATAN2 || op == POW || op == UPOW;
    }

    /** {@return whether an op costs ~1 ns an element or more, so it splits across threads early (its grain)} */
    static boolean isCostly(int op) {
        return isTranscendental(op) || op == FLOOR_DIV || op == UFLOOR_DIV || op == MOD || op == UMOD;
    }

    /**
     * Called by a template's static initializer: the op code of this copy (its class data), or
     * -1 in the template itself, which is never run.
     */
    static int opOf(MethodHandles.Lookup lookup) {
        if (!lookup.lookupClass().isHidden()) {
            return -1;
        }
        try {
            return MethodHandles.classData(lookup, ConstantDescs.DEFAULT_NAME, Integer.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The vector kernel of an elementwise loop whose inputs all have type {@code t}, or
     * {@code null} if there is none (the generic loops of {@link Kernels} serve then).
     */
    static StripKernel kernel(Ufunc.Id ufunc, DType t, DType out) {
        int op = opCode(ufunc, t);
        if (op < 0 || (isPredicate(op) ? out != DType.BOOL : out != t)) {
            return null;
        }
        Class<?> template = switch (t) {
            case FLOAT64 -> LoopF64.class;
            case FLOAT32 -> LoopF32.class;
            case INT64 -> LoopI64.class;
            case INT32 -> LoopI32.class;
            case INT16 -> LoopI16.class;
            case INT8, UINT8, BOOL -> LoopI8.class;
        };
        return CACHE.computeIfAbsent(template.getSimpleName() + ":" + op, k -> specialize(template, op));
    }

    /** The template's op code for a ufunc on type {@code t}, or -1. */
    static int opCode(Ufunc.Id ufunc, DType t) {
        if (t == DType.BOOL) {
            return boolOp(ufunc);
        }
        boolean f = t.isFloating();
        boolean u = t == DType.UINT8;
        return switch (ufunc) {
            case POWER -> u ? UPOW : POW;
            case FLOOR_DIVIDE -> u ? UFLOOR_DIV : FLOOR_DIV;
            case REMAINDER -> u ? UMOD : MOD;
            case LEFT_SHIFT -> f ? -1 : SHL;
            case RIGHT_SHIFT -> f ? -1 : u ? USHR : SHR;
            case LOGICAL_AND -> LAND;
            case LOGICAL_OR -> LOR;
            case LOGICAL_XOR -> LXOR;
            case LOGICAL_NOT -> LNOT;
            case SIGN -> u ? USIGN : SIGN;
            case RECIPROCAL -> u ? -1 : RECIPROCAL;
            case ADD -> ADD;
            case SUBTRACT -> SUB;
            case MULTIPLY -> MUL;
            case DIVIDE -> f ? DIV : -1;
            case MAXIMUM -> u ? UMAX : MAXIMUM;
            case MINIMUM -> u ? UMIN : MINIMUM;
            case FMAX -> u ? UMAX : f ? FMAX : MAXIMUM;
            case FMIN -> u ? UMIN : f ? FMIN : MINIMUM;
            case BITWISE_AND -> f ? -1 : AND;
            case BITWISE_OR -> f ? -1 : OR;
            case BITWISE_XOR -> f ? -1 : XOR;
            case EQUAL -> EQ;
            case NOT_EQUAL -> NE;
            case LESS -> u ? ULT : LT;
            case LESS_EQUAL -> u ? ULE : LE;
            case GREATER -> u ? UGT : GT;
            case GREATER_EQUAL -> u ? UGE : GE;
            case NEGATIVE -> NEG;
            case ABSOLUTE -> u ? COPY : ABS;
            case SQUARE -> SQUARE;
            case INVERT -> f ? -1 : NOT;
            case FLOOR -> f ? FLOOR : COPY;
            case CEIL -> f ? CEIL : COPY;
            case TRUNC -> f ? TRUNC : COPY;
            default -> f ? floatOnly(ufunc) : -1;
        };
    }

    /**
     * The op code of a ufunc on bool (run by the int8 template, bool being one 0/1 byte), or -1.
     * Only ops whose result on bytes other than 0 and 1 would still be NumPy's are mapped: each
     * tests its operands against zero, as the generic loop's logical ops do.
     */
    private static int boolOp(Ufunc.Id ufunc) {
        return switch (ufunc) {
            case LOGICAL_AND, MULTIPLY, MINIMUM, FMIN, BITWISE_AND -> LAND;
            case LOGICAL_OR, ADD, MAXIMUM, FMAX, BITWISE_OR -> LOR;
            case LOGICAL_XOR, BITWISE_XOR -> LXOR;
            case LOGICAL_NOT, INVERT -> LNOT;
            default -> -1;
        };
    }

    private static int floatOnly(Ufunc.Id ufunc) {
        return switch (ufunc) {
            case SQRT -> SQRT;
            case EXP -> EXP;
            case EXPM1 -> EXPM1;
            case LOG -> LOG;
            case LOG1P -> LOG1P;
            case LOG10 -> LOG10;
            case LOG2 -> LOG2;
            case SIN -> SIN;
            case COS -> COS;
            case TAN -> TAN;
            case ARCSIN -> ASIN;
            case ARCCOS -> ACOS;
            case ARCTAN -> ATAN;
            case SINH -> SINH;
            case COSH -> COSH;
            case TANH -> TANH;
            case CBRT -> CBRT;
            case RINT -> RINT;
            case ARCTAN2 -> ATAN2;
            case ISNAN -> ISNAN;
            case ISINF -> ISINF;
            case ISFINITE -> ISFINITE;
            default -> -1;
        };
    }

    /** {@return the Vector API operator of a binary op with a lanewise form, else {@code null}} */
    static VectorOperators.Binary binaryOperator(int op) {
        return switch (op) {
            case ADD -> VectorOperators.ADD;
            case SUB -> VectorOperators.SUB;
            case MUL -> VectorOperators.MUL;
            case DIV -> VectorOperators.DIV;
            case AND -> VectorOperators.AND;
            case OR -> VectorOperators.OR;
            case XOR -> VectorOperators.XOR;
            case UMAX -> VectorOperators.UMAX;
            case UMIN -> VectorOperators.UMIN;
            default -> null;
        };
    }

    /** {@return the associative Vector API operator of an integer fold op, else {@code null}} */
    static VectorOperators.Associative associative(int op) {
        return switch (op) {
            case ADD -> VectorOperators.ADD;
            case MUL -> VectorOperators.MUL;
            case MAXIMUM -> VectorOperators.MAX;
            case MINIMUM -> VectorOperators.MIN;
            case AND -> VectorOperators.AND;
            case OR -> VectorOperators.OR;
            case XOR -> VectorOperators.XOR;
            case UMAX -> VectorOperators.UMAX;
            case UMIN -> VectorOperators.UMIN;
            default -> null;
        };
    }

    /** {@return the Vector API comparison of a bool-valued binary op, else {@code null}} */
    static VectorOperators.Comparison comparison(int op) {
        return switch (op) {
            case EQ -> VectorOperators.EQ;
            case NE -> VectorOperators.NE;
            case LT -> VectorOperators.LT;
            case LE -> VectorOperators.LE;
            case GT -> VectorOperators.GT;
            case GE -> VectorOperators.GE;
            case ULT -> VectorOperators.ULT;
            case ULE -> VectorOperators.ULE;
            case UGT -> VectorOperators.UGT;
            case UGE -> VectorOperators.UGE;
            default -> null;
        };
    }

    /** {@return the Vector API operator of a unary op with a lanewise form, else {@code null}} */
    static VectorOperators.Unary unaryOperator(int op) {
        return switch (op) {
            case NEG -> VectorOperators.NEG;
            case ABS -> VectorOperators.ABS;
            case NOT -> VectorOperators.NOT;
            case SQRT -> VectorOperators.SQRT;
            default -> null;
        };
    }

    /** {@return the Vector API test of a bool-valued unary op, else {@code null}} */
    static VectorOperators.Test testOperator(int op) {
        return switch (op) {
            case ISNAN -> VectorOperators.IS_NAN;
            case ISINF -> VectorOperators.IS_INFINITE;
            case ISFINITE -> VectorOperators.IS_FINITE;
            default -> null;
        };
    }

    /**
     * The vector fold of a reduction with {@code ufunc} over elements of type {@code t} (the
     * loop's input and output type), or {@code null} if there is none.
     */
    static LoopFold fold(Ufunc.Id ufunc, DType t) {
        FoldKey key = new FoldKey(ufunc, t);
        Optional<LoopFold> known = FOLDS.get(key);
        if (known == null) {
            known = FOLDS.computeIfAbsent(key, k -> Optional.ofNullable(makeFold(ufunc, t)));
        }
        return known.orElse(null);
    }

    private record FoldKey(Ufunc.Id ufunc, DType t) {
    }

    private static final Map<FoldKey, Optional<LoopFold>> FOLDS = new ConcurrentHashMap<>();

    private static LoopFold makeFold(Ufunc.Id ufunc, DType t) {
        int op = foldCode(ufunc, t);
        if (op < 0) {
            return null;
        }
        Class<?> template = switch (t) {
            case FLOAT64 -> LoopFoldF64.class;
            case FLOAT32 -> LoopFoldF32.class;
            case INT64 -> LoopFoldI64.class;
            case INT32 -> LoopFoldI32.class;
            case INT16 -> LoopFoldI16.class;
            case INT8, UINT8 -> LoopFoldI8.class;
            case BOOL -> null;
        };
        if (template == null) {
            return null;
        }
        return specialize(template, op);
    }

    /** The fold templates' op code for a reduction with {@code ufunc} on type {@code t}, or -1. */
    static int foldCode(Ufunc.Id ufunc, DType t) {
        if (t == DType.BOOL) {
            return -1;
        }
        int op = opCode(ufunc, t);
        return switch (op) {
            case ADD, MUL, MAXIMUM, MINIMUM, FMAX, FMIN, AND, OR, XOR, UMAX, UMIN -> op;
            default -> -1;
        };
    }

    /** {@return the shuffle that swaps lane {@code i} with lane {@code i ^ k}, or null if k is not below the lane count} */
    static <E> VectorShuffle<E> xorShuffle(VectorSpecies<E> species, int k) {
        int lanes = species.length();
        if (k >= lanes) {
            return null;
        }
        int[] idx = new int[lanes];
        for (int i = 0; i < lanes; i++) {
            idx[i] = i ^ k;
        }
        return VectorShuffle.fromArray(species, idx, 0);
    }

    /** A fold of the elements {@code [off, off + n)}, as a double. */
    @FunctionalInterface
    interface RangeFold {
        double of(long off, long n);
    }

    /** A fold of the elements {@code [off, off + n)}, as a long. */
    @FunctionalInterface
    interface RangeFoldLong {
        long of(long off, long n);
    }

    /**
     * A pairwise sum whose top {@code depth} levels of halving run on the {@link Parallel}
     * threads: the subtrees below are summed by {@code sum} in parallel, then added up the same
     * tree. Halving splits at {@code n / 2} rounded down to a multiple of {@code step} and stops
     * at {@code leaf} elements, exactly as the serial {@code sum} does, so the result is the
     * serial one bit for bit.
     */
    static double pairwiseParallel(long off, long n, int depth, int leaf, int step, RangeFold sum) {
        long[] offs = new long[1 << depth];
        long[] lens = new long[1 << depth];
        int count = frontier(off, n, depth, leaf, step, offs, lens, 0);
        double[] part = new double[count];
        Parallel.forRange(count, 1, (a, b) -> {
            for (int i = (int) a; i < b; i++) {
                part[i] = sum.of(offs[i], lens[i]);
            }
        });
        return combine(n, depth, leaf, step, part, new int[1]);
    }

    private static int frontier(long off, long n, int depth, int leaf, int step, long[] offs, long[] lens, int count) {
        if (depth == 0 || n <= leaf) {
            offs[count] = off;
            lens[count] = n;
            return count + 1;
        }
        long half = n / 2 / step * step;
        count = frontier(off, half, depth - 1, leaf, step, offs, lens, count);
        return frontier(off + half, n - half, depth - 1, leaf, step, offs, lens, count);
    }

    private static double combine(long n, int depth, int leaf, int step, double[] part, int[] next) {
        if (depth == 0 || n <= leaf) {
            return part[next[0]++];
        }
        long half = n / 2 / step * step;
        double left = combine(half, depth - 1, leaf, step, part, next);
        return left + combine(n - half, depth - 1, leaf, step, part, next);
    }

    /** Splits {@code [off, off + n)} into one chunk per thread (multiples of {@code step}) and folds each. */
    static double[] chunksParallel(long off, long n, int step, RangeFold fold) {
        long[] bounds = chunks(n, step);
        double[] part = new double[bounds.length - 1];
        Parallel.forRange(part.length, 1, (a, b) -> {
            for (int i = (int) a; i < b; i++) {
                part[i] = fold.of(off + bounds[i], bounds[i + 1] - bounds[i]);
            }
        });
        return part;
    }

    /** {@link #chunksParallel} for integer folds. */
    static long[] chunksParallelLong(long off, long n, int step, RangeFoldLong fold) {
        long[] bounds = chunks(n, step);
        long[] part = new long[bounds.length - 1];
        Parallel.forRange(part.length, 1, (a, b) -> {
            for (int i = (int) a; i < b; i++) {
                part[i] = fold.of(off + bounds[i], bounds[i + 1] - bounds[i]);
            }
        });
        return part;
    }

    private static long[] chunks(long n, int step) {
        int parts = (int) Math.max(1, Math.min(Parallel.threads(), n / Kernels.GRAIN_MEMORY_BOUND));
        long chunk = ((n + parts - 1) / parts + step - 1) / step * step;
        parts = (int) ((n + chunk - 1) / chunk);
        long[] bounds = new long[parts + 1];
        for (int i = 0; i < parts; i++) {
            bounds[i] = i * chunk;
        }
        bounds[parts] = n;
        return bounds;
    }

    // ---- casts: type codes (LoopCast's class data is from * 8 + to)
    static final int T_BOOL = 0;
    static final int T_INT8 = 1;
    static final int T_UINT8 = 2;
    static final int T_INT16 = 3;
    static final int T_INT32 = 4;
    static final int T_INT64 = 5;
    static final int T_FLOAT32 = 6;
    static final int T_FLOAT64 = 7;

    /** {@return the cast templates' code of a dtype} */
    static int typeCode(DType t) {
        return switch (t) {
            case BOOL -> T_BOOL;
            case INT8 -> T_INT8;
            case UINT8 -> T_UINT8;
            case INT16 -> T_INT16;
            case INT32 -> T_INT32;
            case INT64 -> T_INT64;
            case FLOAT32 -> T_FLOAT32;
            case FLOAT64 -> T_FLOAT64;
        };
    }

    /** {@return the size in bytes of a type code} */
    static int typeSize(int code) {
        return switch (code) {
            case T_INT16 -> 2;
            case T_INT32, T_FLOAT32 -> 4;
            case T_INT64, T_FLOAT64 -> 8;
            default -> 1;
        };
    }

    private static Class<?> lane(int code) {
        return switch (code) {
            case T_INT16 -> short.class;
            case T_INT32 -> int.class;
            case T_INT64 -> long.class;
            case T_FLOAT32 -> float.class;
            case T_FLOAT64 -> double.class;
            default -> byte.class;
        };
    }

    /**
     * A cast's vector form: load {@code in}, convert with {@code first} to {@code mid}, then
     * with {@code second} (if not null) to {@code out}; all species have the same lane count.
     * A cast to bool has no conversions (it compares with zero).
     */
    record CastSteps(VectorSpecies<?> in, VectorSpecies<?> mid, VectorSpecies<?> out,
            VectorOperators.Conversion<?, ?> first, VectorOperators.Conversion<?, ?> second) {
    }

    /**
     * The vector form of the cast between two type codes, or {@code null} when it has none on
     * this machine (the template then runs its scalar loop). Conversions keep {@link Casts}'
     * semantics: bool and int8 sign-extend, uint8 zero-extends, floats become integers through
     * long (Java's conversion to long truncates toward zero; the narrowing after it wraps).
     */
    static CastSteps castSteps(int from, int to) {
        if (from == to || (typeSize(from) == 1 && typeSize(to) == 1 && to != T_BOOL)) {
            return null; // a copy of the same bits: the scalar loop (contiguous copies never get here)
        }
        boolean fromFloat = from == T_FLOAT32 || from == T_FLOAT64;
        boolean toFloat = to == T_FLOAT32 || to == T_FLOAT64;
        int mid;
        VectorOperators.Conversion<?, ?> first;
        VectorOperators.Conversion<?, ?> second = null;
        if (to == T_BOOL) {
            mid = from;
            first = null;
        } else if (fromFloat && !toFloat && to != T_INT64) {
            mid = T_INT64;
            first = VectorOperators.Conversion.ofCast(lane(from), long.class);
            second = VectorOperators.Conversion.ofCast(long.class, lane(to));
        } else if (from == T_UINT8 && toFloat) {
            mid = T_INT32;
            first = VectorOperators.ZERO_EXTEND_B2I;
            second = VectorOperators.Conversion.ofCast(int.class, lane(to));
        } else if (from == T_UINT8) {
            mid = to;
            first = switch (to) {
                case T_INT16 -> VectorOperators.ZERO_EXTEND_B2S;
                case T_INT32 -> VectorOperators.ZERO_EXTEND_B2I;
                default -> VectorOperators.ZERO_EXTEND_B2L;
            };
        } else {
            mid = to;
            first = VectorOperators.Conversion.ofCast(lane(from), lane(to));
        }
        int widest = Math.max(typeSize(from), Math.max(typeSize(mid), typeSize(to)));
        int maxBits = VectorShape.preferredShape().vectorBitSize();
        int lanes = maxBits / (8 * widest);
        VectorSpecies<?> in = species(from, lanes, maxBits);
        VectorSpecies<?> m = species(mid, lanes, maxBits);
        VectorSpecies<?> out = species(to, lanes, maxBits);
        if (in == null || m == null || out == null) {
            return null;
        }
        return new CastSteps(in, m, second == null ? m : out, first, second);
    }

    private static VectorSpecies<?> species(int code, int lanes, int maxBits) {
        int bits = lanes * typeSize(code) * 8;
        if (bits < 64 || bits > maxBits) {
            return null;
        }
        return VectorSpecies.of(lane(code), VectorShape.forBitSize(bits));
    }

    /** The cast kernel between two dtypes (a {@link LoopCast} copy), never {@code null}. */
    static StripKernel cast(DType from, DType to) {
        int code = typeCode(from) * 8 + typeCode(to);
        return CACHE.computeIfAbsent("LoopCast:" + code, k -> specialize(LoopCast.class, code));
    }

    /** Defines {@code template} again as a hidden class whose class data is {@code op}. */
    @SuppressWarnings("unchecked")
    private static <T> T specialize(Class<?> template, int op) {
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup()
                    .defineHiddenClassWithClassData(classBytes(template), op, true);
            return (T) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot specialize " + template.getSimpleName() + " for op " + op, e);
        }
    }

    private static final Map<Class<?>, byte[]> BYTES = new ConcurrentHashMap<>();

    private static byte[] classBytes(Class<?> template) {
        return BYTES.computeIfAbsent(template, c -> {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                if (in == null) {
                    throw new IllegalStateException("class file of " + c.getName() + " not found");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
