package io.github.ndarray.samples.mpi;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.mpi.Comm;
import io.github.ndarray.mpi.Mpi;

/**
 * mpi4py.bench's {@code helloworld}: each rank prints {@code Hello, World! I am process r of n on
 * host.}, in rank order (an empty message passes the turn from rank to rank).
 */
final class HelloWorld {
    private HelloWorld() {
    }

    static String run(Comm comm, String[] args) {
        boolean verbose = !(args.length > 0 && (args[0].equals("-q") || args[0].equals("--quiet")));
        int size = comm.size();
        int rank = comm.rank();
        int width = Integer.toString(size - 1).length();
        String message = String.format("Hello, World! I am process %" + width + "d of %d on %s.%n", rank, size,
                Mpi.processorName());
        try (NDArray token = ND.empty(DType.UINT8, 0)) {
            comm.barrier();
            if (rank > 0) {
                comm.recv(token, rank - 1, 0);
            }
            if (verbose) {
                System.out.print(message);
                System.out.flush();
            }
            if (rank < size - 1) {
                comm.send(token, rank + 1, 0);
            }
            comm.barrier();
        }
        return message;
    }
}
