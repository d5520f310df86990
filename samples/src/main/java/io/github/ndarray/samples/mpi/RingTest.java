package io.github.ndarray.samples.mpi;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.mpi.Comm;
import io.github.ndarray.mpi.Mpi;

/**
 * mpi4py.bench's {@code ringtest}: a message of {@code -n} bytes goes around the ring of ranks
 * {@code -l} times (after {@code -s} warm-up rounds); rank 0 prints
 * {@code time for L loops = T seconds (P processes, N bytes)} as mpi4py does (C's {@code %g}).
 */
final class RingTest {
    private RingTest() {
    }

    static double run(Comm comm, String[] args) {
        int bytes = 1;
        int skip = 0;
        int loop = 1;
        boolean verbose = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-n", "--size" -> bytes = Integer.parseInt(args[++i]);
                case "-s", "--skip" -> skip = Integer.parseInt(args[++i]);
                case "-l", "--loop" -> loop = Integer.parseInt(args[++i]);
                case "-q", "--quiet" -> verbose = false;
                default -> throw new IllegalArgumentException("ringtest: unknown option " + args[i]
                        + " (-n BYTES, -s SKIP, -l LOOPS, -q)");
            }
        }
        comm.barrier();
        double elapsed = ring(comm, bytes, loop, skip);
        if (verbose && comm.rank() == 0) {
            System.out.printf("time for %d loops = %s seconds (%d processes, %d bytes)%n", loop, cFormatG(elapsed),
                    comm.size(), bytes);
        }
        return elapsed;
    }

    private static double ring(Comm comm, int n, int loop, int skip) {
        int size = comm.size();
        int rank = comm.rank();
        int source = (rank + size - 1) % size;
        int dest = (rank + 1) % size;
        try (NDArray sendmsg = ND.full(DType.UINT8, 42, n); NDArray recvmsg = ND.zeros(DType.UINT8, n)) {
            long tic = 0;
            for (int i = 0; i < loop + skip; i++) {
                if (i == skip) {
                    tic = System.nanoTime();
                }
                if (size == 1) {
                    comm.sendrecv(sendmsg, dest, 0, recvmsg, source, 0);
                } else if (rank == 0) {
                    comm.send(sendmsg, dest, 0);
                    comm.recv(recvmsg, source, 0);
                } else {
                    comm.recv(recvmsg, source, 0);
                    comm.send(recvmsg, dest, 0);
                }
            }
            long toc = System.nanoTime();
            if (rank == 0 && !ND.arrayEqual(sendmsg, recvmsg)) {
                System.err.println("received message does not match!");
                Mpi.abort(2);
            }
            return (toc - tic) / 1e9;
        }
    }

    /** C's {@code %g} (6 significant digits, trailing zeros dropped), which Python's {@code %} formatting uses. */
    static String cFormatG(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(6));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return String.format("%se%s%02d", mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
