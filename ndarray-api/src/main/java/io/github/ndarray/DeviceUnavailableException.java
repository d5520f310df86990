package io.github.ndarray;

/** Thrown when a device is asked for that cannot be used here; the message says why. */
public final class DeviceUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the device is unavailable
     */
    public DeviceUnavailableException(String message) {
        super(message);
    }
}
