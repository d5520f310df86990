package io.github.ndarray.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.ndarray.ChildJvm;
import io.github.ndarray.ChildJvm.Result;
import io.github.ndarray.cpu.blas.Blas;
import java.io.File;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module descriptors mean what they say. The tests run on the class path, where descriptors
 * are ignored, so a child JVM puts broadcasting, ndarray-api, ndarray-cpu and OpenBLAS on the module
 * path, and {@link ModulePathMain} (on the class path) reports what it sees: the CPU backend found
 * through {@code provides}, the SPI exported to the CPU module and to no one else, the Vector API
 * optional.
 */
class ModulePathTest {
    /** Our modules and OpenBLAS's: JUnit and the test classes stay off the module path. */
    private static final Set<String> PREFIXES = Set.of("io.github.ndarray", "org.bytedeco");

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theBackendLoadsAndTheSpiIsExportedToBackendsOnly(boolean vectorModule) throws Exception {
        List<String> args = new ArrayList<>();
        args.add("--module-path");
        args.add(modulePath());
        args.add("--add-modules");
        // The platform jar holding libopenblas is not required by io.github.ndarray.cpu (it is
        // per platform); an application adds it, as here.
        args.add("io.github.ndarray.cpu,org.bytedeco.openblas.linux.x86_64" + (vectorModule ? ",jdk.incubator.vector" : ""));
        // Every module that calls a restricted method: the api's native blocks, FFM BLAS, JavaCPP's loader.
        args.add("--enable-native-access=io.github.ndarray,io.github.ndarray.cpu,org.bytedeco.javacpp");
        args.add("-cp");
        args.add(Path.of(ModulePathMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        args.add(ModulePathMain.class.getName());
        Result r = ChildJvm.run(args);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(String.join("\n",
                "api=io.github.ndarray",
                "broadcasting=true",
                "sum=15",
                "spi to all=false",
                "spi to cpu=true",
                "spi to the class path=false",
                "spi call=IllegalAccessError",
                "vector api=" + vectorModule,
                // OpenBLAS loads on the module path wherever it loads on the class path (this JVM).
                "blas=" + (Blas.nativeAvailable() ? Blas.Kind.NATIVE : Blas.Kind.JAVA)) + "\n", r.out(), r.toString());
        assertFalse(r.err().contains("restricted method"), r.toString());
    }

    /**
     * The class path entries that hold one of our modules or OpenBLAS's, as a module path: found by
     * their descriptors, so it works with target/classes in the reactor and with installed jars.
     */
    private static String modulePath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Set<ModuleReference> found = ModuleFinder.of(Path.of(entry)).findAll();
            boolean ours = found.size() == 1 && found.stream().allMatch(m -> !m.descriptor().isAutomatic()
                    && PREFIXES.stream().anyMatch(m.descriptor().name()::startsWith));
            if (ours) {
                entries.add(entry);
            }
        }
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }
}
