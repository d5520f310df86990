package io.github.ndarray.mpi;

/**
 * An MPI call failed: the library returned an error code (errors return, they do not abort,
 * see docs/mpi.md). The message names the call and carries the library's
 * {@code MPI_Error_string} text.
 *
 * <pre>{@code
 * try {
 *     world.send(a, 99, 0);                  // no rank 99
 * } catch (MpiException e) {
 *     System.err.println(e.errorClass() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class MpiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int errorClass;

    /**
     * @param errorClass the MPI error class ({@code MPI_Error_class} of the code), 0 when the error
     *     is not the library's (it could not be loaded)
     * @param message what failed and why
     */
    public MpiException(int errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    /**
     * {@return the MPI error class, as the loaded library numbers them} Open MPI and MPICH number
     * some classes differently (e.g. {@code MPI_ERR_TRUNCATE} is 15 in Open MPI, 14 in MPICH).
     */
    public int errorClass() {
        return errorClass;
    }
}
