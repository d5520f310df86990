package io.github.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NumPy cheat sheet, {@code docs/numpy-cheatsheet.md}, is generated from one table,
 * {@code docs/cheatsheet.tsv}. This test compiles every row's Java check (with the JDK compiler,
 * after the prelude rows), runs it, and compares its {@code toString()} with NumPy's answer
 * stored in the row (filled by {@code scripts/cheatsheet/expected.py}); then it regenerates the
 * Markdown and fails if the committed file differs. {@code -Dcheatsheet.write=true} writes it.
 */
class CheatSheetTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path TSV = ROOT.resolve("docs/cheatsheet.tsv");
    private static final Path DOC = ROOT.resolve("docs/numpy-cheatsheet.md");
    private static final List<String> HEADER = List.of("section", "numpy", "java", "check", "pycheck", "expected");
    private static final String COMPILE_ONLY = "!compile";

    record Row(int line, String section, String numpy, String java, String check, String expected) {
        boolean prelude() {
            return section.equals("prelude");
        }

        /** The Java check as a method body. */
        String body() {
            String code = check.equals("=") ? java : check;
            return code.contains(";") ? code : "return " + code + ";";
        }
    }

    static List<Row> rows() throws IOException {
        List<String> lines = Files.readAllLines(TSV, StandardCharsets.UTF_8);
        assertEquals(HEADER, List.of(lines.get(0).split("\t", -1)), TSV + ": header");
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertEquals(HEADER.size(), f.length, TSV + ":" + (i + 1) + ": column count");
            rows.add(new Row(i + 1, f[0], f[1], f[2], f[3], f[5]));
        }
        return rows;
    }

    @Test
    void everyRowGivesNumPysAnswer(@TempDir Path dir) throws Exception {
        List<Row> rows = rows();
        StringBuilder src = new StringBuilder("""
                package cheatsheet;
                import io.github.ndarray.*;
                import java.nio.file.*;
                import java.util.Arrays;
                public final class Rows {
                    static String tuple(long[] shape) {
                        StringBuilder s = new StringBuilder("(");
                        for (int i = 0; i < shape.length; i++) {
                            s.append(i == 0 ? "" : ", ").append(shape[i]);
                        }
                        return s.append(shape.length == 1 ? ",)" : ")").toString();
                    }
                    static String shapeDtype(NDArray x) {
                        return tuple(x.shape()) + " " + x.dtype();
                    }
                """);
        StringBuilder prelude = new StringBuilder();
        for (Row r : rows) {
            if (r.prelude()) {
                prelude.append(r.java()).append(' ');
            }
        }
        for (Row r : rows) {
            if (!r.prelude()) {
                src.append("    // ").append(TSV.getFileName()).append(':').append(r.line()).append('\n')
                        .append("    public static Object row").append(r.line()).append("() throws Exception {\n")
                        .append("        ").append(prelude).append('\n')
                        .append("        ").append(r.body()).append("\n    }\n");
            }
        }
        src.append("}\n");
        Path file = dir.resolve("src/cheatsheet/Rows.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, src);
        Path classes = Files.createDirectories(dir.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (var fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diagnostics,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                            "-proc:none", "-nowarn"),
                    null, fm.getJavaFileObjects(file)).call();
            if (!ok) {
                StringBuilder msg = new StringBuilder("cheat sheet snippets do not compile:\n");
                diagnostics.getDiagnostics().forEach(d -> msg.append("  Rows.java:").append(d.getLineNumber())
                        .append(": ").append(d.getMessage(Locale.ROOT)).append('\n'));
                fail(msg + "generated source:\n" + src);
            }
        }

        List<String> failures = new ArrayList<>();
        int ran = 0;
        try (var loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> cls = loader.loadClass("cheatsheet.Rows");
            for (Row r : rows) {
                if (r.prelude() || r.expected().equals(COMPILE_ONLY)) {
                    continue;
                }
                Method m = cls.getMethod("row" + r.line());
                String got;
                try {
                    got = String.valueOf(m.invoke(null));
                } catch (InvocationTargetException e) {
                    got = "threw " + e.getCause();
                }
                ran++;
                String want = r.expected().replace("\\n", "\n");
                if (!normalize(got).equals(normalize(want))) {
                    failures.add(TSV.getFileName() + ":" + r.line() + "  " + r.java() + "\n    NumPy: " + want
                            + "\n    Java:  " + got);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + ran + " rows differ from NumPy:\n"
                + String.join("\n", failures));
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    @Test
    void markdownIsGeneratedFromTheTable() throws IOException {
        String md = markdown(rows());
        if (Boolean.getBoolean("cheatsheet.write")) {
            Files.writeString(DOC, md, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertEquals(md, committed, DOC + " is generated from " + TSV + "; edit the table and run\n"
                + "  ./mvnw -o -q -B -pl ndarray-cpu -am test -Dtest=CheatSheetTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dcheatsheet.write=true");
    }

    static String markdown(List<Row> rows) {
        Map<String, List<Row>> sections = new LinkedHashMap<>();
        for (Row r : rows) {
            sections.computeIfAbsent(r.section(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder md = new StringBuilder();
        md.append("""
                <!-- Generated from docs/cheatsheet.tsv by CheatSheetTest (ndarray-cpu); do not edit by hand. -->
                # NumPy → ndarray for Java: a cheat sheet

                The calls a NumPy user reaches for in the first hour, side by side. Every row is
                checked: `CheatSheetTest` compiles and runs the Java column and compares its result
                with NumPy's (`scripts/cheatsheet/expected.py` records NumPy's answers in the table).
                To change this page, edit [`cheatsheet.tsv`](cheatsheet.tsv) and regenerate with
                `./mvnw -o -q -B -pl ndarray-cpu -am test -Dtest=CheatSheetTest -Dsurefire.failIfNoSpecifiedTests=false -Dcheatsheet.write=true`.

                Conventions: static functions live on `ND` (`import io.github.ndarray.*;`), operators are
                methods (`add`, `sub`, `mul`, `div`, `pow`, `neg`, `matmul`), NumPy's snake_case names
                become camelCase (`zeros_like` → `zerosLike`), and axes come last as varargs. Java
                `int`/`long`/`double` operands are NumPy's weak Python scalars: `float32` stays `float32`.
                Indexing (`get`, `T()`, `reshape` when possible) gives views, as in NumPy. Arrays hold
                native memory: `close()` them (or use try-with-resources) in long loops rather than
                waiting for the garbage collector. Reductions return 0-d arrays; `item()` gives a `double`.
                Random numbers use a different generator than NumPy's PCG64, so seeded values differ.

                The examples assume:

                """);
        md.append("```python\n");
        sections.getOrDefault("prelude", List.of()).forEach(r -> md.append(r.numpy()).append('\n'));
        md.append("```\n\n```java\n");
        sections.getOrDefault("prelude", List.of()).forEach(r -> md.append(r.java()).append('\n'));
        md.append("```\n");
        sections.forEach((name, list) -> {
            if (name.equals("prelude")) {
                return;
            }
            md.append("\n## ").append(name).append("\n\n| NumPy | ndarray for Java |\n| --- | --- |\n");
            for (Row r : list) {
                md.append("| ").append(cell(r.numpy())).append(" | ").append(cell(r.java())).append(" |\n");
            }
        });
        return md.toString();
    }

    private static String cell(String code) {
        return "`" + code.replace("|", "\\|") + "`";
    }
}
