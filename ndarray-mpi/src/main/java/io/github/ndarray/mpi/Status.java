package io.github.ndarray.mpi;

import io.github.ndarray.DType;

/**
 * What a receive or probe learned about its message ({@code MPI_Status}).
 *
 * <pre>{@code
 * Status st = world.probe(Comm.ANY_SOURCE, Comm.ANY_TAG);
 * NDArray into = ND.empty(DType.FLOAT64, st.count(DType.FLOAT64));
 * world.recv(into, st.source(), st.tag());
 * }</pre>
 *
 * @param source the sender's rank ({@link Comm#PROC_NULL} for a receive from it)
 * @param tag the message's tag
 * @param byteCount the message's size in bytes
 */
public record Status(int source, int tag, long byteCount) {
    /**
     * @param dtype the element type the message holds
     * @return how many elements of that type the message holds
     */
    public long count(DType dtype) {
        return byteCount / dtype.itemSize();
    }
}
