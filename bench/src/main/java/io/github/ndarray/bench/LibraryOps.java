package io.github.ndarray.bench;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Library ops at 1e3, 1e5 and 1e7 float64 elements: {@code add} and {@code exp} into a scratch
 * {@code out=} array (so that {@code -prof gc} shows the kernels' own allocation, which should
 * be none per element), and {@code sum} (a fresh 0-d result).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class LibraryOps {
    /** Elements. */
    @Param({"1000", "100000", "10000000"})
    public int n;

    private NDArray a;
    private NDArray b;
    private NDArray out;

    /** Makes the inputs: the comparison's seeded uniform [0.5, 1.5). */
    @Setup(Level.Trial)
    public void setUp() {
        a = Inputs.uniform(1, DType.FLOAT64, 0.5, 1.5, n);
        b = Inputs.uniform(2, DType.FLOAT64, 0.5, 1.5, n);
        out = ND.empty(DType.FLOAT64, n);
    }

    /** Frees the arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
        out.close();
    }

    /**
     * {@code add(a, b, out=out)}.
     *
     * @return the result
     */
    @Benchmark
    public NDArray add() {
        return Ufunc.ADD.callInto(out, null, a, b);
    }

    /**
     * {@code exp(a, out=out)}.
     *
     * @return the result
     */
    @Benchmark
    public NDArray exp() {
        return Ufunc.EXP.callInto(out, null, a);
    }

    /**
     * {@code a.sum()}.
     *
     * @return the sum
     */
    @Benchmark
    public double sum() {
        try (NDArray s = a.sum()) {
            return s.item();
        }
    }
}
