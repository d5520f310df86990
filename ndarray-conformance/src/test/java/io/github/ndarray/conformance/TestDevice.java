package io.github.ndarray.conformance;

import io.github.ndarray.Device;
import io.github.ndarray.NDArray;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * The device the conformance suite runs on, chosen once per JVM by the system property
 * {@code ndarray.test.device}: {@code cpu} (the default) or {@code cuda} ({@link Device#cuda()}).
 * A backend module runs the suite with its device named here (docs/conformance.md).
 *
 * <p>The suite builds its inputs on the host, where NumPy's values are written exactly, moves them
 * with {@link #on} to the device under test, runs the op there and reads the result with
 * {@code toDoubleArray()}/{@code toLongArray()}/{@code item()}/{@code getDouble}, which copy from
 * any device (or {@link #host}). On the CPU, {@code on} and {@code host} return their argument:
 * the suite is the same one the CPU always ran.
 *
 * <p>When the property names a device that is not usable here (e.g. {@code cuda} without the
 * pretend backend or a GPU), {@link OnTestDevice} skips each suite class with the reason before
 * it starts, and {@link #device()} aborts any caller it did not cover, so that the run reports
 * skipped tests instead of failures or, worse, host results passed off as device results.
 */
public final class TestDevice {
    /** The system property naming the device under test. */
    public static final String PROPERTY = "ndarray.test.device";

    /** The property's value, read once: the whole JVM tests one device. */
    private static final String NAME = System.getProperty(PROPERTY, "cpu").trim().toLowerCase(Locale.ROOT);

    private TestDevice() {
    }

    /**
     * {@return the device under test}
     *
     * @throws org.opentest4j.TestAbortedException if that device is not usable in this JVM
     */
    public static Device device() {
        String why = unavailableReason();
        Assumptions.assumeTrue(why == null, why);
        return NAME.equals("cuda") ? Device.cuda() : Device.cpu();
    }

    /** {@return the value of {@value #PROPERTY}: {@code cpu} or {@code cuda}} */
    public static String name() {
        return NAME;
    }

    /**
     * {@return why the device under test cannot be used in this JVM, or {@code null} if it can}
     * Asked afresh each time (it is cheap), so that every test sees it, not only the first.
     *
     * @throws IllegalStateException if the property names no known device (a build error, not a skip)
     */
    public static String unavailableReason() {
        return switch (NAME) {
            case "cpu" -> null;
            case "cuda" -> {
                String why = Device.cudaUnavailableReason();
                yield why == null ? null : PROPERTY + "=cuda but CUDA is unavailable: " + why;
            }
            default -> throw new IllegalStateException(PROPERTY + " must be cpu or cuda, got '" + NAME + "'");
        };
    }

    /** {@return whether the device under test is the host} */
    public static boolean isHost() {
        return device().equals(Device.cpu());
    }

    /**
     * The array on the device under test: itself when already there (always, on the CPU), else a
     * copy made there. Inputs are built on the host and moved with this before the op.
     *
     * @param hostArray an array, usually just built on the host from exact values
     * @return the array on {@link #device()}
     */
    public static NDArray on(NDArray hostArray) {
        return hostArray.to(device());
    }

    /**
     * The array on the host ({@code a.to(Device.cpu())}): for a comparison that wants the result as
     * a host array. Element access ({@code item()}, {@code getDouble}) and {@code toDoubleArray()}
     * work on any device and need no call to this: the suite uses them directly, so that they are
     * tested on the device too.
     *
     * @param a an array on any device
     * @return it, or its copy, on {@link Device#cpu()}
     */
    public static NDArray host(NDArray a) {
        return a.to(Device.cpu());
    }

    /**
     * Checks that an op's result lives on the device under test: an op must compute where its
     * operands are, never bring them to the host silently (DESIGN.md, devices per array).
     *
     * @param result an op's result
     * @return {@code result}, for chaining
     */
    public static NDArray onDevice(NDArray result) {
        Device d = device();
        if (!result.device().equals(d)) {
            throw new org.opentest4j.AssertionFailedError("the result lives on " + result.device()
                    + ", not on the device under test " + d, d, result.device());
        }
        return result;
    }
}
