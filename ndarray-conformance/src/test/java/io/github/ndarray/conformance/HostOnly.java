package io.github.ndarray.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test (or a whole class) that runs on the host only, whatever the device under test:
 * file I/O, repr strings, host memory accounting, or api that has no device argument yet. Each use
 * says why in a comment. The tag is {@code host-only}: device executions exclude it
 * ({@code <excludedGroups>host-only</excludedGroups>}), so it runs once, in the {@code cpu}
 * execution, instead of re-running host code under a device's name.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("host-only")
public @interface HostOnly {
    /** The JUnit tag. */
    String TAG = "host-only";
}
