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
/* nd_layout.flags: one axis, every memory operand contiguous and 16-byte aligned, no mask: the
   kernel moves 16 bytes per operand and thread at a time. */
#define ND_VEC 2

/* Byte offsets of element i (row-major over shape) in the operands a loop of NIN inputs uses: its
   inputs, the output, the mask. 32-bit index arithmetic when the launch has fewer than 2^32
   elements: 64-bit division is many times slower. */
template <int NIN>
__device__ __forceinline__ bool nd_used(int k) {
    return k < NIN || k >= ND_OUT;
}

template <int NIN>
__device__ __forceinline__ void nd_offsets(const nd_layout &a, long long i, long long off[ND_OPS]) {
    if (a.ndim == 1) {
#pragma unroll
        for (int k = 0; k < ND_OPS; k++) {
            off[k] = nd_used<NIN>(k) ? i * a.stride[k][0] : 0;
        }
        return;
    }
#pragma unroll
    for (int k = 0; k < ND_OPS; k++) {
        off[k] = 0;
    }
    if (a.n <= 0xFFFFFFFFLL) {
        unsigned r = (unsigned) i;
        for (int d = (int) a.ndim - 1; d >= 0; d--) {
            unsigned s = (unsigned) a.shape[d];
            unsigned idx = r % s;
            r /= s;
#pragma unroll
            for (int k = 0; k < ND_OPS; k++) {
                if (nd_used<NIN>(k)) {
                    off[k] += (long long) idx * a.stride[k][d];
                }
            }
        }
        return;
    }
    for (int d = (int) a.ndim - 1; d >= 0; d--) {
        long long idx = i % a.shape[d];
        i /= a.shape[d];
#pragma unroll
        for (int k = 0; k < ND_OPS; k++) {
            if (nd_used<NIN>(k)) {
                off[k] += idx * a.stride[k][d];
            }
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

/* U consecutive elements moved as one aligned load or store (at most 16 bytes). */
template <typename T, int U>
struct __align__(sizeof(T) * U) nd_pack {
    T v[U];
};

template <typename T, int U>
__device__ __forceinline__ nd_pack<T, U> nd_load_pack(const nd_layout &a, int k, long long v) {
    nd_pack<T, U> p;
    if (a.ptr[k]) {
        p = ((const nd_pack<T, U> *) a.ptr[k])[v];
    } else {
        T s = nd_bits<T>(a.scalar[k]);
#pragma unroll
        for (int u = 0; u < U; u++) {
            p.v[u] = s;
        }
    }
    return p;
}

template <typename... T>
__host__ __device__ constexpr int nd_widest() {
    int w = 1;
    ((w = sizeof(T) > w ? (int) sizeof(T) : w), ...);
    return w;
}

template <int... K>
struct nd_seq {
};

template <int N, int... K>
struct nd_make_seq : nd_make_seq<N - 1, N - 1, K...> {
};

template <int... K>
struct nd_make_seq<0, K...> {
    typedef nd_seq<K...> type;
};

/* 16 bytes holding one input's pack, whatever its type. */
struct __align__(16) nd_raw16 {
    unsigned char b[16];
};

/* The elementwise loop of a ufunc loop with inputs TI... (one to three) and output TO: F::f(in0,
   ..., flags) is the loop's expression. With ND_VEC the body runs on packs of U elements (16
   bytes of the widest operand), then the strided path does the tail; otherwise the strided path
   (N-d indexer, scalars by value, the where= mask) does it all. */
template <typename TO, typename F, typename... TI, int... K>
__device__ __forceinline__ void nd_map_impl(const nd_layout &a, nd_seq<K...>) {
    constexpr int U = 16 / nd_widest<TO, TI...>();
    long long done = 0;
    if (a.flags & ND_VEC) {
        long long nv = a.n / U;
        ND_FOR(v, nv) {
            nd_raw16 raw[sizeof...(TI)];
            ((*(nd_pack<TI, U> *) raw[K].b = nd_load_pack<TI, U>(a, K, v)), ...);
            nd_pack<TO, U> po;
#pragma unroll
            for (int u = 0; u < U; u++) {
                po.v[u] = F::f(((const TI *) raw[K].b)[u]..., a.flags);
            }
            ((nd_pack<TO, U> *) a.ptr[ND_OUT])[v] = po;
        }
        done = nv * U;
    }
    ND_FOR(t, a.n - done) {
        long long off[ND_OPS];
        nd_offsets<sizeof...(TI)>(a, done + t, off);
        if (nd_masked_out(a, off)) continue;
        *(TO *) (a.ptr[ND_OUT] + off[ND_OUT]) = F::f(nd_load<TI>(a, K, off)..., a.flags);
    }
}

template <typename TO, typename F, typename... TI>
__device__ void nd_map(const nd_layout &a) {
    nd_map_impl<TO, F, TI...>(a, typename nd_make_seq<sizeof...(TI)>::type());
}

/* NumPy's fast cases of float power when the exponent is one value for the whole loop; they
   differ from pow at -inf and -0.0 (the CPU backend's ScalarMath.powByScalar). */
template <typename T>
__device__ __forceinline__ bool nd_pow_is_fast(T y) {
    return y == (T) 2 || y == (T) 0.5 || y == (T) -1;
}

template <typename T>
__device__ __forceinline__ T nd_pow_fast(T x, T y) {
    return y == (T) 2 ? x * x : y == (T) 0.5 ? sqrt(x) : (T) 1 / x;
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
struct nd_cast_f {
    __device__ static To f(From x, long long) { return nd_convert<From, To, MODE>(x); }
};

/* ---- reductions. Tree form (reorderable ufuncs): one block per output element and chunk of
   the folded elements; each thread folds its elements in order, then the block merges the
   threads' results in a fixed tree; folds cut into several chunks leave one partial per chunk,
   which a second kernel merges the same way. The result depends only on the launch shape, which
   depends only on the sizes. Sequential form (non-reorderable ufuncs such as subtract.reduce,
   float products, whose overflow NumPy's order decides, and short folds): one thread per output,
   folding in order. */

#define ND_RED_THREADS 256
/* Loads each thread of a fold has in flight (16-byte packs when contiguous). */
#define ND_RED_LOADS 4

struct nd_reduction {
    long long outer_n, inner_n;
    long long outer_ndim, inner_ndim;
    long long outer_shape[ND_MAXDIM], inner_shape[ND_MAXDIM];
    long long in_outer[ND_MAXDIM], out_outer[ND_MAXDIM], in_inner[ND_MAXDIM];
    unsigned long long in, out;
    long long chunk;                        /* folded elements per block */
    long long chunks;                       /* blocks per output; > 1: out holds chunks partials per output */
};

/* The byte offset of element i of a row-major walk. */
__device__ __forceinline__ long long nd_walk(long long i, long long ndim, const long long *shape,
                                             const long long *stride) {
    if (ndim == 1) {
        return i * stride[0];
    }
    long long off = 0;
    for (int d = (int) ndim - 1; d >= 0; d--) {
        off += (i % shape[d]) * stride[d];
        i /= shape[d];
    }
    return off;
}

/* Merges the block's per-thread results (has[t]: thread t saw an element) into part[0]. */
template <typename A, typename Op>
__device__ __forceinline__ void nd_block_merge(A *part, bool *has) {
    __syncthreads();
    for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s && has[threadIdx.x + s]) {
            part[threadIdx.x] = has[threadIdx.x] ? Op::merge(part[threadIdx.x], part[threadIdx.x + s])
                                                 : part[threadIdx.x + s];
            has[threadIdx.x] = true;
        }
        __syncthreads();
    }
}

/* Op has: typedef acc_t, out_t; static acc_t first(Tin); static acc_t fold(acc_t, Tin);
   static acc_t merge(acc_t, acc_t); static out_t finish(acc_t). */
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
        long long j = begin + threadIdx.x;
        const long long bd = blockDim.x;
        if (r.inner_ndim == 1 && r.in_inner[0] == (long long) sizeof(Tin)
                && (((unsigned long long) (base + begin * sizeof(Tin))) & 15) == 0) {
            /* Contiguous and aligned: 16-byte packs, ND_RED_LOADS of them in flight per thread
               before their folds. One load at a time per thread leaves the memory system idle
               for most of its latency. The host makes chunks whole packs. */
            constexpr int V = 16 / sizeof(Tin);
            const nd_pack<Tin, V> *p = (const nd_pack<Tin, V> *) (base + begin * sizeof(Tin));
            const long long np = (end - begin) / V;
            long long q = threadIdx.x;
            for (; q + (ND_RED_LOADS - 1) * bd < np; q += ND_RED_LOADS * bd) {
                nd_pack<Tin, V> x[ND_RED_LOADS];
#pragma unroll
                for (int u = 0; u < ND_RED_LOADS; u++) {
                    x[u] = p[q + u * bd];
                }
                acc = any ? Op::fold(acc, x[0].v[0]) : Op::first(x[0].v[0]);
                any = true;
#pragma unroll
                for (int u = 0; u < ND_RED_LOADS; u++) {
#pragma unroll
                    for (int v = u == 0 ? 1 : 0; v < V; v++) {
                        acc = Op::fold(acc, x[u].v[v]);
                    }
                }
            }
            for (; q < np; q += bd) {
                nd_pack<Tin, V> x = p[q];
                acc = any ? Op::fold(acc, x.v[0]) : Op::first(x.v[0]);
                any = true;
#pragma unroll
                for (int v = 1; v < V; v++) {
                    acc = Op::fold(acc, x.v[v]);
                }
            }
            j = begin + np * V + threadIdx.x;
        } else if (r.inner_ndim == 1) {
            /* Strided: ND_RED_LOADS single loads in flight (the same order of folding). */
            const long long step = r.in_inner[0];
            for (; j + (ND_RED_LOADS - 1) * bd < end; j += ND_RED_LOADS * bd) {
                Tin x[ND_RED_LOADS];
#pragma unroll
                for (int u = 0; u < ND_RED_LOADS; u++) {
                    x[u] = *(const Tin *) (base + (j + u * bd) * step);
                }
                acc = any ? Op::fold(acc, x[0]) : Op::first(x[0]);
                any = true;
#pragma unroll
                for (int u = 1; u < ND_RED_LOADS; u++) {
                    acc = Op::fold(acc, x[u]);
                }
            }
        }
        for (; j < end; j += blockDim.x) {
            Tin x = *(const Tin *) (base + nd_walk(j, r.inner_ndim, r.inner_shape, r.in_inner));
            acc = any ? Op::fold(acc, x) : Op::first(x);
            any = true;
        }
        part[threadIdx.x] = acc;
        has[threadIdx.x] = any;
        nd_block_merge<A, Op>(part, has);
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

/* The second pass of a chunked reduction: each output's partials (contiguous), merged by a block. */
template <typename Op>
__device__ void nd_reduce_partials_kernel(const nd_reduction &r) {
    typedef typename Op::acc_t A;
    __shared__ A part[ND_RED_THREADS];
    __shared__ bool has[ND_RED_THREADS];
    for (long long o = blockIdx.x; o < r.outer_n; o += gridDim.x) {
        const A *p = (const A *) r.in + o * r.chunks;
        A acc;
        bool any = false;
        for (long long c = threadIdx.x; c < r.chunks; c += blockDim.x) {
            acc = any ? Op::merge(acc, p[c]) : p[c];
            any = true;
        }
        part[threadIdx.x] = acc;
        has[threadIdx.x] = any;
        nd_block_merge<A, Op>(part, has);
        if (threadIdx.x == 0) {
            *(typename Op::out_t *) ((char *) r.out + nd_walk(o, r.outer_ndim, r.outer_shape, r.out_outer))
                    = Op::finish(part[0]);
        }
        __syncthreads();
    }
}

/* The sequential form: one thread per output, folding in order. */
template <typename Tin, typename Op>
__device__ void nd_reduce_sequential_kernel(const nd_reduction &r) {
    typedef typename Op::acc_t A;
    ND_FOR(o, r.outer_n) {
        const char *base = (const char *) r.in + nd_walk(o, r.outer_ndim, r.outer_shape, r.in_outer);
        A acc = Op::first(*(const Tin *) base);
        for (long long j = 1; j < r.inner_n; j++) {
            acc = Op::fold(acc, *(const Tin *) (base + nd_walk(j, r.inner_ndim, r.inner_shape, r.in_inner)));
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
        Tout acc = Op::start(*(const Tin *) in);
        *(Tout *) out = acc;
        for (long long i = 1; i < s.n; i++) {
            acc = Op::step(acc, *(const Tin *) (in + i * s.in_step));
            *(Tout *) (out + i * s.out_step) = acc;
        }
    }
}

/* ---- argmax / argmin: (value, index) pairs merged so that the result is the first extreme, and
   for floats the first NaN, whatever the order of merging; chunked like the tree reductions, the
   partials being indices (8 bytes each) followed by their values */

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

/* Merges the block's (value, index) pairs (index -1: none) into slot 0. */
template <typename T, bool MAX>
__device__ __forceinline__ void nd_arg_block_merge(T *val, long long *idx) {
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
}

template <typename T, bool MAX>
__device__ void nd_arg_kernel(const nd_reduction &r) {
    __shared__ T val[ND_RED_THREADS];
    __shared__ long long idx[ND_RED_THREADS];
    for (long long o = blockIdx.x; o < r.outer_n; o += gridDim.x) {
        const char *base = (const char *) r.in + nd_walk(o, r.outer_ndim, r.outer_shape, r.in_outer);
        long long begin = (long long) blockIdx.y * r.chunk;
        long long end = begin + r.chunk < r.inner_n ? begin + r.chunk : r.inner_n;
        T best = T();
        long long bi = -1;
        const long long step = r.in_inner[0];
        const long long bd = blockDim.x;
        long long j = begin + threadIdx.x;
        for (; j + (ND_RED_LOADS - 1) * bd < end; j += ND_RED_LOADS * bd) {
            T x[ND_RED_LOADS];
#pragma unroll
            for (int u = 0; u < ND_RED_LOADS; u++) {
                x[u] = *(const T *) (base + (j + u * bd) * step);
            }
#pragma unroll
            for (int u = 0; u < ND_RED_LOADS; u++) {
                if (bi < 0 || nd_arg_better<T, MAX>(x[u], j + u * bd, best, bi)) {
                    best = x[u];
                    bi = j + u * bd;
                }
            }
        }
        for (; j < end; j += bd) {
            T x = *(const T *) (base + j * step);
            if (bi < 0 || nd_arg_better<T, MAX>(x, j, best, bi)) {
                best = x;
                bi = j;
            }
        }
        val[threadIdx.x] = best;
        idx[threadIdx.x] = bi;
        nd_arg_block_merge<T, MAX>(val, idx);
        if (threadIdx.x == 0) {
            if (r.chunks == 1) {
                *(long long *) ((char *) r.out + nd_walk(o, r.outer_ndim, r.outer_shape, r.out_outer)) = idx[0];
            } else {
                long long slot = o * r.chunks + blockIdx.y;
                ((long long *) r.out)[slot] = idx[0];
                ((T *) ((long long *) r.out + r.outer_n * r.chunks))[slot] = val[0];
            }
        }
        __syncthreads();
    }
}

template <typename T, bool MAX>
__device__ void nd_arg_partials_kernel(const nd_reduction &r) {
    __shared__ T val[ND_RED_THREADS];
    __shared__ long long idx[ND_RED_THREADS];
    const long long *pidx = (const long long *) r.in;
    const T *pval = (const T *) (pidx + r.outer_n * r.chunks);
    for (long long o = blockIdx.x; o < r.outer_n; o += gridDim.x) {
        T best = T();
        long long bi = -1;
        for (long long c = threadIdx.x; c < r.chunks; c += blockDim.x) {
            long long slot = o * r.chunks + c;
            if (bi < 0 || nd_arg_better<T, MAX>(pval[slot], pidx[slot], best, bi)) {
                best = pval[slot];
                bi = pidx[slot];
            }
        }
        val[threadIdx.x] = best;
        idx[threadIdx.x] = bi;
        nd_arg_block_merge<T, MAX>(val, idx);
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
