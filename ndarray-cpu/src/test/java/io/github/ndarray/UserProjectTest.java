package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.ChildJvm.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use it in your project": the one-file program of {@code scripts/user-project} runs
 * with Java's source launcher, with and without the Vector API module, gives the same output and
 * logs nothing but the missing module's warning; the project's pom names the library's version.
 */
class UserProjectTest {
    private static final Path PROJECT = Path.of("..", "scripts", "user-project");

    @Test
    void theOneFileProgramRunsWithAndWithoutTheVectorModule() throws Exception {
        Result with = run(true);
        Result without = run(false);
        assertEquals(0, with.exit(), with.toString());
        assertEquals(0, without.exit(), without.toString());
        assertTrue(with.out().contains("sum(-1) of ones(4,3): array([3., 3., 3., 3.])"), with.toString());
        assertEquals(with.out(), without.out());
        for (Result r : List.of(with, without)) {
            assertFalse(r.err().contains("INFO"), r.toString());
            assertFalse(r.err().contains("Exception"), r.toString());
            assertFalse(r.err().contains("restricted method"), r.toString());
        }
        assertFalse(with.err().contains("scalar loops"), with.toString());
        assertTrue(without.err().contains("--add-modules jdk.incubator.vector"), "the warning says what to add: " + without);
    }

    @Test
    void theUserPomNamesTheLibrarysVersion() throws Exception {
        Matcher parent = Pattern.compile("<artifactId>ndarray-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        Matcher user = Pattern.compile("<ndarray.version>([^<]+)</ndarray.version>")
                .matcher(Files.readString(PROJECT.resolve("pom.xml")));
        assertTrue(parent.find() && user.find());
        assertEquals(parent.group(1), user.group(1));
    }

    private static Result run(boolean vectorModule) throws Exception {
        List<String> args = new ArrayList<>();
        if (vectorModule) {
            args.add("--add-modules");
            args.add("jdk.incubator.vector");
        }
        args.add("--enable-native-access=ALL-UNNAMED");
        args.add("-cp");
        args.add(System.getProperty("java.class.path"));
        args.add(PROJECT.resolve(Path.of("src", "main", "java", "Hello.java")).toString());
        return ChildJvm.run(args);
    }
}
