package io.github.ndarray.spi;

/**
 * A backend whose host threads the user may set: the CPU backend, whose parallel loops and BLAS
 * calls use this many threads (the calling thread included). {@code ND.threads()} and
 * {@code ND.setThreads(n)} reach it through {@link Backend#capability(Class)}.
 */
public interface ThreadControl {
    /** {@return the number of threads parallel work uses, the caller included} */
    int threads();

    /**
     * Sets the number of threads parallel work uses from now on, the caller included.
     *
     * @param n at least 1
     * @throws IllegalArgumentException if {@code n < 1}
     */
    void setThreads(int n);
}
