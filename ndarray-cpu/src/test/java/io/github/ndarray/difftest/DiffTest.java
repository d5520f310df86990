package io.github.ndarray.difftest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test against NumPy: runs random array programs (views, broadcasting, every dtype,
 * ufuncs with out=/where=, reductions, indexing, casts) and compares with NumPy's answers.
 *
 * <p>CI runs the committed {@code difftest/programs.txt.gz} (made by {@code scripts/difftest/difftest.py});
 * {@code scripts/difftest/run.sh N SEED} makes new programs and runs them here through
 * {@code -Ddifftest.file=PATH}, writing the disagreements to {@code target/difftest-disagreements.txt}.
 */
class DiffTest {
    @Test
    void agreesWithNumPy() throws IOException {
        String file = System.getProperty("difftest.file");
        if (file == null || file.isEmpty()) {
            assertAgrees(read("/difftest/programs.txt.gz"), null);
        } else {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                assertAgrees(Programs.read(in, file.endsWith(".gz")), Path.of("target", "difftest-disagreements.txt"));
            }
        }
    }

    /** The disagreements found so far (scripts/difftest/regressions.in), each fixed in the library. */
    @Test
    void regressionsStayFixed() throws IOException {
        assertAgrees(read("/difftest/regressions.txt"), null);
    }

    private static List<Programs.Program> read(String resource) throws IOException {
        try (InputStream in = DiffTest.class.getResourceAsStream(resource)) {
            return Programs.read(in, resource.endsWith(".gz"));
        }
    }

    private static void assertAgrees(List<Programs.Program> programs, Path report) throws IOException {
        List<String> disagreements = new ArrayList<>();
        for (Programs.Program p : programs) {
            String why = disagreement(p);
            if (why != null) {
                disagreements.add(p + "  -> " + why + "\n");
            }
        }
        String summary = programs.size() + " programs, " + disagreements.size() + " disagreements";
        System.out.println("difftest: " + summary);
        if (report != null) {
            Files.writeString(report, summary + "\n\n" + String.join("\n", disagreements));
            System.out.println("difftest: report in " + report.toAbsolutePath());
        }
        assertTrue(programs.size() > 0, "no programs read");
        assertTrue(disagreements.isEmpty(), () -> summary + "; the first ones:\n"
                + String.join("\n", disagreements.subList(0, Math.min(20, disagreements.size()))));
    }

    /** Null when the library agrees with NumPy on the program, else what differs. */
    static String disagreement(Programs.Program p) {
        Interpreter in = new Interpreter();
        String[] raised = p.expectations().stream().filter(e -> e[0].equals("X")).findFirst().orElse(null);
        List<String[]> st = p.statements();
        for (int i = 0; i < st.size(); i++) {
            boolean last = i == st.size() - 1;
            try {
                in.run(st.get(i));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                if (raised != null && last) {
                    if (e.getMessage() == null || e.getMessage().isEmpty()) {
                        return "threw " + e.getClass().getName() + " without a message";
                    }
                    return null;
                }
                return "threw " + e + " where NumPy did not";
            } catch (RuntimeException | Error e) {
                return "threw " + e + (raised != null ? " where NumPy raised " + raised[2] : "");
            }
        }
        if (raised != null) {
            return "no exception where NumPy raised " + raised[2];
        }
        for (String[] e : p.expectations()) {
            String why = Comparison.mismatch(in.get(e[1]), e);
            if (why != null) {
                return e[1] + ": " + why;
            }
        }
        return null;
    }
}
