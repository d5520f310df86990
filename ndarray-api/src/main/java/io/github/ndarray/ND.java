package io.github.ndarray;

import io.github.ndarray.broadcasting.Broadcast;
import java.io.IOException;
import java.nio.file.Path;

/**
 * NumPy's module functions: creation, ufuncs, reductions, linear algebra, broadcasting and
 * {@code .npy} I/O. Arrays are created on the host ({@link Device#cpu()}); move them with
 * {@link NDArray#to(Device)}.
 *
 * {@snippet :
 * NDArray a = ND.arange(6).reshape(2, 3);
 * NDArray b = ND.array(new double[]{10, 20, 30});
 * NDArray c = ND.add(a, b);                              // (2,3) float64
 * long[] s = ND.broadcastShapes(new long[]{3, 1}, new long[]{2}); // {3, 2}
 * NDArray e = ND.exp(ND.linspace(0, 1, 5));
 * }
 *
 * <p><b>Threads.</b> Every function here may be called from any number of threads at once.
 * Reading shared arrays concurrently is safe and gives each thread the single-threaded answer
 * bit for bit; writing ({@code out=}, {@code copyto}, assignment) into memory that another
 * thread reads or writes at the same time is not, as in NumPy. Closing an array another thread
 * is computing with makes that computation finish correctly or throw
 * {@link IllegalStateException}, never read another array's memory (see {@link NDArray}).
 * Process-wide settings ({@link #setThreads(int)}, {@link #releaseCachedMemory()}) take effect
 * for calls that start after them. Interrupts do not cancel an operation.
 */
public final class ND {
    private ND() {
    }

    // ------------------------------------------------------------------ creation

    /**
     * A 1-D float64 array.
     *
     * @param data the values
     * @return a new array
     */
    public static NDArray array(double... data) {
        return Creation.fromJava(data, null);
    }

    /**
     * A 2-D float64 array; rows must have equal lengths.
     *
     * @param data the rows
     * @return a new array
     */
    public static NDArray array(double[][] data) {
        return Creation.fromJava(data, null);
    }

    /**
     * A 1-D float32 array.
     *
     * @param data the values
     * @return a new array
     */
    public static NDArray array(float... data) {
        return Creation.fromJava(data, null);
    }

    /**
     * A 2-D float32 array.
     *
     * @param data the rows
     * @return a new array
     */
    public static NDArray array(float[][] data) {
        return Creation.fromJava(data, null);
    }

    /**
     * A 1-D int64 array.
     *
     * @param data the values
     * @return a new array
     */
    public static NDArray array(long... data) {
        return Creation.fromJava(data, null);
    }

    /**
     * A 2-D int64 array.
     *
     * @param data the rows
     * @return a new array
     */
    public static NDArray array(long[][] data) {
        return Creation.fromJava(data, null);
    }

    /**
     * A 1-D int32 array (Java's {@code int} is 32 bits).
     *
     * @param data the values
     * @return a new array
     */
    public static NDArray array(int... data) {
        return Creation.fromJava(data, null);
    }

    /**
     * A 2-D int32 array.
     *
     * @param data the rows
     * @return a new array
     */
    public static NDArray array(int[][] data) {
        return Creation.fromJava(data, null);
    }

    /**
     * A 1-D bool array.
     *
     * @param data the values
     * @return a new array
     */
    public static NDArray array(boolean... data) {
        return Creation.fromJava(data, null);
    }

    /**
     * A 2-D bool array.
     *
     * @param data the rows
     * @return a new array
     */
    public static NDArray array(boolean[][] data) {
        return Creation.fromJava(data, null);
    }

    /**
     * An array from a nested Java array of any depth ({@code double[][][]}, {@code int[][][][]},
     * ...), converted to {@code dtype}.
     *
     * {@snippet :
     * NDArray a = ND.array(new int[][][]{{{1, 2}}, {{3, 4}}}, DType.FLOAT32); // shape (2,1,2)
     * }
     *
     * @param nested a rectangular nested Java array of primitives or boxed numbers
     * @param dtype the element type, or {@code null} for the Java type's own
     * @return a new array
     */
    public static NDArray array(Object nested, DType dtype) {
        return Creation.fromJava(nested, dtype);
    }

    /**
     * A 0-d array holding one value.
     *
     * @param value the value
     * @param dtype its type
     * @return a new 0-d array
     */
    public static NDArray scalar(double value, DType dtype) {
        return full(dtype, value);
    }

    /**
     * A float64 array of zeros.
     *
     * @param shape the shape
     * @return a new array
     */
    public static NDArray zeros(long... shape) {
        return zeros(DType.FLOAT64, shape);
    }

    /**
     * An array of zeros.
     *
     * @param dtype the element type
     * @param shape the shape
     * @return a new array
     */
    public static NDArray zeros(DType dtype, long... shape) {
        return NDArray.allocate(Device.cpu(), dtype, shape);
    }

    /**
     * A float64 array of ones.
     *
     * @param shape the shape
     * @return a new array
     */
    public static NDArray ones(long... shape) {
        return ones(DType.FLOAT64, shape);
    }

    /**
     * An array of ones.
     *
     * @param dtype the element type
     * @param shape the shape
     * @return a new array
     */
    public static NDArray ones(DType dtype, long... shape) {
        return full(dtype, 1.0, shape);
    }

    /**
     * A float64 array filled with one value.
     *
     * @param value the value
     * @param shape the shape
     * @return a new array
     */
    public static NDArray full(double value, long... shape) {
        return full(DType.FLOAT64, value, shape);
    }

    /**
     * An array filled with one value, cast to {@code dtype}.
     *
     * @param dtype the element type
     * @param value the value
     * @param shape the shape
     * @return a new array
     */
    public static NDArray full(DType dtype, double value, long... shape) {
        NDArray out = NDArray.allocate(Device.cpu(), dtype, shape);
        return out.assign(value);
    }

    /**
     * An array whose contents are unspecified (memory reused from freed arrays, not zeroed), like
     * {@code np.empty}: write every element before reading it.
     *
     * @param dtype the element type
     * @param shape the shape
     * @return a new array
     */
    public static NDArray empty(DType dtype, long... shape) {
        return NDArray.allocateUninitialized(Device.cpu(), dtype, shape);
    }

    /**
     * Zeros with the shape, dtype and device of {@code a}.
     *
     * @param a the model
     * @return a new array
     */
    public static NDArray zerosLike(NDArray a) {
        a.checkOpen();
        return NDArray.allocate(a.device(), a.dtype(), a.shape());
    }

    /**
     * Ones with the shape, dtype and device of {@code a}.
     *
     * @param a the model
     * @return a new array
     */
    public static NDArray onesLike(NDArray a) {
        return fullLike(a, 1.0);
    }

    /**
     * {@code value} with the shape, dtype and device of {@code a}.
     *
     * @param a the model
     * @param value the value, cast to a's dtype
     * @return a new array
     */
    public static NDArray fullLike(NDArray a, double value) {
        a.checkOpen();
        return NDArray.allocate(a.device(), a.dtype(), a.shape()).assign(value);
    }

    /**
     * An array shaped like {@code a} whose contents are unspecified, like {@code np.empty_like}.
     *
     * @param a the model
     * @return a new array
     */
    public static NDArray emptyLike(NDArray a) {
        a.checkOpen();
        return NDArray.allocateUninitialized(a.device(), a.dtype(), a.shape());
    }

    /**
     * {@code np.arange(stop)}: int64 {@code 0, 1, ..., stop-1}.
     *
     * @param stop the end (excluded)
     * @return a new array
     */
    public static NDArray arange(long stop) {
        return Creation.arange(0, stop, 1, DType.INT64);
    }

    /**
     * {@code np.arange(start, stop)}: int64 {@code start, start+1, ..., stop-1}.
     *
     * {@snippet :
     * NDArray a = ND.arange(1, 5);   // array([1, 2, 3, 4])
     * }
     *
     * @param start the first value
     * @param stop the end (excluded)
     * @return a new array; empty if {@code stop <= start}
     */
    public static NDArray arange(long start, long stop) {
        return Creation.arange(start, stop, 1, DType.INT64);
    }

    /**
     * {@code np.arange(start, stop, step)} on integers, int64.
     *
     * @param start the first value
     * @param stop the end (excluded)
     * @param step the step, nonzero, may be negative
     * @return a new array
     */
    public static NDArray arange(long start, long stop, long step) {
        return Creation.arange(start, stop, step, DType.INT64);
    }

    /**
     * {@code np.arange(start, stop, step)} on floats, float64: {@code start + i*step}.
     *
     * @param start the first value
     * @param stop the end (excluded)
     * @param step the step, nonzero
     * @return a new array
     */
    public static NDArray arange(double start, double stop, double step) {
        return Creation.arange(start, stop, step, DType.FLOAT64);
    }

    /**
     * {@code np.linspace(start, stop, num)}: evenly spaced, both ends included, float64.
     *
     * @param start first value
     * @param stop last value
     * @param num number of values, at least 0
     * @return a new array
     */
    public static NDArray linspace(double start, double stop, long num) {
        return Creation.linspace(start, stop, num, true, DType.FLOAT64);
    }

    /**
     * {@code np.linspace(start, stop, num, endpoint=endpoint)}.
     *
     * @param start first value
     * @param stop last value, or the excluded end when {@code endpoint} is false
     * @param num number of values
     * @param endpoint whether {@code stop} is included
     * @return a new float64 array
     */
    public static NDArray linspace(double start, double stop, long num, boolean endpoint) {
        return Creation.linspace(start, stop, num, endpoint, DType.FLOAT64);
    }

    /**
     * The float64 identity matrix {@code np.eye(n)}.
     *
     * @param n rows and columns
     * @return a new array
     */
    public static NDArray eye(long n) {
        return Creation.eye(n, n, 0, DType.FLOAT64);
    }

    /**
     * {@code np.eye(n, m, k, dtype)}: ones on the k-th diagonal.
     *
     * @param n rows
     * @param m columns
     * @param k diagonal offset (positive above the main diagonal)
     * @param dtype the element type
     * @return a new array
     */
    public static NDArray eye(long n, long m, long k, DType dtype) {
        return Creation.eye(n, m, k, dtype);
    }

    // ------------------------------------------------------------------ creation on a device

    /**
     * Zeros on a device ({@code cupy.zeros}): the device's memory is allocated zero-filled
     * there, nothing is copied from the host.
     *
     * {@snippet :
     * NDArray g = ND.zeros(Device.cuda(), DType.FLOAT32, 1024, 1024);
     * }
     *
     * @param device where the array lives
     * @param dtype the element type
     * @param shape the shape
     * @return a new array on {@code device}
     */
    public static NDArray zeros(Device device, DType dtype, long... shape) {
        return NDArray.allocate(device, dtype, shape);
    }

    /**
     * Uninitialized memory on a device ({@code cupy.empty}): no fill at all.
     *
     * @param device where the array lives
     * @param dtype the element type
     * @param shape the shape
     * @return a new array on {@code device}; write every element before reading it
     */
    public static NDArray empty(Device device, DType dtype, long... shape) {
        return NDArray.allocateUninitialized(device, dtype, shape);
    }

    /**
     * Ones on a device, filled there.
     *
     * @param device where the array lives
     * @param dtype the element type
     * @param shape the shape
     * @return a new array on {@code device}
     */
    public static NDArray ones(Device device, DType dtype, long... shape) {
        return full(device, dtype, 1.0, shape);
    }

    /**
     * One value everywhere on a device, filled there (the value travels as a scalar, not as an array).
     *
     * {@snippet :
     * NDArray g = ND.full(Device.cuda(), DType.FLOAT64, 0.5, 3, 4);
     * }
     *
     * @param device where the array lives
     * @param dtype the element type
     * @param value the value, cast to {@code dtype}
     * @param shape the shape
     * @return a new array on {@code device}
     */
    public static NDArray full(Device device, DType dtype, double value, long... shape) {
        NDArray out = NDArray.allocateUninitialized(device, dtype, shape);
        try {
            return out.assign(value);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * {@code np.arange(start, stop, step)} of int64 on a device. The values are computed on the
     * host and copied once (one transfer of the result).
     *
     * @param device where the array lives
     * @param start the first value
     * @param stop the end (excluded)
     * @param step the step, nonzero
     * @return a new array on {@code device}
     */
    public static NDArray arange(Device device, long start, long stop, long step) {
        return Creation.onDevice(Creation.arange(start, stop, step, DType.INT64), device);
    }

    /**
     * {@code np.arange(start, stop, step)} of float64 on a device (computed on the host, copied once).
     *
     * @param device where the array lives
     * @param start the first value
     * @param stop the end (excluded)
     * @param step the step, nonzero
     * @return a new array on {@code device}
     */
    public static NDArray arange(Device device, double start, double stop, double step) {
        return Creation.onDevice(Creation.arange(start, stop, step, DType.FLOAT64), device);
    }

    /**
     * {@code np.linspace(start, stop, num)} on a device (computed on the host, copied once).
     *
     * @param device where the array lives
     * @param start first value
     * @param stop last value
     * @param num number of values
     * @return a new float64 array on {@code device}
     */
    public static NDArray linspace(Device device, double start, double stop, long num) {
        return Creation.onDevice(Creation.linspace(start, stop, num, true, DType.FLOAT64), device);
    }

    /**
     * {@code np.eye(n, m, k, dtype)} on a device (computed on the host, copied once).
     *
     * @param device where the array lives
     * @param n rows
     * @param m columns
     * @param k diagonal offset
     * @param dtype the element type
     * @return a new array on {@code device}
     */
    public static NDArray eye(Device device, long n, long m, long k, DType dtype) {
        return Creation.onDevice(Creation.eye(n, m, k, dtype), device);
    }

    /**
     * Waits until every operation queued on a device has finished ({@code cupy.cuda.Device().synchronize()}).
     * Results read back to the host never need it (copies to the host wait); timing a device does.
     *
     * @param device the device
     */
    public static void synchronize(Device device) {
        io.github.ndarray.spi.Backends.of(device).synchronize(device);
    }

    // ------------------------------------------------------------------ foreign memory

    /**
     * A C-contiguous array over native memory this library did not allocate, without a copy
     * (NumPy's {@code np.frombuffer}; the memory of a C or Fortran routine, an MPI buffer). The
     * memory's owner keeps it valid while the array is used; closing the array does not free it.
     *
     * {@snippet :
     * try (Arena arena = Arena.ofShared()) {             // the pool's threads read it too
     *     MemorySegment m = arena.allocate(8 * 6, 64);
     *     fill.invokeExact(m, 6L);                       // a C function writes six doubles
     *     NDArray a = ND.wrap(m, DType.FLOAT64, 2, 3);   // a view of them
     *     double s = a.sum().item();
     * }
     * }
     *
     * @param segment native memory, at least {@code size * itemSize} bytes
     * @param dtype the element type
     * @param shape the shape
     * @return the array; read-only if the segment is
     * @throws IllegalArgumentException if the memory is too small, misaligned, on the Java heap or
     *     confined to one thread ({@code Arena.ofConfined()}: the CPU backend computes on a pool)
     */
    public static NDArray wrap(java.lang.foreign.MemorySegment segment, DType dtype, long... shape) {
        long[] strides = io.github.ndarray.broadcasting.Shapes.contiguousStrides(shape);
        for (int i = 0; i < strides.length; i++) {
            strides[i] *= dtype.itemSize();
        }
        return wrap(segment, dtype, shape, strides, 0, () -> { });
    }

    /**
     * An array of any layout over native memory this library did not allocate, with the
     * owner's release callback ({@code np.ndarray(shape, dtype, buffer, offset, strides)}).
     * Every element the layout reaches is checked to lie inside the segment before any is read.
     *
     * @param segment native memory
     * @param dtype the element type
     * @param shape the shape
     * @param byteStrides strides in bytes, as NumPy gives them: multiples of the item size, any sign
     * @param byteOffset where element 0 is, in bytes from the segment's start; aligned to the item size
     * @param release run once when the last array over the memory is closed or collected
     *     (on that thread or the cleaner's); it must not refer to those arrays
     * @return the array; read-only if the segment is; using it after it is closed throws
     *     {@link IllegalStateException}
     * @throws IllegalArgumentException if the layout reaches outside the segment, an offset or
     *     stride is misaligned, or the segment is on the Java heap or confined to one thread
     */
    public static NDArray wrap(java.lang.foreign.MemorySegment segment, DType dtype, long[] shape, long[] byteStrides,
            long byteOffset, Runnable release) {
        return ForeignMemory.wrap(segment, dtype, shape, byteStrides, byteOffset, release);
    }

    /**
     * An array over memory on a device that another library allocated (a CUDA device pointer,
     * CuPy's {@code UnownedMemory}).
     *
     * @param device the device the memory is on
     * @param address its address there
     * @param byteSize its size in bytes
     * @param dtype the element type
     * @param shape the shape
     * @param byteStrides strides in bytes
     * @param byteOffset where element 0 is, in bytes
     * @param release run once when the last array over the memory lets go
     * @return the array
     * @throws IllegalArgumentException if the layout does not fit the memory or is misaligned
     * @throws UnsupportedOperationException if the device's backend cannot wrap memory
     */
    public static NDArray wrap(Device device, long address, long byteSize, DType dtype, long[] shape,
            long[] byteStrides, long byteOffset, Runnable release) {
        return ForeignMemory.wrap(device, address, byteSize, dtype, shape, byteStrides, byteOffset, release);
    }

    /**
     * A seeded random generator, like {@code np.random.default_rng(seed)}. The streams are
     * this library's own (counter-based Philox4x32-10 with the seed as key; they do not
     * reproduce NumPy's numbers), and the same seed gives the same arrays bit for bit on every
     * run, machine, thread count and device (see {@link Generator}).
     *
     * {@snippet :
     * Generator rng = ND.random(42);
     * NDArray x = rng.normal(0, 1, 1000);
     * }
     *
     * @param seed the seed
     * @return the generator
     */
    public static Generator random(long seed) {
        return new Generator(seed);
    }

    // ------------------------------------------------------------------ shapes

    /**
     * The shape that the given shapes broadcast to ({@code np.broadcast_shapes}).
     *
     * @param shapes the shapes
     * @return the broadcast shape
     * @throws io.github.ndarray.broadcasting.BroadcastException with NumPy's message if they don't broadcast
     */
    public static long[] broadcastShapes(long[]... shapes) {
        return Broadcast.shape(shapes);
    }

    /**
     * {@code np.broadcast_to(a, shape)}: a view.
     *
     * @param a the array
     * @param shape the target shape
     * @return the view
     */
    public static NDArray broadcastTo(NDArray a, long... shape) {
        return a.broadcastTo(shape);
    }

    /**
     * {@code np.concatenate(arrays, axis)}: joins arrays along an existing axis; the result
     * dtype is the promotion of theirs.
     *
     * {@snippet :
     * NDArray c = ND.concatenate(0, ND.zeros(2, 3), ND.ones(1, 3)); // shape (3,3)
     * }
     *
     * @param axis the axis, negative counted from the end
     * @param arrays at least one array, all of one number of dimensions, sizes equal off the axis
     * @return a new array
     */
    public static NDArray concatenate(int axis, NDArray... arrays) {
        return Joining.concatenate(arrays, axis);
    }

    /**
     * {@code np.stack(arrays, axis)}: joins equal-shaped arrays along a new axis.
     *
     * {@snippet :
     * NDArray s = ND.stack(0, ND.arange(3), ND.arange(3)); // shape (2,3)
     * }
     *
     * @param axis the position of the new axis in the result
     * @param arrays at least one array, all of one shape
     * @return a new array
     */
    public static NDArray stack(int axis, NDArray... arrays) {
        return Joining.stack(arrays, axis);
    }

    // ------------------------------------------------------------------ ufuncs

    /**
     * Elementwise -x ({@link Ufunc#NEGATIVE}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray negative(NDArray x) {
        return Ufunc.NEGATIVE.call(x);
    }

    /**
     * Elementwise |x| ({@link Ufunc#ABSOLUTE}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray abs(NDArray x) {
        return Ufunc.ABSOLUTE.call(x);
    }

    /**
     * Elementwise the sign of x: -1, 0 or 1 ({@link Ufunc#SIGN}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray sign(NDArray x) {
        return Ufunc.SIGN.call(x);
    }

    /**
     * Elementwise 1/x ({@link Ufunc#RECIPROCAL}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray reciprocal(NDArray x) {
        return Ufunc.RECIPROCAL.call(x);
    }

    /**
     * Elementwise x*x ({@link Ufunc#SQUARE}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray square(NDArray x) {
        return Ufunc.SQUARE.call(x);
    }

    /**
     * Elementwise e^x ({@link Ufunc#EXP}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray exp(NDArray x) {
        return Ufunc.EXP.call(x);
    }

    /**
     * Elementwise e^x - 1, accurate near 0 ({@link Ufunc#EXPM1}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray expm1(NDArray x) {
        return Ufunc.EXPM1.call(x);
    }

    /**
     * Elementwise the natural logarithm ({@link Ufunc#LOG}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray log(NDArray x) {
        return Ufunc.LOG.call(x);
    }

    /**
     * Elementwise log(1 + x), accurate near 0 ({@link Ufunc#LOG1P}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray log1p(NDArray x) {
        return Ufunc.LOG1P.call(x);
    }

    /**
     * Elementwise the base-2 logarithm ({@link Ufunc#LOG2}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray log2(NDArray x) {
        return Ufunc.LOG2.call(x);
    }

    /**
     * Elementwise the base-10 logarithm ({@link Ufunc#LOG10}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray log10(NDArray x) {
        return Ufunc.LOG10.call(x);
    }

    /**
     * Elementwise the square root ({@link Ufunc#SQRT}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray sqrt(NDArray x) {
        return Ufunc.SQRT.call(x);
    }

    /**
     * Elementwise the cube root ({@link Ufunc#CBRT}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray cbrt(NDArray x) {
        return Ufunc.CBRT.call(x);
    }

    /**
     * Elementwise sine ({@link Ufunc#SIN}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray sin(NDArray x) {
        return Ufunc.SIN.call(x);
    }

    /**
     * Elementwise cosine ({@link Ufunc#COS}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray cos(NDArray x) {
        return Ufunc.COS.call(x);
    }

    /**
     * Elementwise tangent ({@link Ufunc#TAN}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray tan(NDArray x) {
        return Ufunc.TAN.call(x);
    }

    /**
     * Elementwise inverse sine ({@link Ufunc#ARCSIN}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray arcsin(NDArray x) {
        return Ufunc.ARCSIN.call(x);
    }

    /**
     * Elementwise inverse cosine ({@link Ufunc#ARCCOS}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray arccos(NDArray x) {
        return Ufunc.ARCCOS.call(x);
    }

    /**
     * Elementwise inverse tangent ({@link Ufunc#ARCTAN}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray arctan(NDArray x) {
        return Ufunc.ARCTAN.call(x);
    }

    /**
     * Elementwise hyperbolic sine ({@link Ufunc#SINH}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray sinh(NDArray x) {
        return Ufunc.SINH.call(x);
    }

    /**
     * Elementwise hyperbolic cosine ({@link Ufunc#COSH}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray cosh(NDArray x) {
        return Ufunc.COSH.call(x);
    }

    /**
     * Elementwise hyperbolic tangent ({@link Ufunc#TANH}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray tanh(NDArray x) {
        return Ufunc.TANH.call(x);
    }

    /**
     * Elementwise the largest integer not above x ({@link Ufunc#FLOOR}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray floor(NDArray x) {
        return Ufunc.FLOOR.call(x);
    }

    /**
     * Elementwise the smallest integer not below x ({@link Ufunc#CEIL}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray ceil(NDArray x) {
        return Ufunc.CEIL.call(x);
    }

    /**
     * Elementwise x rounded to the nearest integer, ties to even ({@link Ufunc#RINT}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray rint(NDArray x) {
        return Ufunc.RINT.call(x);
    }

    /**
     * Elementwise x rounded toward zero ({@link Ufunc#TRUNC}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray trunc(NDArray x) {
        return Ufunc.TRUNC.call(x);
    }

    /**
     * Elementwise whether x is NaN ({@link Ufunc#ISNAN}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray isnan(NDArray x) {
        return Ufunc.ISNAN.call(x);
    }

    /**
     * Elementwise whether x is infinite ({@link Ufunc#ISINF}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray isinf(NDArray x) {
        return Ufunc.ISINF.call(x);
    }

    /**
     * Elementwise whether x is finite ({@link Ufunc#ISFINITE}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray isfinite(NDArray x) {
        return Ufunc.ISFINITE.call(x);
    }

    /**
     * Elementwise not x ({@link Ufunc#LOGICAL_NOT}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray logicalNot(NDArray x) {
        return Ufunc.LOGICAL_NOT.call(x);
    }

    /**
     * Elementwise bitwise not (logical not on bool) ({@link Ufunc#INVERT}).
     *
     * @param x an array
     * @return a new array
     */
    public static NDArray invert(NDArray x) {
        return Ufunc.INVERT.call(x);
    }

    /**
     * Elementwise x1 + x2 with broadcasting ({@link Ufunc#ADD}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray add(Object x1, Object x2) {
        return Ufunc.ADD.call(x1, x2);
    }

    /**
     * Elementwise x1 - x2 with broadcasting ({@link Ufunc#SUBTRACT}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray subtract(Object x1, Object x2) {
        return Ufunc.SUBTRACT.call(x1, x2);
    }

    /**
     * Elementwise x1 * x2 with broadcasting ({@link Ufunc#MULTIPLY}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray multiply(Object x1, Object x2) {
        return Ufunc.MULTIPLY.call(x1, x2);
    }

    /**
     * Elementwise x1 / x2 (true division) with broadcasting ({@link Ufunc#DIVIDE}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray divide(Object x1, Object x2) {
        return Ufunc.DIVIDE.call(x1, x2);
    }

    /**
     * Elementwise x1 // x2, rounded toward minus infinity with broadcasting ({@link Ufunc#FLOOR_DIVIDE}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray floorDivide(Object x1, Object x2) {
        return Ufunc.FLOOR_DIVIDE.call(x1, x2);
    }

    /**
     * Elementwise x1 % x2, with the sign of x2 with broadcasting ({@link Ufunc#REMAINDER}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray remainder(Object x1, Object x2) {
        return Ufunc.REMAINDER.call(x1, x2);
    }

    /**
     * Elementwise x1 % x2, with the sign of x2 with broadcasting ({@link Ufunc#REMAINDER}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray mod(Object x1, Object x2) {
        return Ufunc.REMAINDER.call(x1, x2);
    }

    /**
     * Elementwise x1 ** x2 with broadcasting ({@link Ufunc#POWER}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray power(Object x1, Object x2) {
        return Ufunc.POWER.call(x1, x2);
    }

    /**
     * Elementwise the angle of the point (x2, x1) with broadcasting ({@link Ufunc#ARCTAN2}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray arctan2(Object x1, Object x2) {
        return Ufunc.ARCTAN2.call(x1, x2);
    }

    /**
     * Elementwise the larger of x1 and x2, NaN if either is with broadcasting ({@link Ufunc#MAXIMUM}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray maximum(Object x1, Object x2) {
        return Ufunc.MAXIMUM.call(x1, x2);
    }

    /**
     * Elementwise the smaller of x1 and x2, NaN if either is with broadcasting ({@link Ufunc#MINIMUM}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray minimum(Object x1, Object x2) {
        return Ufunc.MINIMUM.call(x1, x2);
    }

    /**
     * Elementwise the larger of x1 and x2, ignoring one NaN with broadcasting ({@link Ufunc#FMAX}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray fmax(Object x1, Object x2) {
        return Ufunc.FMAX.call(x1, x2);
    }

    /**
     * Elementwise the smaller of x1 and x2, ignoring one NaN with broadcasting ({@link Ufunc#FMIN}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray fmin(Object x1, Object x2) {
        return Ufunc.FMIN.call(x1, x2);
    }

    /**
     * Elementwise x1 == x2 with broadcasting ({@link Ufunc#EQUAL}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray equal(Object x1, Object x2) {
        return Ufunc.EQUAL.call(x1, x2);
    }

    /**
     * Elementwise x1 != x2 with broadcasting ({@link Ufunc#NOT_EQUAL}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray notEqual(Object x1, Object x2) {
        return Ufunc.NOT_EQUAL.call(x1, x2);
    }

    /**
     * Elementwise x1 &lt; x2 with broadcasting ({@link Ufunc#LESS}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray less(Object x1, Object x2) {
        return Ufunc.LESS.call(x1, x2);
    }

    /**
     * Elementwise x1 &lt;= x2 with broadcasting ({@link Ufunc#LESS_EQUAL}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray lessEqual(Object x1, Object x2) {
        return Ufunc.LESS_EQUAL.call(x1, x2);
    }

    /**
     * Elementwise x1 &gt; x2 with broadcasting ({@link Ufunc#GREATER}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray greater(Object x1, Object x2) {
        return Ufunc.GREATER.call(x1, x2);
    }

    /**
     * Elementwise x1 &gt;= x2 with broadcasting ({@link Ufunc#GREATER_EQUAL}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray greaterEqual(Object x1, Object x2) {
        return Ufunc.GREATER_EQUAL.call(x1, x2);
    }

    /**
     * Elementwise x1 and x2 with broadcasting ({@link Ufunc#LOGICAL_AND}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray logicalAnd(Object x1, Object x2) {
        return Ufunc.LOGICAL_AND.call(x1, x2);
    }

    /**
     * Elementwise x1 or x2 with broadcasting ({@link Ufunc#LOGICAL_OR}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray logicalOr(Object x1, Object x2) {
        return Ufunc.LOGICAL_OR.call(x1, x2);
    }

    /**
     * Elementwise x1 xor x2 with broadcasting ({@link Ufunc#LOGICAL_XOR}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray logicalXor(Object x1, Object x2) {
        return Ufunc.LOGICAL_XOR.call(x1, x2);
    }

    /**
     * Elementwise x1 &amp; x2 with broadcasting ({@link Ufunc#BITWISE_AND}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray bitwiseAnd(Object x1, Object x2) {
        return Ufunc.BITWISE_AND.call(x1, x2);
    }

    /**
     * Elementwise x1 | x2 with broadcasting ({@link Ufunc#BITWISE_OR}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray bitwiseOr(Object x1, Object x2) {
        return Ufunc.BITWISE_OR.call(x1, x2);
    }

    /**
     * Elementwise x1 ^ x2 with broadcasting ({@link Ufunc#BITWISE_XOR}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray bitwiseXor(Object x1, Object x2) {
        return Ufunc.BITWISE_XOR.call(x1, x2);
    }

    /**
     * Elementwise x1 &lt;&lt; x2 with broadcasting ({@link Ufunc#LEFT_SHIFT}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray leftShift(Object x1, Object x2) {
        return Ufunc.LEFT_SHIFT.call(x1, x2);
    }

    /**
     * Elementwise x1 &gt;&gt; x2 with broadcasting ({@link Ufunc#RIGHT_SHIFT}); operands are arrays or weak
     * Java scalars. For {@code out=} and {@code where=} use {@link Ufunc#callInto(NDArray, NDArray, Object...)}.
     *
     * @param x1 an array or scalar
     * @param x2 an array or scalar
     * @return a new array
     */
    public static NDArray rightShift(Object x1, Object x2) {
        return Ufunc.RIGHT_SHIFT.call(x1, x2);
    }

    /**
     * {@code np.clip(a, lo, hi)}: {@code minimum(maximum(a, lo), hi)}.
     *
     * @param a an array
     * @param lo lower bound (array or scalar)
     * @param hi upper bound (array or scalar)
     * @return a new array
     */
    public static NDArray clip(Object a, Object lo, Object hi) {
        try (NDArray low = Ufunc.MAXIMUM.call(a, bound(a, lo))) {
            return Ufunc.MINIMUM.call(low, bound(a, hi));
        }
    }

    /** An integer bound outside an integer array's range clips at the range, as in NumPy 2. */
    private static Object bound(Object a, Object b) {
        if (a instanceof NDArray arr && arr.dtype().isInteger()
                && (b instanceof Long || b instanceof Integer || b instanceof Short || b instanceof Byte)) {
            return arr.dtype().clamp(((Number) b).longValue());
        }
        return b;
    }

    /**
     * {@code np.where(cond, x, y)}: elements of x where cond is true, else of y; broadcast
     * together, x and y promoted.
     *
     * @param cond the condition (any dtype; nonzero is true)
     * @param x chosen where true (array or scalar)
     * @param y chosen where false (array or scalar)
     * @return a new array
     */
    public static NDArray where(NDArray cond, Object x, Object y) {
        return Selection.where(cond, x, y);
    }

    /**
     * {@code np.allclose(a, b, rtol, atol)}: whether {@code |a - b| <= atol + rtol * |b|}
     * everywhere (broadcasting); NaN is never close.
     *
     * {@snippet :
     * ND.allclose(ND.array(1.0, 2.0), ND.array(1.0, 2.0 + 1e-9), 1e-5, 1e-8); // true
     * }
     *
     * @param a an array
     * @param b an array
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @return whether all elements are close
     */
    public static boolean allclose(NDArray a, NDArray b, double rtol, double atol) {
        // Like np.isclose: compare in float64, so integer differences cannot wrap; equal values
        // (infinities included) are close.
        try (NDArray x = a.astype(DType.FLOAT64);
                NDArray y = b.astype(DType.FLOAT64);
                NDArray d = Ufunc.SUBTRACT.call(x, y);
                NDArray ad = Ufunc.ABSOLUTE.call(d);
                NDArray ab = Ufunc.ABSOLUTE.call(y);
                NDArray scaled = Ufunc.MULTIPLY.call(ab, rtol);
                NDArray tol = Ufunc.ADD.call(scaled, atol);
                NDArray near = Ufunc.LESS_EQUAL.call(ad, tol);
                NDArray same = Ufunc.EQUAL.call(x, y);
                NDArray ok = Ufunc.LOGICAL_OR.call(near, same);
                NDArray all = Reductions.all(ok, null, false)) {
            return all.item() != 0;
        }
    }

    /**
     * {@code np.array_equal(a, b)}: same shape and equal elements (NaN is not equal to NaN).
     *
     * @param a an array
     * @param b an array
     * @return whether they are equal
     */
    public static boolean arrayEqual(NDArray a, NDArray b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            return false;
        }
        try (NDArray eq = Ufunc.EQUAL.call(a, b);
                NDArray all = Reductions.all(eq, null, false)) {
            return all.item() != 0;
        }
    }

    // ------------------------------------------------------------------ reductions

    /**
     * Sum over axes (all when none), NumPy's accumulator dtypes.
     *
     * @param a the array
     * @param axes the axes
     * @return the sums
     */
    public static NDArray sum(NDArray a, int... axes) {
        return Reductions.sum(a, axisArg(axes), false);
    }

    /**
     * Sum with {@code keepdims}.
     *
     * @param a the array
     * @param keepdims keep reduced axes with size 1
     * @param axes the axes (all when none)
     * @return the sums
     */
    public static NDArray sum(NDArray a, boolean keepdims, int... axes) {
        return Reductions.sum(a, axisArg(axes), keepdims);
    }

    /**
     * Product over axes (all when none).
     *
     * @param a the array
     * @param axes the axes
     * @return the products
     */
    public static NDArray prod(NDArray a, int... axes) {
        return Reductions.prod(a, axisArg(axes), false);
    }

    /**
     * Product with {@code keepdims}.
     *
     * @param a the array
     * @param keepdims keep reduced axes with size 1
     * @param axes the axes (all when none)
     * @return the products
     */
    public static NDArray prod(NDArray a, boolean keepdims, int... axes) {
        return Reductions.prod(a, axisArg(axes), keepdims);
    }

    /**
     * Mean over axes (all when none); integers average in float64.
     *
     * @param a the array
     * @param axes the axes
     * @return the means
     */
    public static NDArray mean(NDArray a, int... axes) {
        return Reductions.mean(a, axisArg(axes), false);
    }

    /**
     * Mean with {@code keepdims}.
     *
     * @param a the array
     * @param keepdims keep reduced axes with size 1
     * @param axes the axes (all when none)
     * @return the means
     */
    public static NDArray mean(NDArray a, boolean keepdims, int... axes) {
        return Reductions.mean(a, axisArg(axes), keepdims);
    }

    /**
     * Variance {@code sum(|x - mean|^2) / (n - ddof)} over axes (all when none).
     *
     * @param a the array
     * @param ddof delta degrees of freedom (0 for the population variance)
     * @param keepdims keep reduced axes with size 1
     * @param axes the axes
     * @return the variances
     */
    public static NDArray var(NDArray a, int ddof, boolean keepdims, int... axes) {
        return Reductions.var(a, axisArg(axes), keepdims, ddof);
    }

    /**
     * Population variance over axes (all when none).
     *
     * @param a the array
     * @param axes the axes
     * @return the variances
     */
    public static NDArray var(NDArray a, int... axes) {
        return Reductions.var(a, axisArg(axes), false, 0);
    }

    /**
     * Standard deviation, the square root of {@link #var(NDArray, int, boolean, int...)}.
     *
     * @param a the array
     * @param ddof delta degrees of freedom
     * @param keepdims keep reduced axes with size 1
     * @param axes the axes
     * @return the standard deviations
     */
    public static NDArray std(NDArray a, int ddof, boolean keepdims, int... axes) {
        return Reductions.std(a, axisArg(axes), keepdims, ddof);
    }

    /**
     * Population standard deviation over axes (all when none).
     *
     * @param a the array
     * @param axes the axes
     * @return the standard deviations
     */
    public static NDArray std(NDArray a, int... axes) {
        return Reductions.std(a, axisArg(axes), false, 0);
    }

    /**
     * Largest elements over axes (all when none); NaN propagates.
     *
     * @param a the array
     * @param axes the axes
     * @return the maxima
     */
    public static NDArray max(NDArray a, int... axes) {
        return Reductions.max(a, axisArg(axes), false);
    }

    /**
     * Maximum with {@code keepdims}.
     *
     * @param a the array
     * @param keepdims keep reduced axes with size 1
     * @param axes the axes (all when none)
     * @return the maxima
     */
    public static NDArray max(NDArray a, boolean keepdims, int... axes) {
        return Reductions.max(a, axisArg(axes), keepdims);
    }

    /**
     * Smallest elements over axes (all when none); NaN propagates.
     *
     * @param a the array
     * @param axes the axes
     * @return the minima
     */
    public static NDArray min(NDArray a, int... axes) {
        return Reductions.min(a, axisArg(axes), false);
    }

    /**
     * Minimum with {@code keepdims}.
     *
     * @param a the array
     * @param keepdims keep reduced axes with size 1
     * @param axes the axes (all when none)
     * @return the minima
     */
    public static NDArray min(NDArray a, boolean keepdims, int... axes) {
        return Reductions.min(a, axisArg(axes), keepdims);
    }

    /**
     * Whether any element is nonzero, over axes (all when none).
     *
     * @param a the array
     * @param axes the axes
     * @return bool results
     */
    public static NDArray any(NDArray a, int... axes) {
        return Reductions.any(a, axisArg(axes), false);
    }

    /**
     * {@code np.any} with {@code keepdims}.
     *
     * @param a the array
     * @param keepdims keep reduced axes with size 1
     * @param axes the axes (all when none)
     * @return bool results
     */
    public static NDArray any(NDArray a, boolean keepdims, int... axes) {
        return Reductions.any(a, axisArg(axes), keepdims);
    }

    /**
     * {@code np.all} with {@code keepdims}.
     *
     * @param a the array
     * @param keepdims keep reduced axes with size 1
     * @param axes the axes (all when none)
     * @return bool results
     */
    public static NDArray all(NDArray a, boolean keepdims, int... axes) {
        return Reductions.all(a, axisArg(axes), keepdims);
    }

    /**
     * Whether all elements are nonzero, over axes (all when none).
     *
     * @param a the array
     * @param axes the axes
     * @return bool results
     */
    public static NDArray all(NDArray a, int... axes) {
        return Reductions.all(a, axisArg(axes), false);
    }

    /**
     * Index of the largest element of the flattened array.
     *
     * @param a the array
     * @return 0-d int64
     */
    public static NDArray argmax(NDArray a) {
        return Reductions.argReduce(true, a, null, false);
    }

    /**
     * Indices of the largest elements along an axis.
     *
     * @param a the array
     * @param axis the axis
     * @return int64 indices
     */
    public static NDArray argmax(NDArray a, int axis) {
        return Reductions.argReduce(true, a, axis, false);
    }

    /**
     * {@code np.argmax(a, axis, keepdims=keepdims)}.
     *
     * @param a the array
     * @param axis the axis, or {@code null} for the flattened array
     * @param keepdims keep the reduced axis (all axes, for {@code null}) with size 1
     * @return int64 indices
     */
    public static NDArray argmax(NDArray a, Integer axis, boolean keepdims) {
        return Reductions.argReduce(true, a, axis, keepdims);
    }

    /**
     * {@code np.argmin(a, axis, keepdims=keepdims)}.
     *
     * @param a the array
     * @param axis the axis, or {@code null} for the flattened array
     * @param keepdims keep the reduced axis (all axes, for {@code null}) with size 1
     * @return int64 indices
     */
    public static NDArray argmin(NDArray a, Integer axis, boolean keepdims) {
        return Reductions.argReduce(false, a, axis, keepdims);
    }

    /**
     * Index of the smallest element of the flattened array.
     *
     * @param a the array
     * @return 0-d int64
     */
    public static NDArray argmin(NDArray a) {
        return Reductions.argReduce(false, a, null, false);
    }

    /**
     * Indices of the smallest elements along an axis.
     *
     * @param a the array
     * @param axis the axis
     * @return int64 indices
     */
    public static NDArray argmin(NDArray a, int axis) {
        return Reductions.argReduce(false, a, axis, false);
    }

    /**
     * Cumulative sum of the flattened array.
     *
     * @param a the array
     * @return 1-D running sums
     */
    public static NDArray cumsum(NDArray a) {
        return Reductions.cumsum(a, null);
    }

    /**
     * Cumulative sum along an axis.
     *
     * @param a the array
     * @param axis the axis
     * @return running sums, a's shape
     */
    public static NDArray cumsum(NDArray a, int axis) {
        return Reductions.cumsum(a, axis);
    }

    /**
     * Cumulative product of the flattened array.
     *
     * @param a the array
     * @return 1-D running products
     */
    public static NDArray cumprod(NDArray a) {
        return Reductions.cumprod(a, null);
    }

    /**
     * Cumulative product along an axis.
     *
     * @param a the array
     * @param axis the axis
     * @return running products, a's shape
     */
    public static NDArray cumprod(NDArray a, int axis) {
        return Reductions.cumprod(a, axis);
    }

    /** No axes given means all axes (NumPy's {@code axis=None}). */
    private static int[] axisArg(int[] axes) {
        return axes.length == 0 ? null : axes;
    }

    // ------------------------------------------------------------------ linear algebra

    /**
     * {@code np.matmul(a, b)}.
     *
     * @param a left operand, at least 1-D
     * @param b right operand, at least 1-D
     * @return the product
     */
    public static NDArray matmul(NDArray a, NDArray b) {
        return LinearAlgebra.matmul(a, b);
    }

    /**
     * {@code np.dot(a, b)}.
     *
     * @param a left operand
     * @param b right operand
     * @return the product
     */
    public static NDArray dot(NDArray a, NDArray b) {
        return LinearAlgebra.dot(a, b);
    }

    // ------------------------------------------------------------------ I/O

    /**
     * Writes an array in NumPy's {@code .npy} format (version 1.0, little-endian, C order).
     *
     * @param path the file
     * @param a the array
     * @throws IOException if the file cannot be written
     */
    public static void save(Path path, NDArray a) throws IOException {
        Npy.write(path, a);
    }

    /**
     * Reads a NumPy {@code .npy} file (versions 1, 2 and 3; either byte order; C or Fortran
     * order).
     *
     * @param path the file
     * @return the array, on the host
     * @throws IOException if the file cannot be read, is truncated, or is not a valid
     *     {@code .npy} of a supported dtype
     */
    public static NDArray load(Path path) throws IOException {
        return Npy.read(path);
    }

    /**
     * The number of threads the CPU backend's parallel loops and its BLAS use, the calling thread
     * included: all cores unless {@code -Dndarray.threads=N} or {@link #setThreads(int)} said
     * otherwise (NumPy leaves this to {@code threadpoolctl} and {@code OMP_NUM_THREADS}).
     *
     * <pre>{@code
     * int before = ND.threads();
     * ND.setThreads(1);            // e.g. to time one core
     * double s = x.sum().item();
     * ND.setThreads(before);
     * }</pre>
     *
     * @return the thread count
     * @throws UnsupportedOperationException if the CPU backend on the class path has no thread control
     */
    public static int threads() {
        return threadControl().threads();
    }

    /**
     * Sets the number of threads the CPU backend's parallel loops and its BLAS use from now on,
     * the calling thread included (see {@link #threads()}).
     *
     * @param n at least 1
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        threadControl().setThreads(n);
    }

    private static io.github.ndarray.spi.ThreadControl threadControl() {
        io.github.ndarray.spi.Backend cpu = io.github.ndarray.spi.Backends.of(Device.cpu());
        return Capabilities.require(cpu, Device.cpu(), io.github.ndarray.spi.ThreadControl.class, "setting threads");
    }

    /**
     * Prints what this library calls a NumPy name, like {@code help(np.linspace)} in a NumPy
     * session: the NumPy cheat sheet's rows that use the name, then the methods and ufuncs of that
     * name with their parameter types (NumPy's snake_case is read as camelCase), or near names when
     * nothing matches.
     *
     * {@snippet :
     * ND.help("linspace");          // np.linspace(0, 1, 5)   ND.linspace(0, 1, 5) ...
     * ND.help("np.take_along_axis");
     * }
     *
     * @param name a NumPy or Java name, with or without {@code np.}
     * @throws IllegalArgumentException if the name is blank
     */
    public static void help(String name) {
        System.out.print(Help.text(name));
    }

    /**
     * What this runtime is using, like {@code np.show_runtime()}: Java version, backends and
     * their devices.
     *
     * @return a human-readable report
     */
    public static String runtimeInfo() {
        StringBuilder sb = new StringBuilder();
        sb.append("java: ").append(Runtime.version()).append('\n');
        for (var b : io.github.ndarray.spi.Backends.all()) {
            String why = b.unavailableReason();
            sb.append("backend ").append(b.deviceType()).append(": ").append(b.name())
                    .append(why == null ? "" : " (unavailable: " + why + ")").append('\n');
            if (why == null) {
                sb.append(b.describe());
            }
        }
        sb.append(String.format("host memory: %.1f MiB in arrays, %.1f MiB cached for reuse (limit %d MiB,"
                + " -Dndarray.hostCacheMiB)%n", io.github.ndarray.spi.HostStorage.liveBytes() / 1048576.0,
                io.github.ndarray.spi.HostStorage.cachedBytes() / 1048576.0,
                io.github.ndarray.spi.HostStorage.cacheLimit() >> 20));
        String cuda = Device.cudaUnavailableReason();
        sb.append("cuda: ").append(cuda == null ? "available" : "unavailable: " + cuda).append('\n');
        return sb.toString();
    }

    /**
     * Gives back to the C library the host memory that freed arrays left cached for reuse, like
     * CuPy's {@code get_default_memory_pool().free_all_blocks()}. Freed arrays' blocks are kept
     * (up to {@code -Dndarray.hostCacheMiB}, default 1024) because reusing one is much cheaper
     * than faulting in fresh pages; call this before a long phase that needs the memory elsewhere.
     *
     * <pre>{@code
     * try (NDArray big = ND.random(1).random(100_000_000)) {
     *     System.out.println(big.mean());
     * }
     * long released = ND.releaseCachedMemory(); // ~800 MB back to the system
     * }</pre>
     *
     * @return the bytes given back
     */
    public static long releaseCachedMemory() {
        return io.github.ndarray.spi.HostStorage.releaseCached();
    }

    // ------------------------------------------------------------------ indexing routines

    /**
     * {@code np.take(a, indices, axis)}: the elements at {@code indices} along an axis.
     *
     * {@snippet :
     * ND.take(ND.arange(6).reshape(2, 3), ND.array(new long[] {2, 0}), 1); // [[2, 0], [5, 3]]
     * }
     *
     * @param a the array
     * @param indices integer positions, negative from the end; any shape (it replaces the axis)
     * @param axis the axis
     * @return a new array
     * @throws IndexOutOfBoundsException with NumPy's message for a position out of bounds
     */
    public static NDArray take(NDArray a, NDArray indices, int axis) {
        return IndexRoutines.take(a, indices, axis);
    }

    /**
     * {@code np.take(a, indices)}: the elements at {@code indices} of the flattened array.
     *
     * @param a the array
     * @param indices integer positions in the flattened array
     * @return a new array of indices' shape
     */
    public static NDArray take(NDArray a, NDArray indices) {
        return IndexRoutines.take(a, indices, null);
    }

    /**
     * {@code np.put(a, indices, values)}: writes values at positions of the flattened array;
     * values repeat cyclically; a repeated position keeps the last value.
     *
     * {@snippet :
     * NDArray a = ND.zeros(DType.FLOAT64, 2, 2);
     * ND.put(a, ND.array(new long[] {0, 3}), 7.0);   // [[7, 0], [0, 7]]
     * }
     *
     * @param a the array, modified
     * @param indices positions in the flattened array
     * @param values an array or Java scalar
     */
    public static void put(NDArray a, NDArray indices, Object values) {
        IndexRoutines.put(a, indices, values);
    }

    /**
     * {@code np.take_along_axis(a, indices, axis)}: picks along an axis with an index array of
     * a's number of dimensions, such as {@link #argsort(NDArray, int)} gives.
     *
     * {@snippet :
     * NDArray sorted = ND.takeAlongAxis(a, ND.argsort(a, 1), 1);
     * }
     *
     * @param a the array
     * @param indices integer array of a's ndim, broadcasting with a on the other axes
     * @param axis the axis
     * @return a new array
     */
    public static NDArray takeAlongAxis(NDArray a, NDArray indices, int axis) {
        return IndexRoutines.takeAlongAxis(a, indices, axis);
    }

    /**
     * {@code np.put_along_axis(a, indices, values, axis)}.
     *
     * {@snippet :
     * ND.putAlongAxis(a, ND.argmax(a, 1, true), 0.0, 1);   // zero each row's maximum
     * }
     *
     * @param a the array, modified
     * @param indices integer array of a's ndim
     * @param values an array or scalar broadcast to indices' shape
     * @param axis the axis
     */
    public static void putAlongAxis(NDArray a, NDArray indices, Object values, int axis) {
        IndexRoutines.putAlongAxis(a, indices, values, axis);
    }

    /**
     * {@code np.compress(condition, a, axis)}: the slices along an axis where condition is true.
     *
     * {@snippet :
     * ND.compress(ND.array(new boolean[] {true, false}), ND.arange(6).reshape(2, 3), 0); // [[0, 1, 2]]
     * }
     *
     * @param condition a 1-D array, nonzero where kept (may be shorter than the axis)
     * @param a the array
     * @param axis the axis
     * @return a new array
     */
    public static NDArray compress(NDArray condition, NDArray a, int axis) {
        return IndexRoutines.compress(condition, a, axis);
    }

    /**
     * {@code np.compress(condition, a)} over the flattened array.
     *
     * @param condition a 1-D array, nonzero where kept
     * @param a the array
     * @return a new 1-D array
     */
    public static NDArray compress(NDArray condition, NDArray a) {
        return IndexRoutines.compress(condition, a, null);
    }

    /**
     * {@code np.nonzero(a)}: the positions of the nonzero elements, one int64 array per axis, in
     * C order, so that {@code a.get(Index.array(r[0]), Index.array(r[1]))} picks them.
     *
     * {@snippet :
     * NDArray[] rc = ND.nonzero(ND.array(new long[][] {{0, 3}, {4, 0}})); // [0, 1], [1, 0]
     * }
     *
     * @param a an array of at least one dimension
     * @return the positions
     * @throws IllegalArgumentException for a 0-d array, as NumPy
     */
    public static NDArray[] nonzero(NDArray a) {
        return Searching.nonzero(a);
    }

    /**
     * {@code np.argwhere(a)}: the coordinates of the nonzero elements, int64 {@code (count, ndim)}.
     *
     * {@snippet :
     * ND.argwhere(ND.array(new long[][] {{0, 3}, {4, 0}}));   // [[0, 1], [1, 0]]
     * }
     *
     * @param a the array
     * @return the coordinates
     */
    public static NDArray argwhere(NDArray a) {
        return Searching.argwhere(a);
    }

    /**
     * {@code np.flatnonzero(a)}: the positions of the nonzero elements in the flattened array.
     *
     * {@snippet :
     * ND.flatnonzero(ND.array(new long[] {0, 5, 0, 7}));   // [1, 3]
     * }
     *
     * @param a the array
     * @return int64 positions
     */
    public static NDArray flatnonzero(NDArray a) {
        return Searching.flatnonzero(a);
    }

    /**
     * {@code np.count_nonzero(a)}: how many elements are nonzero (NaN counts).
     *
     * {@snippet :
     * long n = ND.countNonzero(ND.array(new double[] {0, 1.5, Double.NaN}));   // 2
     * }
     *
     * @param a the array
     * @return the count
     */
    public static long countNonzero(NDArray a) {
        return Searching.countNonzero(a);
    }

    /**
     * {@code np.add.at(a, indices, values)}: adds values at positions along the first axis,
     * unbuffered, so that a repeated position accumulates. {@link Ufunc#at} does this for any
     * binary ufunc and any index.
     *
     * {@snippet :
     * NDArray counts = ND.zeros(DType.INT64, 3);
     * ND.addAt(counts, ND.array(new long[] {0, 2, 0}), 1L);   // [2, 0, 1]
     * }
     *
     * @param a the array, modified
     * @param indices integer positions along axis 0
     * @param values an array or Java scalar broadcast to the selection
     */
    public static void addAt(NDArray a, NDArray indices, Object values) {
        Ufunc.ADD.at(a, values, Index.array(indices));
    }

    /**
     * {@code np.choose(a, choices)}: element-wise, the element of {@code choices[a[i]]}; all
     * operands broadcast together.
     *
     * {@snippet :
     * ND.choose(ND.array(new long[] {0, 1, 0}), ND.array(new long[] {1, 2, 3}), ND.array(new long[] {7, 8, 9})); // [1, 8, 3]
     * }
     *
     * @param a integer selectors in {@code [0, choices.length)}
     * @param choices the arrays to choose from
     * @return a new array of the choices' promoted dtype
     * @throws IllegalArgumentException {@code invalid entry in choice array} for a selector out of range
     */
    public static NDArray choose(NDArray a, NDArray... choices) {
        return IndexRoutines.choose(a, choices);
    }

    /**
     * {@code np.extract(condition, arr)}: the elements of the flattened array where condition is nonzero.
     *
     * {@snippet :
     * ND.extract(ND.greater(a, 0), a);   // the positive elements
     * }
     *
     * @param condition an array of arr's size
     * @param arr the array
     * @return a new 1-D array
     */
    public static NDArray extract(NDArray condition, NDArray arr) {
        return IndexRoutines.extract(condition, arr);
    }

    /**
     * {@code np.place(arr, mask, vals)}: writes the first N values (repeated cyclically) where
     * mask is true, N being the number of true elements.
     *
     * {@snippet :
     * ND.place(a, ND.less(a, 0), 0.0);   // negatives to zero
     * }
     *
     * @param arr the array, modified
     * @param mask an array of arr's size
     * @param values an array or Java scalar
     */
    public static void place(NDArray arr, NDArray mask, Object values) {
        IndexRoutines.place(arr, mask, values);
    }

    // ------------------------------------------------------------------ sorting, searching, sets

    /**
     * {@code np.sort(a, axis=-1)}: a sorted copy along the last axis, NaN last.
     *
     * {@snippet :
     * ND.sort(ND.array(new double[] {3, Double.NaN, 1}));   // [1, 3, nan]
     * }
     *
     * @param a an array of at least one dimension
     * @return the sorted copy
     */
    public static NDArray sort(NDArray a) {
        return Sorting.sort(a, -1);
    }

    /**
     * {@code np.sort(a, axis)}.
     *
     * @param a the array
     * @param axis the axis, negative from the end
     * @return the sorted copy
     */
    public static NDArray sort(NDArray a, int axis) {
        return Sorting.sort(a, axis);
    }

    /**
     * {@code np.sort(a, axis=None)}: the flattened array sorted.
     *
     * @param a the array
     * @return a sorted 1-D copy
     */
    public static NDArray sortFlat(NDArray a) {
        return Sorting.sort(a, null);
    }

    /**
     * {@code np.argsort(a, axis=-1, kind='stable')}: the permutation that sorts each row, equal
     * elements in their original order, NaN last. NumPy's default kind is not stable; this
     * stable order is one it may give.
     *
     * {@snippet :
     * ND.argsort(ND.array(new double[] {3, 1, 2}));   // [1, 2, 0]
     * }
     *
     * @param a an array of at least one dimension
     * @return int64 positions
     */
    public static NDArray argsort(NDArray a) {
        return Sorting.argsort(a, -1);
    }

    /**
     * {@code np.argsort(a, axis, kind='stable')}.
     *
     * @param a the array
     * @param axis the axis
     * @return int64 positions along the axis
     */
    public static NDArray argsort(NDArray a, int axis) {
        return Sorting.argsort(a, axis);
    }

    /**
     * {@code np.argsort(a, axis=None)}: the permutation that sorts the flattened array.
     *
     * @param a the array
     * @return int64 positions in the flattened array
     */
    public static NDArray argsortFlat(NDArray a) {
        return Sorting.argsort(a, null);
    }

    /**
     * {@code np.partition(a, kth, axis)}: each kth element in its sorted place, smaller ones
     * before it, larger after (this library sorts the whole axis, which satisfies that).
     *
     * {@snippet :
     * NDArray p = ND.partition(a, 0, new long[] {2});   // p[2] is the third smallest
     * }
     *
     * @param a the array
     * @param axis the axis
     * @param kth positions, negative from the end
     * @return the partitioned copy
     * @throws IllegalArgumentException if a kth is out of bounds
     */
    public static NDArray partition(NDArray a, int axis, long... kth) {
        return Sorting.partition(a, kth, axis);
    }

    /**
     * {@code np.argpartition(a, kth, axis)}: positions that partition (a stable argsort here).
     *
     * @param a the array
     * @param axis the axis
     * @param kth positions, negative from the end
     * @return int64 positions
     */
    public static NDArray argpartition(NDArray a, int axis, long... kth) {
        return Sorting.argpartition(a, kth, axis);
    }

    /**
     * {@code np.searchsorted(sorted, values, side='left')}: where each value would be inserted to
     * keep the array sorted (before equal elements).
     *
     * {@snippet :
     * ND.searchsorted(ND.array(new double[] {1, 2, 2, 5}), 2.0, false);   // 1
     * }
     *
     * @param sorted a sorted 1-D array (NaN last)
     * @param values an array or Java scalar
     * @param right {@code side='right'}: after equal elements
     * @return int64 positions of values' shape
     */
    public static NDArray searchsorted(NDArray sorted, Object values, boolean right) {
        return Sorting.searchsorted(sorted, values, right);
    }

    /**
     * {@code np.lexsort(keys)}: the stable order by the last key, ties broken by the one before.
     *
     * {@snippet :
     * NDArray order = ND.lexsort(firstNames, surnames);   // by surname, then first name
     * }
     *
     * @param keys 1-D arrays of one length
     * @return int64 positions
     */
    public static NDArray lexsort(NDArray... keys) {
        return Sorting.lexsort(keys);
    }

    /**
     * {@code np.unique(a)}: the sorted unique values of the flattened array (NaNs as one).
     *
     * {@snippet :
     * ND.unique(ND.array(new long[] {3, 1, 3}));   // [1, 3]
     * }
     *
     * @param a the array
     * @return a new 1-D array
     */
    public static NDArray unique(NDArray a) {
        try (Unique u = SetRoutines.unique(a, false, false, false)) {
            return u.values().copy();
        }
    }

    /**
     * {@code np.unique(a, return_index, return_inverse, return_counts)}.
     *
     * {@snippet :
     * try (Unique u = ND.unique(a, false, true, true)) { ... u.inverse() ... u.counts() ... }
     * }
     *
     * @param a the array
     * @param returnIndex compute the first occurrences
     * @param returnInverse compute the positions of a's elements in the values
     * @param returnCounts compute the counts
     * @return the values and the parts asked for
     */
    public static Unique unique(NDArray a, boolean returnIndex, boolean returnInverse, boolean returnCounts) {
        return SetRoutines.unique(a, returnIndex, returnInverse, returnCounts);
    }

    /**
     * {@code np.isin(element, test_elements)}: whether each element is among the tests.
     *
     * {@snippet :
     * ND.isin(ND.array(new long[] {1, 2, 3}), ND.array(new long[] {3, 1}));   // [true, false, true]
     * }
     *
     * @param element the array
     * @param testElements the values to look for
     * @return a bool array of element's shape
     */
    public static NDArray isin(NDArray element, NDArray testElements) {
        return SetRoutines.isin(element, testElements, false);
    }

    /**
     * {@code np.isin(element, test_elements, invert=True)}.
     *
     * @param element the array
     * @param testElements the values to look for
     * @param invert true for "not in"
     * @return a bool array of element's shape
     */
    public static NDArray isin(NDArray element, NDArray testElements, boolean invert) {
        return SetRoutines.isin(element, testElements, invert);
    }

    /**
     * {@code np.intersect1d(a, b)}: the sorted unique values in both.
     *
     * {@snippet :
     * ND.intersect1d(ND.array(new long[] {1, 3, 4}), ND.array(new long[] {3, 1, 2}));   // [1, 3]
     * }
     *
     * @param a an array
     * @param b an array
     * @return a new 1-D array
     */
    public static NDArray intersect1d(NDArray a, NDArray b) {
        return SetRoutines.intersect1d(a, b);
    }

    /**
     * {@code np.union1d(a, b)}: the sorted unique values in either.
     *
     * {@snippet :
     * ND.union1d(ND.array(new long[] {3, 1}), ND.array(new long[] {2, 1}));   // [1, 2, 3]
     * }
     *
     * @param a an array
     * @param b an array
     * @return a new 1-D array
     */
    public static NDArray union1d(NDArray a, NDArray b) {
        return SetRoutines.union1d(a, b);
    }

    /**
     * {@code np.setdiff1d(a, b)}: the sorted unique values of a that are not in b.
     *
     * {@snippet :
     * ND.setdiff1d(ND.array(new long[] {3, 1, 2}), ND.array(new long[] {2}));   // [1, 3]
     * }
     *
     * @param a an array
     * @param b an array
     * @return a new 1-D array
     */
    public static NDArray setdiff1d(NDArray a, NDArray b) {
        return SetRoutines.setdiff1d(a, b);
    }

    // ------------------------------------------------------------------ manipulation

    /**
     * {@code np.flip(m, axis)}: the order of elements reversed along the given axes (all axes
     * when none are given); a view.
     *
     * {@snippet :
     * ND.flip(ND.arange(6).reshape(2, 3), 1);   // [[2, 1, 0], [5, 4, 3]]
     * }
     *
     * @param a the array
     * @param axes the axes; none for all
     * @return a view
     */
    public static NDArray flip(NDArray a, int... axes) {
        return Manipulation.flip(a, axes);
    }

    /**
     * {@code np.fliplr(m)}: columns reversed (axis 1); a view.
     *
     * {@snippet :
     * ND.fliplr(ND.eye(2));   // [[0, 1], [1, 0]]
     * }
     *
     * @param a an array of at least 2 dimensions
     * @return a view
     */
    public static NDArray fliplr(NDArray a) {
        return Manipulation.fliplr(a);
    }

    /**
     * {@code np.flipud(m)}: rows reversed (axis 0); a view.
     *
     * {@snippet :
     * ND.flipud(ND.arange(3));   // [2, 1, 0]
     * }
     *
     * @param a an array of at least 1 dimension
     * @return a view
     */
    public static NDArray flipud(NDArray a) {
        return Manipulation.flipud(a);
    }

    /**
     * {@code np.rot90(m, k, axes=(0, 1))}: rotated by k quarter turns, from axis 0 towards axis 1; a view.
     *
     * {@snippet :
     * ND.rot90(ND.array(new long[][] {{1, 2}, {3, 4}}), 1);   // [[2, 4], [1, 3]]
     * }
     *
     * @param a an array of at least 2 dimensions
     * @param k quarter turns (negative turns the other way)
     * @return a view
     */
    public static NDArray rot90(NDArray a, int k) {
        return Manipulation.rot90(a, k, 0, 1);
    }

    /**
     * {@code np.rot90(m, k, axes)}.
     *
     * @param a the array
     * @param k quarter turns
     * @param axis0 the axis turned from
     * @param axis1 the axis turned towards
     * @return a view
     */
    public static NDArray rot90(NDArray a, int k, int axis0, int axis1) {
        return Manipulation.rot90(a, k, axis0, axis1);
    }

    /**
     * {@code np.moveaxis(a, source, destination)}: axes moved to new positions, the others in
     * their order; a view.
     *
     * {@snippet :
     * ND.moveaxis(ND.zeros(3, 4, 5), new int[] {0}, new int[] {-1}).shape();   // [4, 5, 3]
     * }
     *
     * @param a the array
     * @param source the axes to move
     * @param destination where they go
     * @return a view
     */
    public static NDArray moveaxis(NDArray a, int[] source, int[] destination) {
        return Manipulation.moveaxis(a, source, destination);
    }

    /**
     * {@code np.diagonal(a, offset, axis1, axis2)}: the diagonal as the last axis; a view.
     *
     * {@snippet :
     * ND.diagonal(ND.arange(9).reshape(3, 3), 1, 0, 1);   // [1, 5]
     * }
     *
     * @param a an array of at least 2 dimensions
     * @param offset above the main diagonal if positive, below if negative
     * @param axis1 the rows' axis
     * @param axis2 the columns' axis
     * @return a view
     */
    public static NDArray diagonal(NDArray a, long offset, int axis1, int axis2) {
        return Manipulation.diagonal(a, offset, axis1, axis2);
    }

    /**
     * {@code np.diag(v, k)}: a square matrix with the 1-D v on diagonal k, or the diagonal k of
     * a 2-D array (a copy).
     *
     * {@snippet :
     * ND.diag(ND.array(1.0, 2.0), 0);   // [[1, 0], [0, 2]]
     * }
     *
     * @param v a 1-D or 2-D array
     * @param k the diagonal
     * @return a new array
     */
    public static NDArray diag(NDArray v, long k) {
        return Manipulation.diag(v, k);
    }

    /**
     * {@code np.trace(a, offset)}: the sum along diagonal {@code offset} of the first two axes.
     *
     * {@snippet :
     * ND.trace(ND.eye(3), 0).item();   // 3.0
     * }
     *
     * @param a an array of at least 2 dimensions
     * @param offset the diagonal
     * @return the sums, of NumPy's sum dtype
     */
    public static NDArray trace(NDArray a, long offset) {
        return Manipulation.trace(a, offset);
    }

    /**
     * {@code np.tril(m, k)}: zeros above diagonal k of the last two axes.
     *
     * {@snippet :
     * ND.tril(ND.ones(3, 3), 0);   // ones on and below the diagonal
     * }
     *
     * @param m an array of at least 2 dimensions
     * @param k the diagonal kept last
     * @return a new array of m's dtype
     */
    public static NDArray tril(NDArray m, long k) {
        return Manipulation.triangle(m, k, false);
    }

    /**
     * {@code np.triu(m, k)}: zeros below diagonal k of the last two axes.
     *
     * {@snippet :
     * ND.triu(ND.ones(3, 3), 1);   // ones strictly above the diagonal
     * }
     *
     * @param m an array of at least 2 dimensions
     * @param k the diagonal kept first
     * @return a new array of m's dtype
     */
    public static NDArray triu(NDArray m, long k) {
        return Manipulation.triangle(m, k, true);
    }

    /**
     * {@code np.atleast_1d(a)}: a view with at least one dimension.
     *
     * {@snippet :
     * ND.atleast1d(ND.array(5L).reshape()).shape();   // [1]
     * }
     *
     * @param a the array
     * @return a view
     */
    public static NDArray atleast1d(NDArray a) {
        return Manipulation.atleast(a, 1);
    }

    /**
     * {@code np.atleast_2d(a)}: a view with at least two dimensions ({@code (n,)} becomes {@code (1, n)}).
     *
     * {@snippet :
     * ND.atleast2d(ND.arange(3)).shape();   // [1, 3]
     * }
     *
     * @param a the array
     * @return a view
     */
    public static NDArray atleast2d(NDArray a) {
        return Manipulation.atleast(a, 2);
    }

    /**
     * {@code np.atleast_3d(a)}: a view with at least three dimensions ({@code (n,)} becomes
     * {@code (1, n, 1)}, {@code (m, n)} becomes {@code (m, n, 1)}).
     *
     * {@snippet :
     * ND.atleast3d(ND.arange(3)).shape();   // [1, 3, 1]
     * }
     *
     * @param a the array
     * @return a view
     */
    public static NDArray atleast3d(NDArray a) {
        return Manipulation.atleast(a, 3);
    }

    /**
     * {@code np.broadcast_arrays(*arrays)}: views of the arrays broadcast to one shape (read-only).
     *
     * {@snippet :
     * NDArray[] xy = ND.broadcastArrays(ND.arange(3).reshape(3, 1), ND.arange(2));   // both (3, 2)
     * }
     *
     * @param arrays the arrays
     * @return the views
     */
    public static NDArray[] broadcastArrays(NDArray... arrays) {
        return Manipulation.broadcastArrays(arrays);
    }

    /**
     * {@code np.meshgrid(*xi, indexing='xy')}: coordinate arrays of a grid; with 'xy' the first
     * two output axes are (y, x), as in NumPy.
     *
     * {@snippet :
     * NDArray[] g = ND.meshgrid(ND.arange(3), ND.arange(2));   // both (2, 3)
     * }
     *
     * @param xs 1-D coordinate arrays (others are flattened)
     * @return one new array per input
     */
    public static NDArray[] meshgrid(NDArray... xs) {
        return Manipulation.meshgrid(false, xs);
    }

    /**
     * {@code np.meshgrid(*xi, indexing='ij')}: the output axes in the inputs' order.
     *
     * {@snippet :
     * NDArray[] g = ND.meshgridIj(ND.arange(3), ND.arange(2));   // both (3, 2)
     * }
     *
     * @param xs 1-D coordinate arrays
     * @return one new array per input
     */
    public static NDArray[] meshgridIj(NDArray... xs) {
        return Manipulation.meshgrid(true, xs);
    }

    /**
     * {@code np.split(a, sections, axis)}: equal parts, as views.
     *
     * {@snippet :
     * NDArray[] parts = ND.split(ND.arange(6), 3, 0);   // [0, 1], [2, 3], [4, 5]
     * }
     *
     * @param a the array
     * @param sections the number of parts; must divide the axis
     * @param axis the axis
     * @return the views
     * @throws IllegalArgumentException {@code array split does not result in an equal division}
     */
    public static NDArray[] split(NDArray a, int sections, int axis) {
        return Manipulation.split(a, sections, axis);
    }

    /**
     * {@code np.split(a, indices, axis)}: parts between the cut positions, as views.
     *
     * {@snippet :
     * NDArray[] parts = ND.split(ND.arange(6), new long[] {1, 4}, 0);   // [0], [1, 2, 3], [4, 5]
     * }
     *
     * @param a the array
     * @param cuts positions along the axis (clamped as slice bounds are)
     * @param axis the axis
     * @return the views
     */
    public static NDArray[] split(NDArray a, long[] cuts, int axis) {
        return Manipulation.split(a, cuts, axis);
    }

    /**
     * {@code np.array_split(a, sections, axis)}: parts whose sizes differ by at most one (the
     * larger first), as views.
     *
     * {@snippet :
     * NDArray[] parts = ND.arraySplit(ND.arange(5), 3, 0);   // [0, 1], [2, 3], [4]
     * }
     *
     * @param a the array
     * @param sections the number of parts
     * @param axis the axis
     * @return the views
     */
    public static NDArray[] arraySplit(NDArray a, int sections, int axis) {
        return Manipulation.arraySplit(a, sections, axis);
    }

    /**
     * {@code np.hsplit(a, sections)}: split along axis 1 (axis 0 for 1-D arrays).
     *
     * {@snippet :
     * NDArray[] halves = ND.hsplit(ND.zeros(2, 4), 2);   // two (2, 2) views
     * }
     *
     * @param a the array
     * @param sections equal parts
     * @return the views
     */
    public static NDArray[] hsplit(NDArray a, int sections) {
        return Manipulation.split(a, sections, Manipulation.splitAxis(a, 'h'));
    }

    /**
     * {@code np.vsplit(a, sections)}: split along axis 0 of an array of 2+ dimensions.
     *
     * {@snippet :
     * NDArray[] halves = ND.vsplit(ND.zeros(4, 2), 2);   // two (2, 2) views
     * }
     *
     * @param a the array
     * @param sections equal parts
     * @return the views
     */
    public static NDArray[] vsplit(NDArray a, int sections) {
        return Manipulation.split(a, sections, Manipulation.splitAxis(a, 'v'));
    }

    /**
     * {@code np.dsplit(a, sections)}: split along axis 2 of an array of 3+ dimensions.
     *
     * {@snippet :
     * NDArray[] halves = ND.dsplit(ND.zeros(1, 1, 4), 2);   // two (1, 1, 2) views
     * }
     *
     * @param a the array
     * @param sections equal parts
     * @return the views
     */
    public static NDArray[] dsplit(NDArray a, int sections) {
        return Manipulation.split(a, sections, Manipulation.splitAxis(a, 'd'));
    }

    /**
     * {@code np.hstack(arrays)}: concatenated along axis 1 (axis 0 when all are 1-D).
     *
     * {@snippet :
     * ND.hstack(ND.arange(2), ND.arange(3));   // [0, 1, 0, 1, 2]
     * }
     *
     * @param arrays the arrays
     * @return a new array
     */
    public static NDArray hstack(NDArray... arrays) {
        return Manipulation.stackAlong(arrays, 'h');
    }

    /**
     * {@code np.vstack(arrays)}: 1-D arrays as rows, concatenated along axis 0.
     *
     * {@snippet :
     * ND.vstack(ND.arange(2), ND.arange(2)).shape();   // [2, 2]
     * }
     *
     * @param arrays the arrays
     * @return a new array
     */
    public static NDArray vstack(NDArray... arrays) {
        return Manipulation.stackAlong(arrays, 'v');
    }

    /**
     * {@code np.dstack(arrays)}: concatenated along axis 2 (after {@link #atleast3d}).
     *
     * {@snippet :
     * ND.dstack(ND.arange(2), ND.arange(2)).shape();   // [1, 2, 2]
     * }
     *
     * @param arrays the arrays
     * @return a new array
     */
    public static NDArray dstack(NDArray... arrays) {
        return Manipulation.stackAlong(arrays, 'd');
    }

    /**
     * {@code np.column_stack(arrays)}: 1-D arrays as columns, concatenated along axis 1.
     *
     * {@snippet :
     * ND.columnStack(ND.arange(3), ND.arange(3)).shape();   // [3, 2]
     * }
     *
     * @param arrays the arrays
     * @return a new array
     */
    public static NDArray columnStack(NDArray... arrays) {
        return Manipulation.stackAlong(arrays, 'c');
    }

    /**
     * {@code np.tile(a, reps)}: the array repeated as tiles.
     *
     * {@snippet :
     * ND.tile(ND.arange(2), 2, 2);   // [[0, 1, 0, 1], [0, 1, 0, 1]]
     * }
     *
     * @param a the array
     * @param reps repetitions per axis (aligned to the last axes)
     * @return a new array
     */
    public static NDArray tile(NDArray a, long... reps) {
        return Manipulation.tile(a, reps);
    }

    /**
     * {@code np.repeat(a, repeats, axis)}: each slice along the axis repeated.
     *
     * {@snippet :
     * ND.repeat(ND.arange(3), new long[] {2}, 0);   // [0, 0, 1, 1, 2, 2]
     * }
     *
     * @param a the array
     * @param repeats one count for all, or one per slice
     * @param axis the axis
     * @return a new array
     */
    public static NDArray repeat(NDArray a, long[] repeats, int axis) {
        return Manipulation.repeat(a, repeats, axis);
    }

    /**
     * {@code np.repeat(a, repeats)}: each element of the flattened array repeated.
     *
     * {@snippet :
     * ND.repeat(ND.arange(2), 3);   // [0, 0, 0, 1, 1, 1]
     * }
     *
     * @param a the array
     * @param repeats the count for every element
     * @return a new 1-D array
     */
    public static NDArray repeat(NDArray a, long repeats) {
        return Manipulation.repeat(a, new long[] {repeats}, null);
    }

    /**
     * {@code np.roll(a, shift, axis)}: elements shifted along an axis, wrapping around.
     *
     * {@snippet :
     * ND.roll(ND.arange(4), 1, 0);   // [3, 0, 1, 2]
     * }
     *
     * @param a the array
     * @param shift positions (negative to the left)
     * @param axis the axis
     * @return a new array
     */
    public static NDArray roll(NDArray a, long shift, int axis) {
        return Manipulation.roll(a, shift, axis);
    }

    /**
     * {@code np.roll(a, shift)}: the flattened array rolled, then given a's shape.
     *
     * {@snippet :
     * ND.roll(ND.arange(4).reshape(2, 2), 1);   // [[3, 0], [1, 2]]
     * }
     *
     * @param a the array
     * @param shift positions
     * @return a new array
     */
    public static NDArray roll(NDArray a, long shift) {
        return Manipulation.roll(a, shift, null);
    }

    // ------------------------------------------------------------------ fused expressions

    /** Expressions {@link #evaluate} has compiled, by text and variable names; cleared when full. */
    private static final java.util.Map<java.util.List<Object>, Fused> EVALUATED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int EVALUATED_LIMIT = 1024;

    /**
     * Compiles an array expression once, to be evaluated many times in one pass over memory
     * ({@code cupy.fuse}). See {@link Fused} for the language.
     *
     * {@snippet :
     * Fused f = ND.fuse("where(a > b, sqrt(a) * c, -b)", "a", "b", "c");
     * NDArray z = f.call(a, b, c);
     * }
     *
     * @param expression the expression
     * @param names its variables, in the order {@link Fused#call} takes them
     * @return the compiled expression
     * @throws IllegalArgumentException at a syntax error (naming the column), an unknown name
     *     or function, or a reduction that is not the outermost call
     */
    public static Fused fuse(String expression, String... names) {
        return new Fused(expression, java.util.List.of(names));
    }

    /**
     * Evaluates an array expression in one pass over memory ({@code numexpr.evaluate}); the
     * compiled expression is cached by its text and variable names. See {@link Fused} for the
     * language.
     *
     * {@snippet :
     * NDArray y = ND.evaluate("x**2 + 2*x + 1", Map.of("x", x));
     * NDArray s = ND.evaluate("sum(a * b)", Map.of("a", a, "b", b)); // no a * b temporary
     * }
     *
     * @param expression the expression
     * @param variables the values of its variables: arrays, or Java numbers and booleans (weak scalars)
     * @return a new array
     * @throws IllegalArgumentException at a syntax error, an unknown name, or dtypes no op accepts
     */
    public static NDArray evaluate(String expression, java.util.Map<String, ?> variables) {
        return evaluate(expression, variables, null);
    }

    /**
     * {@link #evaluate(String, java.util.Map)} into {@code out} ({@code out=}: the result broadcast
     * to out's shape, same-kind casting).
     *
     * @param expression the expression
     * @param variables the values of its variables
     * @param out the array to write into, or {@code null}
     * @return {@code out}, or a new array
     */
    public static NDArray evaluate(String expression, java.util.Map<String, ?> variables, NDArray out) {
        String[] names = variables.keySet().toArray(String[]::new);
        java.util.Arrays.sort(names);
        java.util.List<Object> key = java.util.List.of(String.valueOf(expression), java.util.List.of(names));
        Fused f = EVALUATED.get(key);
        if (f == null) {
            f = fuse(expression, names);
            if (EVALUATED.size() >= EVALUATED_LIMIT) {
                EVALUATED.clear();
            }
            EVALUATED.put(key, f);
        }
        Object[] args = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            args[i] = variables.get(names[i]);
        }
        return f.callInto(out, args);
    }
}
