package io.github.ndarray;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@link ND#help(String)} prints: the NumPy cheat sheet's rows that mention a name (the table
 * behind {@code docs/numpy-cheatsheet.md}, packed into the jar), then the public methods and ufuncs
 * of that name, with NumPy's snake_case read as camelCase ({@code take_along_axis} finds
 * {@code takeAlongAxis}).
 */
final class Help {
    /** The classes a user calls directly. */
    private static final List<Class<?>> API = List.of(ND.class, NDArray.class, Ufunc.class, JavaUfunc.class,
            Linalg.class, Generator.class, DType.class, Device.class);
    private static final String FOOTER = "API reference: scripts/javadoc.sh builds it (target/apidocs/index.html); "
            + "every NumPy equivalent: docs/numpy-cheatsheet.md";

    private Help() {
    }

    static String text(String query) {
        String name = query.strip().replaceFirst("^(np|numpy)\\.", "").replaceFirst("\\(.*$", "");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("help needs a name, e.g. ND.help(\"linspace\")");
        }
        String camel = camelCase(name);
        StringBuilder out = new StringBuilder();
        List<String[]> rows = cheatSheetRows(name, camel);
        if (!rows.isEmpty()) {
            out.append("NumPy -> ndarray for Java (the cheat sheet):\n");
            int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
            for (String[] r : rows) {
                out.append("  ").append(String.format(Locale.ROOT, "%-" + width + "s", r[0])).append("   ").append(r[1])
                        .append('\n');
            }
        }
        Set<String> members = members(camel);
        if (!members.isEmpty()) {
            out.append("Named ").append(camel).append(":\n");
            members.forEach(m -> out.append("  ").append(m).append('\n'));
        }
        if (rows.isEmpty() && members.isEmpty()) {
            out.append("nothing named ").append(name).append(" in NDArray, ND, Ufunc, Linalg, Generator or the cheat sheet");
            Set<String> near = nearNames(camel);
            out.append(near.isEmpty() ? "\n" : "; names starting the same: " + String.join(", ", near) + "\n");
        }
        return out.append(FOOTER).append('\n').toString();
    }

    /** {@code take_along_axis} -> {@code takeAlongAxis}; a name without underscores is kept. */
    static String camelCase(String name) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = b.length() > 0;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    /** Rows whose NumPy or Java column calls {@code name} (or its camelCase form) as a word. */
    private static List<String[]> cheatSheetRows(String name, String camel) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_])(" + Pattern.quote(name) + "|" + Pattern.quote(camel)
                + ")(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE);
        List<String[]> found = new ArrayList<>();
        for (String[] r : cheatSheet()) {
            if (!r[0].equals("prelude") && (word.matcher(r[1]).find() || word.matcher(r[2]).find())) {
                found.add(new String[] {r[1], r[2]});
            }
        }
        return found;
    }

    private static List<String[]> cheatSheet() {
        try (InputStream in = Help.class.getResourceAsStream("cheatsheet.tsv")) {
            if (in == null) {
                return List.of();
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return r.lines().skip(1).map(l -> l.split("\t", -1)).filter(c -> c.length >= 3).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Public methods and ufunc constants named {@code camel}, ignoring case, as signatures. */
    private static Set<String> members(String camel) {
        Set<String> out = new TreeSet<>();
        for (Class<?> c : API) {
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass() == c && m.getName().equalsIgnoreCase(camel)) {
                    out.add(signature(c, m));
                }
            }
            for (Field f : c.getFields()) {
                if (f.getName().equalsIgnoreCase(camel) && Modifier.isStatic(f.getModifiers())) {
                    out.add(c.getSimpleName() + "." + f.getName() + "   (" + f.getType().getSimpleName() + ")");
                }
            }
        }
        return out;
    }

    private static String signature(Class<?> owner, Method m) {
        String params = Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
        String receiver = Modifier.isStatic(m.getModifiers()) ? owner.getSimpleName() : "a";
        return receiver + "." + m.getName() + "(" + params + ") -> " + m.getReturnType().getSimpleName();
    }

    /** Up to eight public names sharing the first three letters, for a near miss. */
    private static Set<String> nearNames(String camel) {
        String prefix = camel.substring(0, Math.min(3, camel.length())).toLowerCase(Locale.ROOT);
        Set<String> near = new TreeSet<>();
        for (Class<?> c : API) {
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass() == c && m.getName().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    near.add(m.getName());
                }
            }
        }
        return near.stream().limit(8).collect(Collectors.toCollection(TreeSet::new));
    }
}
