package io.github.ndarray.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.DType;
import io.github.ndarray.Ufunc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The committed kernels.fatbin was compiled from the source the op table generates today: the
 * hash beside it must be the hash of {@link KernelSource#source()} and the nvcc flags. A changed
 * ufunc row, prelude or template without a rebuild ({@code scripts/build_cuda_kernels.sh}) fails
 * here, on every machine, nvcc or not.
 */
class KernelFatbinTest {
    @Test
    void theFatbinIsBuiltFromTodaysOpTable() throws IOException {
        try (InputStream in = KernelSource.class.getResourceAsStream("kernels.sha256")) {
            assertNotNull(in, "kernels.sha256 is missing: run scripts/build_cuda_kernels.sh");
            String committed = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            assertEquals(committed, KernelSource.hash(), "kernels.fatbin is out of date with the op table,"
                    + " the prelude or nd_kernels.cuh: run scripts/build_cuda_kernels.sh (needs nvcc) and commit both files");
        }
        assertNotNull(KernelSource.class.getResource("kernels.fatbin"));
    }

    @Test
    void everyLoopHasItsKernelsInTheSource() {
        String src = KernelSource.source();
        int loops = 0;
        for (Ufunc op : Ufunc.all()) {
            for (Ufunc.Loop loop : op.loops()) {
                loops++;
                assertTrue(src.contains("ND_KERNEL void " + KernelSource.elementwise(op, loop) + "("), op + " " + loop);
                if (KernelSource.folds(op, loop)) {
                    assertTrue(src.contains("ND_KERNEL void " + KernelSource.reduce(op, loop) + "("), op + " " + loop);
                    assertTrue(src.contains("ND_KERNEL void " + KernelSource.accumulate(op, loop) + "("), op + " " + loop);
                }
            }
        }
        for (DType a : DType.values()) {
            assertTrue(src.contains("ND_KERNEL void " + KernelSource.matmul(a) + "("));
            assertTrue(src.contains("ND_KERNEL void " + KernelSource.argReduce(true, a) + "("));
            for (DType b : DType.values()) {
                assertTrue(src.contains("ND_KERNEL void " + KernelSource.cast(a, b) + "("));
            }
        }
        assertTrue(loops > 300, "the table has " + loops + " loops");
    }

    @Test
    void floatSumsAccumulateInDoubleAndEverythingElseInItsOwnType() {
        Ufunc.Loop f32 = Ufunc.ADD.resolve(DType.FLOAT32, DType.FLOAT32);
        assertEquals(DType.FLOAT64, KernelSource.accumulator(Ufunc.ADD, f32));
        assertEquals(DType.FLOAT32, KernelSource.accumulator(Ufunc.MULTIPLY, Ufunc.MULTIPLY.resolve(DType.FLOAT32, DType.FLOAT32)));
        assertEquals(DType.INT64, KernelSource.accumulator(Ufunc.ADD, Ufunc.ADD.resolve(DType.INT64, DType.INT64)));
    }
}
