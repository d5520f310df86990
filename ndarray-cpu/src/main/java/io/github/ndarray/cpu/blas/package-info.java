/**
 * BLAS and LAPACK for the CPU backend: float32/float64 {@code matmul} through GEMM and
 * {@code solve}/{@code inv}/{@code det} through LU ({@code getrf}/{@code getrs}/{@code getri}).
 *
 * <p><b>Native.</b> OpenBLAS 0.3.30 from Maven ({@code org.bytedeco:openblas:0.3.30-1.5.12} and its
 * {@code linux-x86_64} natives): JavaCPP's {@code Loader.load(openblas_nolapack.class)} extracts
 * and loads {@code libopenblas_nolapack.so.0} (the whole OpenBLAS, LAPACK included) and its
 * gfortran runtime; the symbols are looked up with {@code SymbolLookup.loaderLookup()} and called
 * through FFM downcall handles built once ({@code static final}). JavaCPP's JNI wrappers are
 * not used. Our off-heap segments go to BLAS as they are: row-contiguous operands with their row
 * stride as leading dimension, column-contiguous (transposed) ones as BLAS transposes; only
 * other layouts are copied. OpenBLAS's thread count follows {@code Parallel.threads()}.
 * OpenBLAS's DYNAMIC_ARCH picks its kernel at load time; {@link io.github.ndarray.cpu.blas.Blas#nativeCoreName()}
 * says which (Cooperlake, an AVX-512 kernel, on our AMD EPYC with avx512f), and a test checks it
 * against {@code /proc/cpuinfo}.
 *
 * <p><b>Pure Java</b>, when the natives cannot load or {@code -Dndarray.blas=java}: a GotoBLAS-style
 * blocked GEMM with a 6 x 2-vector Vector API FMA micro-kernel (within 10-20% of OpenBLAS here),
 * parallel over row blocks; LAPACK's blocked right-looking LU with partial pivoting, its
 * trailing update through that GEMM.
 *
 * <p><b>Traps met.</b> OpenBLAS's threaded {@code getrf} keeps 4-5 MiB of job tables on the C
 * stack and kills the JVM (SIGSEGV) from a thread with Java's default 1 MiB stack; big
 * factorizations therefore run on one dedicated 64 MiB-stack thread. In the Java micro-kernel,
 * passing vectors to a helper method that C2 did not inline boxed them and cost two thirds of
 * the speed; vectors now never cross a method boundary.
 */
package io.github.ndarray.cpu.blas;
