package io.github.ndarray.mpi;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.util.List;

/**
 * The program {@link MpiJobTest} starts under {@code mpirun}: every point-to-point and collective
 * operation on every dtype, on contiguous arrays and strided views, each result compared with
 * the answer this rank computes alone from every rank's data (which any rank can make: rank q's
 * data is drawn from seed q). A failed check throws, which aborts the job; success prints one
 * line per rank. Other scenarios (a failing rank, calls after finalize) are selected by the
 * first argument.
 */
public final class CommJob {
    private static final List<Ufunc> REDUCTIONS = List.of(Ufunc.ADD, Ufunc.MULTIPLY, Ufunc.MAXIMUM, Ufunc.MINIMUM,
            Ufunc.LOGICAL_AND, Ufunc.LOGICAL_OR, Ufunc.LOGICAL_XOR, Ufunc.BITWISE_AND, Ufunc.BITWISE_OR,
            Ufunc.BITWISE_XOR);

    private final Comm world = Mpi.world();
    private final int rank = world.rank();
    private final int size = world.size();
    private int checks;

    public static void main(String[] args) {
        Mpi.run(args, a -> {
            switch (a[0]) {
                case "comm" -> new CommJob().all();
                case "throw" -> failingRank(false);
                case "throw-with-thread" -> failingRank(true);
                case "after-finalize" -> afterFinalize();
                default -> throw new IllegalArgumentException(a[0]);
            }
        });
    }

    private void all() {
        for (DType t : DType.values()) {
            pointToPoint(t);
            broadcast(t);
            scatterGather(t);
            reductions(t);
            allToAll(t);
        }
        errors();
        System.out.println("rank " + rank + "/" + size + ": " + checks + " checks passed (" + Mpi.library() + ")");
    }

    // ------------------------------------------------------------------ data

    /** Rank q's data: random values of the dtype's range (small, so that products stay exact in float64). */
    static NDArray data(int q, int salt, DType t, long... shape) {
        var g = ND.random(1000L * q + salt);
        try (NDArray v = switch (t) {
            case BOOL -> g.integers(0, 2, shape);
            case UINT8 -> g.integers(0, 256, shape);
            case INT8 -> g.integers(-128, 128, shape);
            default -> t.isFloating() ? g.random(shape).mul(20.0).sub(10.0) : g.integers(-1000, 1000, shape);
        }) {
            return v.astype(t);
        }
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("rank " + rank + "/" + size + ": " + what);
        }
        checks++;
    }

    private void checkEqual(NDArray expected, NDArray actual, String what) {
        boolean ok = expected.dtype().isFloating()
                ? ND.allclose(expected, actual, expected.dtype() == DType.FLOAT32 ? 1e-5 : 1e-12, 1e-5)
                : ND.arrayEqual(expected, actual);
        check(ok, what + ": expected " + expected + ", got " + actual);
    }

    /** A (rows, 2*cols) array whose odd columns hold -1s, and its even columns: a strided view. */
    private static NDArray stridedTarget(DType t, long rows, long cols) {
        return ND.full(t, t == DType.BOOL ? 1 : (t == DType.UINT8 ? 255 : -1), rows, 2 * cols);
    }

    private void checkUntouched(NDArray parent, DType t, String what) {
        NDArray odd = parent.get(":, 1::2");
        checkEqual(ND.full(t, t == DType.BOOL ? 1 : (t == DType.UINT8 ? 255 : -1), odd.shape()), odd,
                what + " (columns outside the strided view)");
    }

    // ------------------------------------------------------------------ point to point

    private void pointToPoint(DType t) {
        int next = (rank + 1) % size;
        int prev = (rank + size - 1) % size;
        // sendrecv around the ring: a transposed (strided) send, a strided receive.
        NDArray mine = data(rank, 1, t, 3, 4);
        NDArray parent = stridedTarget(t, 4, 3);
        NDArray into = parent.get(":, ::2");
        Status st = world.sendrecv(mine.T(), next, 5, into, prev, 5);
        checkEqual(data(prev, 1, t, 3, 4).T(), into, "sendrecv " + t);
        checkUntouched(parent, t, "sendrecv " + t);
        check(st.source() == prev && st.tag() == 5 && st.count(t) == 12, "sendrecv status " + st);

        // isend/irecv around the ring, then a probe-sized blocking send/recv from each to rank 0.
        NDArray got = ND.zeros(t, 7);
        Request r = world.irecv(got, prev, 6);
        Request s = world.isend(data(rank, 2, t, 7), next, 6);
        Request.waitAll(s, r);
        checkEqual(data(prev, 2, t, 7), got, "isend/irecv " + t);
        check(r.test(), "a completed request tests true");

        if (rank == 0) {
            for (int i = 1; i < size; i++) {
                Status p = world.probe(Comm.ANY_SOURCE, 9);
                NDArray m = ND.zeros(t, p.count(t));
                Status q = world.recv(m, p.source(), 9);
                check(q.source() == p.source() && m.size() == p.source() + 1, "probe then recv " + p + " " + q);
                checkEqual(data(p.source(), 3, t, p.source() + 1), m, "recv after probe " + t);
            }
        } else {
            world.send(data(rank, 3, t, rank + 1), 0, 9);
        }
        Status none = world.recv(ND.zeros(t, 3), Comm.PROC_NULL, 0);
        check(none.source() == Comm.PROC_NULL && none.byteCount() == 0, "recv from PROC_NULL: " + none);
    }

    // ------------------------------------------------------------------ collectives

    private void broadcast(DType t) {
        int root = size - 1;
        NDArray parent = stridedTarget(t, 2, 5);
        NDArray a = parent.get(":, ::2");
        if (rank == root) {
            a.assign(data(root, 4, t, 2, 5));
        }
        world.bcast(a, root);
        checkEqual(data(root, 4, t, 2, 5), a, "bcast " + t);
        checkUntouched(parent, t, "bcast " + t);
    }

    private void scatterGather(DType t) {
        int k = 3;
        NDArray whole = data(0, 5, t, size, k);
        // scatter from root 0 into a strided view; gather it back into rank size-1, strided.
        NDArray parent = stridedTarget(t, 1, k);
        NDArray part = parent.get(":, ::2");
        world.scatter(rank == 0 ? whole : null, part.reshape(k).reshape(1, k), 0);
        NDArray mineExpected = whole.get(rank + ":" + (rank + 1));
        checkEqual(mineExpected, part, "scatter " + t);
        checkUntouched(parent, t, "scatter " + t);

        int root = size - 1;
        NDArray back = rank == root ? stridedTarget(t, size, k) : null;
        world.gather(part, back == null ? null : back.get(":, ::2"), root);
        if (back != null) {
            checkEqual(whole, back.get(":, ::2"), "gather " + t);
            checkUntouched(back, t, "gather " + t);
        }

        NDArray everyone = ND.zeros(t, size, k);
        world.allgather(part, everyone);
        checkEqual(whole, everyone, "allgather " + t);

        // v variants: rank i holds i elements (rank 0 none).
        int[] counts = new int[size];
        int total = 0;
        for (int i = 0; i < size; i++) {
            counts[i] = i;
            total += i;
        }
        NDArray flat = data(0, 6, t, total);
        NDArray mine = ND.zeros(t, rank);
        world.scatterv(rank == 0 ? flat : null, rank == 0 ? counts : null, null, mine, 0);
        int start = rank * (rank - 1) / 2;
        checkEqual(flat.get(start + ":" + (start + rank)), mine, "scatterv " + t);

        NDArray all = rank == 0 ? ND.zeros(t, total) : null;
        world.gatherv(mine, all, rank == 0 ? counts : null, null, 0);
        if (all != null) {
            checkEqual(flat, all, "gatherv " + t);
        }
        // allgatherv with displacements in reverse rank order.
        int[] displs = new int[size];
        for (int i = size - 1, at = 0; i >= 0; i--) {
            displs[i] = at;
            at += counts[i];
        }
        NDArray rev = ND.zeros(t, total);
        world.allgatherv(mine, rev, counts, displs);
        for (int i = 0; i < size; i++) {
            int s = i * (i - 1) / 2;
            checkEqual(flat.get(s + ":" + (s + i)), rev.get(displs[i] + ":" + (displs[i] + i)), "allgatherv part " + i);
        }
    }

    private void reductions(DType t) {
        for (Ufunc op : REDUCTIONS) {
            boolean integral = t == DType.BOOL || t.isInteger();
            boolean logicalOrBitwise = op != Ufunc.ADD && op != Ufunc.MULTIPLY && op != Ufunc.MAXIMUM
                    && op != Ufunc.MINIMUM;
            NDArray mine = data(rank, 7, t, 4, 6).get("::-1, ::2");   // strided
            if (logicalOrBitwise && !integral) {
                try {
                    world.allreduce(mine, op);
                    check(false, op.name() + " on " + t + " must be refused");
                } catch (IllegalArgumentException expected) {
                    check(expected.getMessage().contains(op.name()), expected.getMessage());
                }
                continue;
            }
            if (t.isFloating() && (op == Ufunc.MAXIMUM || op == Ufunc.MINIMUM)) {
                nanPropagates(t, op);
            }
            NDArray expected = data(0, 7, t, 4, 6).get("::-1, ::2");
            for (int q = 1; q < size; q++) {
                expected = op.call(expected, data(q, 7, t, 4, 6).get("::-1, ::2")).astype(t);
            }
            checkEqual(expected, world.allreduce(mine, op), "allreduce " + op.name() + " " + t);
            int root = size / 2;
            NDArray parent = rank == root ? stridedTarget(t, 4, 3) : null;
            world.reduce(mine, parent == null ? null : parent.get(":, ::2"), op, root);
            if (parent != null) {
                checkEqual(expected, parent.get(":, ::2"), "reduce " + op.name() + " " + t);
                checkUntouched(parent, t, "reduce " + op.name() + " " + t);
            }
        }
    }

    /** NumPy's maximum/minimum propagate NaN whichever rank holds it; MPI_MAX alone does not. */
    private void nanPropagates(DType t, Ufunc op) {
        NDArray mine = data(rank, 10, t, 5);
        mine.setDouble(Double.NaN, rank % 5);
        mine.setDouble(rank % 2 == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, 4);
        NDArray expected = null;
        for (int q = 0; q < size; q++) {
            NDArray d = data(q, 10, t, 5);
            d.setDouble(Double.NaN, q % 5);
            d.setDouble(q % 2 == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, 4);
            expected = expected == null ? d : op.call(expected, d);
        }
        NDArray got = world.allreduce(mine, op);
        check(java.util.Arrays.equals(expected.toDoubleArray(), got.toDoubleArray()),
                "allreduce " + op.name() + " " + t + " with NaN and inf: expected " + expected + ", got " + got);
    }

    private void allToAll(DType t) {
        // Rank r sends block j of its (size, 2) data to rank j: rank r receives block r of everyone's.
        NDArray send = data(rank, 8, t, size, 2);
        NDArray got = ND.zeros(t, size, 2);
        world.alltoall(send, got);
        for (int q = 0; q < size; q++) {
            checkEqual(data(q, 8, t, size, 2).get(rank + ":" + (rank + 1)), got.get(q + ":" + (q + 1)), "alltoall " + t);
        }
        // v: rank r sends j+1 elements to rank j, receives r+1 from each.
        int[] sc = new int[size];
        int[] rc = new int[size];
        int total = 0;
        for (int j = 0; j < size; j++) {
            sc[j] = j + 1;
            rc[j] = rank + 1;
            total += j + 1;
        }
        NDArray sv = data(rank, 9, t, total);
        NDArray rv = ND.zeros(t, (long) size * (rank + 1));
        world.alltoallv(sv, sc, null, rv, rc, null);
        int from = rank * (rank + 1) / 2;
        for (int q = 0; q < size; q++) {
            checkEqual(data(q, 9, t, total).get(from + ":" + (from + rank + 1)),
                    rv.get(q * (rank + 1) + ":" + (q + 1) * (rank + 1)), "alltoallv " + t);
        }
    }

    private void errors() {
        try {
            world.send(ND.zeros(3), size + 5, 0);
            check(false, "a send to a rank that does not exist must throw");
        } catch (MpiException e) {
            check(e.errorClass() != 0 && e.getMessage().startsWith("MPI_Send: "), "MpiException: " + e.getMessage());
        }
        try {
            world.allreduce(ND.zeros(3), ND.zeros(DType.FLOAT32, 3), Ufunc.ADD);
            check(false, "mixed dtypes must be refused");
        } catch (IllegalArgumentException e) {
            check(e.getMessage().contains("one dtype"), e.getMessage());
        }
        try {
            world.allreduce(ND.zeros(3), Ufunc.SUBTRACT);
            check(false, "subtract must be refused");
        } catch (IllegalArgumentException e) {
            check(e.getMessage().contains("subtract"), e.getMessage());
        }
        NDArray a = ND.zeros(4);
        try {
            world.allreduce(a, a, Ufunc.ADD);
            check(false, "aliased buffers must be refused");
        } catch (IllegalArgumentException e) {
            check(e.getMessage().contains("overlap"), e.getMessage());
        }
        try {
            world.recv(ND.zeros(1).broadcastTo(3), 0, 0);
            check(false, "a read-only receive array must be refused");
        } catch (IllegalArgumentException e) {
            check(e.getMessage().contains("read-only"), e.getMessage());
        }
        world.barrier();
    }

    // ------------------------------------------------------------------ other scenarios

    /** The last rank throws while the others wait in a collective; the job must end, not hang. */
    private static void failingRank(boolean liveThread) throws InterruptedException {
        Comm w = Mpi.world();
        if (liveThread) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "lingering");
            t.start(); // non-daemon: alone it would keep the JVM alive
        }
        w.barrier();
        if (w.rank() == w.size() - 1) {
            throw new IllegalStateException("deliberate failure on rank " + w.rank());
        }
        w.allreduce(ND.ones(3), Ufunc.ADD); // never completes: the last rank is gone
        System.out.println("rank " + w.rank() + " passed a collective without the failed rank");
    }

    /** Every call after finalize is an IllegalStateException naming the cause. */
    private static void afterFinalize() {
        Comm w = Mpi.world();
        int rank = w.rank();
        w.barrier();
        Mpi.shutdown();
        Mpi.shutdown(); // twice: nothing
        try {
            w.barrier();
            throw new AssertionError("barrier after finalize did not throw");
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("finalized")) {
                throw new AssertionError(e.getMessage());
            }
        }
        try {
            Mpi.world();
            throw new AssertionError("Mpi.world() after finalize did not throw");
        } catch (IllegalStateException e) {
            System.out.println("rank " + rank + ": after finalize: " + e.getMessage());
        }
    }
}
