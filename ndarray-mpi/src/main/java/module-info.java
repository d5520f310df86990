/**
 * MPI on NDArrays: the MPI library (Open MPI or MPICH) bound through FFM, communicators with
 * point-to-point and collective operations (docs/mpi.md).
 */
module io.github.ndarray.mpi {
    // Transitive: Comm's methods take and return the api's NDArray, DType and Ufunc.
    requires transitive io.github.ndarray;

    exports io.github.ndarray.mpi;
}
