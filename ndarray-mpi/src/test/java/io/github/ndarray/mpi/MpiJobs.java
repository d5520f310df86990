package io.github.ndarray.mpi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts MPI jobs of test programs: {@code mpirun} (Open MPI) or {@code mpiexec} (MPICH) of n
 * JVMs of the running JDK on the test class path, always under an outer {@code timeout} so that
 * a hung job fails its test instead of the build. Tests skip, saying why, where the launcher is
 * not installed (CI installs both: .ci/run).
 */
final class MpiJobs {
    /** A launcher and the environment its jobs need. */
    enum Launcher {
        /** Debian's {@code openmpi-bin}. Root needs the two ALLOW variables; 4 ranks on 2 cores oversubscribe;
         * Open MPI's default core binding would make each JVM see one CPU; waiting ranks yield the core. */
        OPEN_MPI("mpirun.openmpi", "openmpi-bin", Map.of("OMPI_ALLOW_RUN_AS_ROOT", "1",
                "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", "OMPI_MCA_rmaps_base_oversubscribe", "1",
                "OMPI_MCA_hwloc_base_binding_policy", "none", "OMPI_MCA_mpi_yield_when_idle", "1")),
        /** Debian's {@code mpich}. */
        MPICH("mpiexec.mpich", "mpich", Map.of());

        final String command;
        final String debianPackage;
        final Map<String, String> env;

        Launcher(String command, String debianPackage, Map<String, String> env) {
            this.command = command;
            this.debianPackage = debianPackage;
            this.env = env;
        }

        /** Skips the calling test when this launcher is not installed. */
        void assumeInstalled() {
            assumeTrue(find(command) != null, command + " not found on PATH: install Debian's " + debianPackage
                    + " to run this MPI test");
        }
    }

    /** What a job did: its exit status, its output (stdout and stderr together) and how long it took. */
    record Result(int exit, String out, double seconds) {
    }

    private MpiJobs() {
    }

    /**
     * Runs {@code main} with {@code args} on {@code ranks} ranks under the launcher, or without
     * any launcher (a singleton) when {@code ranks} is 0.
     */
    static Result run(Launcher launcher, int ranks, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "5", "90"));
        if (ranks > 0) {
            cmd.addAll(List.of(launcher.command, "-n", Integer.toString(ranks)));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Short programs: C1 alone and the serial collector start n JVMs on two cores fastest.
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(launcher.env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(100, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), out, (System.nanoTime() - t0) / 1e9);
    }

    private static Path find(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
