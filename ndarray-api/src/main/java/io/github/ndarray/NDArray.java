package io.github.ndarray;

import io.github.ndarray.broadcasting.Broadcast;
import io.github.ndarray.broadcasting.Shapes;
import io.github.ndarray.spi.Backend;
import io.github.ndarray.spi.Backends;
import io.github.ndarray.spi.HostElements;
import io.github.ndarray.spi.HostStorage;
import io.github.ndarray.spi.Storage;
import java.lang.ref.Reference;
import java.util.Arrays;

/**
 * An n-dimensional array of one {@link DType} on one {@link Device}, with NumPy's semantics:
 * shape, strides and offset over shared memory, so that slicing, transposing and
 * broadcasting are views; ufuncs broadcast and promote as NumPy 2 does.
 *
 * {@snippet :
 * NDArray a = ND.arange(6).reshape(2, 3);     // array([[0, 1, 2], [3, 4, 5]])
 * NDArray b = ND.array(new double[]{10, 20, 30});
 * NDArray c = a.add(b).mul(2.0);              // broadcasting; float64
 * NDArray col = a.get(":, 1");                // a view: array([1, 4])
 * double s = c.sum().item();                  // 270.0
 * }
 *
 * <p>Memory is off-heap. {@link #close()} releases this array's hold on it at once (the memory
 * is freed when no view holds it any more); unclosed arrays are freed by the garbage
 * collector. Any use of a closed array throws {@link IllegalStateException}.
 *
 * <p><b>Threads.</b> Safe without locking: any number of threads reading the same arrays or
 * views (ops, reductions, {@code matmul}, copies, element reads), each getting the answer a
 * single thread gets, bit for bit; threads writing to arrays that share no memory. Not safe:
 * a write (an op with {@code out=}, {@code set}, {@code assign}, {@code setDouble}) concurrent
 * with any other read or write of overlapping memory, e.g. of the same array or of two views of
 * one base; NumPy does not order those either, so synchronize them yourself. Closing an array
 * while another thread computes with it is safe: every backend call holds its operands' memory,
 * so that computation either finishes on the memory it started with (the block is freed by the
 * last holder) or, if the close came first, throws {@code IllegalStateException}; it never reads
 * or writes memory that belongs to another array. A view keeps its memory alive after its base
 * is closed. Interrupting a thread inside an operation does not cancel it: the operation
 * finishes and the interrupt status stays set.
 *
 * {@snippet :
 * NDArray x = ND.arange(1_000_000).astype(DType.FLOAT64);
 * // shared read-only input: safe from many threads
 * IntStream.range(0, 8).parallel().forEach(i -> {
 *     try (NDArray r = x.mul(i); NDArray s = r.sum()) {
 *         System.out.println(s.item());
 *     }
 * });
 * }
 */
public final class NDArray implements AutoCloseable {
    private final Storage storage;
    private final DType dtype;
    private final long[] shape;
    private final long[] strides;
    private final long offset;
    private final long size;
    /** False for broadcast views (several indices share one element) and views of them, as in NumPy. */
    private final boolean writeable;
    /** See {@link #flatStride()}. */
    private final long flatStride;
    private volatile boolean closed;

    /** Wraps storage that this array now holds once (the caller passes its hold). */
    NDArray(Storage storage, DType dtype, long[] shape, long[] strides, long offset) {
        this(storage, dtype, shape, strides, offset, true);
    }

    private NDArray(Storage storage, DType dtype, long[] shape, long[] strides, long offset, boolean writeable) {
        this.storage = storage;
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.size = Shapes.checkedSize(shape);
        this.writeable = writeable;
        this.flatStride = flatStride(shape, strides, size);
    }

    private static long flatStride(long[] shape, long[] strides, long size) {
        if (size <= 1) {
            return 1;
        }
        boolean contiguous = true;
        boolean allZero = true;
        long expect = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1) {
                contiguous &= strides[i] == expect;
                allZero &= strides[i] == 0;
                expect *= shape[i];
            }
        }
        return contiguous ? 1 : allZero ? 0 : -1;
    }

    /**
     * Allocates a zero-filled C-contiguous array.
     *
     * @param device where
     * @param dtype element type
     * @param shape the shape
     * @return the array
     */
    static NDArray allocate(Device device, DType dtype, long... shape) {
        return allocate(device, dtype, true, shape);
    }

    /**
     * Allocates a C-contiguous array whose elements are unspecified, for a result that will be
     * written in full (NumPy's {@code empty}).
     *
     * @param device where
     * @param dtype element type
     * @param shape the shape
     * @return the array
     */
    static NDArray allocateUninitialized(Device device, DType dtype, long... shape) {
        return allocate(device, dtype, false, shape);
    }

    private static NDArray allocate(Device device, DType dtype, boolean zeroed, long... shape) {
        long n = Shapes.checkedSize(shape);
        if (n > Long.MAX_VALUE / dtype.itemSize()) {
            throw new IllegalArgumentException("array is too big: " + Shapes.format(shape) + " of " + dtype);
        }
        // Host memory belongs to the api (every backend reads and writes it); devices allocate their own.
        long bytes = n * dtype.itemSize();
        Storage s = device.type() != Device.Type.CPU
                ? DeviceMemory.allocate(device, dtype, n, zeroed)
                : zeroed ? HostStorage.allocate(bytes) : HostStorage.allocateUninitialized(bytes);
        return new NDArray(s, dtype, shape.clone(), Shapes.contiguousStrides(shape), 0);
    }

    /**
     * An array over storage that a backend or a wrapping function holds: the array takes over
     * that hold. For backends (a view of their own memory with another layout) and for
     * {@link ND#wrap}; strides may be negative or zero, but every element the layout reaches
     * must lie inside the storage.
     *
     * @param storage the memory; the array takes over one hold on it
     * @param dtype element type
     * @param shape the shape
     * @param elementStrides strides in elements
     * @param elementOffset the index of element 0 in elements from the storage's start
     * @return the array (read-only if {@code writeable} is false)
     * @throws IllegalArgumentException if the layout reaches outside the storage
     */
    static NDArray over(Storage storage, DType dtype, long[] shape, long[] elementStrides, long elementOffset,
            boolean writeable) {
        checkInside(dtype, shape, elementStrides, elementOffset, storage.byteSize());
        return new NDArray(storage, dtype, shape.clone(), elementStrides.clone(), elementOffset, writeable);
    }

    /**
     * Checks that a layout reaches only elements inside {@code byteSize} bytes.
     *
     * @throws IllegalArgumentException if shape and strides differ in length or the layout reaches outside
     */
    static void checkInside(DType dtype, long[] shape, long[] elementStrides, long elementOffset, long byteSize) {
        if (shape.length != elementStrides.length) {
            throw new IllegalArgumentException("shape " + Shapes.format(shape) + " and strides "
                    + Arrays.toString(elementStrides) + " have different lengths");
        }
        if (Shapes.checkedSize(shape) == 0) {
            return;
        }
        long lo = elementOffset;
        long hi = elementOffset;
        for (int i = 0; i < shape.length; i++) {
            long reach = Math.multiplyExact(shape[i] - 1, elementStrides[i]);
            lo += Math.min(0, reach);
            hi += Math.max(0, reach);
        }
        long items = byteSize / dtype.itemSize();
        if (lo < 0 || hi >= items) {
            throw new IllegalArgumentException("shape " + Shapes.format(shape) + " with strides "
                    + Arrays.toString(elementStrides) + " (elements) from offset " + elementOffset
                    + " reaches elements " + lo + ".." + hi + ", outside the " + items + " elements of "
                    + dtype + " the memory holds");
        }
    }

    /**
     * A view of another layout over this array's memory, for backends that compute on
     * memory they understand (a pretend or remote device delegating to another backend).
     * The view holds the memory too; close it when done.
     *
     * @param storage the memory to view: this array's own, or memory the backend maps it to
     * @param elementStrides strides in elements
     * @param elementOffset the index of element 0
     * @return the view, with this array's dtype, shape and writeability
     */
    // SPI types in the signature, on purpose: only backend modules can name them (module-info).
    @SuppressWarnings("exports")
    public NDArray viewOver(Storage storage, long[] elementStrides, long elementOffset) {
        checkOpen();
        storage.retain();
        try {
            return over(storage, dtype, shape, elementStrides, elementOffset, writeable);
        } catch (RuntimeException e) {
            storage.release();
            throw e;
        }
    }

    /**
     * A view of the same memory with another layout, holding the memory too.
     *
     * @param newShape shape of the view
     * @param newStrides strides in elements
     * @param newOffset offset of element 0 in elements
     * @return the view
     */
    NDArray view(long[] newShape, long[] newStrides, long newOffset) {
        return view(newShape, newStrides, newOffset, writeable);
    }

    private NDArray view(long[] newShape, long[] newStrides, long newOffset, boolean canWrite) {
        checkOpen();
        Shapes.checkedSize(newShape);
        storage.retain();
        return new NDArray(storage, dtype, newShape, newStrides, newOffset, canWrite);
    }

    /** {@return whether elements may be written: false for broadcast views, as NumPy's {@code flags.writeable}} */
    public boolean isWriteable() {
        return writeable;
    }

    /**
     * Throws unless this array may be written.
     *
     * @throws IllegalArgumentException for a read-only (broadcast) view
     */
    void checkWriteable() {
        checkOpen();
        if (!writeable) {
            throw new IllegalArgumentException("assignment destination is read-only (a broadcast view)");
        }
    }

    // ------------------------------------------------------------------ state

    /** {@return the element type} */
    public DType dtype() {
        return dtype;
    }

    /** {@return a copy of the shape} */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * The size of one axis.
     *
     * @param axis the axis, negative counted from the end
     * @return its size
     */
    public long shape(int axis) {
        return shape[AxisException.normalize(axis, shape.length)];
    }

    /** Whether the shape equals {@code other}, without copying it. */
    boolean hasShape(long[] other) {
        return Arrays.equals(shape, other);
    }

    /** {@return the number of dimensions} */
    public int ndim() {
        return shape.length;
    }

    /** {@return the number of elements} */
    public long size() {
        return size;
    }

    /** {@return the strides in bytes, as NumPy reports them} */
    public long[] strides() {
        long[] b = strides.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] *= dtype.itemSize();
        }
        return b;
    }

    /**
     * The strides in elements, for backends; users read {@link #strides()} (bytes, like NumPy).
     *
     * @return the strides in elements
     */
    public long[] elementStrides() {
        return strides.clone();
    }

    /**
     * The offset of element 0 from the start of the storage, in elements, for backends.
     *
     * @return the offset in elements
     */
    public long elementOffset() {
        return offset;
    }

    /**
     * The stride, in elements, at which all of this array's elements are met in C order as one
     * run from {@link #elementOffset()}: 1 for a C-contiguous array (and any array of at most one
     * element), 0 for a broadcast scalar (every stride 0), -1 otherwise. Backends use it to skip
     * the general strided walk.
     *
     * @return 1, 0 or -1
     */
    public long flatStride() {
        return flatStride;
    }

    /**
     * The memory this array views, for backends.
     *
     * @return the storage
     * @throws IllegalStateException if this array is closed
     */
    // SPI types in the signature, on purpose: only backend modules can name them (module-info).
    @SuppressWarnings("exports")
    public Storage storage() {
        checkOpen();
        return storage;
    }

    /** {@return the device the array lives on} */
    public Device device() {
        return storage.device();
    }

    /** {@return the backend that computes on this array's device, behind the door that holds operands' memory} */
    Backend backend() {
        return HeldBackend.of(storage.device());
    }

    /** {@return whether the elements are laid out in C order with no gaps} */
    public boolean isContiguous() {
        return flatStride == 1;
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Throws if this array is closed.
     *
     * @throws IllegalStateException if closed
     */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("array is closed");
        }
    }

    /** Releases this array's hold on its memory; later use throws. Closing twice is a no-op. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        storage.release();
    }

    // ------------------------------------------------------------------ views

    /**
     * Gives a new shape with the same elements in C order; a view when the layout allows,
     * else a copy. One size may be {@code -1}, inferred.
     *
     * @param newShape the shape
     * @return the reshaped array
     * @throws IllegalArgumentException if the sizes differ or more than one is -1
     */
    public NDArray reshape(long... newShape) {
        checkOpen();
        long[] target = Views.inferShape(newShape, size);
        long[] viewStrides = Views.reshapeStrides(shape, strides, target);
        if (viewStrides != null) {
            return view(target, viewStrides, offset);
        }
        return copy().reshapeOwned(target);
    }

    /** Reshapes a fresh contiguous copy, handing its hold to the result. */
    private NDArray reshapeOwned(long[] target) {
        NDArray r = new NDArray(storage, dtype, target, Shapes.contiguousStrides(target), offset);
        closed = true;
        return r;
    }

    /**
     * {@code int} form of {@link #reshape(long...)}.
     *
     * @param newShape the shape
     * @return the reshaped array
     */
    public NDArray reshape(int... newShape) {
        return reshape(Arrays.stream(newShape).asLongStream().toArray());
    }

    /** {@return the axes reversed (a view)} */
    public NDArray transpose() {
        int[] axes = new int[shape.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axes.length - 1 - i;
        }
        return permuteDims(axes);
    }

    /** {@return {@link #transpose()}, NumPy's {@code a.T}} */
    public NDArray T() {
        return transpose();
    }

    /**
     * Permutes the axes (a view), {@code np.permute_dims(a, axes)}.
     *
     * @param axes a permutation of {@code 0..ndim-1}, negatives allowed
     * @return the view
     * @throws AxisException if not a permutation
     */
    public NDArray permuteDims(int... axes) {
        checkOpen();
        if (axes.length != shape.length) {
            throw new IllegalArgumentException("axes don't match array: " + axes.length + " axes for "
                    + shape.length + " dimensions");
        }
        AxisException.normalizeSet(axes, shape.length);
        long[] s = new long[axes.length];
        long[] st = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = AxisException.normalize(axes[i], shape.length);
            s[i] = shape[a];
            st[i] = strides[a];
        }
        return view(s, st, offset);
    }

    /**
     * Swaps two axes (a view).
     *
     * @param a one axis
     * @param b the other
     * @return the view
     */
    public NDArray swapAxes(int a, int b) {
        int[] axes = new int[shape.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        int na = AxisException.normalize(a, shape.length);
        int nb = AxisException.normalize(b, shape.length);
        axes[na] = nb;
        axes[nb] = na;
        return permuteDims(axes);
    }

    /**
     * Inserts a size-1 axis (a view).
     *
     * @param axis position of the new axis in the result, negative counted from the end
     * @return the view
     */
    public NDArray expandDims(int axis) {
        checkOpen();
        int n = AxisException.normalize(axis, shape.length + 1);
        long[] s = new long[shape.length + 1];
        long[] st = new long[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i == n) {
                // NumPy's stride for the new axis: the next axis' extent, or one element at the end.
                s[i] = 1;
                st[i] = j < shape.length ? strides[j] * shape[j] : 1;
            } else {
                s[i] = shape[j];
                st[i] = strides[j++];
            }
        }
        return view(s, st, offset);
    }

    /**
     * Removes size-1 axes (a view).
     *
     * @param axes the axes to remove; none means all size-1 axes
     * @return the view
     * @throws IllegalArgumentException if a named axis is not of size 1
     */
    public NDArray squeeze(int... axes) {
        checkOpen();
        boolean[] drop;
        if (axes.length == 0) {
            drop = new boolean[shape.length];
            for (int i = 0; i < shape.length; i++) {
                drop[i] = shape[i] == 1;
            }
        } else {
            drop = AxisException.normalizeSet(axes, shape.length);
            for (int i = 0; i < shape.length; i++) {
                if (drop[i] && shape[i] != 1) {
                    throw new IllegalArgumentException("cannot select an axis to squeeze out which has size not equal to one");
                }
            }
        }
        int m = 0;
        for (boolean d : drop) {
            m += d ? 0 : 1;
        }
        long[] s = new long[m];
        long[] st = new long[m];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (!drop[i]) {
                s[j] = shape[i];
                st[j++] = strides[i];
            }
        }
        return view(s, st, offset);
    }

    /**
     * A read-only view broadcast to a shape (stride 0 on stretched axes), like
     * {@code np.broadcast_to}.
     *
     * @param target the shape
     * @return the view
     * @throws io.github.ndarray.broadcasting.BroadcastException if the shape is incompatible
     */
    public NDArray broadcastTo(long... target) {
        checkOpen();
        Shapes.checkedSize(target);
        long[] st = Broadcast.strides(shape, strides, target);
        return view(target.clone(), st, offset, false);
    }

    /** {@return the elements as 1-D in C order: a view when possible, else a copy} */
    public NDArray ravel() {
        return reshape(-1L);
    }

    /** {@return a C-contiguous copy on the same device} */
    public NDArray copy() {
        return astype(dtype);
    }

    /**
     * A contiguous copy converted to another dtype (always a copy, like NumPy's default).
     *
     * @param to the element type
     * @return the new array
     */
    public NDArray astype(DType to) {
        checkOpen();
        NDArray out = allocateUninitialized(device(), to, shape);
        try {
            backend().cast(this, out);
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * This array on another device: itself if already there, else a contiguous copy.
     *
     * @param target the device
     * @return the array on {@code target}
     */
    public NDArray to(Device target) {
        checkOpen();
        if (target.equals(device())) {
            return this;
        }
        NDArray src = isContiguous() ? this : copy();
        try {
            NDArray out = allocateUninitialized(target, dtype, shape);
            Backend mover = target.type() == Device.Type.CPU ? src.backend() : out.backend();
            try {
                mover.copyBytes(src.storage(), src.offset * dtype.itemSize(), out.storage, 0, size * dtype.itemSize());
            } catch (RuntimeException | Error e) {
                out.close();
                throw e;
            }
            return out;
        } finally {
            if (src != this) {
                src.close();
            }
        }
    }

    // ------------------------------------------------------------------ indexing

    /**
     * Selects with NumPy's index syntax. Integers, slices with steps, {@code None} and
     * {@code ...} give a view; list literals of integers or booleans (advanced indexing) give
     * a new array, see {@link #get(Index...)}.
     *
     * {@snippet :
     * NDArray v = a.get("1:, ::-1, None, ...");   // a view
     * NDArray w = a.get("[0, 2, 2], 1:");         // a copy: rows 0, 2, 2
     * }
     *
     * @param index the index expression
     * @return the selection (a 0-d view when every axis is indexed by an integer)
     * @throws IllegalArgumentException if the expression is malformed
     * @throws IndexOutOfBoundsException if an index is out of bounds, with NumPy's message
     */
    public NDArray get(String index) {
        return get(Index.parse(index));
    }

    /**
     * Selects with typed indices. Without an {@link Index.Array} the result is a view. With
     * one (advanced indexing) it is a new array, as NumPy's: integer arrays pick positions
     * along their axes (negatives from the end), a bool array of k dimensions stands for the
     * k integer arrays of its {@code nonzero()}, an integer beside an array counts as an array,
     * and all index arrays broadcast to one shape B. The result has B in place of the indexed
     * axes when they are adjacent, else B first, then the other axes.
     *
     * {@snippet :
     * NDArray a = ND.arange(12).reshape(3, 4);
     * a.get(Index.array(2, 0), Index.all());                    // rows 2 and 0: shape (2, 4)
     * a.get(Index.all(), Index.array(ND.array(new long[] {1, 3}))); // columns: shape (3, 2)
     * a.get(Index.array(0, 2), Index.array(1, 3));              // a[[0,2],[1,3]] = [1, 11]
     * }
     *
     * @param index the indices, see {@link Index}
     * @return the selection
     * @throws IllegalArgumentException if the indices are malformed (e.g. two ellipses)
     * @throws IndexOutOfBoundsException if an index is out of bounds or there are too many, with
     *     NumPy's message ({@code index 5 is out of bounds for axis 0 with size 3}; {@code boolean
     *     index did not match indexed array along axis 0; size of axis is 4 but size of
     *     corresponding boolean axis is 3})
     */
    public NDArray get(Index... index) {
        checkOpen();
        if (AdvancedIndex.isAdvanced(index)) {
            return AdvancedIndex.get(this, index);
        }
        return Indexing.view(this, index);
    }

    /**
     * Assigns to the selected elements, broadcasting and casting {@code value} to them
     * ({@code a[index] = value}). With advanced indices a position selected twice keeps the
     * last value, as in NumPy.
     *
     * {@snippet :
     * a.set("[0, 2], ::2", 0.0);
     * }
     *
     * @param index the index expression
     * @param value an {@link NDArray} or a Java scalar
     * @return this array
     */
    public NDArray set(String index, Object value) {
        return set(Index.parse(index), value);
    }

    /**
     * Assigns to the elements selected by typed indices, as {@link #set(String, Object)}.
     *
     * @param index the indices, see {@link #get(Index...)}
     * @param value an {@link NDArray} or a Java scalar
     * @return this array
     * @throws IllegalArgumentException if the value does not broadcast to the selection
     */
    public NDArray set(Index[] index, Object value) {
        checkOpen();
        if (AdvancedIndex.isAdvanced(index)) {
            AdvancedIndex.set(this, index, value);
            return this;
        }
        if (value instanceof NDArray a && a.ndim() > 0 && selectsOneElement(index)) {
            // NumPy's element assignment (a[1, 2] = v, a[()] = v); a[1, 2, ...] is a 0-d view and broadcasts
            throw new IllegalArgumentException("setting an array element with a sequence.");
        }
        try (NDArray v = Indexing.view(this, index)) {
            v.assign(value);
        }
        return this;
    }

    /** Whether the index is one integer per axis and nothing else: NumPy's scalar assignment. */
    private boolean selectsOneElement(Index[] index) {
        return index.length == shape.length && Arrays.stream(index).allMatch(i -> i instanceof Index.At);
    }

    /**
     * Writes {@code value} into every element of this array (or view), broadcasting and
     * casting it as NumPy's {@code a[...] = value} does.
     *
     * @param value an {@link NDArray} or a Java scalar
     * @return this array
     */
    public NDArray assign(Object value) {
        checkWriteable();
        if (!(value instanceof NDArray)) {
            Elementwise.checkScalarFits(value, dtype);
        }
        NDArray src = Elementwise.asArray(value, dtype);
        try {
            if (value instanceof NDArray) {
                Elementwise.checkSameDevice(this, src); // a scalar is a host array that every backend takes
            }
            NDArray trimmed = dropLeadingOnes(src, shape.length);
            NDArray b;
            try {
                b = trimmed.broadcastTo(shape);
            } catch (IllegalArgumentException e) {
                if (trimmed != src) {
                    trimmed.close();
                }
                throw new IllegalArgumentException("could not broadcast input array from shape "
                        + Shapes.format(src.shape) + " into shape " + Shapes.format(shape), e);
            }
            try {
                NDArray safe = b.storage == storage ? b.copy() : b;
                backend().cast(safe, this);
                if (safe != b) {
                    safe.close();
                }
            } finally {
                b.close();
                if (trimmed != src) {
                    trimmed.close();
                }
            }
        } finally {
            if (src != value) {
                src.close();
            }
        }
        return this;
    }

    /** A view without the leading size-1 axes beyond {@code ndim}, as NumPy's setitem drops them. */
    static NDArray dropLeadingOnes(NDArray v, int ndim) {
        int extra = 0;
        while (v.shape.length - extra > ndim && v.shape[extra] == 1) {
            extra++;
        }
        if (extra == 0) {
            return v;
        }
        return v.view(Arrays.copyOfRange(v.shape, extra, v.shape.length),
                Arrays.copyOfRange(v.strides, extra, v.strides.length), v.offset);
    }

    /**
     * The element at an index, as a double. On a device, one element is copied to the host.
     *
     * @param index one index per axis, negative counted from the end
     * @return the value
     */
    public double getDouble(long... index) {
        long e = elementIndex(index);
        if (storage instanceof HostStorage h) {
            h.retain(); // held for the read, as a kernel holds its operands (see Hold)
            try {
                return HostElements.getDouble(h.segment(), dtype, e);
            } finally {
                h.release();
            }
        }
        try (ElementCopy one = ElementCopy.fetch(this, e)) {
            return HostElements.getDouble(one.segment(), dtype, 0);
        }
    }

    /**
     * The element at an index, as a long (floats truncate toward zero). On a device, one
     * element is copied to the host.
     *
     * @param index one index per axis, negative counted from the end
     * @return the value
     */
    public long getLong(long... index) {
        long e = elementIndex(index);
        if (storage instanceof HostStorage h) {
            h.retain(); // held for the read, as a kernel holds its operands (see Hold)
            try {
                return HostElements.getLong(h.segment(), dtype, e);
            } finally {
                h.release();
            }
        }
        try (ElementCopy one = ElementCopy.fetch(this, e)) {
            return HostElements.getLong(one.segment(), dtype, 0);
        }
    }

    /**
     * Sets one element. On a device, one element is copied from the host.
     *
     * @param value the value, cast to this dtype
     * @param index one index per axis
     * @return this array
     */
    public NDArray setDouble(double value, long... index) {
        checkWriteable();
        long e = elementIndex(index);
        if (storage instanceof HostStorage h) {
            h.retain();
            try {
                HostElements.setDouble(h.segment(), dtype, e, value);
            } finally {
                h.release();
            }
            return this;
        }
        try (ElementCopy one = ElementCopy.empty(dtype)) {
            HostElements.setDouble(one.segment(), dtype, 0, value);
            one.store(this, e);
        }
        return this;
    }

    /**
     * Sets one element. On a device, one element is copied from the host.
     *
     * @param value the value, cast to this dtype (wrapping like a C cast)
     * @param index one index per axis
     * @return this array
     */
    public NDArray setLong(long value, long... index) {
        checkWriteable();
        long e = elementIndex(index);
        if (storage instanceof HostStorage h) {
            h.retain();
            try {
                HostElements.setLong(h.segment(), dtype, e, value);
            } finally {
                h.release();
            }
            return this;
        }
        try (ElementCopy one = ElementCopy.empty(dtype)) {
            HostElements.setLong(one.segment(), dtype, 0, value);
            one.store(this, e);
        }
        return this;
    }

    /**
     * The single element of a size-1 array, as a double ({@code a.item()}).
     *
     * @return the value
     * @throws IllegalArgumentException if the array does not have exactly one element
     */
    public double item() {
        if (size != 1) {
            throw new IllegalArgumentException("can only convert an array of size 1 to a Java scalar");
        }
        return getDouble(new long[shape.length]);
    }

    /** {@return the elements in C order as doubles (a copy)} */
    public double[] toDoubleArray() {
        checkSize(Integer.MAX_VALUE - 8);
        try (NDArray c = contiguousHost()) {
            double[] out = new double[(int) size];
            var seg = c.hostSegment();
            for (int i = 0; i < out.length; i++) {
                out[i] = HostElements.getDouble(seg, dtype, c.offset + i);
            }
            return out;
        }
    }

    /** {@return the elements in C order as longs (a copy; floats truncate toward zero)} */
    public long[] toLongArray() {
        checkSize(Integer.MAX_VALUE - 8);
        try (NDArray c = contiguousHost()) {
            long[] out = new long[(int) size];
            var seg = c.hostSegment();
            for (int i = 0; i < out.length; i++) {
                out[i] = HostElements.getLong(seg, dtype, c.offset + i);
            }
            return out;
        }
    }

    /** {@return the elements in C order as booleans (nonzero is true)} */
    public boolean[] toBooleanArray() {
        double[] d = toDoubleArray();
        boolean[] out = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] != 0;
        }
        return out;
    }

    private void checkSize(long max) {
        if (size > max) {
            throw new IllegalArgumentException("array of " + size + " elements does not fit a Java array");
        }
    }

    /** A contiguous host array with these elements: a new view of this one or a copy. */
    NDArray contiguousHost() {
        checkOpen();
        NDArray host = to(Device.cpu());
        if (host.isContiguous()) {
            return host == this ? view(shape, strides, offset) : host;
        }
        NDArray c = host.copy();
        if (host != this) {
            host.close();
        }
        return c;
    }

    /** {@return the host memory this array views (its storage's segment)} */
    java.lang.foreign.MemorySegment hostSegment() {
        checkOpen();
        if (!(storage instanceof HostStorage h)) {
            throw new IllegalArgumentException("element access needs a host array; this one is on " + device()
                    + " (use to(Device.cpu()))");
        }
        return h.segment();
    }

    private long elementIndex(long[] index) {
        checkOpen();
        if (index.length != shape.length) {
            throw new IllegalArgumentException("expected " + shape.length + " indices, got " + index.length);
        }
        long e = offset;
        for (int i = 0; i < index.length; i++) {
            long k = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (k < 0 || k >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " is out of bounds for axis " + i
                        + " with size " + shape[i]);
            }
            e += k * strides[i];
        }
        return e;
    }

    // ------------------------------------------------------------------ arithmetic

    /**
     * {@code this + other} with broadcasting.
     *
     * @param other an array
     * @return the sum
     */
    public NDArray add(NDArray other) {
        return Ufunc.ADD.call(this, other);
    }

    /**
     * {@code this + s}, s a weak float scalar.
     *
     * @param s the scalar
     * @return the sum
     */
    public NDArray add(double s) {
        return Ufunc.ADD.call(this, s);
    }

    /**
     * {@code this + s}, s a weak integer scalar.
     *
     * @param s the scalar
     * @return the sum
     */
    public NDArray add(long s) {
        return Ufunc.ADD.call(this, s);
    }

    /**
     * {@code this - other}.
     *
     * @param other an array
     * @return the difference
     */
    public NDArray sub(NDArray other) {
        return Ufunc.SUBTRACT.call(this, other);
    }

    /**
     * {@code this - s}.
     *
     * @param s weak float scalar
     * @return the difference
     */
    public NDArray sub(double s) {
        return Ufunc.SUBTRACT.call(this, s);
    }

    /**
     * {@code this - s}.
     *
     * @param s weak integer scalar
     * @return the difference
     */
    public NDArray sub(long s) {
        return Ufunc.SUBTRACT.call(this, s);
    }

    /**
     * {@code this * other}.
     *
     * @param other an array
     * @return the product
     */
    public NDArray mul(NDArray other) {
        return Ufunc.MULTIPLY.call(this, other);
    }

    /**
     * {@code this * s}.
     *
     * @param s weak float scalar
     * @return the product
     */
    public NDArray mul(double s) {
        return Ufunc.MULTIPLY.call(this, s);
    }

    /**
     * {@code this * s}.
     *
     * @param s weak integer scalar
     * @return the product
     */
    public NDArray mul(long s) {
        return Ufunc.MULTIPLY.call(this, s);
    }

    /**
     * {@code this / other}, true division.
     *
     * @param other an array
     * @return the quotient
     */
    public NDArray div(NDArray other) {
        return Ufunc.DIVIDE.call(this, other);
    }

    /**
     * {@code this / s}.
     *
     * @param s weak float scalar
     * @return the quotient
     */
    public NDArray div(double s) {
        return Ufunc.DIVIDE.call(this, s);
    }

    /**
     * {@code this / s}.
     *
     * @param s weak integer scalar
     * @return the quotient
     */
    public NDArray div(long s) {
        return Ufunc.DIVIDE.call(this, s);
    }

    /**
     * {@code this ** other}.
     *
     * @param other an array
     * @return the power
     */
    public NDArray pow(NDArray other) {
        return Ufunc.POWER.call(this, other);
    }

    /**
     * {@code this ** s}.
     *
     * @param s weak float scalar
     * @return the power
     */
    public NDArray pow(double s) {
        return Ufunc.POWER.call(this, s);
    }

    /**
     * {@code this ** s}.
     *
     * @param s weak integer scalar
     * @return the power
     */
    public NDArray pow(long s) {
        return Ufunc.POWER.call(this, s);
    }

    /** {@return {@code -this}} */
    public NDArray neg() {
        return Ufunc.NEGATIVE.call(this);
    }

    /**
     * Matrix product with NumPy's batching and 1-D rules ({@code a @ b}).
     *
     * @param other the right operand
     * @return the product
     */
    public NDArray matmul(NDArray other) {
        return LinearAlgebra.matmul(this, other);
    }

    /**
     * {@code np.dot(this, other)}.
     *
     * @param other the right operand
     * @return the product
     */
    public NDArray dot(NDArray other) {
        return LinearAlgebra.dot(this, other);
    }

    // ------------------------------------------------------------------ reductions

    /** {@return the sum of all elements, 0-d} */
    public NDArray sum() {
        return Reductions.sum(this, null, false);
    }

    /**
     * Sum over axes.
     *
     * @param axes the axes, negative counted from the end
     * @return the sums
     */
    public NDArray sum(int... axes) {
        return Reductions.sum(this, axes, false);
    }

    /**
     * Sum over axes.
     *
     * @param keepdims keep reduced axes with size 1
     * @param axes the axes; none means all
     * @return the sums
     */
    public NDArray sum(boolean keepdims, int... axes) {
        return Reductions.sum(this, axes.length == 0 ? null : axes, keepdims);
    }

    /** {@return the product of all elements} */
    public NDArray prod() {
        return Reductions.prod(this, null, false);
    }

    /**
     * Product over axes.
     *
     * @param axes the axes
     * @return the products
     */
    public NDArray prod(int... axes) {
        return Reductions.prod(this, axes, false);
    }

    /** {@return the mean of all elements} */
    public NDArray mean() {
        return Reductions.mean(this, null, false);
    }

    /**
     * Mean over axes.
     *
     * @param axes the axes
     * @return the means
     */
    public NDArray mean(int... axes) {
        return Reductions.mean(this, axes, false);
    }

    /** {@return the largest element (NaN if any is NaN)} */
    public NDArray max() {
        return Reductions.max(this, null, false);
    }

    /**
     * Largest elements over axes.
     *
     * @param axes the axes
     * @return the maxima
     */
    public NDArray max(int... axes) {
        return Reductions.max(this, axes, false);
    }

    /** {@return the smallest element (NaN if any is NaN)} */
    public NDArray min() {
        return Reductions.min(this, null, false);
    }

    /**
     * Smallest elements over axes.
     *
     * @param axes the axes
     * @return the minima
     */
    public NDArray min(int... axes) {
        return Reductions.min(this, axes, false);
    }

    /** {@return the index of the largest element of the flattened array, 0-d int64} */
    public NDArray argmax() {
        return Reductions.argReduce(true, this, null, false);
    }

    /**
     * Indices of the largest elements along an axis.
     *
     * @param axis the axis
     * @return int64 indices
     */
    public NDArray argmax(int axis) {
        return Reductions.argReduce(true, this, axis, false);
    }

    /** {@return the index of the smallest element of the flattened array} */
    public NDArray argmin() {
        return Reductions.argReduce(false, this, null, false);
    }

    /**
     * Indices of the smallest elements along an axis.
     *
     * @param axis the axis
     * @return int64 indices
     */
    public NDArray argmin(int axis) {
        return Reductions.argReduce(false, this, axis, false);
    }

    /** {@return NumPy's repr, e.g. {@code array([1., 2.])}; summarized when large} */
    @Override
    public String toString() {
        if (closed) {
            return "array(<closed>)";
        }
        return ArrayFormat.repr(this);
    }

    /** Keeps this array reachable until here, so the cleaner cannot free memory in use. */
    void keepAlive() {
        Reference.reachabilityFence(this);
    }
}
