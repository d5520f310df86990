package io.github.ndarray.bench;

import io.github.ndarray.DType;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import io.github.ndarray.spi.HostStorage;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
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
 * "Vectorization vs loop": float64 {@code x*2+1} on the same 1e6 inputs, written five ways —
 * a plain Java loop over {@code double[]} (which C2 may auto-vectorize), a hand-written Vector
 * API loop over {@code double[]} and over the library's off-heap memory (preferred species,
 * {@code loopBound} plus a scalar tail), and the library: two ufunc calls into an {@code out=}
 * array (the same memory traffic as a fused loop, twice), and the expression
 * {@code x.mul(2).add(1)} with a fresh result and temporary.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class VectorizationVsLoop {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Elements. */
    @Param("1000000")
    public int n;

    private double[] x;
    private double[] out;
    private NDArray xa;
    private NDArray outa;
    private MemorySegment xs;
    private MemorySegment outs;

    /** Makes the inputs: the comparison's seeded uniform [0.5, 1.5). */
    @Setup(Level.Trial)
    public void setUp() {
        x = Inputs.uniform(1, n, 0.5, 1.5);
        out = new double[n];
        xa = Inputs.array(x, DType.FLOAT64, n);
        outa = Inputs.array(new double[n], DType.FLOAT64, n);
        xs = ((HostStorage) xa.storage()).segment();
        outs = ((HostStorage) outa.storage()).segment();
    }

    /** Frees the arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        xa.close();
        outa.close();
    }

    /**
     * A plain loop.
     *
     * @return the result
     */
    @Benchmark
    public double[] javaLoop() {
        double[] a = x;
        double[] o = out;
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i] * 2 + 1;
        }
        return o;
    }

    /**
     * The Vector API over heap arrays.
     *
     * @return the result
     */
    @Benchmark
    public double[] vectorApiArray() {
        double[] a = x;
        double[] o = out;
        int i = 0;
        int upper = SPECIES.loopBound(a.length);
        for (; i < upper; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, a, i).mul(2.0).add(1.0).intoArray(o, i);
        }
        for (; i < a.length; i++) {
            o[i] = a[i] * 2 + 1;
        }
        return o;
    }

    /**
     * The Vector API over the library's off-heap memory.
     *
     * @return the result
     */
    @Benchmark
    public MemorySegment vectorApiSegment() {
        MemorySegment a = xs;
        MemorySegment o = outs;
        long len = n;
        long i = 0;
        long upper = SPECIES.loopBound(len);
        ByteOrder order = ByteOrder.nativeOrder();
        for (; i < upper; i += SPECIES.length()) {
            DoubleVector.fromMemorySegment(SPECIES, a, i * 8, order).mul(2.0).add(1.0).intoMemorySegment(o, i * 8, order);
        }
        for (; i < len; i++) {
            o.setAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE, i, a.getAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE, i) * 2 + 1);
        }
        return o;
    }

    /**
     * The library, into a scratch array: {@code multiply(x, 2, out=o); add(o, 1, out=o)}.
     *
     * @return the result
     */
    @Benchmark
    public NDArray libraryOut() {
        Ufunc.MULTIPLY.callInto(outa, null, xa, 2.0);
        return Ufunc.ADD.callInto(outa, null, outa, 1.0);
    }

    /**
     * The library expression {@code x.mul(2).add(1)}: a temporary and a fresh result, both freed.
     *
     * @return a checksum element, so that the work is used
     */
    @Benchmark
    public double libraryExpression() {
        try (NDArray t = xa.mul(2.0); NDArray r = t.add(1.0)) {
            return r.getDouble(0);
        }
    }
}
