package io.github.ndarray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a fused expression into {@link FusedNode}s. The language is Python's expression syntax
 * as numexpr reads it, restricted to arrays: numbers, {@code True}/{@code False}/{@code inf}/
 * {@code nan}, variables, {@code + - * / // % **}, comparisons, {@code & | ^ ~ << >>}, calls of
 * ufuncs by NumPy name and {@code where(c, x, y)}, and one outermost {@code sum prod min max
 * mean} with an optional axis. Precedence and associativity are Python's ({@code -x**2} is
 * {@code -(x**2)}, {@code 2**-1} is allowed, {@code a < b | c} compares with {@code b | c});
 * chained comparisons are refused, since NumPy users parenthesize them.
 *
 * <p>Errors are {@link IllegalArgumentException}s that name the column and show the text
 * with a caret under it.
 */
final class FusedParser {
    private static final Map<String, Ufunc> FUNCTIONS = functions();
    private static final Map<String, FusedNode.ReductionKind> REDUCTIONS = Map.of("sum", FusedNode.ReductionKind.SUM,
            "prod", FusedNode.ReductionKind.PROD, "min", FusedNode.ReductionKind.MIN, "max",
            FusedNode.ReductionKind.MAX, "mean", FusedNode.ReductionKind.MEAN);

    private final String text;
    private final List<String> names;
    private int pos;

    private FusedParser(String text, List<String> names) {
        this.text = text;
        this.names = names;
    }

    /**
     * Parses {@code text} whose variables are {@code names}.
     *
     * @throws IllegalArgumentException at a syntax error, an unknown name or function, or a
     *     reduction that is not the outermost call
     */
    static FusedNode parse(String text, List<String> names) {
        FusedParser p = new FusedParser(text, names);
        p.skipSpace();
        if (p.pos == text.length()) {
            throw p.error(p.pos, "empty expression");
        }
        FusedNode n = p.outermost();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error(p.pos, n instanceof FusedNode.Reduction r
                    ? r.kind().name().toLowerCase(Locale.ROOT) + "() must be the outermost call of the expression"
                    : "unexpected '" + text.charAt(p.pos) + "'");
        }
        return n;
    }

    /** Every ufunc by NumPy's name, and NumPy's aliases of them. */
    private static Map<String, Ufunc> functions() {
        Map<String, Ufunc> m = new HashMap<>();
        for (Ufunc u : Ufunc.all()) {
            if (u.id() != Ufunc.Id.MATMUL) {
                m.put(u.name(), u);
            }
        }
        m.put("abs", Ufunc.ABSOLUTE);
        m.put("mod", Ufunc.REMAINDER);
        m.put("pow", Ufunc.POWER);
        m.put("asin", Ufunc.ARCSIN);
        m.put("acos", Ufunc.ARCCOS);
        m.put("atan", Ufunc.ARCTAN);
        m.put("atan2", Ufunc.ARCTAN2);
        m.put("bitwise_not", Ufunc.INVERT);
        return Map.copyOf(m);
    }

    /** A trailing reduction, or a plain expression. */
    private FusedNode outermost() {
        int save = pos;
        skipSpace();
        int start = pos;
        String name = peekName();
        if (name != null && REDUCTIONS.containsKey(name) && !names.contains(name)) {
            pos += name.length();
            skipSpace();
            if (peek('(')) {
                return reduction(REDUCTIONS.get(name), start);
            }
        }
        pos = save;
        return expression();
    }

    private FusedNode reduction(FusedNode.ReductionKind kind, int start) {
        expect('(');
        FusedNode arg = expression();
        Integer axis = null;
        skipSpace();
        if (peek(',')) {
            pos++;
            skipSpace();
            String kw = peekName();
            if ("axis".equals(kw)) {
                pos += kw.length();
                skipSpace();
                expect('=');
            }
            skipSpace();
            int at = pos;
            boolean negative = peek('-');
            if (negative) {
                pos++;
            }
            FusedNode n = primary();
            if (!(n instanceof FusedNode.Literal l) || !(l.value() instanceof Long v)) {
                throw error(at, "axis must be an integer");
            }
            axis = Math.toIntExact(negative ? -v : v);
        }
        skipSpace();
        expect(')');
        return new FusedNode.Reduction(kind, arg, axis, start + 1);
    }

    private FusedNode expression() {
        FusedNode left = bitOr();
        skipSpace();
        int at = pos;
        Ufunc cmp = comparison();
        if (cmp == null) {
            return left;
        }
        FusedNode right = bitOr();
        skipSpace();
        if (comparisonAhead()) {
            throw error(pos, "chained comparisons are not supported; parenthesize, e.g. (a < b) & (b < c)");
        }
        return new FusedNode.Apply(cmp, List.of(left, right), at + 1);
    }

    private boolean comparisonAhead() {
        int save = pos;
        Ufunc c = comparison();
        pos = save;
        return c != null;
    }

    /** Consumes a comparison operator, or returns null. */
    private Ufunc comparison() {
        if (text.startsWith("==", pos)) {
            pos += 2;
            return Ufunc.EQUAL;
        }
        if (text.startsWith("!=", pos)) {
            pos += 2;
            return Ufunc.NOT_EQUAL;
        }
        if (text.startsWith("<=", pos)) {
            pos += 2;
            return Ufunc.LESS_EQUAL;
        }
        if (text.startsWith(">=", pos)) {
            pos += 2;
            return Ufunc.GREATER_EQUAL;
        }
        if (peek('<') && !text.startsWith("<<", pos)) {
            pos++;
            return Ufunc.LESS;
        }
        if (peek('>') && !text.startsWith(">>", pos)) {
            pos++;
            return Ufunc.GREATER;
        }
        return null;
    }

    private FusedNode bitOr() {
        return leftAssociative('|', Ufunc.BITWISE_OR, this::bitXor);
    }

    private FusedNode bitXor() {
        return leftAssociative('^', Ufunc.BITWISE_XOR, this::bitAnd);
    }

    private FusedNode bitAnd() {
        return leftAssociative('&', Ufunc.BITWISE_AND, this::shift);
    }

    /** {@code operand (symbol operand)*}, grouped from the left. */
    private FusedNode leftAssociative(char symbol, Ufunc op, java.util.function.Supplier<FusedNode> operand) {
        FusedNode left = operand.get();
        while (true) {
            skipSpace();
            if (!peek(symbol)) {
                return left;
            }
            int at = pos++;
            left = new FusedNode.Apply(op, List.of(left, operand.get()), at + 1);
        }
    }

    private FusedNode shift() {
        FusedNode left = sum();
        while (true) {
            skipSpace();
            Ufunc op = text.startsWith("<<", pos) ? Ufunc.LEFT_SHIFT : text.startsWith(">>", pos) ? Ufunc.RIGHT_SHIFT : null;
            if (op == null) {
                return left;
            }
            int at = pos;
            pos += 2;
            left = new FusedNode.Apply(op, List.of(left, sum()), at + 1);
        }
    }

    private FusedNode sum() {
        FusedNode left = term();
        while (true) {
            skipSpace();
            Ufunc op = peek('+') ? Ufunc.ADD : peek('-') ? Ufunc.SUBTRACT : null;
            if (op == null) {
                return left;
            }
            int at = pos++;
            left = new FusedNode.Apply(op, List.of(left, term()), at + 1);
        }
    }

    private FusedNode term() {
        FusedNode left = unary();
        while (true) {
            skipSpace();
            int at = pos;
            Ufunc op;
            if (text.startsWith("//", pos)) {
                op = Ufunc.FLOOR_DIVIDE;
                pos += 2;
            } else if (peek('*') && !text.startsWith("**", pos)) {
                op = Ufunc.MULTIPLY;
                pos++;
            } else if (peek('/')) {
                op = Ufunc.DIVIDE;
                pos++;
            } else if (peek('%')) {
                op = Ufunc.REMAINDER;
                pos++;
            } else {
                return left;
            }
            left = new FusedNode.Apply(op, List.of(left, unary()), at + 1);
        }
    }

    /** {@code -x}, {@code +x} (the operand itself) and {@code ~x}; binds looser than {@code **}. */
    private FusedNode unary() {
        skipSpace();
        int at = pos;
        if (peek('-')) {
            pos++;
            return new FusedNode.Apply(Ufunc.NEGATIVE, List.of(unary()), at + 1);
        }
        if (peek('+')) {
            pos++;
            return unary();
        }
        if (peek('~')) {
            pos++;
            return new FusedNode.Apply(Ufunc.INVERT, List.of(unary()), at + 1);
        }
        return power();
    }

    /** {@code a ** b}: right-associative, the exponent may carry a sign ({@code 2**-1}). */
    private FusedNode power() {
        FusedNode base = primary();
        skipSpace();
        if (!text.startsWith("**", pos)) {
            return base;
        }
        int at = pos;
        pos += 2;
        return new FusedNode.Apply(Ufunc.POWER, List.of(base, unary()), at + 1);
    }

    private FusedNode primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw error(pos, "unexpected end of expression, expected an operand");
        }
        int start = pos;
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            FusedNode inner = expression();
            skipSpace();
            expect(')');
            return inner;
        }
        if (Character.isDigit(c) || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
            return number();
        }
        String name = peekName();
        if (name == null) {
            throw error(pos, "expected an operand, got '" + c + "'");
        }
        pos += name.length();
        int index = names.indexOf(name);
        if (index >= 0) {
            return new FusedNode.Variable(name, index, start + 1);
        }
        skipSpace();
        if (peek('(')) {
            return call(name, start);
        }
        return switch (name) {
            case "True" -> new FusedNode.Literal(Boolean.TRUE, start + 1);
            case "False" -> new FusedNode.Literal(Boolean.FALSE, start + 1);
            case "inf" -> new FusedNode.Literal(Double.POSITIVE_INFINITY, start + 1);
            case "nan" -> new FusedNode.Literal(Double.NaN, start + 1);
            default -> throw error(start, "name '" + name + "' is not defined (variables: "
                    + String.join(", ", names) + ")");
        };
    }

    private FusedNode call(String name, int start) {
        if (REDUCTIONS.containsKey(name)) {
            throw error(start, name + "() must be the outermost call of the expression");
        }
        Ufunc op = FUNCTIONS.get(name);
        if (op == null) {
            throw error(start, "unknown function '" + name + "'");
        }
        expect('(');
        List<FusedNode> args = new ArrayList<>();
        skipSpace();
        if (!peek(')')) {
            args.add(expression());
            skipSpace();
            while (peek(',')) {
                pos++;
                args.add(expression());
                skipSpace();
            }
        }
        expect(')');
        if (args.size() != op.nin()) {
            throw error(start, name + "() takes " + op.nin() + " argument" + (op.nin() == 1 ? "" : "s") + ", got "
                    + args.size());
        }
        return new FusedNode.Apply(op, List.copyOf(args), start + 1);
    }

    private FusedNode number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        boolean isFloat = false;
        if (peek('.')) {
            isFloat = true;
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                isFloat = true;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw error(pos, "invalid number literal" + (Character.toLowerCase(text.charAt(pos)) == 'j'
                    ? " (complex numbers are not supported)" : ""));
        }
        String s = text.substring(start, pos);
        if (isFloat) {
            return new FusedNode.Literal(Double.parseDouble(s), start + 1);
        }
        try {
            return new FusedNode.Literal(Long.parseLong(s), start + 1);
        } catch (NumberFormatException e) {
            throw error(start, "integer " + s + " does not fit in int64");
        }
    }

    private String peekName() {
        if (pos >= text.length() || !(Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            return null;
        }
        int end = pos + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return text.substring(pos, end);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw error(pos, pos < text.length() ? "expected '" + c + "', got '" + text.charAt(pos) + "'"
                    : "expected '" + c + "', got the end of the expression");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(int at, String what) {
        return error(text, at + 1, what);
    }

    /**
     * An error about the expression at a 1-based column: the message names the column and shows
     * the text with a caret under it.
     */
    static IllegalArgumentException error(String text, int column, String what) {
        String oneLine = text.replace('\n', ' ').replace('\t', ' ');
        return new IllegalArgumentException(String.format(Locale.ROOT, "column %d: %s%n  %s%n  %s^",
                column, what, oneLine, " ".repeat(Math.max(0, column - 1))));
    }
}
