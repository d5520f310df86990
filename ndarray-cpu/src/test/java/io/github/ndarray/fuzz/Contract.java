package io.github.ndarray.fuzz;

import java.util.List;

/**
 * The bad-input contract the fuzz targets check: a call either returns, or throws one of the
 * documented exception types with a message. Anything else (another exception type, an empty
 * message) escapes as an {@link AssertionError}, which Jazzer reports as a finding.
 */
final class Contract {
    private Contract() {
    }

    /** A call that may throw checked exceptions. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    static void allow(Call call, List<Class<? extends Exception>> documented) {
        try {
            call.run();
        } catch (Exception e) {
            if (documented.stream().noneMatch(t -> t.isInstance(e))) {
                throw new AssertionError("undocumented exception " + e, e);
            }
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("exception without a message: " + e.getClass().getName(), e);
            }
        }
    }
}
