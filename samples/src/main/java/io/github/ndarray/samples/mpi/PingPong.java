package io.github.ndarray.samples.mpi;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.mpi.Comm;

/**
 * Ping-pong between ranks 0 and 1 for messages of 1 B to 16 MiB (powers of two): rank 0 prints
 * one line per size, {@code bytes latency_us bandwidth_MBps}, where latency is half the median
 * round trip of several repetitions and bandwidth is bytes / latency (MB = 10^6 bytes).
 * {@code scripts/mpi/pingpong.py} (mpi4py) and {@code pingpong.c} print the same columns.
 */
final class PingPong {
    private PingPong() {
    }

    static void run(Comm comm, String[] args) {
        long max = args.length > 1 && args[0].equals("--max") ? Long.parseLong(args[1]) : 16L << 20;
        if (comm.size() < 2) {
            throw new IllegalArgumentException("pingpong needs at least 2 ranks");
        }
        int rank = comm.rank();
        if (rank == 0) {
            System.out.printf("%10s %14s %16s%n", "bytes", "latency_us", "bandwidth_MBps");
        }
        for (long n = 1; n <= max; n *= 2) {
            try (NDArray buf = ND.full(DType.UINT8, 7, n)) {
                // Enough round trips for ~0.05-0.2 s per size on shared memory, at least 20.
                int iterations = (int) Math.max(20, Math.min(20_000, (64L << 20) / n));
                double[] repetitions = new double[5];
                for (int r = -1; r < repetitions.length; r++) { // r = -1: warm-up
                    comm.barrier();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < iterations; i++) {
                        if (rank == 0) {
                            comm.send(buf, 1, 0);
                            comm.recv(buf, 1, 0);
                        } else if (rank == 1) {
                            comm.recv(buf, 0, 0);
                            comm.send(buf, 0, 0);
                        }
                    }
                    if (r >= 0) {
                        repetitions[r] = (System.nanoTime() - t0) / 1e3 / iterations / 2;
                    }
                }
                java.util.Arrays.sort(repetitions);
                double latency = repetitions[repetitions.length / 2];
                if (rank == 0) {
                    System.out.printf("%10d %14.3f %16.1f%n", n, latency, n / latency);
                }
            }
        }
    }
}
