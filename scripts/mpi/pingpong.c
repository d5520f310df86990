/* Ping-pong between ranks 0 and 1 in C: the same sizes, repetitions and columns as the Java sample
   (io.github.ndarray.samples.mpi.PingPong), the baseline of scripts/mpi/compare.sh. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    long top = argc > 2 && strcmp(argv[1], "--max") == 0 ? atol(argv[2]) : 16L << 20;
    if (rank == 0) printf("%10s %14s %16s\n", "bytes", "latency_us", "bandwidth_MBps");
    for (long n = 1; n <= top; n *= 2) {
        unsigned char *buf = malloc(n);
        memset(buf, 7, n);
        long iterations = (64L << 20) / n;
        if (iterations > 20000) iterations = 20000;
        if (iterations < 20) iterations = 20;
        double reps[5];
        for (int r = -1; r < 5; r++) {
            MPI_Barrier(MPI_COMM_WORLD);
            double t0 = MPI_Wtime();
            for (long i = 0; i < iterations; i++) {
                if (rank == 0) {
                    MPI_Send(buf, (int)n, MPI_UNSIGNED_CHAR, 1, 0, MPI_COMM_WORLD);
                    MPI_Recv(buf, (int)n, MPI_UNSIGNED_CHAR, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                } else if (rank == 1) {
                    MPI_Recv(buf, (int)n, MPI_UNSIGNED_CHAR, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                    MPI_Send(buf, (int)n, MPI_UNSIGNED_CHAR, 0, 0, MPI_COMM_WORLD);
                }
            }
            if (r >= 0) reps[r] = (MPI_Wtime() - t0) * 1e6 / iterations / 2;
        }
        qsort(reps, 5, sizeof reps[0], by_value);
        if (rank == 0) {
            printf("%10ld %14.3f %16.1f\n", n, reps[2], n / reps[2]);
            fflush(stdout);
        }
        free(buf);
    }
    MPI_Finalize();
    return 0;
}
