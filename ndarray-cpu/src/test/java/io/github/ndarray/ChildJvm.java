package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a program in a fresh JVM of the running JDK, for what one JVM cannot show: startup flags
 * (the Vector API module, the module path), system properties read once, what is logged at load.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** What the child did: its exit status and everything it printed. */
    public record Result(int exit, String out, String err) {
    }

    /**
     * Starts {@code java} with these arguments and waits for it.
     *
     * @param args the JVM's options, then the main class and its arguments
     * @return the exit status and the output
     * @throws Exception if the child cannot start or is interrupted
     */
    public static Result run(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).start();
        // stderr on its own thread: a child that fills one pipe while we block on the other would hang.
        AtomicReference<String> err = new AtomicReference<>("");
        Thread t = new Thread(() -> {
            try {
                err.set(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.set(e.toString());
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("child JVM did not finish");
        }
        t.join();
        return new Result(p.exitValue(), out, err.get());
    }
}
