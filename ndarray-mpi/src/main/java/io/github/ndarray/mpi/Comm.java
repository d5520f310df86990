package io.github.ndarray.mpi;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An MPI communicator: point-to-point and collective operations on NDArrays of every dtype,
 * named as mpi4py's buffer methods ({@code Send}, {@code Allreduce}, ...) in camelCase.
 *
 * <pre>{@code
 * Comm world = Mpi.world();
 * NDArray x = ND.arange(8.0).mul(world.rank());
 * NDArray sum = world.allreduce(x, Ufunc.ADD);               // every rank gets the sum
 * NDArray all = world.rank() == 0 ? ND.empty(DType.FLOAT64, world.size(), 8) : null;
 * world.gather(x, all, 0);                                   // rank 0 gets every x, row by row
 * }</pre>
 *
 * <p><b>Buffers.</b> A C-contiguous array in host memory goes to MPI as it is (no copy); any other
 * view (strided, transposed, broadcast) is packed into one contiguous copy, and a receive into a
 * strided view is received packed and copied into it. Arrays on a GPU are refused: copy them with
 * {@code a.to(Device.cpu())}. Arrays of one call must share a dtype; counts and displacements of
 * the {@code v} variants are in elements. A send and a receive array of one call must not overlap.
 * Every array's memory is held for the length of the call, or of the {@link Request}.
 *
 * <p><b>Ranks.</b> {@link #ANY_SOURCE}, {@link #ANY_TAG} and {@link #PROC_NULL} are this class's
 * constants, the same whatever the library (Open MPI and MPICH number them differently).
 *
 * <p>Errors the library reports throw {@link MpiException}; bad arguments found before the call
 * throw {@link IllegalArgumentException}; any call after {@link Mpi#shutdown()} throws
 * {@link IllegalStateException}.
 */
public final class Comm {
    /** Receive from any rank. */
    public static final int ANY_SOURCE = -1;
    /** Receive with any tag. */
    public static final int ANY_TAG = -1;
    /** The null peer: a send to it or a receive from it completes at once and moves nothing. */
    public static final int PROC_NULL = -2;

    private final MpiRuntime rt;
    private final Abi abi;
    private final Native nat;
    private final long handle;
    private int rank = -1;
    private int size = -1;

    Comm(MpiRuntime rt, long handle) {
        this.rt = rt;
        this.abi = rt.abi;
        this.nat = rt.nat;
        this.handle = handle;
    }

    /** {@return this process's rank in the communicator, 0 to size()-1} */
    public int rank() {
        if (rank < 0) {
            rank = query(true);
        }
        return rank;
    }

    /** {@return the number of processes in the communicator} */
    public int size() {
        if (size < 0) {
            size = query(false);
        }
        return size;
    }

    private int query(boolean ofRank) {
        rt.checkActive();
        MemorySegment out = MpiRuntime.scratch();
        rt.check(ofRank ? nat.commRank(handle, out) : nat.commSize(handle, out),
                ofRank ? "MPI_Comm_rank" : "MPI_Comm_size");
        return out.get(ValueLayout.JAVA_INT, 0);
    }

    /**
     * The processes of this communicator that share memory with this one (one host):
     * {@code MPI_Comm_split_type(MPI_COMM_TYPE_SHARED)}. Free it with {@link #free()}.
     *
     * @return the new communicator
     */
    public Comm splitShared() {
        rt.checkActive();
        MemorySegment out = MpiRuntime.scratch();
        rt.check(nat.commSplitType(handle, abi.commTypeShared, 0, abi.infoNull, out), "MPI_Comm_split_type");
        return new Comm(rt, abi.readHandle(out, 0));
    }

    /** Frees a communicator this process made ({@code MPI_Comm_free}); not the world. */
    public void free() {
        if (handle == abi.commWorld || handle == abi.commSelf) {
            throw new IllegalArgumentException("the predefined communicators cannot be freed");
        }
        rt.checkActive();
        MemorySegment h = MpiRuntime.scratch();
        if (abi.handleLayout instanceof ValueLayout.OfInt i) {
            h.set(i, 0, (int) handle);
        } else {
            h.set(ValueLayout.ADDRESS, 0, MemorySegment.ofAddress(handle));
        }
        rt.check(nat.commFree(h), "MPI_Comm_free");
    }

    // ------------------------------------------------------------------ point to point

    /**
     * Sends an array's elements ({@code MPI_Send}); the receiver must expect as many of the same dtype.
     *
     * @param a the elements to send, in C order
     * @param dest the receiving rank, or {@link #PROC_NULL}
     * @param tag the message tag, 0 or more
     */
    public void send(NDArray a, int dest, int tag) {
        rt.checkActive();
        try (Buffer b = Buffer.in(a, "the array to send")) {
            rt.check(nat.send(b.segment, b.count, type(b), peer(dest), tag, handle), "MPI_Send");
        }
    }

    /**
     * Receives a message into an array ({@code MPI_Recv}); it may be shorter than the array, not longer.
     *
     * @param into where the elements go, in C order
     * @param source the sending rank, {@link #ANY_SOURCE} or {@link #PROC_NULL}
     * @param tag the tag, or {@link #ANY_TAG}
     * @return who sent it, its tag and size
     */
    public Status recv(NDArray into, int source, int tag) {
        rt.checkActive();
        try (Buffer b = Buffer.out(into, "the array to receive into")) {
            MemorySegment st = MpiRuntime.scratch();
            rt.check(nat.recv(b.segment, b.count, type(b), peer(source), tag, handle, st), "MPI_Recv");
            b.finish();
            return status(rt, st, b.dtype);
        }
    }

    /**
     * Starts a send ({@code MPI_Isend}); the array's memory is held until the request completes.
     * Do not write the array before then.
     *
     * @param a the elements to send
     * @param dest the receiving rank
     * @param tag the message tag
     * @return the request; call {@link Request#waitFor()}
     */
    public Request isend(NDArray a, int dest, int tag) {
        rt.checkActive();
        Buffer b = Buffer.in(a, "the array to send");
        return start(b, false, r -> nat.isend(b.segment, b.count, type(b), peer(dest), tag, handle, r), "MPI_Isend");
    }

    /**
     * Starts a receive ({@code MPI_Irecv}); the array holds the message once the request completes.
     *
     * @param into where the elements go
     * @param source the sending rank, or {@link #ANY_SOURCE}
     * @param tag the tag, or {@link #ANY_TAG}
     * @return the request; call {@link Request#waitFor()}
     */
    public Request irecv(NDArray into, int source, int tag) {
        rt.checkActive();
        Buffer b = Buffer.out(into, "the array to receive into");
        return start(b, true, r -> nat.irecv(b.segment, b.count, type(b), peer(source), tag, handle, r), "MPI_Irecv");
    }

    private interface Starter {
        int start(MemorySegment request);
    }

    private Request start(Buffer b, boolean isReceive, Starter call, String function) {
        try {
            Request r = new Request(rt, b, isReceive);
            rt.check(call.start(r.handle()), function);
            return r;
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    /**
     * Sends one array and receives another in one step ({@code MPI_Sendrecv}), without the
     * deadlock two blocking sends could make (a ring shift, a halo exchange).
     *
     * @param send the elements to send
     * @param dest the receiving rank, or {@link #PROC_NULL}
     * @param sendTag the tag of the message sent
     * @param into where the received elements go (same dtype)
     * @param source the sending rank, {@link #ANY_SOURCE} or {@link #PROC_NULL}
     * @param recvTag the tag expected, or {@link #ANY_TAG}
     * @return the status of the received message
     */
    public Status sendrecv(NDArray send, int dest, int sendTag, NDArray into, int source, int recvTag) {
        rt.checkActive();
        try (Buffer s = Buffer.in(send, "the array to send"); Buffer r = Buffer.out(into, "the array to receive into")) {
            checkSameType(s, r);
            checkDisjoint(s, r);
            MemorySegment st = MpiRuntime.scratch();
            rt.check(nat.sendrecv(s.segment, s.count, type(s), peer(dest), sendTag, r.segment, r.count, type(r),
                    peer(source), recvTag, handle, st), "MPI_Sendrecv");
            r.finish();
            return status(rt, st, r.dtype);
        }
    }

    /**
     * Waits for a message without receiving it ({@code MPI_Probe}), to learn its sender, tag and size.
     *
     * @param source the sending rank, or {@link #ANY_SOURCE}
     * @param tag the tag, or {@link #ANY_TAG}
     * @return the message's status; {@link Status#count(DType)} sizes the array to receive it
     */
    public Status probe(int source, int tag) {
        rt.checkActive();
        MemorySegment st = MpiRuntime.scratch();
        rt.check(nat.probe(peer(source), tag, handle, st), "MPI_Probe");
        return status(rt, st, DType.UINT8);
    }

    // ------------------------------------------------------------------ collectives

    /** Waits until every rank has called it ({@code MPI_Barrier}). */
    public void barrier() {
        rt.checkActive();
        rt.check(nat.barrier(handle), "MPI_Barrier");
    }

    /**
     * Copies root's array into every rank's ({@code MPI_Bcast}); every rank passes an array of the
     * same dtype and size.
     *
     * @param a root: the data; others: where it goes
     * @param root the sending rank
     */
    public void bcast(NDArray a, int root) {
        rt.checkActive();
        checkRoot(root);
        try (Buffer b = rank() == root ? Buffer.in(a, "the array to broadcast") : Buffer.out(a, "the array to receive into")) {
            rt.check(nat.bcast(b.segment, b.count, type(b), root, handle), "MPI_Bcast");
            b.finish();
        }
    }

    /**
     * Deals equal parts of root's array to the ranks in rank order ({@code MPI_Scatter}): rank i
     * gets elements {@code [i*n, (i+1)*n)} of root's array in C order, n the size of {@code into}.
     *
     * @param send root: size() times as many elements as {@code into}; others: ignored (may be null)
     * @param into this rank's part
     * @param root the sending rank
     */
    public void scatter(NDArray send, NDArray into, int root) {
        rt.checkActive();
        checkRoot(root);
        try (Buffer r = Buffer.out(into, "the array to receive into"); Buffer s = atRoot(root, send, "the array to scatter")) {
            if (s != null) {
                checkSameType(s, r);
                checkCount(s, (long) r.count * size(), "the array to scatter");
                checkDisjoint(s, r);
            }
            rt.check(nat.scatter(seg(s), r.count, type(r), r.segment, r.count, type(r), root, handle), "MPI_Scatter");
            r.finish();
        }
    }

    /**
     * Deals parts of different sizes ({@code MPI_Scatterv}): rank i gets {@code counts[i]}
     * elements from element {@code displs[i]} of root's array.
     *
     * @param send root: the data; others: ignored (may be null)
     * @param counts root: elements per rank; others: ignored (may be null)
     * @param displs root: where each rank's part starts, in elements, or null for the parts one
     *     after another
     * @param into this rank's part: {@code counts[rank]} elements
     * @param root the sending rank
     */
    public void scatterv(NDArray send, int[] counts, int[] displs, NDArray into, int root) {
        rt.checkActive();
        checkRoot(root);
        try (Arena arena = Arena.ofConfined(); Buffer r = Buffer.out(into, "the array to receive into");
                Buffer s = atRoot(root, send, "the array to scatter")) {
            MemorySegment c = MemorySegment.NULL;
            MemorySegment d = MemorySegment.NULL;
            if (s != null) {
                checkSameType(s, r);
                checkDisjoint(s, r);
                int[] dd = layout(counts, displs, s, "the array to scatter");
                c = arena.allocateFrom(ValueLayout.JAVA_INT, counts);
                d = arena.allocateFrom(ValueLayout.JAVA_INT, dd);
            }
            rt.check(nat.scatterv(seg(s), c, d, type(r), r.segment, r.count, type(r), root, handle), "MPI_Scatterv");
            r.finish();
        }
    }

    /**
     * Collects every rank's array at root in rank order ({@code MPI_Gather}).
     *
     * @param send this rank's part (every rank the same size)
     * @param into root: size() times as many elements; others: ignored (may be null)
     * @param root the receiving rank
     */
    public void gather(NDArray send, NDArray into, int root) {
        rt.checkActive();
        checkRoot(root);
        try (Buffer s = Buffer.in(send, "the array to send"); Buffer r = atRootOut(root, into)) {
            if (r != null) {
                checkSameType(s, r);
                checkCount(r, (long) s.count * size(), "the array to gather into");
                checkDisjoint(s, r);
            }
            rt.check(nat.gather(s.segment, s.count, type(s), seg(r), s.count, type(s), root, handle), "MPI_Gather");
            finish(r);
        }
    }

    /**
     * Collects parts of different sizes at root ({@code MPI_Gatherv}): rank i's part lands at
     * element {@code displs[i]} of root's array.
     *
     * @param send this rank's part ({@code counts[rank]} elements)
     * @param into root: the whole; others: ignored (may be null)
     * @param counts root: elements per rank; others: ignored (may be null)
     * @param displs root: where each part goes, in elements, or null for one after another
     * @param root the receiving rank
     */
    public void gatherv(NDArray send, NDArray into, int[] counts, int[] displs, int root) {
        rt.checkActive();
        checkRoot(root);
        try (Arena arena = Arena.ofConfined(); Buffer s = Buffer.in(send, "the array to send");
                Buffer r = atRootOut(root, into)) {
            MemorySegment c = MemorySegment.NULL;
            MemorySegment d = MemorySegment.NULL;
            if (r != null) {
                checkSameType(s, r);
                checkDisjoint(s, r);
                int[] dd = layout(counts, displs, r, "the array to gather into");
                c = arena.allocateFrom(ValueLayout.JAVA_INT, counts);
                d = arena.allocateFrom(ValueLayout.JAVA_INT, dd);
            }
            rt.check(nat.gatherv(s.segment, s.count, type(s), seg(r), c, d, type(s), root, handle), "MPI_Gatherv");
            finish(r);
        }
    }

    /**
     * Every rank gets every rank's array, in rank order ({@code MPI_Allgather}).
     *
     * @param send this rank's part (every rank the same size)
     * @param into size() times as many elements
     */
    public void allgather(NDArray send, NDArray into) {
        rt.checkActive();
        try (Buffer s = Buffer.in(send, "the array to send"); Buffer r = Buffer.out(into, "the array to gather into")) {
            checkSameType(s, r);
            checkCount(r, (long) s.count * size(), "the array to gather into");
            checkDisjoint(s, r);
            rt.check(nat.allgather(s.segment, s.count, type(s), r.segment, s.count, type(s), handle), "MPI_Allgather");
            r.finish();
        }
    }

    /**
     * Every rank gets every rank's part, parts of different sizes ({@code MPI_Allgatherv}).
     *
     * @param send this rank's part ({@code counts[rank]} elements)
     * @param into the whole
     * @param counts elements per rank
     * @param displs where each part goes, in elements, or null for one after another
     */
    public void allgatherv(NDArray send, NDArray into, int[] counts, int[] displs) {
        rt.checkActive();
        try (Arena arena = Arena.ofConfined(); Buffer s = Buffer.in(send, "the array to send");
                Buffer r = Buffer.out(into, "the array to gather into")) {
            checkSameType(s, r);
            checkDisjoint(s, r);
            int[] dd = layout(counts, displs, r, "the array to gather into");
            rt.check(nat.allgatherv(s.segment, s.count, type(s), r.segment, arena.allocateFrom(ValueLayout.JAVA_INT, counts),
                    arena.allocateFrom(ValueLayout.JAVA_INT, dd), type(s), handle), "MPI_Allgatherv");
            r.finish();
        }
    }

    /**
     * Combines every rank's array element by element at root ({@code MPI_Reduce}).
     *
     * @param send this rank's array (every rank the same dtype and size)
     * @param into root: the result, same dtype and size; others: ignored (may be null)
     * @param op add, multiply, maximum, minimum, logical_and/or/xor or bitwise_and/or/xor
     * @param root the receiving rank
     */
    public void reduce(NDArray send, NDArray into, Ufunc op, int root) {
        rt.checkActive();
        checkRoot(root);
        try (Buffer s = Buffer.in(send, "the array to reduce"); Buffer r = atRootOut(root, into)) {
            long mpiOp = Reduction.handle(rt, op, s.dtype);
            if (r != null) {
                checkSameType(s, r);
                checkCount(r, s.count, "the array to reduce into");
                checkDisjoint(s, r);
            }
            rt.check(nat.reduce(s.segment, seg(r), s.count, type(s), mpiOp, root, handle), "MPI_Reduce");
            finish(r);
        }
    }

    /**
     * Combines every rank's array element by element; every rank gets the result
     * ({@code MPI_Allreduce}).
     *
     * @param send this rank's array (every rank the same dtype and size)
     * @param into the result, same dtype and size
     * @param op add, multiply, maximum, minimum, logical_and/or/xor or bitwise_and/or/xor
     */
    public void allreduce(NDArray send, NDArray into, Ufunc op) {
        rt.checkActive();
        try (Buffer s = Buffer.in(send, "the array to reduce"); Buffer r = Buffer.out(into, "the array to reduce into")) {
            long mpiOp = Reduction.handle(rt, op, s.dtype);
            checkSameType(s, r);
            checkCount(r, s.count, "the array to reduce into");
            checkDisjoint(s, r);
            rt.check(nat.allreduce(s.segment, r.segment, s.count, type(s), mpiOp, handle), "MPI_Allreduce");
            r.finish();
        }
    }

    /**
     * {@link #allreduce(NDArray, NDArray, Ufunc)} into a new array of {@code send}'s dtype and shape.
     *
     * @param send this rank's array
     * @param op the reduction
     * @return the result, on every rank
     */
    public NDArray allreduce(NDArray send, Ufunc op) {
        NDArray out = ND.empty(send.dtype(), send.shape());
        try {
            allreduce(send, out, op);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Every rank sends part j of its array to rank j and receives part i of every rank's
     * ({@code MPI_Alltoall}): a distributed transpose.
     *
     * @param send size() equal parts, one per destination
     * @param into size() equal parts, one per source; as many elements as {@code send}
     */
    public void alltoall(NDArray send, NDArray into) {
        rt.checkActive();
        try (Buffer s = Buffer.in(send, "the array to send"); Buffer r = Buffer.out(into, "the array to receive into")) {
            checkSameType(s, r);
            if (s.count % size() != 0) {
                throw new IllegalArgumentException("alltoall: " + s.count + " elements do not split into " + size()
                        + " equal parts");
            }
            checkCount(r, s.count, "the array to receive into");
            checkDisjoint(s, r);
            int part = s.count / size();
            rt.check(nat.alltoall(s.segment, part, type(s), r.segment, part, type(s), handle), "MPI_Alltoall");
            r.finish();
        }
    }

    /**
     * {@link #alltoall} with parts of different sizes ({@code MPI_Alltoallv}); counts and
     * displacements in elements, per rank.
     *
     * @param send the parts to send
     * @param sendCounts elements sent to each rank
     * @param sendDispls where each part starts in {@code send}, or null for one after another
     * @param into where the parts received go
     * @param recvCounts elements received from each rank
     * @param recvDispls where each part goes in {@code into}, or null for one after another
     */
    public void alltoallv(NDArray send, int[] sendCounts, int[] sendDispls, NDArray into, int[] recvCounts,
            int[] recvDispls) {
        rt.checkActive();
        try (Arena arena = Arena.ofConfined(); Buffer s = Buffer.in(send, "the array to send");
                Buffer r = Buffer.out(into, "the array to receive into")) {
            checkSameType(s, r);
            checkDisjoint(s, r);
            int[] sd = layout(sendCounts, sendDispls, s, "the array to send");
            int[] rd = layout(recvCounts, recvDispls, r, "the array to receive into");
            rt.check(nat.alltoallv(s.segment, arena.allocateFrom(ValueLayout.JAVA_INT, sendCounts),
                    arena.allocateFrom(ValueLayout.JAVA_INT, sd), type(s), r.segment,
                    arena.allocateFrom(ValueLayout.JAVA_INT, recvCounts), arena.allocateFrom(ValueLayout.JAVA_INT, rd),
                    type(s), handle), "MPI_Alltoallv");
            r.finish();
        }
    }

    @Override
    public String toString() {
        return "Comm(rank " + rank() + " of " + size() + ", " + Mpi.library() + ")";
    }

    // ------------------------------------------------------------------ helpers

    private long type(Buffer b) {
        return abi.datatype(b.dtype);
    }

    /** Our rank constants to the library's. */
    private int peer(int r) {
        return r == ANY_SOURCE ? abi.anySource : r == PROC_NULL ? abi.procNull : r;
    }

    /** Reads a status; {@code st} has 8 bytes after the status for its count. */
    static Status status(MpiRuntime rt, MemorySegment st, DType dtype) {
        Abi abi = rt.abi;
        MemorySegment count = st.asSlice(abi.statusSize, 4);
        rt.check(rt.nat.getCount(st, abi.datatype(DType.UINT8), count), "MPI_Get_count");
        int source = st.get(ValueLayout.JAVA_INT, abi.statusSourceOffset);
        source = source == abi.procNull ? PROC_NULL : source;
        long bytes = count.get(ValueLayout.JAVA_INT, 0);
        return new Status(source, st.get(ValueLayout.JAVA_INT, abi.statusTagOffset), bytes);
    }

    private static MemorySegment seg(Buffer b) {
        return b == null ? MemorySegment.NULL : b.segment;
    }

    private static void finish(Buffer b) {
        if (b != null) {
            b.finish();
        }
    }

    /** Root's send buffer; null on the other ranks, which pass none to MPI. */
    private Buffer atRoot(int root, NDArray a, String what) {
        return rank() == root ? Buffer.in(a, what) : null;
    }

    private Buffer atRootOut(int root, NDArray a) {
        return rank() == root ? Buffer.out(a, "the array to receive into") : null;
    }

    private void checkRoot(int root) {
        if (root < 0 || root >= size()) {
            throw new IllegalArgumentException("root " + root + " is not a rank of this communicator of size " + size());
        }
    }

    private static void checkSameType(Buffer a, Buffer b) {
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException("the arrays of one MPI call must have one dtype, got " + a.dtype
                    + " and " + b.dtype);
        }
    }

    private static void checkCount(Buffer b, long expected, String what) {
        if (b.count != expected) {
            throw new IllegalArgumentException(what + " has " + b.count + " elements, expected " + expected);
        }
    }

    private static void checkDisjoint(Buffer s, Buffer r) {
        if (s.overlaps(r)) {
            throw new IllegalArgumentException("the send and receive arrays overlap in memory; MPI forbids it");
        }
    }

    /**
     * Checks per-rank counts and displacements against a buffer.
     *
     * @return the displacements (the given ones, or the parts one after another)
     */
    private int[] layout(int[] counts, int[] displs, Buffer b, String what) {
        int n = size();
        if (counts == null || counts.length != n) {
            throw new IllegalArgumentException("counts: one per rank expected (" + n + "), got "
                    + (counts == null ? "null" : counts.length));
        }
        if (displs != null && displs.length != n) {
            throw new IllegalArgumentException("displs: one per rank expected (" + n + "), got " + displs.length);
        }
        int[] d = new int[n];
        long next = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("counts[" + i + "] is negative: " + counts[i]);
            }
            long start = displs == null ? next : displs[i];
            if (start < 0 || start + counts[i] > b.count) {
                throw new IllegalArgumentException(what + " has " + b.count + " elements; part " + i + " ("
                        + counts[i] + " from " + start + ") does not fit");
            }
            d[i] = (int) start;
            next = start + counts[i];
        }
        return d;
    }
}
