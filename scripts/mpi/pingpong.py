"""Ping-pong between ranks 0 and 1 with mpi4py on NumPy buffers: the same sizes, repetitions and
columns as the Java sample (io.github.ndarray.samples.mpi.PingPong), for scripts/mpi/compare.sh.
Run with Debian's /usr/bin/python3 (it has python3-mpi4py) under Open MPI's mpirun."""
import sys
import time

import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
top = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] == "--max" else 16 << 20
if rank == 0:
    print("%10s %14s %16s" % ("bytes", "latency_us", "bandwidth_MBps"))
n = 1
while n <= top:
    buf = np.full(n, 7, dtype=np.uint8)
    iterations = max(20, min(20000, (64 << 20) // n))
    reps = []
    for r in range(-1, 5):
        comm.Barrier()
        t0 = time.perf_counter_ns()
        for _ in range(iterations):
            if rank == 0:
                comm.Send(buf, 1, 0)
                comm.Recv(buf, 1, 0)
            elif rank == 1:
                comm.Recv(buf, 0, 0)
                comm.Send(buf, 0, 0)
        if r >= 0:
            reps.append((time.perf_counter_ns() - t0) / 1e3 / iterations / 2)
    reps.sort()
    latency = reps[len(reps) // 2]
    if rank == 0:
        print("%10d %14.3f %16.1f" % (n, latency, n / latency), flush=True)
    n *= 2
