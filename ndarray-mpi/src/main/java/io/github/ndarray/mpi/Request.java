package io.github.ndarray.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A non-blocking send or receive in flight ({@code MPI_Request}). It holds the array's memory
 * until it completes, so closing the array meanwhile cannot free what MPI is reading or
 * writing; a receive into a strided view is copied into the view when it completes.
 *
 * <pre>{@code
 * Request r = world.irecv(into, 0, 7);
 * world.send(mine, 0, 7);
 * Status st = r.waitFor();               // into holds the message now
 * }</pre>
 */
public final class Request {
    private final MpiRuntime rt;
    private final MemorySegment handle;
    private final Buffer buffer;
    private final boolean isReceive;
    private Status status;

    Request(MpiRuntime rt, Buffer buffer, boolean isReceive) {
        this.rt = rt;
        // The request handle, its status and the status's count (Comm.status), kept together; the GC
        // frees them with this object.
        this.handle = Arena.ofAuto().allocate(8 + rt.abi.statusSize + 8, 8);
        this.buffer = buffer;
        this.isReceive = isReceive;
    }

    MemorySegment handle() {
        return handle;
    }

    /**
     * Waits until the operation completes ({@code MPI_Wait}); later calls return the same status.
     *
     * @return the status (for a send: source and tag -1, the size sent)
     */
    public synchronized Status waitFor() {
        if (status == null) {
            rt.checkActive();
            MemorySegment st = handle.asSlice(8);
            try {
                rt.check(rt.nat.waitRequest(handle, st), "MPI_Wait");
                complete(st);
            } catch (RuntimeException e) {
                buffer.close();
                throw e;
            }
        }
        return status;
    }

    /**
     * Whether the operation has completed ({@code MPI_Test}); if so, it is finished as by
     * {@link #waitFor()}.
     *
     * @return true once complete
     */
    public synchronized boolean test() {
        if (status != null) {
            return true;
        }
        rt.checkActive();
        MemorySegment flag = MpiRuntime.scratch();
        MemorySegment st = handle.asSlice(8);
        try {
            rt.check(rt.nat.test(handle, flag, st), "MPI_Test");
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
        if (flag.get(ValueLayout.JAVA_INT, 0) == 0) {
            return false;
        }
        complete(st);
        return true;
    }

    private void complete(MemorySegment st) {
        try {
            if (isReceive) {
                status = Comm.status(rt, st, buffer.dtype);
                buffer.finish();
            } else {
                status = new Status(-1, -1, (long) buffer.count * buffer.dtype.itemSize());
            }
        } finally {
            buffer.close();
        }
    }

    /**
     * Waits for every request.
     *
     * @param requests the requests
     */
    public static void waitAll(Request... requests) {
        for (Request r : requests) {
            r.waitFor();
        }
    }
}
