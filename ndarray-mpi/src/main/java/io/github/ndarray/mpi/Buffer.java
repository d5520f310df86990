package io.github.ndarray.mpi;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.spi.HostStorage;
import io.github.ndarray.spi.Storage;
import java.lang.foreign.MemorySegment;

/**
 * An array's memory as MPI takes it, for the length of one call (or one request): the array's
 * own memory when it is C-contiguous on the host (no copy), else one packed copy. The memory is
 * held ({@link Storage#retain()}) until {@link #close()}, so that closing the array on another
 * thread cannot free what MPI reads or writes. A receive into a strided view lands in a packed
 * block first and {@link #finish()} copies it into the view.
 */
final class Buffer implements AutoCloseable {
    final MemorySegment segment;
    final int count;
    final DType dtype;
    private final Storage held;
    /** The packed copy (ours to close), or null when MPI works on the array itself. */
    private final NDArray packed;
    /** The strided array a packed receive is copied into, or null. */
    private final NDArray target;

    private Buffer(NDArray array, NDArray packed, NDArray target) {
        NDArray a = packed != null ? packed : array;
        this.dtype = a.dtype();
        this.count = count(a.size());
        Storage s = a.storage();
        s.retain();
        this.held = s;
        this.packed = packed;
        this.target = target;
        long bytes = a.size() * dtype.itemSize();
        this.segment = bytes == 0 ? MemorySegment.NULL
                : ((HostStorage) s).segment().asSlice(a.elementOffset() * dtype.itemSize(), bytes);
    }

    /** The elements of {@code a}, to be read by MPI. */
    static Buffer in(NDArray a, String what) {
        checkHost(a, what);
        return a.isContiguous() ? new Buffer(a, null, null) : new Buffer(a, a.copy(), null);
    }

    /** Memory for MPI to write {@code a}'s elements into; call {@link #finish()} when it has. */
    static Buffer out(NDArray a, String what) {
        checkHost(a, what);
        if (!a.isWriteable()) {
            throw new IllegalArgumentException(what + " is read-only (a broadcast view): MPI cannot write into it");
        }
        return a.isContiguous() ? new Buffer(a, null, null) : new Buffer(a, ND.empty(a.dtype(), a.shape()), a);
    }

    private static void checkHost(NDArray a, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (!(a.storage() instanceof HostStorage)) {
            throw new IllegalArgumentException("MPI needs host memory: " + what + " is on " + a.device()
                    + "; copy it with a.to(Device.cpu()) and back (MPI is not CUDA-aware here)");
        }
    }

    /** MPI counts are C ints (MPI 3); larger arrays would need derived datatypes. */
    static int count(long n) {
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(n + " elements in one MPI call; at most " + Integer.MAX_VALUE
                    + " (MPI counts are C ints): send it in parts");
        }
        return (int) n;
    }

    /** After MPI wrote into a packed block: copies it into the strided array. */
    void finish() {
        if (target != null) {
            target.assign(packed);
        }
    }

    /** {@return whether the memory of this buffer and {@code other} overlap (MPI forbids aliased arguments)} */
    boolean overlaps(Buffer other) {
        long a = segment.address();
        long b = other.segment.address();
        return count > 0 && other.count > 0 && a < b + other.segment.byteSize() && b < a + segment.byteSize();
    }

    @Override
    public void close() {
        held.release();
        if (packed != null) {
            packed.close();
        }
    }
}
