package io.github.ndarray.cpu.blas;

import io.github.ndarray.DType;
import io.github.ndarray.cpu.Parallel;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Native OpenBLAS (with its LAPACK) called through FFM downcalls.
 *
 * <p>The library comes from bytedeco's {@code openblas} artifact: JavaCPP's {@code Loader}
 * extracts {@code libopenblas_nolapack.so.0} (the full OpenBLAS, LAPACK included, despite the
 * name: bytedeco's "nolapack" refers to its JNI wrapper, not to the library) with its
 * {@code libgfortran}/{@code libquadmath}/{@code libgcc_s} into {@code ~/.javacpp/cache} and
 * loads it with {@code System.load}. The symbols are then found with
 * {@link SymbolLookup#loaderLookup()} (the same class loader), or, should that miss, with
 * {@link SymbolLookup#libraryLookup(Path, Arena)} on the extracted file. JavaCPP's own JNI
 * wrappers are never called.
 *
 * <p>OpenBLAS's threaded LAPACK ({@code getrf_parallel} and friends) keeps per-thread job
 * tables on the C stack: between 4 and 5 MiB of it, measured here, where a Java thread has
 * 1 MiB by default (and a too-small stack kills the JVM with SIGSEGV). So factorizations of
 * any size where OpenBLAS may go parallel run on one dedicated thread with a 64 MiB stack
 * (reserved, committed only as touched); small ones run on the caller. GEMM needs no more
 * than the default stack.
 *
 * <p>The class initializer does all of that and builds every handle once; it throws if
 * anything is missing, and {@link Blas} then falls back to the Java implementation. All
 * matrices here are addressed as in BLAS: row-major CBLAS for {@code gemm}, column-major
 * Fortran LAPACK for the factorizations (callers pass transposes where needed).
 */
@SuppressWarnings("restricted") // FFM downcalls are the point of this class; the JVM runs with --enable-native-access
final class NativeBlas implements Lapack {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    static final String LIBRARY;
    static final String CORE_NAME;
    static final String CONFIG;

    private static final MethodHandle DGEMM;
    private static final MethodHandle SGEMM;
    private static final MethodHandle DDOT;
    private static final MethodHandle SDOT;
    private static final MethodHandle DGETRF;
    private static final MethodHandle SGETRF;
    private static final MethodHandle DGETRS;
    private static final MethodHandle SGETRS;
    private static final MethodHandle DGETRI;
    private static final MethodHandle SGETRI;
    private static final MethodHandle DGESDD;
    private static final MethodHandle SGESDD;
    private static final MethodHandle DSYEVD;
    private static final MethodHandle SSYEVD;
    private static final MethodHandle DGEQRF;
    private static final MethodHandle SGEQRF;
    private static final MethodHandle DORGQR;
    private static final MethodHandle SORGQR;
    private static final MethodHandle DPOTRF;
    private static final MethodHandle SPOTRF;
    private static final MethodHandle SET_NUM_THREADS;
    private static final MethodHandle GET_NUM_THREADS;

    private static volatile int threadsSet = -1;

    /** Below this many elements (n * max(n, nrhs)) LAPACK stays single-threaded: OpenBLAS's rule is 10000. */
    private static final long BIG_STACK_FROM = 4096;
    private static final long BIG_STACK_BYTES = 64L << 20;
    private static final ExecutorService BIG_STACK = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "ndarray-lapack", BIG_STACK_BYTES);
        t.setDaemon(true);
        return t;
    });

    static final NativeBlas INSTANCE;

    static {
        String loaded = org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
        SymbolLookup lookup = SymbolLookup.loaderLookup();
        String libName = "loaded by JavaCPP";
        if (lookup.find("cblas_dgemm").isEmpty() && loaded != null) {
            // Another class loader loaded it: open the extracted file ourselves (dlopen shares the handle).
            Path dir = Path.of(loaded).getParent();
            Path lib = dir.resolve("libopenblas_nolapack.so.0");
            if (!Files.exists(lib)) {
                lib = dir.resolve("libopenblas.so.0");
            }
            lookup = SymbolLookup.libraryLookup(lib, Arena.global());
            libName = lib.toString();
        }
        Linker linker = Linker.nativeLinker();
        ValueLayout i = ValueLayout.JAVA_INT;
        ValueLayout p = ValueLayout.ADDRESS;
        DGEMM = handle(linker, lookup, "cblas_dgemm", FunctionDescriptor.ofVoid(i, i, i, i, i, i,
                ValueLayout.JAVA_DOUBLE, p, i, p, i, ValueLayout.JAVA_DOUBLE, p, i));
        SGEMM = handle(linker, lookup, "cblas_sgemm", FunctionDescriptor.ofVoid(i, i, i, i, i, i,
                ValueLayout.JAVA_FLOAT, p, i, p, i, ValueLayout.JAVA_FLOAT, p, i));
        DDOT = handle(linker, lookup, "cblas_ddot", FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, i, p, i, p, i));
        SDOT = handle(linker, lookup, "cblas_sdot", FunctionDescriptor.of(ValueLayout.JAVA_FLOAT, i, p, i, p, i));
        // Fortran LAPACK: every argument by reference. getrs's CHARACTER argument carries a hidden
        // length (size_t) at the end in gfortran's ABI; we pass it, harmless where unused.
        FunctionDescriptor getrf = FunctionDescriptor.ofVoid(p, p, p, p, p, p);
        DGETRF = handle(linker, lookup, "dgetrf_", getrf);
        SGETRF = handle(linker, lookup, "sgetrf_", getrf);
        FunctionDescriptor getrs = FunctionDescriptor.ofVoid(p, p, p, p, p, p, p, p, p, ValueLayout.JAVA_LONG);
        DGETRS = handle(linker, lookup, "dgetrs_", getrs);
        SGETRS = handle(linker, lookup, "sgetrs_", getrs);
        FunctionDescriptor getri = FunctionDescriptor.ofVoid(p, p, p, p, p, p, p);
        DGETRI = handle(linker, lookup, "dgetri_", getri);
        SGETRI = handle(linker, lookup, "sgetri_", getri);
        // (jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, len(jobz))
        FunctionDescriptor gesdd = FunctionDescriptor.ofVoid(p, p, p, p, p, p, p, p, p, p, p, p, p, p, ValueLayout.JAVA_LONG);
        DGESDD = handle(linker, lookup, "dgesdd_", gesdd);
        SGESDD = handle(linker, lookup, "sgesdd_", gesdd);
        // (jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, len(jobz), len(uplo))
        FunctionDescriptor syevd = FunctionDescriptor.ofVoid(p, p, p, p, p, p, p, p, p, p, p,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
        DSYEVD = handle(linker, lookup, "dsyevd_", syevd);
        SSYEVD = handle(linker, lookup, "ssyevd_", syevd);
        // (m, n, a, lda, tau, work, lwork, info) and (m, n, k, a, lda, tau, work, lwork, info)
        FunctionDescriptor geqrf = FunctionDescriptor.ofVoid(p, p, p, p, p, p, p, p);
        DGEQRF = handle(linker, lookup, "dgeqrf_", geqrf);
        SGEQRF = handle(linker, lookup, "sgeqrf_", geqrf);
        FunctionDescriptor orgqr = FunctionDescriptor.ofVoid(p, p, p, p, p, p, p, p, p);
        DORGQR = handle(linker, lookup, "dorgqr_", orgqr);
        SORGQR = handle(linker, lookup, "sorgqr_", orgqr);
        // (uplo, n, a, lda, info, len(uplo))
        FunctionDescriptor potrf = FunctionDescriptor.ofVoid(p, p, p, p, p, ValueLayout.JAVA_LONG);
        DPOTRF = handle(linker, lookup, "dpotrf_", potrf);
        SPOTRF = handle(linker, lookup, "spotrf_", potrf);
        SET_NUM_THREADS = handle(linker, lookup, "openblas_set_num_threads", FunctionDescriptor.ofVoid(i));
        GET_NUM_THREADS = handle(linker, lookup, "openblas_get_num_threads", FunctionDescriptor.of(i));
        MethodHandle core = handle(linker, lookup, "openblas_get_corename", FunctionDescriptor.of(p));
        MethodHandle config = handle(linker, lookup, "openblas_get_config", FunctionDescriptor.of(p));
        try {
            CORE_NAME = ((MemorySegment) core.invokeExact()).reinterpret(256).getString(0).trim();
            CONFIG = ((MemorySegment) config.invokeExact()).reinterpret(512).getString(0).trim();
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
        LIBRARY = libName;
        INSTANCE = new NativeBlas();
        syncThreads();
    }

    private NativeBlas() {
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor fd) {
        MemorySegment sym = lookup.find(name).orElseThrow(() -> new NoSuchElementException("OpenBLAS lacks " + name));
        return linker.downcallHandle(sym, fd);
    }

    /** Keeps OpenBLAS's thread count equal to {@link Parallel#threads()} (cheap when unchanged). */
    static void syncThreads() {
        int want = Parallel.threads();
        if (want != threadsSet) {
            try {
                SET_NUM_THREADS.invokeExact(want);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            threadsSet = want;
        }
    }

    /** {@return the thread count OpenBLAS reports} */
    static int threads() {
        try {
            return (int) GET_NUM_THREADS.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Row-major {@code C = op(A) op(B)} (alpha 1, beta 0), CBLAS conventions: {@code op(A)} is
     * {@code m x k}, {@code op(B)} is {@code k x n}, {@code C} is {@code m x n}; segments start at
     * element 0 of each matrix.
     */
    static void gemm(DType t, boolean transA, boolean transB, int m, int n, int k, MemorySegment a, int lda,
            MemorySegment b, int ldb, MemorySegment c, int ldc) {
        syncThreads();
        int ta = transA ? TRANS : NO_TRANS;
        int tb = transB ? TRANS : NO_TRANS;
        try {
            if (t == DType.FLOAT64) {
                DGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc);
            } else {
                SGEMM.invokeExact(ROW_MAJOR, ta, tb, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, c, ldc);
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * {@code sum x[i*incx] * y[i*incy]} with BLAS's increment convention: for a negative increment
     * the segment starts at the element of lowest address.
     */
    static double dot(DType t, int n, MemorySegment x, int incx, MemorySegment y, int incy) {
        syncThreads();
        try {
            if (t == DType.FLOAT64) {
                return (double) DDOT.invokeExact(n, x, incx, y, incy);
            }
            return (float) SDOT.invokeExact(n, x, incx, y, incy);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public String name() {
        return "OpenBLAS LAPACK";
    }

    @Override
    public int getrf(DType t, int n, MemorySegment a, MemorySegment ipiv) {
        return onBigStack((long) n * n, () -> getrf0(t, n, a, ipiv));
    }

    private static int getrf0(DType t, int n, MemorySegment a, MemorySegment ipiv) {
        syncThreads();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dims = ints(arena, n, n, Math.max(1, n), 0);
            MemorySegment mp = dims;
            MemorySegment np = dims.asSlice(4);
            MemorySegment lda = dims.asSlice(8);
            MemorySegment info = dims.asSlice(12);
            if (t == DType.FLOAT64) {
                DGETRF.invokeExact(mp, np, a, lda, ipiv, info);
            } else {
                SGETRF.invokeExact(mp, np, a, lda, ipiv, info);
            }
            return info.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void getrs(DType t, boolean trans, int n, int nrhs, MemorySegment a, MemorySegment ipiv, MemorySegment b) {
        onBigStack((long) n * Math.max(n, nrhs), () -> {
            getrs0(t, trans, n, nrhs, a, ipiv, b);
            return null;
        });
    }

    private static void getrs0(DType t, boolean trans, int n, int nrhs, MemorySegment a, MemorySegment ipiv,
            MemorySegment b) {
        syncThreads();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dims = ints(arena, n, nrhs, Math.max(1, n), 0);
            MemorySegment tr = arena.allocate(1);
            tr.set(ValueLayout.JAVA_BYTE, 0, (byte) (trans ? 'T' : 'N'));
            MemorySegment np = dims;
            MemorySegment nr = dims.asSlice(4);
            MemorySegment ld = dims.asSlice(8);
            MemorySegment info = dims.asSlice(12);
            if (t == DType.FLOAT64) {
                DGETRS.invokeExact(tr, np, nr, a, ld, ipiv, b, ld, info, 1L);
            } else {
                SGETRS.invokeExact(tr, np, nr, a, ld, ipiv, b, ld, info, 1L);
            }
            int r = info.get(ValueLayout.JAVA_INT, 0);
            if (r != 0) {
                throw new IllegalStateException("LAPACK getrs: illegal argument " + (-r));
            }
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int getri(DType t, int n, MemorySegment a, MemorySegment ipiv) {
        return onBigStack((long) n * n, () -> getri0(t, n, a, ipiv));
    }

    private static int getri0(DType t, int n, MemorySegment a, MemorySegment ipiv) {
        syncThreads();
        try (Arena arena = Arena.ofConfined()) {
            // Workspace: n * 64 elements lets OpenBLAS's blocked getri run with its usual block size.
            int lwork = Math.max(1, n) * 64;
            MemorySegment work = arena.allocate((long) lwork * t.itemSize(), 64);
            MemorySegment dims = ints(arena, n, Math.max(1, n), lwork, 0);
            MemorySegment np = dims;
            MemorySegment ld = dims.asSlice(4);
            MemorySegment lw = dims.asSlice(8);
            MemorySegment info = dims.asSlice(12);
            if (t == DType.FLOAT64) {
                DGETRI.invokeExact(np, a, ld, ipiv, work, lw, info);
            } else {
                SGETRI.invokeExact(np, a, ld, ipiv, work, lw, info);
            }
            return info.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public int gesdd(DType t, char jobz, int m, int n, MemorySegment a, MemorySegment s, MemorySegment u, int ldu,
            MemorySegment vt, int ldvt) {
        return onBigStack((long) m * n, () -> {
            syncThreads();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment job = chars(arena, jobz);
                MemorySegment dims = ints(arena, m, n, Math.max(1, m), ldu, ldvt, -1, 0);
                MemorySegment iwork = arena.allocate(ValueLayout.JAVA_INT, 8L * Math.max(1, Math.min(m, n)));
                MemorySegment query = arena.allocate(8);
                MemorySegment lwork = dims.asSlice(20, 4);
                MemorySegment info = dims.asSlice(24, 4);
                MemorySegment work = query;
                for (int pass = 0; pass < 2; pass++) {
                    if (t == DType.FLOAT64) {
                        DGESDD.invokeExact(job, dims, dims.asSlice(4), a, dims.asSlice(8), s, u, dims.asSlice(12), vt,
                                dims.asSlice(16), work, lwork, iwork, info, 1L);
                    } else {
                        SGESDD.invokeExact(job, dims, dims.asSlice(4), a, dims.asSlice(8), s, u, dims.asSlice(12), vt,
                                dims.asSlice(16), work, lwork, iwork, info, 1L);
                    }
                    if (pass == 0) {
                        work = workspace(arena, t, query, lwork);
                    }
                }
                return checkInfo("gesdd", info);
            } catch (Throwable e) {
                throw rethrow(e);
            }
        });
    }

    @Override
    public int syevd(DType t, boolean vectors, boolean lower, int n, MemorySegment a, MemorySegment w) {
        return onBigStack((long) n * n, () -> {
            syncThreads();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment job = chars(arena, vectors ? 'V' : 'N');
                MemorySegment uplo = chars(arena, lower ? 'L' : 'U');
                MemorySegment dims = ints(arena, n, Math.max(1, n), -1, -1, 0, 0);
                MemorySegment lwork = dims.asSlice(8, 4);
                MemorySegment liwork = dims.asSlice(12, 4);
                MemorySegment info = dims.asSlice(16, 4);
                MemorySegment query = arena.allocate(8);
                MemorySegment iquery = dims.asSlice(20, 4);
                MemorySegment work = query;
                MemorySegment iwork = iquery;
                for (int pass = 0; pass < 2; pass++) {
                    if (t == DType.FLOAT64) {
                        DSYEVD.invokeExact(job, uplo, dims, a, dims.asSlice(4), w, work, lwork, iwork, liwork, info, 1L, 1L);
                    } else {
                        SSYEVD.invokeExact(job, uplo, dims, a, dims.asSlice(4), w, work, lwork, iwork, liwork, info, 1L, 1L);
                    }
                    if (pass == 0) {
                        work = workspace(arena, t, query, lwork);
                        int li = Math.max(1, iquery.get(ValueLayout.JAVA_INT, 0));
                        liwork.set(ValueLayout.JAVA_INT, 0, li);
                        iwork = arena.allocate(ValueLayout.JAVA_INT, li);
                    }
                }
                return checkInfo("syevd", info);
            } catch (Throwable e) {
                throw rethrow(e);
            }
        });
    }

    @Override
    public void geqrf(DType t, int m, int n, MemorySegment a, int lda, MemorySegment tau) {
        onBigStack((long) m * n, () -> {
            syncThreads();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment dims = ints(arena, m, n, lda, -1, 0);
                MemorySegment lwork = dims.asSlice(12, 4);
                MemorySegment info = dims.asSlice(16, 4);
                MemorySegment query = arena.allocate(8);
                MemorySegment work = query;
                for (int pass = 0; pass < 2; pass++) {
                    if (t == DType.FLOAT64) {
                        DGEQRF.invokeExact(dims, dims.asSlice(4), a, dims.asSlice(8), tau, work, lwork, info);
                    } else {
                        SGEQRF.invokeExact(dims, dims.asSlice(4), a, dims.asSlice(8), tau, work, lwork, info);
                    }
                    if (pass == 0) {
                        work = workspace(arena, t, query, lwork);
                    }
                }
                return checkInfo("geqrf", info);
            } catch (Throwable e) {
                throw rethrow(e);
            }
        });
    }

    @Override
    public void orgqr(DType t, int m, int n, int k, MemorySegment a, int lda, MemorySegment tau) {
        onBigStack((long) m * n, () -> {
            syncThreads();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment dims = ints(arena, m, n, k, lda, -1, 0);
                MemorySegment lwork = dims.asSlice(16, 4);
                MemorySegment info = dims.asSlice(20, 4);
                MemorySegment query = arena.allocate(8);
                MemorySegment work = query;
                for (int pass = 0; pass < 2; pass++) {
                    if (t == DType.FLOAT64) {
                        DORGQR.invokeExact(dims, dims.asSlice(4), dims.asSlice(8), a, dims.asSlice(12), tau, work, lwork,
                                info);
                    } else {
                        SORGQR.invokeExact(dims, dims.asSlice(4), dims.asSlice(8), a, dims.asSlice(12), tau, work, lwork,
                                info);
                    }
                    if (pass == 0) {
                        work = workspace(arena, t, query, lwork);
                    }
                }
                return checkInfo("orgqr", info);
            } catch (Throwable e) {
                throw rethrow(e);
            }
        });
    }

    @Override
    public int potrf(DType t, boolean lower, int n, MemorySegment a) {
        return onBigStack((long) n * n, () -> {
            syncThreads();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment uplo = chars(arena, lower ? 'L' : 'U');
                MemorySegment dims = ints(arena, n, Math.max(1, n), 0);
                MemorySegment info = dims.asSlice(8, 4);
                if (t == DType.FLOAT64) {
                    DPOTRF.invokeExact(uplo, dims, a, dims.asSlice(4), info, 1L);
                } else {
                    SPOTRF.invokeExact(uplo, dims, a, dims.asSlice(4), info, 1L);
                }
                return checkInfo("potrf", info);
            } catch (Throwable e) {
                throw rethrow(e);
            }
        });
    }

    /**
     * After a workspace query ({@code lwork = -1}) LAPACK left the optimal size in
     * {@code query[0]} (a float of the routine's type): allocates that and sets {@code lwork}.
     */
    private static MemorySegment workspace(Arena arena, DType t, MemorySegment query, MemorySegment lwork) {
        double size = t == DType.FLOAT64 ? query.get(ValueLayout.JAVA_DOUBLE, 0) : query.get(ValueLayout.JAVA_FLOAT, 0);
        // float32 sizes above 2^24 are rounded; a little more than asked is always allowed
        int n = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (long) Math.ceil(size * (t == DType.FLOAT32 ? 1.0001 : 1))));
        lwork.set(ValueLayout.JAVA_INT, 0, n);
        return arena.allocate((long) n * t.itemSize(), 64);
    }

    /** {@return LAPACK's {@code info}, which must not flag an illegal argument (a bug of ours)} */
    private static int checkInfo(String routine, MemorySegment info) {
        int r = info.get(ValueLayout.JAVA_INT, 0);
        if (r < 0) {
            throw new IllegalStateException("LAPACK " + routine + ": illegal argument " + (-r));
        }
        return r;
    }

    private static MemorySegment chars(Arena arena, char c) {
        MemorySegment s = arena.allocate(1);
        s.set(ValueLayout.JAVA_BYTE, 0, (byte) c);
        return s;
    }

    /**
     * Runs a LAPACK call on the big-stack thread when it is large enough for OpenBLAS to thread
     * it, else here. Waits uninterruptibly: the call uses the caller's memory until it returns.
     */
    private static <T> T onBigStack(long elements, Callable<T> call) {
        try {
            if (elements < BIG_STACK_FROM) {
                return call.call();
            }
            Future<T> f = BIG_STACK.submit(call);
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return f.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    private static MemorySegment ints(Arena arena, int... v) {
        MemorySegment s = arena.allocate(ValueLayout.JAVA_INT, v.length);
        for (int k = 0; k < v.length; k++) {
            s.setAtIndex(ValueLayout.JAVA_INT, k, v[k]);
        }
        return s;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
