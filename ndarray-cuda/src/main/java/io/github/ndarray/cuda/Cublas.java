package io.github.ndarray.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * cuBLAS through FFM: the installed CUDA 13 library ({@code libcublas.so.13}, then {@code .12}),
 * or the file named by {@code -Dndarray.cuda.cublas=/path/libcublas.so.13}. JCublas is not used:
 * it links against {@code libcublas.so.12}, which CUDA 13 machines lack. One handle per device,
 * on the legacy default stream like every other call of this backend, in the default math mode
 * (no TF32 tensor-core rounding of float32 inputs), so results match the CPU's BLAS to rounding.
 */
final class Cublas {
    private static final int OP_N = 0;
    private static final int OP_T = 1;
    private static final int DEFAULT_MATH = 0;
    private static final ValueLayout.OfLong LL = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final java.lang.foreign.AddressLayout A = ValueLayout.ADDRESS;

    private final MethodHandle sgemm;
    private final MethodHandle dgemm;
    private final MethodHandle sgemmBatched;
    private final MethodHandle dgemmBatched;
    private final MemorySegment handle;
    private final String library;
    /** alpha = 1 and beta = 0, in float64 then float32: host scalars, read by cuBLAS during the call. */
    private final MemorySegment constants = Arena.global().allocate(24, 8);

    private Cublas(SymbolLookup lib, String library) throws Throwable {
        this.library = library;
        Linker linker = Linker.nativeLinker();
        MethodHandle create = linker.downcallHandle(lib.find("cublasCreate_v2").orElseThrow(),
                FunctionDescriptor.of(I, A));
        MethodHandle mathMode = linker.downcallHandle(lib.find("cublasSetMathMode").orElseThrow(),
                FunctionDescriptor.of(I, A, I));
        FunctionDescriptor gemm = FunctionDescriptor.of(I, A, I, I, I, I, I, A, A, I, A, I, A, A, I);
        FunctionDescriptor batched = FunctionDescriptor.of(I, A, I, I, I, I, I, A, A, I, LL, A, I, LL, A, A, I, LL, I);
        sgemm = linker.downcallHandle(lib.find("cublasSgemm_v2").orElseThrow(), gemm);
        dgemm = linker.downcallHandle(lib.find("cublasDgemm_v2").orElseThrow(), gemm);
        sgemmBatched = linker.downcallHandle(lib.find("cublasSgemmStridedBatched").orElseThrow(), batched);
        dgemmBatched = linker.downcallHandle(lib.find("cublasDgemmStridedBatched").orElseThrow(), batched);
        MemorySegment slot = Arena.global().allocate(A);
        check((int) create.invokeExact(slot), "cublasCreate_v2");
        handle = slot.get(A, 0);
        check((int) mathMode.invokeExact(handle, DEFAULT_MATH), "cublasSetMathMode");
        constants.set(ValueLayout.JAVA_DOUBLE, 0, 1.0);
        constants.set(ValueLayout.JAVA_DOUBLE, 8, 0.0);
        constants.set(ValueLayout.JAVA_FLOAT, 16, 1f);
        constants.set(ValueLayout.JAVA_FLOAT, 20, 0f);
    }

    /**
     * Loads cuBLAS and creates a handle in the calling thread's current context.
     *
     * @param problems where to say why not, if it cannot
     * @return the binding, or {@code null}
     */
    static Cublas load(List<String> problems) {
        return CudaLibrary.load("ndarray.cuda.cublas", List.of("libcublas.so.13", "libcublas.so.12"), Cublas::new, problems);
    }

    String library() {
        return library;
    }

    /**
     * Column-major {@code C = op(A) op(B)} on float32 or float64, one product or {@code batch} of
     * them at fixed element strides (0 repeats one matrix).
     */
    void gemm(boolean doubles, boolean transA, boolean transB, int m, int n, int k, long a, int lda, long strideA,
            long b, int ldb, long strideB, long c, int ldc, long strideC, int batch) {
        try {
            int size = doubles ? 8 : 4;
            MemorySegment one = constants.asSlice(doubles ? 0 : 16, size);
            MemorySegment zero = constants.asSlice(doubles ? 8 : 20, size);
            MemorySegment pa = MemorySegment.ofAddress(a);
            MemorySegment pb = MemorySegment.ofAddress(b);
            MemorySegment pc = MemorySegment.ofAddress(c);
            int ta = transA ? OP_T : OP_N;
            int tb = transB ? OP_T : OP_N;
            int rc;
            if (batch == 1) {
                MethodHandle h = doubles ? dgemm : sgemm;
                rc = (int) h.invokeExact(handle, ta, tb, m, n, k, one, pa, lda, pb, ldb, zero, pc, ldc);
            } else {
                MethodHandle h = doubles ? dgemmBatched : sgemmBatched;
                rc = (int) h.invokeExact(handle, ta, tb, m, n, k, one, pa, lda, strideA, pb, ldb, strideB, zero, pc, ldc,
                        strideC, batch);
            }
            check(rc, doubles ? "cublasDgemm" : "cublasSgemm");
        } catch (CudaException e) {
            throw e;
        } catch (Throwable e) {
            throw new CudaException("cuBLAS call failed: " + e);
        }
    }

    private static void check(int status, String call) {
        if (status != 0) {
            throw new CudaException(call + " failed: cublasStatus_t " + status);
        }
    }
}
