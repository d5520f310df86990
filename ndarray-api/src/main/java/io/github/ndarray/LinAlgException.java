package io.github.ndarray;

/**
 * NumPy's {@code numpy.linalg.LinAlgError}: a linear-algebra function met an input it cannot
 * handle, with NumPy's message. Like NumPy's, which is a {@code ValueError}, it is an
 * {@link IllegalArgumentException}, so code that catches bad input catches it too.
 *
 * <p>The cases, with their messages:
 * <ul>
 *   <li>{@code "Singular matrix"} ({@code solve}, {@code inv}, {@code tensorsolve}, ...);</li>
 *   <li>{@code "Matrix is not positive definite"} ({@code cholesky});</li>
 *   <li>{@code "SVD did not converge"}, {@code "Eigenvalues did not converge"} (LAPACK's
 *       iterations failed, typically on NaN or inf input);</li>
 *   <li>{@code "Last 2 dimensions of the array must be square"},
 *       {@code "1-dimensional array given. Array must be at least two-dimensional"}
 *       (the shape is wrong for the function).</li>
 * </ul>
 *
 * {@snippet :
 * try {
 *     Linalg.cholesky(ND.array(new double[][] {{1, 2}, {2, 1}}));
 * } catch (LinAlgException e) {
 *     // e.getMessage(): "Matrix is not positive definite"
 * }
 * }
 */
public class LinAlgException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message NumPy's message for the case
     */
    public LinAlgException(String message) {
        super(message);
    }
}
