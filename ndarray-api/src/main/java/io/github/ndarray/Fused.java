package io.github.ndarray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An array expression compiled once and evaluated in one pass over memory
 * ({@code numexpr.evaluate}, {@code cupy.fuse}): {@code x**2 + 2*x + 1} reads {@code x} once
 * and writes the result once, instead of writing and reading a temporary per operator.
 *
 * {@snippet :
 * Fused f = ND.fuse("where(a > b, sqrt(a) * c, -b)", "a", "b", "c");
 * NDArray z = f.call(a, b, c);          // broadcasting and dtypes as NumPy's
 * f.callInto(out, a, b, c);             // out= (same-kind casting)
 * NDArray s = ND.fuse("sum(a * b)", "a", "b").call(a, b); // a trailing reduction
 * }
 *
 * <p>The language is Python's expression syntax as numexpr reads it: numbers, {@code True},
 * {@code False}, {@code inf}, {@code nan}, the declared variables, {@code + - * / // % **},
 * comparisons, {@code & | ^ ~ << >>} (logical on bool, bitwise on integers), every ufunc by its
 * NumPy name ({@code sqrt(x)}, {@code arctan2(y, x)}, {@code where(c, x, y)}) and one outermost
 * {@code sum}, {@code prod}, {@code min}, {@code max} or {@code mean}, over all axes or one
 * ({@code sum(a * b, axis=0)}). Results equal the unfused ops' exactly: each operator resolves
 * its loop and casts as the op would (NumPy 2 promotion; numbers in the text and Java scalar
 * arguments are weak), and each step runs the op's own kernel. Subexpressions of numbers alone
 * are folded into one weak number, as Python does ({@code 2*3} is 6).
 *
 * <p>A {@code Fused} is immutable and thread-safe; it caches its resolved program per tuple of
 * argument dtypes. Errors are {@link IllegalArgumentException}s: syntax errors, unknown names and
 * functions, and ops without a loop for their dtypes name the column of the expression where
 * they occur.
 */
public final class Fused {
    private final String text;
    private final List<String> names;
    private final FusedNode tree;
    private final Map<List<Object>, FusedPlan> plans = new ConcurrentHashMap<>();

    Fused(String text, List<String> names) {
        if (text == null) {
            throw new IllegalArgumentException("expression must not be null");
        }
        for (String n : names) {
            if (n == null || n.isEmpty() || !Character.isJavaIdentifierStart(n.charAt(0))
                    || !n.chars().allMatch(Character::isJavaIdentifierPart)) {
                throw new IllegalArgumentException("invalid variable name '" + n + "'");
            }
            if (names.indexOf(n) != names.lastIndexOf(n)) {
                throw new IllegalArgumentException("variable '" + n + "' is declared twice");
            }
        }
        this.text = text;
        this.names = List.copyOf(names);
        this.tree = FusedParser.parse(text, this.names);
    }

    /** {@return the expression's text} */
    public String expression() {
        return text;
    }

    /** {@return the variables, in the order {@link #call} takes them} */
    public List<String> names() {
        return names;
    }

    /**
     * Evaluates the expression.
     *
     * @param args one value per variable, in {@link #names()} order: arrays, or Java numbers and
     *     booleans (weak scalars)
     * @return a new array (0-d for a full reduction)
     * @throws IllegalArgumentException if the arguments do not match the variables, do not
     *     broadcast, or an op has no loop for their dtypes
     */
    public NDArray call(Object... args) {
        return callInto(null, args);
    }

    /**
     * Evaluates the expression into {@code out} ({@code out=}): the result is broadcast to
     * {@code out}'s shape and cast with NumPy's same-kind rule.
     *
     * @param out the array to write into, or {@code null} for a new one
     * @param args one value per variable, in {@link #names()} order
     * @return {@code out}, or the new array
     */
    public NDArray callInto(NDArray out, Object... args) {
        if (args.length != names.size()) {
            throw new IllegalArgumentException("expression " + text + " takes " + names.size() + " arguments "
                    + names + ", got " + args.length);
        }
        Object[] bindings = new Object[args.length];
        List<Object> key = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            bindings[i] = binding(names.get(i), args[i]);
            key.add(bindings[i] instanceof NDArray a ? a.dtype() : bindings[i]);
        }
        FusedPlan plan = plans.get(key);
        if (plan == null) {
            plan = new FusedPlan(text, tree, bindings);
            plans.putIfAbsent(key, plan);
        }
        return plan.run(bindings, out);
    }

    /** An argument as the plan takes it: an array, or a Java scalar as Long, Double or Boolean. */
    private static Object binding(String name, Object v) {
        if (v instanceof NDArray || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        throw new IllegalArgumentException("variable '" + name + "' must be an NDArray or a Java number or boolean, got "
                + (v == null ? "null" : v.getClass().getName()));
    }

    @Override
    public String toString() {
        return "Fused[" + text + "; " + String.join(", ", names) + "]";
    }
}
