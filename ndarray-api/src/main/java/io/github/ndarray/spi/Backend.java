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
     * Allocates zero-filled memory for {@code count} elements of {@code dtype}.
     *
     * @param device the device (of this backend's type)
     * @param dtype the element type
     * @param count the number of elements
     * @return the storage, with one holder
     */
    Storage allocate(Device device, DType dtype, long count);

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
     * Solves {@code a[...] @ out[...] = b[...]} for each matrix of the batch (LAPACK's
     * {@code gesv}). The api has validated everything: {@code a} is {@code (..., n, n)},
     * {@code b} {@code (..., n, k)}, {@code out} {@code (..., n, k)}, all of one float dtype
     * (float32 or float64), the batch axes broadcast to out's (stride 0 where stretched).
     *
     * @param a the coefficient matrices
     * @param b the right-hand sides
     * @param out the solutions
     * @throws IllegalArgumentException with the message {@code "Singular matrix"} (NumPy's
     *     {@code LinAlgError}) if a matrix is singular
     * @throws UnsupportedOperationException if this backend has no linear solver
     */
    default void solve(NDArray a, NDArray b, NDArray out) {
        throw new UnsupportedOperationException("linalg.solve is not implemented by the " + name() + " backend");
    }

    /**
     * The inverse of each matrix of the batch. {@code a} and {@code out} are
     * {@code (..., n, n)} of one float dtype (float32 or float64).
     *
     * @param a the matrices
     * @param out the inverses
     * @throws IllegalArgumentException with the message {@code "Singular matrix"} if a matrix is singular
     * @throws UnsupportedOperationException if this backend has no matrix inverse
     */
    default void inv(NDArray a, NDArray out) {
        throw new UnsupportedOperationException("linalg.inv is not implemented by the " + name() + " backend");
    }

    /**
     * The determinant of each matrix of the batch: {@code a} is {@code (..., n, n)},
     * {@code out} {@code (...)}, both of one float dtype (float32 or float64). Singular
     * matrices give 0, {@code 0x0} matrices 1.
     *
     * @param a the matrices
     * @param out the determinants
     * @throws UnsupportedOperationException if this backend has no determinant
     */
    default void det(NDArray a, NDArray out) {
        throw new UnsupportedOperationException("linalg.det is not implemented by the " + name() + " backend");
    }

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
