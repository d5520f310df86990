package io.github.ndarray.cuda;

/** A CUDA driver or library call failed; the message names the call and the driver's error. */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the call and the error */
    public CudaException(String message) {
        super(message);
    }
}
