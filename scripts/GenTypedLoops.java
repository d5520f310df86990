import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the per-type CPU loops from their hand-written 64-bit templates (EJML's way: edit the
 * template, rerun, commit both). Run from anywhere in the repository with JDK 25:
 *
 * <pre>
 *   java scripts/GenTypedLoops.java           rewrite the generated files in place
 *   java scripts/GenTypedLoops.java --check   exit 1, naming each generated file that is out of date
 * </pre>
 *
 * <p>A copy is the template with its element type's spellings swapped for the target's. The
 * swaps are not listed by hand: each is derived from the two rows of {@link #TYPES}, and each
 * applies to one kind of token (an identifier in code, a cast, a literal, a doc comment), so a
 * name in a comment or a {@code long} that counts bytes is never touched by accident.
 */
public class GenTypedLoops {

    /**
     * The families of element types. A template is copied only within its family: across
     * families a value is more than a spelling away (see {@link Copy}).
     */
    enum Kind { INTEGER, FLOAT, FLOAT16, COMPLEX }

    /**
     * One element type as the loops see it.
     *
     * @param name    the class-name suffix ({@code LoopI32}) and the key jobs use
     * @param dtypes  the NumPy dtypes stored this way, as doc comments name them ("int8 and uint8")
     * @param kind    the family, which decides the rules that may copy a template to it
     * @param lane    the Java primitive of one stored lane (the bits of a float16, one part of a complex)
     * @param box     the lane's box class, the Vector API's lane type ({@code VectorMask<Integer>})
     * @param vector  the jdk.incubator.vector class over such lanes (JDK 25 has no float16 vector
     *                class: float16 bits travel in a ShortVector)
     * @param layout  the ValueLayout constant that reads one lane (unaligned: NumPy's data may not be)
     * @param lanes   lanes per element: 2 for complex (real, imaginary)
     * @param compute the primitive scalar code computes in: long for every integer width (the copies
     *                narrow on store, which wraps as C does), float for float16 (rounded on store)
     * @param bitMask for integers, the element's bits as a long literal (unsigned compares, shifts)
     * @param blas    BLAS's letter for the type ({@code JavaSgemm}); null where BLAS has none
     */
    record ElementType(String name, List<String> dtypes, Kind kind, String lane, String box, String vector,
            String layout, int lanes, String compute, String bitMask, String blas) {

        int bytes() {
            return lanes * switch (lane) {
                case "byte" -> 1;
                case "short" -> 2;
                case "int", "float" -> 4;
                case "long", "double" -> 8;
                default -> throw new IllegalArgumentException(lane);
            };
        }

        /** ValueLayout's class for one lane: {@code OfInt}. */
        String layoutClass() {
            return "Of" + capitalized(lane);
        }

        /** The dtypes a copy serves, as its doc comment names them; bool rides on int8 where the template allows it. */
        String docName(boolean withBool) {
            List<String> names = new ArrayList<>(dtypes);
            if (withBool && lane.equals("byte") && kind == Kind.INTEGER) {
                names.add("bool");
            }
            return names.size() == 1 ? names.getFirst()
                    : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
        }
    }

    /**
     * Every element type the generator knows; {@link #JOBS} picks the ones each template is
     * copied to.
     *
     * <p>To add a type, add its row, then name it among the targets of the jobs that should
     * emit it and run the generator. A row in a family that has templates already (another
     * integer width) needs nothing more. A row in a family that has none yet needs its rules in
     * {@link Copy} first, which refuses it until then: F16 and the complex rows are here so that
     * the table's shape is settled, and no job emits them yet. float16 loops will store the 16
     * bits in a short, compute in float through jdk.incubator.vector's {@code Float16} and round
     * on store; a complex element is two adjacent lanes of its part type.
     */
    static final List<ElementType> TYPES = List.of(
            //              name    dtypes                    kind           lane      box        vector          layout                  lanes compute   bitMask         blas
            new ElementType("F64",  List.of("float64"),       Kind.FLOAT,    "double", "Double",  "DoubleVector", "JAVA_DOUBLE_UNALIGNED", 1, "double", null,           "D"),
            new ElementType("F32",  List.of("float32"),       Kind.FLOAT,    "float",  "Float",   "FloatVector",  "JAVA_FLOAT_UNALIGNED",  1, "float",  null,           "S"),
            new ElementType("F16",  List.of("float16"),       Kind.FLOAT16,  "short",  "Short",   "ShortVector",  "JAVA_SHORT_UNALIGNED",  1, "float",  null,           "H"),
            new ElementType("I64",  List.of("int64"),         Kind.INTEGER,  "long",   "Long",    "LongVector",   "JAVA_LONG_UNALIGNED",   1, "long",   "-1L",          null),
            new ElementType("I32",  List.of("int32"),         Kind.INTEGER,  "int",    "Integer", "IntVector",    "JAVA_INT_UNALIGNED",    1, "long",   "0xFFFF_FFFFL", null),
            new ElementType("I16",  List.of("int16"),         Kind.INTEGER,  "short",  "Short",   "ShortVector",  "JAVA_SHORT_UNALIGNED",  1, "long",   "0xFFFFL",      null),
            new ElementType("I8",   List.of("int8", "uint8"), Kind.INTEGER,  "byte",   "Byte",    "ByteVector",   "JAVA_BYTE",             1, "long",   "0xFFL",        null),
            new ElementType("C128", List.of("complex128"),    Kind.COMPLEX,  "double", "Double",  "DoubleVector", "JAVA_DOUBLE_UNALIGNED", 2, "double", null,           "Z"),
            new ElementType("C64",  List.of("complex64"),     Kind.COMPLEX,  "float",  "Float",   "FloatVector",  "JAVA_FLOAT_UNALIGNED",  2, "float",  null,           "C"));

    static ElementType type(String name) {
        return TYPES.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no element type " + name));
    }

    /**
     * One template and the types it is copied to.
     *
     * @param source     the template's own element type
     * @param file       a type's file, relative to the cpu package and without ".java"; applied
     *                   to {@code source} it names the template
     * @param servesBool whether the int8 copy also serves bool (so its doc comment says so)
     * @param note       a paragraph the copies' class comment gets before the provenance one, or null
     * @param provenance the copies' paragraph about the template, in place of the template's
     *                   paragraph about its copies: %1$s the template class, %2$s the copy's lane
     *                   type, %3$s the template's, %4$s {@link #COMMAND}
     */
    record Job(ElementType source, Function<ElementType, String> file, List<ElementType> targets,
            boolean servesBool, String note, String provenance) {

        Job alsoBool() {
            return new Job(source, file, targets, true, note, provenance);
        }

        Job withNote(String paragraph) {
            return new Job(source, file, targets, servesBool, paragraph, provenance);
        }

        Job withProvenance(String paragraph) {
            return new Job(source, file, targets, servesBool, note, paragraph);
        }

        Path path(Path cpu, ElementType t) {
            return cpu.resolve(file.apply(t) + ".java");
        }

        String className(ElementType t) {
            return Path.of(file.apply(t)).getFileName().toString();
        }
    }

    static Job job(String source, Function<ElementType, String> file, String... targets) {
        return new Job(type(source), file, Arrays.stream(targets).map(GenTypedLoops::type).toList(), false, null,
                MECHANICAL);
    }

    /** How to run this program, for its messages and for the comments it writes. */
    static final String COMMAND = "java scripts/GenTypedLoops.java";

    /** The usual provenance paragraph: it names the template, so a reader edits that one. */
    static final String MECHANICAL = """
             * <p>This file is {@link %1$s} with %2$s for %3$s (a mechanical substitution); keep the
             * two in step.
            """;

    static final List<Job> JOBS = List.of(
            job("F64", t -> "Loop" + t.name(), "F32").withNote("""
                     * <p>float32 arithmetic is done in float: for + - * / and sqrt that rounds exactly as computing
                     * in double and rounding once (what the generic loops do), because double carries more than
                     * 2 * 24 + 2 bits. Transcendental functions use the float SVML variants in the vector loop.
                    """),
            job("I64", t -> "Loop" + t.name(), "I32", "I16", "I8"),
            job("I64", t -> "LoopFold" + t.name(), "I32", "I16", "I8"),
            job("I64", t -> "AxisFold" + t.name(), "I32", "I16", "I8").alsoBool(),
            job("I64", t -> "ArgFold" + t.name(), "I32", "I16", "I8").alsoBool(),
            job("F64", t -> "ArgFold" + t.name(), "F32"),
            job("F64", t -> "blas/Java" + t.blas() + "gemm", "F32").withProvenance("""
                     * <p>Generated from {@link %1$s} by {@code %4$s} (%2$s types,
                     * %2$s accumulation as in sgemm): edit that file and rerun the script.
                    """));

    public static void main(String[] args) throws IOException {
        boolean check = args.length == 1 && args[0].equals("--check");
        if (args.length > (check ? 1 : 0)) {
            System.err.println("usage: " + COMMAND + " [--check]");
            System.exit(2);
        }
        Path cpu = cpuPackage();
        int stale = 0;
        for (Job job : JOBS) {
            String template = Files.readString(job.path(cpu, job.source()));
            for (ElementType t : job.targets()) {
                Path path = job.path(cpu, t);
                String text = new Copy(job, t).of(template);
                if (Files.exists(path) && Files.readString(path).equals(text)) {
                    continue;
                }
                if (check) {
                    System.out.println(cpu.relativize(path) + " is out of date: run " + COMMAND);
                    stale++;
                } else {
                    Files.writeString(path, text);
                    System.out.println("wrote " + cpu.relativize(path));
                }
            }
        }
        System.exit(stale == 0 ? 0 : 1);
    }

    /**
     * The cpu package's sources, looked for from the working directory up, so that the program
     * runs from any folder of the repository.
     */
    static Path cpuPackage() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path cpu = d.resolve("ndarray-cpu/src/main/java/io/github/ndarray/cpu");
            if (Files.isDirectory(cpu)) {
                return cpu;
            }
        }
        throw new IllegalStateException("run inside the ndarray repository (no ndarray-cpu found above "
                + Path.of("").toAbsolutePath() + ")");
    }

    static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * A Java token: the generator rewrites tokens, never raw text, so that code rules cannot reach
     * into comments or strings.
     */
    record Token(Type type, String text) {
        enum Type { WORD, NUMBER, COMMENT, STRING, SPACE, PUNCT }

        boolean is(String s) {
            return text.equals(s);
        }

        boolean significant() {
            return type != Type.SPACE && type != Type.COMMENT;
        }
    }

    /** Splits Java source into tokens whose texts concatenate back to it exactly. */
    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int j = i + 1;
            Token.Type type;
            if (s.startsWith("//", i)) {
                type = Token.Type.COMMENT;
                j = s.indexOf('\n', i);
                j = j < 0 ? s.length() : j;
            } else if (s.startsWith("/*", i)) {
                type = Token.Type.COMMENT;
                j = s.indexOf("*/", i + 2) + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                type = Token.Type.STRING;
                j = s.indexOf("\"\"\"", i + 3) + 3; // a text block (none of the templates escapes quotes in one)
            } else if (c == '"' || c == '\'') {
                type = Token.Type.STRING;
                while (s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j++;
            } else if (Character.isJavaIdentifierStart(c)) {
                type = Token.Type.WORD;
                while (j < s.length() && Character.isJavaIdentifierPart(s.charAt(j))) {
                    j++;
                }
            } else if (Character.isDigit(c)) {
                type = Token.Type.NUMBER;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || "_.".indexOf(s.charAt(j)) >= 0
                        || "+-".indexOf(s.charAt(j)) >= 0 && "eEpP".indexOf(s.charAt(j - 1)) >= 0
                                && !s.startsWith("0x", i))) { // an exponent's sign, as in 1e-9
                    j++;
                }
            } else if (Character.isWhitespace(c)) {
                type = Token.Type.SPACE;
                while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
            } else {
                type = Token.Type.PUNCT;
            }
            out.add(new Token(type, s.substring(i, j)));
            i = j;
        }
        return out;
    }

    /**
     * The copy of one job's template for one target type. Code is rewritten token by token from
     * the roles the element type plays there (storage, computation, the class's own name); doc
     * comments get the target's dtype names and a paragraph saying where the file comes from.
     */
    static final class Copy {
        private final Job job;
        private final ElementType from;
        private final ElementType to;
        private final String templateClass;
        private final String targetClass;
        /** Identifiers that always mean the same role, whatever surrounds them. */
        private final Map<String, String> words;

        Copy(Job job, ElementType to) {
            this.job = job;
            this.from = job.source();
            this.to = to;
            if (from.kind() != to.kind()) {
                // Across families a value is not a spelling away: float16 needs conversions on
                // load and store, complex a lane pair per element. Those rules belong here.
                throw new UnsupportedOperationException("no rules yet to copy a " + from.kind() + " template to "
                        + to.kind() + " (" + to.name() + ")");
            }
            templateClass = job.className(from);
            targetClass = job.className(to);
            words = Map.of(
                    from.vector(), to.vector(),
                    from.layoutClass(), to.layoutClass(),
                    from.layout(), to.layout(),
                    templateClass, targetClass);
        }

        String of(String template) {
            List<Token> ts = new ArrayList<>(tokens(template));
            if (from.kind() == Kind.INTEGER) {
                initialize(ts, "BITS", to.bitMask());
            }
            boolean classDocDone = false;
            for (int i = 0; i < ts.size(); i++) {
                Token t = ts.get(i);
                String text = switch (t.type()) {
                    case WORD -> word(ts, i);
                    case NUMBER -> number(ts, i);
                    case COMMENT -> {
                        if (!classDocDone && t.text().startsWith("/**")) {
                            classDocDone = true;
                            yield classDoc(t.text());
                        }
                        yield comment(t.text());
                    }
                    default -> t.text();
                };
                ts.set(i, new Token(t.type(), text));
            }
            String out = String.join("", ts.stream().map(Token::text).toList());
            if (!from.lane().equals(to.lane())) {
                // The template's @SuppressWarnings("cast") covers casts that only narrow in the copies.
                out = out.replaceAll("(?m)^@SuppressWarnings\\(\"cast\"\\).*\n", "");
            }
            for (String leftover : List.of(from.vector(), templateClass)) {
                if (tokens(out).stream().anyMatch(t -> t.type() == Token.Type.WORD && t.is(leftover))) {
                    throw new IllegalStateException(targetClass + " still names " + leftover);
                }
            }
            return out;
        }

        /** Gives the constant {@code name} the initializer {@code value} (one token standing for the old ones). */
        private void initialize(List<Token> ts, String name, String value) {
            for (int i = 0; i < ts.size(); i++) {
                if (ts.get(i).is(name) && next(ts, i, 1).is("=")) {
                    int eq = indexOfNext(ts, i, 1);
                    int semicolon = indexOfNext(ts, eq, 1);
                    while (!ts.get(semicolon).is(";")) {
                        semicolon = indexOfNext(ts, semicolon, 1);
                    }
                    ts.subList(eq + 1, semicolon).clear();
                    ts.addAll(eq + 1, List.of(new Token(Token.Type.SPACE, " "), new Token(Token.Type.NUMBER, value)));
                    return;
                }
            }
            throw new IllegalStateException(templateClass + " has no constant " + name);
        }

        private String word(List<Token> ts, int i) {
            String w = ts.get(i).text();
            String mapped = words.get(w);
            if (mapped != null) {
                return mapped;
            }
            if (w.equals(from.box())) {
                // A vector's lane type (VectorMask<Long>) and the lane's width (Long.BYTES) are
                // storage; any other use (Long.compareUnsigned, Double.isNaN) is the scalar code's.
                boolean storage = prev(ts, i, 1).is("<") && next(ts, i, 1).is(">")
                        || next(ts, i, 1).is(".") && next(ts, i, 2).is("BYTES");
                return storage ? to.box() : box(to.compute());
            }
            if (w.equals(from.compute()) || w.equals(from.lane())) {
                return isStoredCast(ts, i) ? to.lane() : to.compute();
            }
            if (w.equals("Math") || w.equals("StrictMath") || w.equals("ScalarMath")) {
                return narrowed(ts, i) ? "(" + to.compute() + ") " + w : w;
            }
            return w;
        }

        /**
         * A cast to the template's element type whose value is stored into an element or
         * returned as one: in a narrower copy it narrows (the template's are no-ops, which is
         * why the integer templates suppress the "cast" lint). Other casts (a byte count) stay.
         */
        private boolean isStoredCast(List<Token> ts, int i) {
            if (!prev(ts, i, 1).is("(") || !next(ts, i, 1).is(")")) {
                return false;
            }
            int open = indexOfPrev(ts, i, 1);
            return prev(ts, open, 1).is("return") || "setAtIndex".equals(enclosingCall(ts, open));
        }

        /**
         * Whether a call to a Math or ScalarMath method here gives a wider value than the copy
         * computes in, and is the element's value (a switch arm's result, or stored): then the
         * copy needs a cast. ScalarMath's floating helpers take and return double only; Math's
         * need it where Math has no overload for the copy's type (Math.abs has one, sqrt not).
         */
        private boolean narrowed(List<Token> ts, int i) {
            if (from.compute().equals(to.compute()) || !next(ts, i, 1).is(".")) {
                return false;
            }
            boolean arm = prev(ts, i, 1).is(">") && prev(ts, i, 2).is("-");
            if (!arm && !"setAtIndex".equals(enclosingCall(ts, i))) {
                return false;
            }
            String method = next(ts, i, 2).text();
            if (ts.get(i).is("ScalarMath")) {
                return true;
            }
            Class<?> narrow = primitive(to.compute());
            return Arrays.stream(Math.class.getMethods())
                    .noneMatch(m -> m.getName().equals(method) && m.getReturnType() == narrow
                            && Arrays.stream(m.getParameterTypes()).allMatch(p -> p == narrow));
        }

        /**
         * A decimal literal in a copy that computes in float takes the f suffix, so that
         * {@code 1.0 / x} stays in float; one compared with ({@code y == 0.5}) stays double,
         * which compares exactly.
         */
        private String number(List<Token> ts, int i) {
            String n = ts.get(i).text();
            boolean decimal = n.matches("\\d+\\.\\d+");
            boolean compared = prev(ts, i, 1).is("=") && "=!<>".contains(prev(ts, i, 2).text());
            if (decimal && !compared && from.compute().equals("double") && to.compute().equals("float")) {
                return n + "f";
            }
            return n;
        }

        private String comment(String c) {
            if (from.kind() == Kind.INTEGER) {
                c = c.replace("modulo 2^" + from.bytes() * 8, "modulo 2^" + to.bytes() * 8);
            }
            return c;
        }

        /**
         * The class comment: its first dtype name becomes the copy's, and its paragraph about
         * the copies (the one that starts with a link to one of them) becomes the copy's note
         * and provenance paragraph.
         */
        private String classDoc(String doc) {
            String fromName = from.docName(false);
            int at = doc.indexOf(fromName);
            if (at < 0) {
                throw new IllegalStateException(templateClass + "'s class comment does not name " + fromName);
            }
            doc = doc.substring(0, at) + to.docName(job.servesBool()) + doc.substring(at + fromName.length());
            List<String> lines = new ArrayList<>(doc.lines().toList());
            int start = -1;
            for (int k = 0; k < lines.size() && start < 0; k++) {
                for (ElementType t : job.targets()) {
                    if (lines.get(k).startsWith(" * <p>{@link " + job.className(t) + "}")) {
                        start = k;
                    }
                }
            }
            if (start < 0) {
                throw new IllegalStateException(templateClass + "'s class comment has no paragraph about its copies");
            }
            int end = start + 1;
            while (!lines.get(end).equals(" *") && !lines.get(end).equals(" */")) {
                end++;
            }
            lines.subList(start, end).clear();
            String provenance = job.provenance().formatted(templateClass, to.lane(), from.lane(), COMMAND);
            String paragraphs = (job.note() == null ? "" : job.note() + " *\n") + provenance;
            lines.add(start, paragraphs.stripTrailing());
            return comment(String.join("\n", lines));
        }

        private static Class<?> primitive(String name) {
            return switch (name) {
                case "float" -> float.class;
                case "double" -> double.class;
                case "int" -> int.class;
                case "long" -> long.class;
                default -> throw new IllegalArgumentException(name);
            };
        }

        private static String box(String primitive) {
            return switch (primitive) {
                case "int" -> "Integer";
                default -> capitalized(primitive);
            };
        }
    }

    /** The k-th significant token before i (k = 1 is the nearest), or an empty one. */
    static Token prev(List<Token> ts, int i, int k) {
        int j = indexOfPrev(ts, i, k);
        return j < 0 ? new Token(Token.Type.SPACE, "") : ts.get(j);
    }

    static int indexOfPrev(List<Token> ts, int i, int k) {
        for (int j = i - 1; j >= 0; j--) {
            if (ts.get(j).significant() && --k == 0) {
                return j;
            }
        }
        return -1;
    }

    static Token next(List<Token> ts, int i, int k) {
        int j = indexOfNext(ts, i, k);
        return j < 0 ? new Token(Token.Type.SPACE, "") : ts.get(j);
    }

    static int indexOfNext(List<Token> ts, int i, int k) {
        for (int j = i + 1; j < ts.size(); j++) {
            if (ts.get(j).significant() && --k == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The name of the call whose argument list contains token i, or null. */
    static String enclosingCall(List<Token> ts, int i) {
        int depth = 0;
        for (int j = i - 1; j >= 0; j--) {
            Token t = ts.get(j);
            if (t.is(")")) {
                depth++;
            } else if (t.is("(")) {
                if (depth-- == 0) {
                    Token name = prev(ts, j, 1);
                    return name.type() == Token.Type.WORD ? name.text() : null;
                }
            } else if (depth == 0 && (t.is(";") || t.is("{") || t.is("}"))) {
                return null;
            }
        }
        return null;
    }
}
