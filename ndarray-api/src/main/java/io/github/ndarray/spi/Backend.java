package io.github.ndarray.spi;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;

/**
 * What a device backend implements: memory, and the kernels of the one ufunc model. The api
 * has already validated everything when these are called: operands live on this backend's
 * device, have the dtypes of the chosen loop, are broadcast to the output's shape (stride 0
 * on stretched axes), and no output overlaps an input in a harmful way. Backends only compute.
 *
 * <p><b>Scalars.</b> A Java number given as an operand reaches the kernels as a 0-d host array
 * broadcast to the output's shape (every stride 0), even when the other operands live on a
 * device: it is never copied to the device per call. {@link #isHostScalar(NDArray, Device)}
 * tells such an operand apart; a device backend reads its value once ({@code getDouble} /
 * {@code getLong} at index 0...) and passes it to its kernel by value.
 *
 * <p><b>Execution.</b> Calls on one device take effect in the order they are made (a GPU
 * backend queues them on one stream); a backend may return before the work is done, so long as
 * {@link #copyBytes} to or from the host waits for it, and {@link #synchronize(Device)} waits for
 * everything queued. Storage may be freed on any thread (see {@link Storage}).
 *
 * <p><b>Optional operations.</b> Operations beyond the core ufunc model (linear algebra today;
 * sorting, gather/scatter and FFT as they come) are separate interfaces a backend may also
 * implement; {@link #capability(Class)} finds them and the api refuses an operation a backend
 * lacks with an {@link UnsupportedOperationException} naming the operation and the device.
 *
 * <p>Backends are found with {@link java.util.ServiceLoader}: a jar lists its implementation
 * in {@code META-INF/services/io.github.ndarray.spi.Backend}.
 */
public interface Backend {
    /** {@return the kind of device this backend computes on} */
    Device.Type deviceType();

    /** {@return a short name, e.g. {@code "cpu (Vector API, 2 threads)"}} */
    String name();

    /** {@return used to choose between backends of one device type; higher wins} */
    default int priority() {
        return 0;
    }

    /** {@return why this backend cannot be used on this machine, or {@code null} if it can} */
    String unavailableReason();

    /**
     * Allocates memory for {@code count} elements of {@code dtype}.
     *
     * @param device the device (of this backend's type)
     * @param dtype the element type
     * @param count the number of elements
     * @param zeroed whether the bytes must be zero; {@code false} for results that will be
     *     written in full, which must not pay for a memset
     * @return the storage, with one holder
     * @throws OutOfMemoryError if the device has no room even after
     *     {@link #releaseCachedMemory(Device)}; the api then runs the garbage collector (which may
     *     free unreachable arrays' memory) and tries once more
     */
    Storage allocate(Device device, DType dtype, long count, boolean zeroed);

    /**
     * Wraps memory this library did not allocate (a device pointer from another library, an
     * MPI buffer) as storage of this backend's device.
     *
     * @param device the device the memory lives on
     * @param address its address on that device
     * @param byteSize its size in bytes
     * @param release run once when the last holder lets go (on any thread)
     * @return the storage, with one holder
     * @throws UnsupportedOperationException if this backend cannot wrap foreign memory
     */
    default Storage wrap(Device device, long address, long byteSize, Runnable release) {
        throw new UnsupportedOperationException("wrapping foreign memory is not supported on " + device
                + " (backend " + name() + ")");
    }

    /**
     * Waits until every operation queued on the device has finished ({@code cudaDeviceSynchronize}).
     * Backends that compute before returning have nothing to wait for.
     *
     * @param device the device
     */
    default void synchronize(Device device) {
    }

    /**
     * Memory pressure: gives back memory the backend keeps for reuse (a pool's free blocks).
     * The api calls it when an allocation fails, before collecting garbage and retrying, since
     * the garbage collector cannot see device memory.
     *
     * @param device the device
     * @return the bytes given back
     */
    default long releaseCachedMemory(Device device) {
        return 0;
    }

    /**
     * What this backend has opened and holds, for {@code ND.runtimeInfo()}: one line per device
     * in use (its name, pool statistics), or an empty string.
     *
     * @return the lines, each ending in a newline
     */
    default String describe() {
        return "";
    }

    /**
     * An optional operation set this backend implements, such as {@link LinalgSupport}.
     *
     * @param <T> the interface
     * @param type the interface
     * @return this backend as {@code type}, or {@code null} if it does not implement it
     */
    default <T> T capability(Class<T> type) {
        return type.isInstance(this) ? type.cast(this) : null;
    }

    /**
     * Whether an input of a kernel call is a Java scalar operand (a host array of one element,
     * or broadcast from one: every stride 0, or to an empty shape) rather than an array on this
     * backend's device.
     *
     * @param input an input of {@link #elementwise} or {@link #cast}
     * @param device the device the call computes on
     * @return whether it is a host scalar
     */
    static boolean isHostScalar(NDArray input, Device device) {
        return input.device().type() == Device.Type.CPU && device.type() != Device.Type.CPU
                && (input.flatStride() == 0 || input.size() <= 1);
    }

    /**
     * Copies {@code byteSize} bytes between storages that may live on different devices of
     * this backend's type or on the host; one side is always this backend's.
     *
     * @param src source storage
     * @param srcOffset byte offset in the source
     * @param dst destination storage
     * @param dstOffset byte offset in the destination
     * @param byteSize number of bytes
     */
    void copyBytes(Storage src, long srcOffset, Storage dst, long dstOffset, long byteSize);

    /**
     * Runs an elementwise loop: {@code outputs[k][i] = f(inputs[0][i], ...)} for every index
     * {@code i} of the outputs' shape where {@code where} is true (everywhere if null).
     *
     * @param op the ufunc
     * @param loop the resolved loop; inputs and outputs have exactly its dtypes
     * @param inputs inputs, broadcast to the outputs' shape
     * @param outputs outputs, all of one shape
     * @param where a bool mask broadcast to the outputs' shape, or {@code null}
     */
    void elementwise(Ufunc op, Ufunc.Loop loop, NDArray[] inputs, NDArray[] outputs, NDArray where);

    /**
     * Reduces {@code input} over the axes marked in {@code axes} with a binary ufunc, into
     * {@code out}, which has the input's number of dimensions with size 1 on the reduced
     * axes (keepdims form). When the reduced extent is empty, {@code out} gets the ufunc's
     * identity (the api guarantees there is one).
     *
     * @param op a binary ufunc with one output
     * @param loop the resolved loop; input and out have its dtype
     * @param input the array to reduce
     * @param axes {@code true} at each reduced axis
     * @param out the result, keepdims form
     */
    void reduce(Ufunc op, Ufunc.Loop loop, NDArray input, boolean[] axes, NDArray out);

    /**
     * Accumulates along one axis ({@code np.add.accumulate}): {@code out[..., i, ...] =
     * f(out[..., i-1, ...], input[..., i, ...])}.
     *
     * @param op a binary ufunc with one output
     * @param loop the resolved loop; input and out have its dtype
     * @param input the array
     * @param axis the axis, normalized
     * @param out the result, same shape as input
     */
    void accumulate(Ufunc op, Ufunc.Loop loop, NDArray input, int axis, NDArray out);

    /**
     * Index of the largest (or smallest) element along an axis; the first one on ties, the
     * first NaN if any (NumPy's rule).
     *
     * @param max true for argmax, false for argmin
     * @param input the array, with a non-empty {@code axis}
     * @param axis the axis, normalized
     * @param out int64 result, keepdims form
     */
    void argReduce(boolean max, NDArray input, int axis, NDArray out);

    /**
     * Copies {@code src} into {@code dst}, converting element type as NumPy's {@code astype}
     * does (C casts: floats truncate toward zero, integers wrap, nonzero is true).
     *
     * @param src the source, broadcast to {@code dst}'s shape
     * @param dst the destination
     */
    void cast(NDArray src, NDArray dst);

    /**
     * Matrix product over the last two axes, batched over the leading ones: {@code a} is
     * {@code (..., n, k)}, {@code b} is {@code (..., k, m)}, {@code out} is {@code (..., n, m)};
     * the batch axes of a and b are already broadcast to out's (stride 0 where stretched).
     *
     * @param loop the resolved loop; a, b and out have its dtypes
     * @param a left operand
     * @param b right operand
     * @param out the result
     */
    void matmul(Ufunc.Loop loop, NDArray a, NDArray b, NDArray out);
    /**
     * Fills {@code out} with the random array {@code spec} describes (see {@link RandomFill}
     * for the counter layout and bit recipes). The api has validated everything: {@code out}
     * is C-contiguous on this backend's device, of {@code spec.dtype()}, freshly allocated.
     * Every element is a pure function of its index, so a backend may compute the elements in
     * any order, on any number of threads, and must give the same bits.
     *
     * <p>This default works on every backend: it fills host memory in the api and copies it to
     * the device. Backends override it to compute on the device (the CPU backend in parallel
     * chunks, a GPU backend with one thread per counter).
     *
     * {@snippet :
     * backend.fillRandom(new RandomFill(new RandomFill.Normal(0, 1), DType.FLOAT64, key, counter), out);
     * }
     *
     * @param spec what to draw
     * @param out the array to fill
     */
    default void fillRandom(RandomFill spec, NDArray out) {
        long n = out.size();
        if (n == 0) {
            return;
        }
        long bytes = n * out.dtype().itemSize();
        HostStorage host = HostStorage.allocateUninitialized(bytes);
        try {
            spec.fill(host.segment(), 0, 0, n);
            copyBytes(host, 0, out.storage(), out.elementOffset() * out.dtype().itemSize(), bytes);
        } finally {
            host.release();
        }
    }
}
