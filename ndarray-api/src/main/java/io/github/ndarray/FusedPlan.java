package io.github.ndarray;

import io.github.ndarray.broadcasting.Broadcast;
import io.github.ndarray.spi.FusedProgram;
import io.github.ndarray.spi.FusedSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fused expression resolved for one tuple of operand dtypes (and Java scalar values): the
 * {@link FusedProgram} of its elementwise part, where each step's loop and casts are chosen by
 * the same code as the unfused ops ({@link Elementwise#inputTypes}, {@link Ufunc#resolve}), so
 * the steps are exactly the calls the unfused expression would make. Subexpressions of Java
 * scalars and literals alone are folded into one weak scalar.
 */
final class FusedPlan {
    /** Where an operand of the program comes from. */
    private sealed interface Source {
    }

    /** The {@code index}-th binding, an array in its own dtype. */
    private record FromBinding(int index) implements Source {
    }

    /** A weak scalar in the loop type it met, a 0-d host array at run time. */
    private record Constant(Object value, DType dtype) implements Source {
    }

    /** A typed value while building: a weak scalar, or a program value of a dtype. */
    private record Typed(Object weak, int ref, DType dtype) {
        boolean isWeak() {
            return dtype == null;
        }
    }

    private final String text;
    private final FusedNode elementwise;
    private final FusedNode.Reduction reduction;
    private final List<Source> sources = new ArrayList<>();
    private final List<FusedProgram.Step> steps = new ArrayList<>();
    private final Map<Source, Integer> operandOf = new HashMap<>();
    private final Map<List<Object>, Integer> castOf = new HashMap<>();
    /** The program, or null when the expression folded to {@link #folded}. */
    private final FusedProgram program;
    private final Object folded;

    /**
     * Resolves {@code tree} for {@code bindings} (arrays, or Java scalars as Long, Double, Boolean).
     *
     * @throws IllegalArgumentException if an op has no loop for its operands' dtypes, naming
     *     the op, the dtypes and the column
     */
    FusedPlan(String text, FusedNode tree, Object[] bindings) {
        this.text = text;
        this.reduction = tree instanceof FusedNode.Reduction r ? r : null;
        this.elementwise = reduction != null ? reduction.arg() : tree;
        Typed t = type(elementwise, bindings);
        if (t.isWeak()) {
            program = null;
            folded = t.weak();
            return;
        }
        if (t.ref() < 0) {
            // The whole expression is one variable: copy it, as numexpr does.
            castTo(t, t.dtype(), true);
        }
        folded = null;
        int n = sources.size();
        List<FusedProgram.Step> numbered = new ArrayList<>(steps.size());
        for (FusedProgram.Step s : steps) {
            int[] in = s.inputs().clone();
            for (int i = 0; i < in.length; i++) {
                in[i] = in[i] < 0 ? -1 - in[i] : n + in[i];
            }
            numbered.add(new FusedProgram.Step(s.op(), s.loop(), in));
        }
        program = new FusedProgram(n, numbered);
    }

    // ------------------------------------------------------------------ typing

    private Typed type(FusedNode node, Object[] bindings) {
        return switch (node) {
            case FusedNode.Literal l -> weak(l.value());
            case FusedNode.Variable v -> bindings[v.index()] instanceof NDArray a
                    ? new Typed(null, operand(new FromBinding(v.index())), a.dtype())
                    : weak(bindings[v.index()]);
            case FusedNode.Apply a -> apply(a, bindings);
            case FusedNode.Reduction r -> throw FusedParser.error(text, r.column(),
                    "a reduction must be the outermost call of the expression");
        };
    }

    private static Typed weak(Object value) {
        return new Typed(value, 0, null);
    }

    private Typed apply(FusedNode.Apply node, Object[] bindings) {
        Ufunc op = node.op();
        List<FusedNode> args = node.args();
        Typed[] in = new Typed[args.size()];
        boolean allWeak = true;
        for (int i = 0; i < in.length; i++) {
            in[i] = type(args.get(i), bindings);
            allWeak &= in[i].isWeak();
        }
        try {
            if (op == Ufunc.WHERE) {
                // ND.where's rule: a condition of any dtype is read as bool; it takes no part in
                // the promotion of x and y, so a scalar condition is a bool operand, not a weak one.
                if (!in[0].isWeak()) {
                    in[0] = castTo(in[0], DType.BOOL, false);
                } else if (in[1].isWeak() && in[2].isWeak()) {
                    return weak(fold(op, new Typed[] {weak(truth(in[0].weak())), in[1], in[2]}));
                } else {
                    in[0] = new Typed(null, operand(new Constant(truth(in[0].weak()), DType.BOOL)), DType.BOOL);
                }
                allWeak = false;
            }
            if (allWeak) {
                return weak(fold(op, in));
            }
            Object[] described = new Object[in.length];
            for (int i = 0; i < in.length; i++) {
                described[i] = in[i].isWeak() ? in[i].weak() : in[i].dtype();
            }
            Ufunc.Loop loop = op.resolve(Elementwise.inputTypes(described, op.comparesByValue()));
            Elementwise.checkIntegerScalarsFit(described, loop);
            int[] refs = new int[in.length];
            for (int i = 0; i < in.length; i++) {
                DType want = loop.in().get(i);
                refs[i] = in[i].isWeak() ? operand(new Constant(in[i].weak(), want)) : castTo(in[i], want, false).ref();
            }
            steps.add(new FusedProgram.Step(op, loop, refs));
            return new Typed(null, steps.size() - 1, loop.out());
        } catch (IllegalArgumentException e) {
            throw FusedParser.error(text, node.column(), e.getMessage());
        }
    }

    /** {@code v} as {@code to}: itself, or a cast step (one per value and dtype). */
    private Typed castTo(Typed v, DType to, boolean always) {
        if (v.dtype() == to && !always) {
            return v;
        }
        Integer done = castOf.get(List.of(v.ref(), to));
        if (done != null && !always) {
            return new Typed(null, done, to);
        }
        steps.add(new FusedProgram.Step(null, new Ufunc.Loop(List.of(v.dtype()), to), new int[] {v.ref()}));
        castOf.put(List.of(v.ref(), to), steps.size() - 1);
        return new Typed(null, steps.size() - 1, to);
    }

    /** The reference of an operand (negative: operand {@code -1 - ref}), one per distinct source. */
    private int operand(Source s) {
        return operandOf.computeIfAbsent(s, k -> {
            sources.add(k);
            return -sources.size();
        });
    }

    /** A scalar-only subexpression, computed now by the unfused op and kept as a weak scalar. */
    private static Object fold(Ufunc op, Typed[] in) {
        Object[] values = new Object[in.length];
        for (int i = 0; i < in.length; i++) {
            values[i] = in[i].weak();
        }
        try (NDArray r = op.call(values)) {
            return scalarOf(r);
        }
    }

    private static Object scalarOf(NDArray r) {
        if (r.dtype() == DType.BOOL) {
            return r.getLong() != 0;
        }
        return r.dtype().isInteger() ? (Object) r.getLong() : (Object) r.getDouble();
    }

    private static Boolean truth(Object v) {
        return v instanceof Boolean b ? b : ((Number) v).doubleValue() != 0;
    }

    // ------------------------------------------------------------------ running

    /**
     * Evaluates the plan.
     *
     * @param bindings the operands, of the dtypes (and scalar values) the plan was made for
     * @param out the array to write into, or null
     */
    NDArray run(Object[] bindings, NDArray out) {
        Device device = null;
        List<NDArray> callers = new ArrayList<>();
        for (Object b : bindings) {
            if (b instanceof NDArray a) {
                a.checkOpen();
                if (!callers.isEmpty()) {
                    Elementwise.checkSameDevice(callers.get(0), a);
                }
                device = device == null ? a.device() : device;
                callers.add(a);
            }
        }
        if (out != null) {
            out.checkOpen();
            if (!callers.isEmpty()) {
                Elementwise.checkSameDevice(callers.get(0), out);
            }
            out.checkWriteable();
        }
        NDArray value = program == null ? Elementwise.asArray(folded, defaultType(folded))
                : elementwise(bindings, device, reduction == null ? out : null, callers);
        NDArray result = value;
        if (reduction != null) {
            try (NDArray v = value) {
                result = reduce(v);
            }
        }
        return out == null || result == out ? result : into(result, out);
    }

    /** The elementwise part, into {@code out} when it can be written there directly. */
    private NDArray elementwise(Object[] bindings, Device device, NDArray out, List<NDArray> callers) {
        long[] shape = shape(elementwise, bindings);
        NDArray[] operands = new NDArray[sources.size()];
        DType type = program.steps().get(program.steps().size() - 1).out();
        List<NDArray> temps = new ArrayList<>();
        try {
            for (int k = 0; k < operands.length; k++) {
                NDArray a = switch (sources.get(k)) {
                    case FromBinding b -> (NDArray) bindings[b.index()];
                    case Constant c -> {
                        NDArray host = Elementwise.asArray(c.value(), c.dtype());
                        temps.add(host);
                        yield host;
                    }
                };
                operands[k] = a.hasShape(shape) ? a : a.broadcastTo(shape);
                if (operands[k] != a) {
                    temps.add(operands[k]);
                }
            }
            boolean direct = out != null && out.dtype() == type && out.hasShape(shape);
            for (NDArray o : operands) {
                direct &= !Elementwise.overlapsHarmfully(o, out);
            }
            NDArray target = direct ? out : NDArray.allocateUninitialized(device, type, shape);
            if (target.size() > 0) {
                List<NDArray> held = new ArrayList<>(callers);
                held.add(out);
                try (Hold h = Hold.of(held.toArray(NDArray[]::new))) {
                    FusedSupport fused = target.backend().capability(FusedSupport.class);
                    if (fused != null) {
                        fused.evaluate(program, operands, target);
                    } else {
                        stepByStep(operands, target);
                    }
                }
            }
            return target;
        } finally {
            for (NDArray t : temps) {
                t.close();
            }
        }
    }

    /**
     * The portable path: each step through the backend's own kernel, with one temporary array
     * per step (what the unfused ops do), for backends without {@link FusedSupport}.
     */
    private void stepByStep(NDArray[] operands, NDArray target) {
        int n = operands.length;
        List<FusedProgram.Step> list = program.steps();
        NDArray[] values = new NDArray[n + list.size()];
        System.arraycopy(operands, 0, values, 0, n);
        try {
            for (int j = 0; j < list.size(); j++) {
                FusedProgram.Step s = list.get(j);
                NDArray dest = j == list.size() - 1 ? target
                        : NDArray.allocateUninitialized(target.device(), s.out(), target.shape());
                values[n + j] = dest;
                NDArray[] in = new NDArray[s.inputs().length];
                for (int i = 0; i < in.length; i++) {
                    in[i] = values[s.inputs()[i]];
                }
                if (s.isCast()) {
                    target.backend().cast(in[0], dest);
                } else {
                    target.backend().elementwise(s.op(), s.loop(), in, new NDArray[] {dest}, null);
                }
            }
        } finally {
            for (int j = n; j < values.length - 1; j++) {
                if (values[j] != null) {
                    values[j].close();
                }
            }
        }
    }

    /** The broadcast shape of a node, checked op by op so a mismatch names that op's shapes; null for scalars. */
    private long[] shape(FusedNode node, Object[] bindings) {
        return switch (node) {
            case FusedNode.Literal l -> null;
            case FusedNode.Variable v -> bindings[v.index()] instanceof NDArray a ? a.shape() : null;
            case FusedNode.Apply a -> {
                List<long[]> shapes = new ArrayList<>();
                for (FusedNode arg : a.args()) {
                    long[] s = shape(arg, bindings);
                    if (s != null) {
                        shapes.add(s);
                    }
                }
                try {
                    yield shapes.isEmpty() ? null : shapes.size() == 1 ? shapes.get(0)
                            : Broadcast.shape(shapes.toArray(long[][]::new));
                } catch (IllegalArgumentException e) {
                    throw FusedParser.error(text, a.column(), e.getMessage());
                }
            }
            case FusedNode.Reduction r -> shape(r.arg(), bindings);
        };
    }

    private NDArray reduce(NDArray v) {
        int[] axes = reduction.axis() == null ? new int[0] : new int[] {reduction.axis()};
        try {
            return switch (reduction.kind()) {
                case SUM -> ND.sum(v, axes);
                case PROD -> ND.prod(v, axes);
                case MIN -> ND.min(v, axes);
                case MAX -> ND.max(v, axes);
                case MEAN -> ND.mean(v, axes);
            };
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw FusedParser.error(text, reduction.column(), e.getMessage());
        }
    }

    /** Writes {@code result} into {@code out} as NumPy's {@code out=} does (same-kind casting, broadcast to out). */
    private static NDArray into(NDArray result, NDArray out) {
        try (NDArray r = result) {
            Elementwise.checkSameKind(r.dtype(), out.dtype());
            long[] shape = Broadcast.shape(r.shape(), out.shape());
            if (!java.util.Arrays.equals(shape, out.shape())) {
                throw new IllegalArgumentException("non-broadcastable output operand with shape "
                        + io.github.ndarray.broadcasting.Shapes.format(out.shape()) + " doesn't match the broadcast shape "
                        + io.github.ndarray.broadcasting.Shapes.format(shape));
            }
            if (!r.device().equals(out.device()) && r.size() > 1) {
                Elementwise.checkSameDevice(r, out);
            }
            // A scalar result of Java scalars alone is a host array; backends read it by value.
            try (NDArray src = r.broadcastTo(out.shape()); Hold h = Hold.of(out)) {
                out.backend().cast(src, out);
            }
            return out;
        }
    }

    private static DType defaultType(Object weak) {
        return weak instanceof Boolean ? DType.BOOL : weak instanceof Long ? DType.INT64 : DType.FLOAT64;
    }
}
