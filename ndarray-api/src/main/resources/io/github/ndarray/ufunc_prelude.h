/*
 * The C helpers that the scalar expressions of io.github.ndarray.Ufunc call (Ufunc.expression).
 * A backend pastes this text once ahead of its generated kernels. The same text compiles as C
 * with gcc (the host test that checks every expression against the CPU backend) and as CUDA C++
 * with nvcc (device kernels), so nothing here may use a feature only one of them has.
 *
 * Conventions of the expressions:
 *  - in0, in1, in2 are the loop's inputs in their C types, out0 its output; the kernel stores
 *    out0 into memory of the output type, so integer results wrap to the width like NumPy's.
 *  - Integer helpers (suffix _i) compute in 64 bits, as the CPU backend does, and never rely on
 *    signed overflow: it is undefined in C, and a compiler may assume it never happens.
 *  - Float helpers (suffix _f) compute in double; a float32 result is rounded once when stored,
 *    which is exact for the operations routed here (the CPU backend does the same).
 *  - ND_MATH1/ND_MATH2 call libm's float form (expf) on float32 and the double form (exp) on
 *    float64; the sizeof test is a compile-time constant, so only one call remains.
 */
#ifndef ND_UFUNC_PRELUDE_H
#define ND_UFUNC_PRELUDE_H

#include <math.h>
#include <stdint.h>

#ifdef __CUDACC__
#define ND_FN static __host__ __device__ __forceinline__
#define ND_KERNEL extern "C" __global__
/* A grid-stride loop: any launch shape covers n elements. */
#define ND_FOR(i, n) \
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (long long) blockDim.x * gridDim.x)
#else
#define ND_FN static inline
#ifdef __cplusplus
#define ND_KERNEL extern "C"
#else
#define ND_KERNEL
#endif
#define ND_FOR(i, n) for (long long i = 0; i < (n); i++)
#endif

/* One C type per dtype, named after NumPy's dtype; bool is one byte holding 0 or 1. */
typedef uint8_t nd_bool;
typedef int8_t nd_int8;
typedef uint8_t nd_uint8;
typedef int16_t nd_int16;
typedef int32_t nd_int32;
typedef int64_t nd_int64;
typedef float nd_float32;
typedef double nd_float64;

#define ND_MATH1(fn, x) (sizeof(x) == sizeof(float) ? (double) fn##f((float) (x)) : fn((double) (x)))
#define ND_MATH2(fn, x, y) \
    (sizeof(x) == sizeof(float) ? (double) fn##f((float) (x), (float) (y)) : fn((double) (x), (double) (y)))

/* ---- integers: two's complement arithmetic through unsigned, which wraps by definition */

ND_FN long long nd_add_i(long long a, long long b) {
    return (long long) ((unsigned long long) a + (unsigned long long) b);
}

ND_FN long long nd_sub_i(long long a, long long b) {
    return (long long) ((unsigned long long) a - (unsigned long long) b);
}

ND_FN long long nd_mul_i(long long a, long long b) {
    return (long long) ((unsigned long long) a * (unsigned long long) b);
}

ND_FN long long nd_neg_i(long long a) {
    return (long long) (0ULL - (unsigned long long) a);
}

ND_FN long long nd_abs_i(long long a) {
    return a < 0 ? nd_neg_i(a) : a;
}

/* NumPy's floor division: rounds toward minus infinity; by zero gives 0; MIN / -1 wraps to MIN
   (C's a / -1 would trap on MIN, so -1 is a negation). */
ND_FN long long nd_floor_divide_i(long long a, long long b) {
    if (b == 0) {
        return 0;
    }
    if (b == -1) {
        return nd_neg_i(a);
    }
    long long q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

/* NumPy's remainder: the sign of the divisor; by zero gives 0. */
ND_FN long long nd_remainder_i(long long a, long long b) {
    if (b == 0 || b == -1) {
        return 0;
    }
    long long r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) {
        r += b;
    }
    return r;
}

/* Power by squaring, wrapping. NumPy refuses negative exponents before the loop runs (the
   backend checks); here they give 0 so that the expression stays total. */
ND_FN long long nd_power_i(long long base, long long exp) {
    if (exp < 0) {
        return 0;
    }
    unsigned long long result = 1;
    unsigned long long b = (unsigned long long) base;
    unsigned long long e = (unsigned long long) exp;
    while (e != 0) {
        if (e & 1) {
            result *= b;
        }
        b *= b;
        e >>= 1;
    }
    return (long long) result;
}

/* Shifts by NumPy's rules: a count outside [0, bits) shifts every bit out (left: 0; right: the
   sign fill), where C's shift would be undefined. */
ND_FN long long nd_left_shift_i(long long x, long long s, int bits) {
    return s < 0 || s >= bits ? 0 : (long long) ((unsigned long long) x << s);
}

ND_FN long long nd_right_shift_i(long long x, long long s, int bits) {
    if (s < 0 || s >= bits) {
        return x < 0 ? -1 : 0;
    }
    return x >> s;
}

/* ---- floats */

/* NumPy's floor division (npy_divmod's quotient): consistent with nd_remainder_f, rounded to the
   nearest integer where the division is inexact; by zero it is a / b (inf or nan). */
ND_FN double nd_floor_divide_f(double a, double b) {
    if (b == 0) {
        return a / b;
    }
    double mod = fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0 && ((b < 0) != (mod < 0))) {
        div -= 1.0;
    }
    if (div == 0) {
        return copysign(0.0, a / b);
    }
    double fl = floor(div);
    if (div - fl > 0.5) {
        fl += 1.0;
    }
    return fl;
}

/* NumPy's remainder (npy_divmod's modulus): the sign of the divisor; a zero result takes b's
   sign; by zero it is nan. */
ND_FN double nd_remainder_f(double a, double b) {
    if (b == 0) {
        return fmod(a, b);
    }
    double mod = fmod(a, b);
    if (mod != 0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
        }
    } else {
        mod = copysign(0.0, b);
    }
    return mod;
}

/* Classification by comparison, which every compiler and both precisions agree on (the math.h
   macros are functions in CUDA C++ and macros in C). */
ND_FN int nd_isinf_f(double x) {
    return x == INFINITY || x == -INFINITY;
}

ND_FN int nd_isfinite_f(double x) {
    return x == x && !nd_isinf_f(x);
}

#endif
