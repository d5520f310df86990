package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.Ufunc;
import io.github.ndarray.spi.HostElements;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * The CPU's arithmetic for every ufunc, chosen by {@link Ufunc#id()}, and the generic strided
 * loops built from it. Floats compute in double (float32 results are rounded once on store),
 * integers in long (narrowed on store, so they wrap like C), bool as 0/1. Built once per
 * (ufunc, loop) and cached.
 *
 * <p>Where {@link SimdKernels} has a Vector API kernel for a loop it is used instead (it
 * computes the same values: bit for bit for the exact operations); the generic loops serve
 * the rest (bool arithmetic other than the logical ops, ...) and are the tests' reference.
 */
final class Kernels {
    /** A predicate on two doubles. */
    @FunctionalInterface
    interface DoubleBiPredicate {
        boolean test(double a, double b);
    }

    /** A predicate on two longs. */
    @FunctionalInterface
    interface LongBiPredicate {
        boolean test(long a, long b);
    }

    /**
     * Whether the Vector API module is there ({@code --add-modules jdk.incubator.vector}). Without
     * it every loop is a generic scalar one; {@link SimdKernels} and the templates are never
     * touched, since loading them would fail.
     */
    static final boolean VECTOR_API = vectorApi();

    private static boolean vectorApi() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present) {
            System.getLogger(Kernels.class.getName()).log(System.Logger.Level.WARNING,
                    "jdk.incubator.vector is not available: the CPU backend runs scalar loops. "
                            + "Run java with --add-modules jdk.incubator.vector for the vector loops.");
        }
        return present;
    }

    /** A built loop: its kernel and its parallel grain. */
    record Built(StripKernel kernel, long grain) {
    }

    private record Key(Ufunc op, Ufunc.Loop loop) {
    }

    private static final Map<Key, Built> CACHE = new ConcurrentHashMap<>();

    // Parallel thresholds ("grains": the fewest elements worth a thread; a loop splits from
    // 2 * grain elements). Measured on the 2-vCPU AMD EPYC (AVX-512) VM with a harness outside
    // the repo: one float64 kernel on preallocated operands, serial against 2 threads, the
    // fastest of ~3 s of interleaved samples per size, sizes 2^12..2^23 (the machine is shared,
    // so the fastest sample stands for an idle second core). Handing a share to the pool's
    // worker costs ~6 us when idle, but the worker wakes ~20 us late, so splitting pays from
    // ~50 us of serial work:
    //   add (memory bound)   2^17 elements: 0.77x   2^18: 1.33x   2^20: 1.74x   2^23 (DRAM): 1.29x
    //   sqrt                 2^17: 1.04x            2^18: 1.56x   2^20: 1.85x
    //   exp (SVML)           2^15: 0.78x   2^16: 0.99-1.07x   80000: 1.26x   10^5: 1.28x   2^19: 1.86x
    //   sin (SVML)           50000: 1.28x   10^5: 1.35x
    //   sum (pairwise fold)  2^18: 0.89x   2^19: 1.08x   2^20: 1.36x   2^22: 1.88x
    //   max (fold)           2^18: 1.10x   2^19: 1.40x   2^20: 1.58x
    //   power (generic loop, ~12 ns an element)  2^13: 1.12x   2^14: 1.46x   2^15: 1.69x
    // The generic scalar loops cost 1-20 ns an element; they split from 2^15 elements, where
    // the cheapest of them (bool logic) roughly break even.
    // The pool's threads spin between loops instead of parking (Parallel), so a
    // back-to-back handoff costs ~1 us instead of ~20 us, and the grains of the vector loops
    // went down 4x (memory bound 2^17 -> 2^15, transcendental 2^15 -> 2^13, sums and dots
    // 2^18 -> 2^15). Measured with the comparison bench, one run each, load ~1.5: a + b at 1e5
    // 0.83x -> 1.62x NumPy, a * b 0.97x -> 1.84x, sqrt 2.12x -> 4.11x, exp 1.69x -> 1.86x,
    // linalg.norm at 1e5 0.92x -> 1.24x, at 1e6 0.96x -> 1.35x.

    /** Grain of the memory-bound vector loops: arithmetic, comparisons, sqrt, casts, and folds other than sums. */
    static final long GRAIN_MEMORY_BOUND = 1L << 15;
    /** Grain of the vector loops of transcendental functions (SVML), power and integer division, and of the scalar loops of the templates. */
    static final long GRAIN_TRANSCENDENTAL = 1L << 13;
    /** Grain of pairwise float sums. */
    static final long GRAIN_SUM = 1L << 15;
    /** Grain of the generic scalar loops. */
    static final long GRAIN_GENERIC = 1L << 14;

    private Kernels() {
    }

    /**
     * The strip kernel of a ufunc loop.
     *
     * @throws IllegalArgumentException if the CPU has no kernel for it
     */
    static StripKernel elementwise(Ufunc op, Ufunc.Loop loop) {
        return built(op, loop).kernel();
    }

    /** {@return the kernel of a ufunc loop with its parallel grain, built once and cached} */
    static Built built(Ufunc op, Ufunc.Loop loop) {
        Built b = CACHE.get(new Key(op, loop));
        return b != null ? b : CACHE.computeIfAbsent(new Key(op, loop), k -> build(op, loop));
    }

    /**
     * The vector kernel where there is one, else the generic loop, with the fewest elements worth
     * a thread for it (see {@link StridedWalk}).
     */
    private static Built build(Ufunc op, Ufunc.Loop loop) {
        DType t = loop.in().get(0);
        StripKernel simd = VECTOR_API ? SimdKernels.kernel(op.id(), t, loop.out()) : null;
        if (simd == null) {
            return new Built(generic(op, loop), GRAIN_GENERIC);
        }
        int code = SimdKernels.opCode(op.id(), t);
        boolean slow = !SimdKernels.hasVector(code, t.isFloating()) || SimdKernels.isCostly(code);
        return new Built(simd, slow ? GRAIN_TRANSCENDENTAL : GRAIN_MEMORY_BOUND);
    }

    /**
     * The generic strided kernel of a ufunc loop, built from the scalar arithmetic table (no
     * Vector API): the reference the vector kernels are tested against.
     */
    static StripKernel generic(Ufunc op, Ufunc.Loop loop) {
        DType t = loop.in().get(0);
        Ufunc.Id id = op.id();
        if (id == Ufunc.Id.WHERE) {
            return select(loop.out());
        }
        if (loop.out() == DType.BOOL && t != DType.BOOL || isPredicate(id)) {
            return op.nin() == 1 ? test1(t, id) : test2(t, id);
        }
        if (op.nin() == 1) {
            return t.isFloating() ? map1(t, unaryDouble(id)) : map1(t, unaryLong(id, t));
        }
        if (id == Ufunc.Id.POWER && t.isFloating()) {
            return floatPower(t);
        }
        return t.isFloating() ? map2(t, binaryDouble(id)) : map2(t, binaryLong(id, t));
    }

    /** Float power: a stride-0 exponent takes NumPy's fast cases ({@link ScalarMath#powByScalar}). */
    private static StripKernel floatPower(DType t) {
        StripKernel any = map2(t, binaryDouble(Ufunc.Id.POWER));
        StripKernel one = map2(t, ScalarMath::powByScalar);
        return (s, off, st, n) -> (st[1] == 0 ? one : any).run(s, off, st, n);
    }

    private static boolean isPredicate(Ufunc.Id id) {
        return switch (id) {
            case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR,
                    LOGICAL_NOT, ISNAN, ISINF, ISFINITE -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------ scalar arithmetic

    /** The float arithmetic of a binary ufunc (also used by reductions). */
    static DoubleBinaryOperator binaryDouble(Ufunc.Id id) {
        return switch (id) {
            case ADD -> Double::sum;
            case SUBTRACT -> (a, b) -> a - b;
            case MULTIPLY, MATMUL -> (a, b) -> a * b;
            case DIVIDE -> (a, b) -> a / b;
            case FLOOR_DIVIDE -> ScalarMath::floorDivide;
            case REMAINDER -> ScalarMath::floorMod;
            case POWER -> ScalarMath::pow;
            case ARCTAN2 -> StrictMath::atan2;
            case MAXIMUM -> ScalarMath::maximum;
            case MINIMUM -> ScalarMath::minimum;
            case FMAX -> ScalarMath::fmax;
            case FMIN -> ScalarMath::fmin;
            default -> {
                // Comparisons and logical ops as 0/1 values, for reduce and accumulate.
                DoubleBiPredicate p = comparison(id).onDouble();
                yield (a, b) -> p.test(a, b) ? 1 : 0;
            }
        };
    }

    /** The integer (and bool, as 0/1) arithmetic of a binary ufunc, for type {@code t}. */
    static LongBinaryOperator binaryLong(Ufunc.Id id, DType t) {
        int bits = ScalarMath.bits(t);
        return switch (id) {
            case ADD -> Long::sum;
            case SUBTRACT -> (a, b) -> a - b;
            case MULTIPLY, MATMUL -> (a, b) -> a * b;
            case FLOOR_DIVIDE -> ScalarMath::floorDivide;
            case REMAINDER -> ScalarMath::floorMod;
            case POWER -> ScalarMath::pow;
            case MAXIMUM, FMAX -> Math::max;
            case MINIMUM, FMIN -> Math::min;
            case BITWISE_AND -> (a, b) -> a & b;
            case BITWISE_OR -> (a, b) -> a | b;
            case BITWISE_XOR -> (a, b) -> a ^ b;
            case LEFT_SHIFT -> (a, b) -> ScalarMath.leftShift(a, b, bits);
            case RIGHT_SHIFT -> (a, b) -> ScalarMath.rightShift(a, b, bits);
            default -> {
                // Comparisons and logical ops as 0/1 values, for reduce and accumulate.
                LongBiPredicate p = comparison(id).onLong();
                yield (a, b) -> p.test(a, b) ? 1 : 0;
            }
        };
    }

    private static DoubleUnaryOperator unaryDouble(Ufunc.Id id) {
        return switch (id) {
            case NEGATIVE -> a -> -a;
            case ABSOLUTE -> Math::abs;
            case SIGN -> ScalarMath::sign;
            case RECIPROCAL -> a -> 1.0 / a;
            case SQUARE -> a -> a * a;
            case FLOOR -> Math::floor;
            case CEIL -> Math::ceil;
            case TRUNC -> ScalarMath::trunc;
            case RINT -> Math::rint;
            case EXP -> StrictMath::exp;
            case EXPM1 -> StrictMath::expm1;
            case LOG -> StrictMath::log;
            case LOG1P -> StrictMath::log1p;
            case LOG2 -> ScalarMath::log2;
            case LOG10 -> StrictMath::log10;
            case SQRT -> Math::sqrt;
            case CBRT -> StrictMath::cbrt;
            case SIN -> StrictMath::sin;
            case COS -> StrictMath::cos;
            case TAN -> StrictMath::tan;
            case ARCSIN -> StrictMath::asin;
            case ARCCOS -> StrictMath::acos;
            case ARCTAN -> StrictMath::atan;
            case SINH -> StrictMath::sinh;
            case COSH -> StrictMath::cosh;
            case TANH -> StrictMath::tanh;
            default -> throw new IllegalArgumentException("no float kernel for ufunc " + id);
        };
    }

    private static LongUnaryOperator unaryLong(Ufunc.Id id, DType t) {
        return switch (id) {
            case NEGATIVE -> a -> -a;
            case ABSOLUTE -> Math::abs;
            case SIGN -> Long::signum;
            case RECIPROCAL -> a -> a == 0 ? 0 : 1 / a;
            case SQUARE -> a -> a * a;
            case FLOOR, CEIL, TRUNC -> a -> a;
            case INVERT -> t == DType.BOOL ? a -> a == 0 ? 1 : 0 : a -> ~a;
            default -> throw new IllegalArgumentException("no integer kernel for ufunc " + id + " on " + t);
        };
    }

    /** A comparison or logical op, on floats and on integers. */
    private record Comparison(DoubleBiPredicate onDouble, LongBiPredicate onLong) {
    }

    private static Comparison comparison(Ufunc.Id id) {
        return switch (id) {
            case EQUAL -> new Comparison((a, b) -> a == b, (a, b) -> a == b);
            case NOT_EQUAL -> new Comparison((a, b) -> a != b, (a, b) -> a != b);
            case LESS -> new Comparison((a, b) -> a < b, (a, b) -> a < b);
            case LESS_EQUAL -> new Comparison((a, b) -> a <= b, (a, b) -> a <= b);
            case GREATER -> new Comparison((a, b) -> a > b, (a, b) -> a > b);
            case GREATER_EQUAL -> new Comparison((a, b) -> a >= b, (a, b) -> a >= b);
            case LOGICAL_AND -> new Comparison((a, b) -> a != 0 && b != 0, (a, b) -> a != 0 && b != 0);
            case LOGICAL_OR -> new Comparison((a, b) -> a != 0 || b != 0, (a, b) -> a != 0 || b != 0);
            case LOGICAL_XOR -> new Comparison((a, b) -> (a != 0) != (b != 0), (a, b) -> (a != 0) != (b != 0));
            default -> throw new IllegalArgumentException("no comparison kernel for ufunc " + id);
        };
    }

    private static DoublePredicate testDouble(Ufunc.Id id) {
        return switch (id) {
            case ISNAN -> Double::isNaN;
            case ISINF -> Double::isInfinite;
            case ISFINITE -> Double::isFinite;
            case LOGICAL_NOT -> a -> a == 0;
            default -> throw new IllegalArgumentException("no predicate kernel for ufunc " + id);
        };
    }

    private static LongPredicate testLong(Ufunc.Id id) {
        return switch (id) {
            case ISNAN, ISINF -> a -> false;
            case ISFINITE -> a -> true;
            case LOGICAL_NOT -> a -> a == 0;
            default -> throw new IllegalArgumentException("no predicate kernel for ufunc " + id);
        };
    }

    // ------------------------------------------------------------------ generic strided loops

    private static StripKernel map1(DType t, DoubleUnaryOperator f) {
        return (s, off, st, n) -> {
            long i0 = off[0];
            long i1 = off[1];
            for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1]) {
                HostElements.setDouble(s[1], t, i1, f.applyAsDouble(HostElements.getDouble(s[0], t, i0)));
            }
        };
    }

    private static StripKernel map1(DType t, LongUnaryOperator f) {
        return (s, off, st, n) -> {
            long i0 = off[0];
            long i1 = off[1];
            for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1]) {
                HostElements.setLong(s[1], t, i1, f.applyAsLong(HostElements.getLong(s[0], t, i0)));
            }
        };
    }

    private static StripKernel map2(DType t, DoubleBinaryOperator f) {
        if (t == DType.FLOAT64) {
            return Float64Loops.map2(f);
        }
        return (s, off, st, n) -> {
            long i0 = off[0];
            long i1 = off[1];
            long i2 = off[2];
            for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1], i2 += st[2]) {
                HostElements.setDouble(s[2], t, i2,
                        f.applyAsDouble(HostElements.getDouble(s[0], t, i0), HostElements.getDouble(s[1], t, i1)));
            }
        };
    }

    private static StripKernel map2(DType t, LongBinaryOperator f) {
        return (s, off, st, n) -> {
            long i0 = off[0];
            long i1 = off[1];
            long i2 = off[2];
            for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1], i2 += st[2]) {
                HostElements.setLong(s[2], t, i2,
                        f.applyAsLong(HostElements.getLong(s[0], t, i0), HostElements.getLong(s[1], t, i1)));
            }
        };
    }

    private static StripKernel test1(DType t, Ufunc.Id id) {
        if (t.isFloating()) {
            DoublePredicate p = testDouble(id);
            return (s, off, st, n) -> {
                long i0 = off[0];
                long i1 = off[1];
                for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1]) {
                    putBool(s[1], i1, p.test(HostElements.getDouble(s[0], t, i0)));
                }
            };
        }
        LongPredicate p = testLong(id);
        return (s, off, st, n) -> {
            long i0 = off[0];
            long i1 = off[1];
            for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1]) {
                putBool(s[1], i1, p.test(HostElements.getLong(s[0], t, i0)));
            }
        };
    }

    private static StripKernel test2(DType t, Ufunc.Id id) {
        if (t.isFloating()) {
            DoubleBiPredicate p = comparison(id).onDouble();
            return (s, off, st, n) -> {
                long i0 = off[0];
                long i1 = off[1];
                long i2 = off[2];
                for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1], i2 += st[2]) {
                    putBool(s[2], i2, p.test(HostElements.getDouble(s[0], t, i0), HostElements.getDouble(s[1], t, i1)));
                }
            };
        }
        LongBiPredicate p = comparison(id).onLong();
        return (s, off, st, n) -> {
            long i0 = off[0];
            long i1 = off[1];
            long i2 = off[2];
            for (long i = 0; i < n; i++, i0 += st[0], i1 += st[1], i2 += st[2]) {
                putBool(s[2], i2, p.test(HostElements.getLong(s[0], t, i0), HostElements.getLong(s[1], t, i1)));
            }
        };
    }

    /** {@code where(cond, x, y)}: copies raw elements, so any dtype works unchanged (typed by element size). */
    private static StripKernel select(DType t) {
        return switch (t.itemSize()) {
            case 8 -> (s, off, st, n) -> {
                long c = off[0];
                long x = off[1];
                long y = off[2];
                long o = off[3];
                for (long i = 0; i < n; i++, c += st[0], x += st[1], y += st[2], o += st[3]) {
                    s[3].setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, o, s[0].get(ValueLayout.JAVA_BYTE, c) != 0
                            ? s[1].getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, x)
                            : s[2].getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, y));
                }
            };
            case 4 -> (s, off, st, n) -> {
                long c = off[0];
                long x = off[1];
                long y = off[2];
                long o = off[3];
                for (long i = 0; i < n; i++, c += st[0], x += st[1], y += st[2], o += st[3]) {
                    s[3].setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, o, s[0].get(ValueLayout.JAVA_BYTE, c) != 0
                            ? s[1].getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, x)
                            : s[2].getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, y));
                }
            };
            case 2 -> (s, off, st, n) -> {
                long c = off[0];
                long x = off[1];
                long y = off[2];
                long o = off[3];
                for (long i = 0; i < n; i++, c += st[0], x += st[1], y += st[2], o += st[3]) {
                    s[3].setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, o, s[0].get(ValueLayout.JAVA_BYTE, c) != 0
                            ? s[1].getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, x)
                            : s[2].getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, y));
                }
            };
            default -> (s, off, st, n) -> {
                long c = off[0];
                long x = off[1];
                long y = off[2];
                long o = off[3];
                for (long i = 0; i < n; i++, c += st[0], x += st[1], y += st[2], o += st[3]) {
                    s[3].set(ValueLayout.JAVA_BYTE, o, s[0].get(ValueLayout.JAVA_BYTE, c) != 0
                            ? s[1].get(ValueLayout.JAVA_BYTE, x) : s[2].get(ValueLayout.JAVA_BYTE, y));
                }
            };
        };
    }

    private static void putBool(MemorySegment s, long i, boolean v) {
        s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (v ? 1 : 0));
    }
}
