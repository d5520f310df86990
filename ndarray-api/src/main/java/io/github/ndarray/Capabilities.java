package io.github.ndarray;

import io.github.ndarray.spi.Backend;

/** Finds a backend's optional operations, refusing with one clear message when it has none. */
final class Capabilities {
    private Capabilities() {
    }

    /**
     * The capability of the backend of {@code a}'s device.
     *
     * @param a an operand, whose device decides the backend
     * @param type the capability interface
     * @param op the operation's NumPy name, for the message (e.g. {@code linalg.solve})
     * @return the backend as {@code type}
     * @throws UnsupportedOperationException naming the operation and the device if the backend lacks it
     */
    static <T> T require(NDArray a, Class<T> type, String op) {
        return require(a.backend(), a.device(), type, op);
    }

    static <T> T require(Backend b, Device device, Class<T> type, String op) {
        T c = b.capability(type);
        if (c == null) {
            throw new UnsupportedOperationException(op + " is not supported on " + device + " (backend "
                    + b.name() + " has no " + type.getSimpleName() + ")");
        }
        return c;
    }
}
