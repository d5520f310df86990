/*
 * The kernel templates of the CUDA backend. KernelSource pastes this text after the ufunc
 * prelude (Ufunc.cPrelude()) and before the generated instantiations: one extern "C" kernel per
 * (op class, ufunc, loop), each a few lines that name a template below and paste the loop's C
 * expression. nvcc compiles the whole file once, at build time, into kernels.fatbin.
 *
 * Parameter blocks are structs of 8-byte fields only, so that the Java side (Launch) lays them
 * out without knowing a compiler's padding rules. Strides are in bytes. A null operand pointer
 * marks a Java scalar, whose raw bits travel in the block (scalar[k]) instead of device memory.
 */
#ifndef ND_KERNELS_CUH
#define ND_KERNELS_CUH

/* Dimensions a launch walks after axis coalescing; the host splits a launch over the leading
   dimensions of a layout with more. */
#define ND_MAXDIM 8
/* Operands of an elementwise launch: up to three inputs, the output, the where= mask. */
#define ND_OPS 5
#define ND_OUT 3
#define ND_MASK 4

struct nd_layout {
    long long n;                            /* elements */
    long long ndim;
    long long shape[ND_MAXDIM];
    unsigned long long ptr[ND_OPS];         /* byte address of element 0; 0: a scalar */
    long long stride[ND_OPS][ND_MAXDIM];
    unsigned long long scalar[ND_OPS];      /* raw bits of a scalar operand */
    long long flags;                        /* ND_POW_SCALAR: power's exponent is one value */
};

#define ND_POW_SCALAR 1

/* Byte offsets of element i (row-major over shape) in every operand. */
__device__ __forceinline__ void nd_offsets(const nd_layout &a, long long i, long long off[ND_OPS]) {
#pragma unroll
    for (int k = 0; k < ND_OPS; k++) {
        off[k] = 0;
    }
    if (a.ndim == 1) {
#pragma unroll
        for (int k = 0; k < ND_OPS; k++) {
            off[k] = i * a.stride[k][0];
        }
        return;
    }
    for (int d = (int) a.ndim - 1; d >= 0; d--) {
        long long idx = i % a.shape[d];
        i /= a.shape[d];
#pragma unroll
        for (int k = 0; k < ND_OPS; k++) {
            off[k] += idx * a.stride[k][d];
        }
    }
}

template <typename T>
__device__ __forceinline__ T nd_bits(unsigned long long bits) {
    T v;
    memcpy(&v, &bits, sizeof(T));
    return v;
}

/* Operand k of element offsets off: from memory, or the scalar's value. */
template <typename T>
__device__ __forceinline__ T nd_load(const nd_layout &a, int k, const long long off[ND_OPS]) {
    return a.ptr[k] ? *(const T *) (a.ptr[k] + off[k]) : nd_bits<T>(a.scalar[k]);
}

__device__ __forceinline__ bool nd_masked_out(const nd_layout &a, const long long off[ND_OPS]) {
    return a.ptr[ND_MASK] && !*(const nd_bool *) (a.ptr[ND_MASK] + off[ND_MASK]);
}

/* NumPy's fast cases of float power when the exponent is one value for the whole loop; they
   differ from pow at -inf and -0.0 (the CPU backend's ScalarMath.powByScalar). */
template <typename T>
__device__ __forceinline__ T nd_pow_by_scalar(T x, T y, T general) {
    if (y == (T) 2) {
        return x * x;
    }
    if (y == (T) 0.5) {
        return sqrt(x);
    }
    if (y == (T) -1) {
        return (T) 1 / x;
    }
    return general;
}

/* ---- casts: C conversions as the CPU backend does them. MODE (chosen by the generator from the
   dtypes, since bool and uint8 share a C type): 0 a plain C conversion; 1 float to integer through
   int64, which saturates and maps NaN to 0 on the device as Java's (long) does, then wraps to the
   width; 2 to bool, "nonzero" (NaN is true). */

#define ND_CAST_PLAIN 0
#define ND_CAST_VIA_INT64 1
#define ND_CAST_TO_BOOL 2

template <typename From, typename To, int MODE>
__device__ __forceinline__ To nd_convert(From x) {
    if (MODE == ND_CAST_TO_BOOL) {
        return x != 0;
    }
    if (MODE == ND_CAST_VIA_INT64) {
        return (To) (long long) x;
    }
    return (To) x;
}

template <typename From, typename To, int MODE>
__device__ void nd_cast_kernel(const nd_layout &a) {
    ND_FOR(i, a.n) {
        long long off[ND_OPS];
        nd_offsets(a, i, off);
        *(To *) (a.ptr[ND_OUT] + off[ND_OUT]) = nd_convert<From, To, MODE>(nd_load<From>(a, 0, off));
    }
}

/* ---- reductions: one block per output element and chunk of the reduced elements; each thread
   folds its elements in order, then the block combines the threads' partial results in a fixed
   tree, so the result depends only on the launch shape, which depends only on the sizes. A
   non-reorderable ufunc (subtract.reduce) runs with one thread and one chunk: a plain fold. */

#define ND_RED_THREADS 256

struct nd_reduction {
    long long outer_n, inner_n;
    long long outer_ndim, inner_ndim;
    long long outer_shape[ND_MAXDIM], inner_shape[ND_MAXDIM];
    long long in_outer[ND_MAXDIM], out_outer[ND_MAXDIM], in_inner[ND_MAXDIM];
    unsigned long long in, out;
    long long chunk;                        /* reduced elements per block */
    long long chunks;                       /* blocks per output; > 1: out holds chunks partials per output */
};

__device__ __forceinline__ long long nd_walk(long long i, long long ndim, const long long *shape,
                                             const long long *stride) {
    long long off = 0;
    for (int d = (int) ndim - 1; d >= 0; d--) {
        off += (i % shape[d]) * stride[d];
        i /= shape[d];
    }
    return off;
}

/* Op has: typedef acc_t; static acc_t first(Tin); static acc_t fold(acc_t, Tin);
   static acc_t merge(acc_t, acc_t); static Tout finish(acc_t). */
template <typename Tin, typename Op>
__device__ void nd_reduce_kernel(const nd_reduction &r) {
    typedef typename Op::acc_t A;
    typedef typename Op::out_t Tout;
    __shared__ A part[ND_RED_THREADS];
    __shared__ bool has[ND_RED_THREADS];
    for (long long o = blockIdx.x; o < r.outer_n; o += gridDim.x) {
        const char *base = (const char *) r.in + nd_walk(o, r.outer_ndim, r.outer_shape, r.in_outer);
        long long begin = (long long) blockIdx.y * r.chunk;
        long long end = begin + r.chunk < r.inner_n ? begin + r.chunk : r.inner_n;
        A acc;
        bool any = false;
        for (long long j = begin + threadIdx.x; j < end; j += blockDim.x) {
            Tin x = *(const Tin *) (base + nd_walk(j, r.inner_ndim, r.inner_shape, r.in_inner));
            acc = any ? Op::fold(acc, x) : Op::first(x);
            any = true;
        }
        part[threadIdx.x] = acc;
        has[threadIdx.x] = any;
        __syncthreads();
        for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s && has[threadIdx.x + s]) {
                part[threadIdx.x] = has[threadIdx.x] ? Op::merge(part[threadIdx.x], part[threadIdx.x + s])
                                                     : part[threadIdx.x + s];
                has[threadIdx.x] = true;
            }
            __syncthreads();
        }
        if (threadIdx.x == 0) {
            if (r.chunks == 1) {
                *(Tout *) ((char *) r.out + nd_walk(o, r.outer_ndim, r.outer_shape, r.out_outer)) = Op::finish(part[0]);
            } else {
                ((A *) r.out)[o * r.chunks + blockIdx.y] = part[0];
            }
        }
        __syncthreads();
    }
}

/* The second pass of a chunked reduction: each output's partials, contiguous, merged in order. */
template <typename Op>
__device__ void nd_reduce_partials_kernel(const nd_reduction &r) {
    typedef typename Op::acc_t A;
    ND_FOR(o, r.outer_n) {
        const A *p = (const A *) r.in + o * r.chunks;
        A acc = p[0];
        for (long long c = 1; c < r.chunks; c++) {
            acc = Op::merge(acc, p[c]);
        }
        *(typename Op::out_t *) ((char *) r.out + nd_walk(o, r.outer_ndim, r.outer_shape, r.out_outer)) = Op::finish(acc);
    }
}

/* ---- accumulations: one thread per line along the axis, folding in order as NumPy does */

struct nd_scan {
    long long lines, n;
    long long ndim;
    long long shape[ND_MAXDIM];
    long long in_line[ND_MAXDIM], out_line[ND_MAXDIM];
    long long in_step, out_step;
    unsigned long long in, out;
};

template <typename Tin, typename Op>
__device__ void nd_accumulate_kernel(const nd_scan &s) {
    typedef typename Op::out_t Tout;
    ND_FOR(line, s.lines) {
        const char *in = (const char *) s.in + nd_walk(line, s.ndim, s.shape, s.in_line);
        char *out = (char *) s.out + nd_walk(line, s.ndim, s.shape, s.out_line);
        Tout acc = *(const Tin *) in;
        *(Tout *) out = acc;
        for (long long i = 1; i < s.n; i++) {
            acc = Op::step(acc, *(const Tin *) (in + i * s.in_step));
            *(Tout *) (out + i * s.out_step) = acc;
        }
    }
}

/* ---- argmax / argmin: (value, index) pairs merged so that the result is the first extreme, and
   for floats the first NaN, whatever the order of merging */

template <typename T>
__device__ __forceinline__ bool nd_isnan(T x) { return x != x; }

template <typename T, bool MAX>
__device__ __forceinline__ bool nd_arg_better(T a, long long ia, T b, long long ib) {
    /* is (a, ia) preferred over (b, ib)? */
    bool na = nd_isnan(a), nb = nd_isnan(b);
    if (na || nb) {
        return na && (!nb || ia < ib);
    }
    if (a == b) {
        return ia < ib;
    }
    return MAX ? a > b : a < b;
}

template <typename T, bool MAX>
__device__ void nd_arg_kernel(const nd_reduction &r) {
    __shared__ T val[ND_RED_THREADS];
    __shared__ long long idx[ND_RED_THREADS];
    for (long long o = blockIdx.x; o < r.outer_n; o += gridDim.x) {
        const char *base = (const char *) r.in + nd_walk(o, r.outer_ndim, r.outer_shape, r.in_outer);
        T best = T();
        long long bi = -1;
        for (long long j = threadIdx.x; j < r.inner_n; j += blockDim.x) {
            T x = *(const T *) (base + j * r.in_inner[0]);
            if (bi < 0 || nd_arg_better<T, MAX>(x, j, best, bi)) {
                best = x;
                bi = j;
            }
        }
        val[threadIdx.x] = best;
        idx[threadIdx.x] = bi;
        __syncthreads();
        for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s) {
                long long ib = idx[threadIdx.x + s];
                if (ib >= 0 && (idx[threadIdx.x] < 0
                        || nd_arg_better<T, MAX>(val[threadIdx.x + s], ib, val[threadIdx.x], idx[threadIdx.x]))) {
                    val[threadIdx.x] = val[threadIdx.x + s];
                    idx[threadIdx.x] = ib;
                }
            }
            __syncthreads();
        }
        if (threadIdx.x == 0) {
            *(long long *) ((char *) r.out + nd_walk(o, r.outer_ndim, r.outer_shape, r.out_outer)) = idx[0];
        }
        __syncthreads();
    }
}

/* ---- matmul for the loops cuBLAS has none of (integers, bool) and as the fallback without
   cuBLAS: one thread per output element, the CPU backend's definition (float terms summed in
   double, integers in 64 bits, wrapping) */

struct nd_matmul {
    long long batch_n, m, n, k;
    long long batch_ndim;
    long long batch_shape[ND_MAXDIM];
    long long a_batch[ND_MAXDIM], b_batch[ND_MAXDIM], c_batch[ND_MAXDIM];
    long long a_row, a_col, b_row, b_col, c_row, c_col;
    unsigned long long a, b, c;
};

__device__ __forceinline__ double nd_matmul_add(double acc, double a, double b) {
    return acc + a * b;
}

__device__ __forceinline__ long long nd_matmul_add(long long acc, long long a, long long b) {
    return nd_add_i(acc, nd_mul_i(a, b));
}

template <typename T, typename Acc, bool BOOL_OUT>
__device__ void nd_matmul_kernel(const nd_matmul &p) {
    long long total = p.batch_n * p.m * p.n;
    ND_FOR(e, total) {
        long long j = e % p.n;
        long long i = (e / p.n) % p.m;
        long long t = e / (p.n * p.m);
        const char *a = (const char *) p.a + nd_walk(t, p.batch_ndim, p.batch_shape, p.a_batch) + i * p.a_row;
        const char *b = (const char *) p.b + nd_walk(t, p.batch_ndim, p.batch_shape, p.b_batch) + j * p.b_col;
        Acc acc = 0;
        for (long long q = 0; q < p.k; q++) {
            acc = nd_matmul_add(acc, (Acc) *(const T *) (a + q * p.a_col), (Acc) *(const T *) (b + q * p.b_row));
        }
        char *c = (char *) p.c + nd_walk(t, p.batch_ndim, p.batch_shape, p.c_batch) + i * p.c_row + j * p.c_col;
        *(T *) c = BOOL_OUT ? (T) (acc != 0) : (T) acc;
    }
}

#endif
