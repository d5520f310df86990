package io.github.ndarray.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ndarray.DType;
import io.github.ndarray.Index;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import io.github.ndarray.conformance.TestDevice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The harness of the NumPy-differential tests: builds a case's operands in Java, applies
 * its view recipe, calls the op through one dispatch table ({@link #OPS}, NumPy names to
 * Java calls), and compares with NumPy's answer. See {@link GoldenTest} for the tolerances.
 *
 * <p>Every case runs on {@link TestDevice#device()}: base arrays are built on the host from
 * NumPy's exact values, moved to the device, viewed there by the recipe, the op runs there and
 * must leave its result there; the comparison copies the result back to the host.
 */
final class Golden {
    private Golden() {
    }

    /** Set {@code -Dgolden.strictKnown=true} to fail (not skip) KNOWN_FAILURES entries that now pass. */
    static final boolean STRICT_KNOWN = Boolean.getBoolean("golden.strictKnown");

    // ------------------------------------------------------------------ dispatch table

    /** One op: operands (arrays and Java scalars, in order) and the case's parameters to a result. */
    @FunctionalInterface
    interface Op {
        NDArray apply(Object[] args, Params p);
    }

    /** A case's k=v parameters with typed getters. */
    record Params(Map<String, String> map) {
        String get(String k) {
            String v = map.get(k);
            if (v == null) {
                throw new IllegalStateException("case lacks parameter " + k);
            }
            return v;
        }

        /** {@code axis=None} gives {@code null}; {@code axis=0,2} gives {0, 2}. */
        int[] axes() {
            String v = get("axis");
            return v.equals("None") ? null : Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
        }

        /** The axes as ND's varargs take them: none for all. */
        int[] axesVarargs() {
            int[] a = axes();
            return a == null ? new int[0] : a;
        }

        Integer axis() {
            int[] a = axes();
            return a == null ? null : a[0];
        }

        boolean has(String k) {
            return map.containsKey(k);
        }

        boolean keepdims() {
            return map.getOrDefault("keepdims", "0").equals("1");
        }

        int ddof() {
            return Integer.parseInt(map.getOrDefault("ddof", "0"));
        }

        long getLong(String k) {
            return Long.parseLong(get(k));
        }

        double getDouble(String k) {
            return GoldenCase.parseDouble(get(k));
        }

        DType dtype() {
            return DType.of(get("dtype"));
        }

        long[] shape() {
            return GoldenCase.parseShape(get("shape"));
        }
    }

    /** The variable names of {@code fused} cases, in operand order. */
    private static final List<String> FUSED_NAMES = List.of("a", "b", "c", "d");

    /** Every public {@code Ufunc} constant, by NumPy name. */
    static final Map<String, Ufunc> UFUNCS = ufuncs();

    /** NumPy's names (ops of the golden files) to Java calls. */
    static final Map<String, Op> OPS = table();

    private static Map<String, Ufunc> ufuncs() {
        Map<String, Ufunc> m = new TreeMap<>();
        for (Field f : Ufunc.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Ufunc.class) {
                try {
                    Ufunc u = (Ufunc) f.get(null);
                    m.put(u.name(), u);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return m;
    }

    private static NDArray arr(Object o) {
        return (NDArray) o;
    }

    private static Map<String, Op> table() {
        Map<String, Op> t = new LinkedHashMap<>();
        for (Ufunc u : UFUNCS.values()) {
            t.put(u.name(), (a, p) -> u.call(a));
            t.put(u.name() + ".reduce", (a, p) -> u.reduce(arr(a[0]), p.axes(), p.keepdims()));
            t.put(u.name() + ".accumulate", (a, p) -> u.accumulate(arr(a[0]), p.axis()));
            t.put(u.name() + ".outer", (a, p) -> u.outer(arr(a[0]), arr(a[1])));
        }
        t.put("sum", (a, p) -> ND.sum(arr(a[0]), p.keepdims(), p.axesVarargs()));
        t.put("prod", (a, p) -> ND.prod(arr(a[0]), p.keepdims(), p.axesVarargs()));
        t.put("mean", (a, p) -> ND.mean(arr(a[0]), p.keepdims(), p.axesVarargs()));
        t.put("var", (a, p) -> ND.var(arr(a[0]), p.ddof(), p.keepdims(), p.axesVarargs()));
        t.put("std", (a, p) -> ND.std(arr(a[0]), p.ddof(), p.keepdims(), p.axesVarargs()));
        t.put("max", (a, p) -> ND.max(arr(a[0]), p.keepdims(), p.axesVarargs()));
        t.put("min", (a, p) -> ND.min(arr(a[0]), p.keepdims(), p.axesVarargs()));
        // with a keepdims parameter: the keepdims overloads; without: the plain ones
        t.put("any", (a, p) -> p.has("keepdims") ? ND.any(arr(a[0]), p.keepdims(), p.axesVarargs())
                : ND.any(arr(a[0]), p.axesVarargs()));
        t.put("all", (a, p) -> p.has("keepdims") ? ND.all(arr(a[0]), p.keepdims(), p.axesVarargs())
                : ND.all(arr(a[0]), p.axesVarargs()));
        t.put("argmax", (a, p) -> p.has("keepdims") ? ND.argmax(arr(a[0]), p.axis(), p.keepdims())
                : p.axis() == null ? ND.argmax(arr(a[0])) : ND.argmax(arr(a[0]), p.axis()));
        t.put("argmin", (a, p) -> p.has("keepdims") ? ND.argmin(arr(a[0]), p.axis(), p.keepdims())
                : p.axis() == null ? ND.argmin(arr(a[0])) : ND.argmin(arr(a[0]), p.axis()));
        t.put("setitem", (a, p) -> arr(a[0]).set(p.get("index"), a[1]));
        t.put("cumsum", (a, p) -> p.axis() == null ? ND.cumsum(arr(a[0])) : ND.cumsum(arr(a[0]), p.axis()));
        t.put("cumprod", (a, p) -> p.axis() == null ? ND.cumprod(arr(a[0])) : ND.cumprod(arr(a[0]), p.axis()));
        t.put("matmul", (a, p) -> ND.matmul(arr(a[0]), arr(a[1])));
        t.put("dot", (a, p) -> ND.dot(arr(a[0]), arr(a[1])));
        t.put("clip", (a, p) -> ND.clip(a[0], a[1], a[2]));
        t.put("where", (a, p) -> ND.where(arr(a[0]), a[1], a[2]));
        // creation: the host's overloads on the CPU (as users call them), the device overloads elsewhere
        t.put("arange_stop", (a, p) -> created(() -> ND.arange(p.getLong("stop")),
                d -> ND.arange(d, 0, p.getLong("stop"), 1)));
        t.put("arange_int", (a, p) -> created(() -> ND.arange(p.getLong("start"), p.getLong("stop"), p.getLong("step")),
                d -> ND.arange(d, p.getLong("start"), p.getLong("stop"), p.getLong("step"))));
        t.put("arange_float", (a, p) -> created(
                () -> ND.arange(p.getDouble("start"), p.getDouble("stop"), p.getDouble("step")),
                d -> ND.arange(d, p.getDouble("start"), p.getDouble("stop"), p.getDouble("step"))));
        t.put("linspace", (a, p) -> created(() -> ND.linspace(p.getDouble("start"), p.getDouble("stop"),
                p.getLong("num"), p.get("endpoint").equals("1")), d -> {
                    if (!p.get("endpoint").equals("1")) {
                        Assumptions.abort("host-only: ND.linspace has no device overload with endpoint=false");
                    }
                    return ND.linspace(d, p.getDouble("start"), p.getDouble("stop"), p.getLong("num"));
                }));
        t.put("eye", (a, p) -> created(() -> ND.eye(p.getLong("n"), p.getLong("m"), p.getLong("k"), p.dtype()),
                d -> ND.eye(d, p.getLong("n"), p.getLong("m"), p.getLong("k"), p.dtype())));
        t.put("zeros", (a, p) -> created(() -> ND.zeros(p.dtype(), p.shape()), d -> ND.zeros(d, p.dtype(), p.shape())));
        t.put("ones", (a, p) -> created(() -> ND.ones(p.dtype(), p.shape()), d -> ND.ones(d, p.dtype(), p.shape())));
        t.put("full", (a, p) -> created(() -> ND.full(p.dtype(), p.getDouble("value"), p.shape()),
                d -> ND.full(d, p.dtype(), p.getDouble("value"), p.shape())));
        t.put("astype", (a, p) -> arr(a[0]).astype(p.dtype()));
        advancedIndexing(t);
        sortingAndSets(t);
        manipulation(t);
        // expr=text: the variables a, b, c, ... are the operands in order
        t.put("fused", (a, p) -> ND.fuse(p.get("expr"), FUSED_NAMES.subList(0, a.length).toArray(String[]::new)).call(a));
        return t;
    }

    /** Advanced indexing and NumPy's indexing routines ({@code indexing_adv.tsv}). */
    private static void advancedIndexing(Map<String, Op> t) {
        t.put("setitem_get", (a, p) -> arr(a[0]).get(index(p.get("index"), a)));
        t.put("setitem_ix", (a, p) -> arr(a[0]).set(index(p.get("index"), a), a[a.length - 1]));
        t.put("take", (a, p) -> p.axis() == null ? ND.take(arr(a[0]), arr(a[1])) : ND.take(arr(a[0]), arr(a[1]), p.axis()));
        t.put("put", (a, p) -> {
            ND.put(arr(a[0]), arr(a[1]), a[2]);
            return arr(a[0]);
        });
        t.put("take_along_axis", (a, p) -> ND.takeAlongAxis(arr(a[0]), arr(a[1]), p.axis()));
        t.put("put_along_axis", (a, p) -> {
            ND.putAlongAxis(arr(a[0]), arr(a[1]), a[2], p.axis());
            return arr(a[0]);
        });
        t.put("compress", (a, p) -> p.axis() == null ? ND.compress(arr(a[0]), arr(a[1]))
                : ND.compress(arr(a[0]), arr(a[1]), p.axis()));
        t.put("argwhere", (a, p) -> ND.argwhere(arr(a[0])));
        t.put("flatnonzero", (a, p) -> ND.flatnonzero(arr(a[0])));
        t.put("nonzero.0", (a, p) -> ND.nonzero(arr(a[0]))[0]);
        t.put("nonzero.1", (a, p) -> ND.nonzero(arr(a[0]))[1]);
        t.put("extract", (a, p) -> ND.extract(arr(a[0]), arr(a[1])));
        t.put("place", (a, p) -> {
            ND.place(arr(a[0]), arr(a[1]), a[2]);
            return arr(a[0]);
        });
        t.put("choose", (a, p) -> ND.choose(arr(a[0]), Arrays.copyOfRange(a, 1, a.length, NDArray[].class)));
        for (String u : List.of("add", "multiply", "maximum")) {
            t.put(u + ".at", (a, p) -> {
                UFUNCS.get(u).at(arr(a[0]), a[a.length - 1], index(p.get("index"), a));
                return arr(a[0]);
            });
        }
    }

    /** Sorting, searching and set routines ({@code sorting.tsv}). */
    private static void sortingAndSets(Map<String, Op> t) {
        t.put("sort", (a, p) -> p.axis() == null ? ND.sortFlat(arr(a[0])) : ND.sort(arr(a[0]), p.axis()));
        t.put("argsort", (a, p) -> p.axis() == null ? ND.argsortFlat(arr(a[0])) : ND.argsort(arr(a[0]), p.axis()));
        t.put("searchsorted", (a, p) -> ND.searchsorted(arr(a[0]), a[1], p.get("side").equals("right")));
        t.put("unique", (a, p) -> ND.unique(arr(a[0])));
        t.put("unique.index", (a, p) -> ND.unique(arr(a[0]), true, false, false).indices());
        t.put("unique.inverse", (a, p) -> ND.unique(arr(a[0]), false, true, false).inverse());
        t.put("unique.counts", (a, p) -> ND.unique(arr(a[0]), false, false, true).counts());
        t.put("isin", (a, p) -> ND.isin(arr(a[0]), arr(a[1]), p.has("invert")));
        t.put("intersect1d", (a, p) -> ND.intersect1d(arr(a[0]), arr(a[1])));
        t.put("union1d", (a, p) -> ND.union1d(arr(a[0]), arr(a[1])));
        t.put("setdiff1d", (a, p) -> ND.setdiff1d(arr(a[0]), arr(a[1])));
        t.put("lexsort", (a, p) -> ND.lexsort(Arrays.copyOf(a, a.length, NDArray[].class)));
    }

    /** Array manipulation ({@code manipulation.tsv}); list results are compared part by part ({@code part=k}). */
    private static void manipulation(Map<String, Op> t) {
        t.put("flip", (a, p) -> ND.flip(arr(a[0]), p.axesVarargs()));
        t.put("fliplr", (a, p) -> ND.fliplr(arr(a[0])));
        t.put("flipud", (a, p) -> ND.flipud(arr(a[0])));
        t.put("rot90", (a, p) -> {
            int k = (int) p.getLong("k");
            if (!p.has("axes")) {
                return ND.rot90(arr(a[0]), k);
            }
            int[] ax = ints(p.get("axes"));
            return ND.rot90(arr(a[0]), k, ax[0], ax[1]);
        });
        t.put("moveaxis", (a, p) -> ND.moveaxis(arr(a[0]), ints(p.get("source")), ints(p.get("destination"))));
        t.put("diagonal", (a, p) -> ND.diagonal(arr(a[0]), p.getLong("offset"), (int) p.getLong("axis1"),
                (int) p.getLong("axis2")));
        t.put("diag", (a, p) -> ND.diag(arr(a[0]), p.getLong("k")));
        t.put("trace", (a, p) -> ND.trace(arr(a[0]), p.getLong("offset")));
        t.put("tril", (a, p) -> ND.tril(arr(a[0]), p.getLong("k")));
        t.put("triu", (a, p) -> ND.triu(arr(a[0]), p.getLong("k")));
        t.put("tile", (a, p) -> ND.tile(arr(a[0]), longs(p.get("reps"))));
        t.put("repeat", (a, p) -> p.axis() == null ? ND.repeat(arr(a[0]), p.getLong("repeats"))
                : ND.repeat(arr(a[0]), longs(p.get("repeats")), p.axis()));
        t.put("roll", (a, p) -> p.axis() == null ? ND.roll(arr(a[0]), p.getLong("shift"))
                : ND.roll(arr(a[0]), p.getLong("shift"), p.axis()));
        t.put("array_split", (a, p) -> ND.arraySplit(arr(a[0]), (int) p.getLong("sections"), p.axis())[part(p)]);
        t.put("split", (a, p) -> (p.has("cuts") ? ND.split(arr(a[0]), longs(p.get("cuts")), p.axis())
                : ND.split(arr(a[0]), (int) p.getLong("sections"), p.axis()))[part(p)]);
        t.put("hsplit", (a, p) -> ND.hsplit(arr(a[0]), (int) p.getLong("sections"))[part(p)]);
        t.put("vsplit", (a, p) -> ND.vsplit(arr(a[0]), (int) p.getLong("sections"))[part(p)]);
        t.put("dsplit", (a, p) -> ND.dsplit(arr(a[0]), (int) p.getLong("sections"))[part(p)]);
        t.put("hstack", (a, p) -> ND.hstack(arrays(a)));
        t.put("vstack", (a, p) -> ND.vstack(arrays(a)));
        t.put("dstack", (a, p) -> ND.dstack(arrays(a)));
        t.put("column_stack", (a, p) -> ND.columnStack(arrays(a)));
        t.put("atleast_1d", (a, p) -> ND.atleast1d(arr(a[0])));
        t.put("atleast_2d", (a, p) -> ND.atleast2d(arr(a[0])));
        t.put("atleast_3d", (a, p) -> ND.atleast3d(arr(a[0])));
        t.put("meshgrid", (a, p) -> (p.get("indexing").equals("ij") ? ND.meshgridIj(arrays(a)) : ND.meshgrid(arrays(a)))[part(p)]);
        t.put("broadcast_arrays", (a, p) -> ND.broadcastArrays(arrays(a))[part(p)]);
    }

    private static int part(Params p) {
        return (int) p.getLong("part");
    }

    private static NDArray[] arrays(Object[] a) {
        return Arrays.copyOf(a, a.length, NDArray[].class);
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static long[] longs(String csv) {
        return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /**
     * An index expression of a case: NumPy's syntax, where {@code @k} stands for the k-th operand
     * as an {@link Index#array} (so that index arrays can be views, of any dtype, on the device).
     */
    static Index[] index(String expr, Object[] args) {
        if (!expr.contains("@")) {
            return Index.parse(expr);
        }
        List<Index> out = new ArrayList<>();
        for (String item : expr.split(",")) {
            out.add(item.startsWith("@") ? Index.array(arr(args[Integer.parseInt(item.substring(1))]))
                    : Index.parse(item)[0]);
        }
        return out.toArray(new Index[0]);
    }

    /** A creation op: the host overload on the CPU, the device overload on any other device under test. */
    private static NDArray created(java.util.function.Supplier<NDArray> host,
            java.util.function.Function<io.github.ndarray.Device, NDArray> onDevice) {
        return TestDevice.isHost() ? host.get() : onDevice.apply(TestDevice.device());
    }

    // ------------------------------------------------------------------ building operands

    /** An array on the device under test from flat values in C order, reshaped to the base shape, then the recipe applied. */
    static NDArray build(GoldenCase.ArrayOperand o) {
        return applyRecipe(buildBase(o), o.recipe());
    }

    /**
     * The base array of an operand (its values in C order with the base shape), before the recipe,
     * on the device under test: built on the host, where the values are exact, then moved.
     */
    static NDArray buildBase(GoldenCase.ArrayOperand o) {
        DType t = DType.of(o.dtype());
        String[] v = o.values();
        Object data;
        if (v.length == 1 && v[0].startsWith("@")) {
            data = synthesise(v[0], t, o.shape());
        } else if (t.isFloating()) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = GoldenCase.parseDouble(v[i]);
            }
            data = d;
        } else if (t == DType.BOOL) {
            boolean[] b = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                b[i] = v[i].equals("1");
            }
            data = b;
        } else {
            long[] l = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                l[i] = Long.parseLong(v[i]);
            }
            data = l;
        }
        NDArray flat = ND.array(data, t);
        return TestDevice.on(flat.reshape(o.shape()));
    }

    /**
     * Values given as {@code @splitmix:seed:lo:hi} (see the generator's docstring): element i is
     * {@code lo + (hi - lo) * u_i} in double, u_i from splitmix64 of {@code seed + (i + 1) * gamma},
     * then rounded to the dtype by {@code ND.array}.
     */
    static double[] synthesise(String spec, DType t, long[] shape) {
        String[] f = spec.split(":");
        if (!f[0].equals("@splitmix") || f.length != 4 || !t.isFloating()) {
            throw new IllegalStateException("bad synthesised values " + spec + " for " + t);
        }
        long seed = Long.parseLong(f[1]);
        double lo = GoldenCase.parseDouble(f[2]);
        double hi = GoldenCase.parseDouble(f[3]);
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] d = new double[Math.toIntExact(n)];
        for (int i = 0; i < d.length; i++) {
            long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            double u = (z >>> 11) * 0x1.0p-53;
            d[i] = lo + (hi - lo) * u;
        }
        if (t == DType.FLOAT32) {
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) d[i];
            }
        }
        return d;
    }

    /** The same view recipe that the generator applied in NumPy. */
    static NDArray applyRecipe(NDArray a, String recipe) {
        for (String step : recipe.split(";")) {
            if (step.equals("-")) {
                continue;
            }
            if (step.equals("T")) {
                a = a.T();
            } else if (step.startsWith("reshape(")) {
                a = a.reshape(GoldenCase.parseShape(step.substring("reshape".length())));
            } else if (step.startsWith("broadcast(")) {
                a = a.broadcastTo(GoldenCase.parseShape(step.substring("broadcast".length())));
            } else if (step.startsWith("index[") && step.endsWith("]")) {
                String expr = step.substring("index[".length(), step.length() - 1);
                try {
                    a = a.get(expr);
                } catch (UnsupportedOperationException e) {
                    Assumptions.abort("view recipe index[" + expr + "] needs NDArray.get(String), not available yet ("
                            + e.getMessage() + ")");
                }
            } else {
                throw new IllegalStateException("unknown recipe step " + step);
            }
        }
        return a;
    }

    static Object scalar(GoldenCase.ScalarOperand s) {
        return switch (s.kind()) {
            case "int" -> Long.valueOf(s.value());
            case "float" -> Double.valueOf(GoldenCase.parseDouble(s.value()));
            case "bool" -> Boolean.valueOf(s.value().equals("1"));
            default -> throw new IllegalStateException("unknown scalar kind " + s.kind());
        };
    }

    // ------------------------------------------------------------------ known failures

    /** A KNOWN_FAILURES.txt entry: an id (a trailing or inner {@code *} matches any text) and its diagnosis. */
    record Known(String pattern, Pattern regex, String diagnosis) {
    }

    /** The known-failure files: for every device, and per device ({@code KNOWN_FAILURES.<device>.txt}). */
    static final List<String> KNOWN_FILES = List.of("KNOWN_FAILURES.txt", "KNOWN_FAILURES.cuda.txt");

    /**
     * The entries that apply on the device under test: the general file's, then the device's own
     * (failures of api paths that only a non-host device exercises; on the CPU they would hide
     * passing cases as stale).
     */
    static final List<Known> KNOWN = Stream.concat(loadKnown("KNOWN_FAILURES.txt").stream(),
            loadKnown("KNOWN_FAILURES." + TestDevice.name() + ".txt").stream()).toList();

    /** The entries of one file under {@code /golden/}; none if the file is absent. */
    static List<Known> loadKnown(String file) {
        List<Known> out = new ArrayList<>();
        InputStream in = Golden.class.getResourceAsStream("/golden/" + file);
        if (in == null) {
            return out;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String s; (s = r.readLine()) != null;) {
                s = s.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\\s+", 2);
                String regex = Arrays.stream(f[0].split("\\*", -1)).map(Pattern::quote)
                        .reduce((x, y) -> x + ".*" + y).orElse("");
                out.add(new Known(f[0], Pattern.compile(regex), f.length > 1 ? f[1] : "(no diagnosis)"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Known known(String id) {
        for (Known k : KNOWN) {
            if (k.regex().matcher(id).matches()) {
                return k;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ running

    /** The dynamic tests of one golden file, one per case, named by the case's id. */
    static Stream<DynamicTest> tests(String file) {
        return GoldenCase.load(file).stream().map(c -> DynamicTest.dynamicTest(c.id, () -> runWithKnown(c)));
    }

    static void runWithKnown(GoldenCase c) {
        Known k = known(c.id);
        if (k == null) {
            run(c);
            return;
        }
        try {
            run(c);
        } catch (TestAbortedException e) {
            throw e;
        } catch (Throwable t) {
            Assumptions.abort("KNOWN FAILURE (" + k.pattern() + "): " + k.diagnosis() + " | now: " + firstLine(t));
        }
        String msg = "KNOWN_FAILURES entry " + k.pattern() + " is stale: " + c.id
                + " now passes; remove the entry";
        if (STRICT_KNOWN) {
            fail(msg);
        }
        Assumptions.abort(msg);
    }

    private static String firstLine(Throwable t) {
        String m = t.getClass().getSimpleName() + ": " + t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Runs one case and compares with NumPy's answer; throws AssertionFailedError on a difference. */
    static void run(GoldenCase c) {
        if (c.skip != null) {
            Assumptions.abort("known deviation: " + c.skip);
        }
        Op op = OPS.get(c.op);
        if (op == null) {
            fail(c.where() + ": no Java mapping for op '" + c.op + "'");
        }
        boolean scalarsOnly = c.operands.stream().noneMatch(o -> o instanceof GoldenCase.ArrayOperand);
        if (scalarsOnly && UFUNCS.containsKey(c.op) && !TestDevice.isHost()) {
            // np.add(1, 2.5): Java scalars only, so nothing names a device; the result stays on the host
            Assumptions.abort("host-only: a ufunc of Java scalars alone computes on the host");
        }
        Object[] args = new Object[c.operands.size()];
        List<NDArray> inputs = new ArrayList<>();
        // shared=roles: those operands are views of one base array (aliasing); bases by role for cmp=base
        List<String> shared = c.params.containsKey("shared") ? List.of(c.params.get("shared").split(",")) : List.of();
        Map<String, NDArray> bases = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            Object o = c.operands.get(i);
            if (o instanceof GoldenCase.ArrayOperand ao) {
                NDArray a = applyRecipe(base(bases, shared, "arg" + i, ao), ao.recipe());
                inputs.add(a);
                args[i] = a;
            } else {
                args[i] = scalar((GoldenCase.ScalarOperand) o);
            }
        }
        boolean into = c.out != null || c.where != null || c.params.containsKey("out");
        NDArray out = null;
        NDArray where = null;
        if (into) {
            out = c.params.containsKey("out") ? (NDArray) args[0]
                    : c.out == null ? null : applyRecipe(base(bases, shared, "out", c.out), c.out.recipe());
            where = c.where == null ? null : build(c.where);
        }
        Params p = new Params(c.params);
        String call = describe(c);
        NDArray result;
        try {
            if (into) {
                Ufunc u = UFUNCS.get(c.op);
                if (u == null) {
                    fail(c.where() + ": out=/where= needs a ufunc, got " + c.op);
                }
                result = u.callInto(out, where, args);
            } else {
                result = op.apply(args, p);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            if (c.raises != null) {
                return; // NumPy raised too
            }
            throw new AssertionFailedError(call + "\n  NumPy gives " + c.expectDtype + " " + Arrays.toString(c.expectShape)
                    + " but Java threw " + e, e);
        } catch (TestAbortedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (c.raises != null) {
                throw new AssertionFailedError(call + "\n  NumPy raises " + c.raises + " (" + c.raisesMessage
                        + "); Java must throw IllegalArgumentException or IndexOutOfBoundsException, but threw " + e, e);
            }
            throw new AssertionFailedError(call + "\n  NumPy gives " + c.expectDtype + " " + Arrays.toString(c.expectShape)
                    + " but Java threw " + e, e);
        }
        if (c.raises != null) {
            fail(call + "\n  NumPy raises " + c.raises + " (" + c.raisesMessage + ") but Java returned "
                    + result.dtype() + " " + Arrays.toString(result.shape()));
        }
        if (into && out != null) {
            assertSame(out, result, call + "\n  callInto must return out");
        }
        TestDevice.onDevice(result); // computed where the operands live (or made there), not left on the host
        if ("base".equals(c.params.get("cmp"))) {
            // the whole base array after the call: the shared one, else out's, else arg0's
            result = bases.getOrDefault("shared", bases.getOrDefault("out", bases.get("arg0")));
            call += " [whole base array compared]";
        }
        compare(c, result, inputs, call);
    }

    /** The base array of one role: the shared one for roles listed in shared=, else its own. */
    private static NDArray base(Map<String, NDArray> bases, List<String> shared, String role, GoldenCase.ArrayOperand o) {
        NDArray b = shared.contains(role) ? bases.computeIfAbsent("shared", k -> buildBase(o)) : buildBase(o);
        bases.putIfAbsent(role, b);
        return b;
    }

    static String describe(GoldenCase c) {
        StringBuilder sb = new StringBuilder(c.id).append(" [").append(c.where()).append("] ").append(c.op);
        if (!c.params.isEmpty()) {
            sb.append(' ').append(c.params);
        }
        sb.append('(');
        for (int i = 0; i < c.operands.size(); i++) {
            sb.append(i == 0 ? "" : ", ");
            Object o = c.operands.get(i);
            if (o instanceof GoldenCase.ArrayOperand a) {
                sb.append(a.dtype()).append(Arrays.toString(a.shape()));
                if (!a.recipe().equals("-")) {
                    sb.append(" ").append(a.recipe());
                }
            } else {
                GoldenCase.ScalarOperand s = (GoldenCase.ScalarOperand) o;
                sb.append(s.kind()).append(' ').append(s.value());
            }
        }
        if (c.out != null) {
            sb.append(", out=").append(c.out.dtype()).append(Arrays.toString(c.out.shape()));
        }
        if (c.where != null) {
            sb.append(", where=").append(c.where.dtype()).append(Arrays.toString(c.where.shape()));
        }
        return sb.append(')').toString();
    }

    // ------------------------------------------------------------------ comparing

    /** Ops whose float results are sums of many terms: the tolerance grows with the count. */
    private static final Set<String> SUMS = Set.of("sum", "prod", "mean", "var", "std", "cumsum", "cumprod",
            "add.reduce", "multiply.reduce", "subtract.reduce", "divide.reduce", "power.reduce",
            "add.accumulate", "multiply.accumulate", "subtract.accumulate", "matmul", "dot",
            "linspace", "arange_float");

    /**
     * Ops whose float results are exactly defined (conversions, selections, sign changes,
     * rounding to integers, fixed-value creation, and IEEE 754's correctly rounded
     * {@code + - * / sqrt}): compared exactly, so that an error of one rounding (e.g. int64 to
     * float32 through float64) is caught.
     */
    private static final Set<String> EXACT = Set.of("astype", "zeros", "ones", "full", "eye", "arange_stop",
            "arange_int", "where", "clip", "maximum", "minimum", "fmax", "fmin", "max", "min", "maximum.reduce",
            "minimum.reduce", "fmax.reduce", "fmin.reduce", "maximum.accumulate", "minimum.accumulate",
            "fmax.accumulate", "fmin.accumulate", "negative", "absolute", "sign", "floor", "ceil", "trunc", "rint",
            "add", "subtract", "multiply", "divide", "square", "reciprocal", "sqrt", "setitem", "setitem_get",
            "setitem_ix", "take", "put", "take_along_axis", "put_along_axis", "compress", "extract", "place", "choose",
            "sort", "unique", "intersect1d", "union1d", "setdiff1d", "add.at", "multiply.at", "maximum.at", "flip",
            "fliplr", "flipud", "rot90", "moveaxis", "diagonal", "diag", "tril", "triu", "tile", "repeat", "roll",
            "array_split", "split", "hsplit", "vsplit", "dsplit", "hstack", "vstack", "dstack", "column_stack",
            "atleast_1d", "atleast_2d", "atleast_3d", "meshgrid", "broadcast_arrays");

    /** Relative tolerance for one float result element (see {@link GoldenTest}). */
    static double rtol(DType t, String op) {
        if (EXACT.contains(op)) {
            return 0;
        }
        boolean f32 = t == DType.FLOAT32;
        if (op.equals("matmul") || op.equals("dot")) {
            return f32 ? 1e-5 : 1e-12;
        }
        return f32 ? 1e-6 : 1e-12;
    }

    static void compare(GoldenCase c, NDArray r, List<NDArray> inputs, String call) {
        assertEquals(c.expectDtype, r.dtype().toString(), () -> call + "\n  dtype");
        assertArrayEquals(c.expectShape, r.shape(), () -> call + "\n  shape: expected " + Arrays.toString(c.expectShape)
                + ", got " + Arrays.toString(r.shape()));
        DType t = r.dtype();
        String[] ev = c.expectValues;
        List<String> bad = new ArrayList<>();
        int mismatches = 0;
        if (!t.isFloating()) {
            long[] av = r.toLongArray();
            assertEquals(ev.length, av.length, () -> call + "\n  element count");
            for (int i = 0; i < ev.length; i++) {
                long e = Long.parseLong(ev[i]);
                if (av[i] != e) {
                    mismatches++;
                    if (bad.size() < 8) {
                        bad.add("[" + i + "] expected " + e + ", got " + av[i]);
                    }
                }
            }
        } else {
            double[] av = r.toDoubleArray();
            assertEquals(ev.length, av.length, () -> call + "\n  element count");
            double rtol = c.params.containsKey("rtol") ? Double.parseDouble(c.params.get("rtol")) : rtol(t, c.op);
            double atol = c.params.containsKey("atol") ? Double.parseDouble(c.params.get("atol"))
                    : rtol == 0 ? 0 : t == DType.FLOAT32 ? 1e-37 : 1e-300;
            double[] absScale = null;
            if ("abs".equals(c.params.get("tol"))) {
                double[] ns = new double[1];
                absScale = absScale(c, inputs.get(0), ns);
                rtol = t == DType.FLOAT32 ? Math.min(ns[0] * 1e-7, 4e-6) : 1e-12;
            } else if (SUMS.contains(c.op)) {
                double[] na = sumScale(c, inputs, r);
                rtol *= na[0];
                atol = Math.max(atol, rtol * na[1]);
            }
            for (int i = 0; i < ev.length; i++) {
                double e = GoldenCase.parseDouble(ev[i]);
                double a = av[i];
                boolean ok;
                if (Double.isNaN(e) || Double.isInfinite(e)) {
                    ok = Double.isNaN(e) ? Double.isNaN(a) : a == e;
                } else if (absScale != null) {
                    ok = Double.isFinite(a) && Math.abs(a - e) <= Math.max(atol, rtol * absScale[i]);
                } else {
                    ok = Double.isFinite(a) && Math.abs(a - e) <= Math.max(atol, rtol * Math.abs(e));
                }
                if (!ok) {
                    mismatches++;
                    if (bad.size() < 8) {
                        bad.add("[" + i + "] expected " + e + " (" + ev[i] + "), got " + a + " (" + Double.toHexString(a)
                                + ")");
                    }
                }
            }
            if (!bad.isEmpty()) {
                bad.add("rtol " + rtol + ", atol " + atol);
            }
        }
        if (mismatches > 0) {
            throw new AssertionFailedError(call + "\n  " + mismatches + " of " + ev.length + " elements differ from NumPy "
                    + c.expectDtype + " " + Arrays.toString(c.expectShape) + ":\n    " + String.join("\n    ", bad));
        }
    }

    /**
     * For sums: {n, scale}, n the number of terms per result (at least 1) and scale the size of
     * the terms (the largest finite input magnitude; squared for var; the product of the two
     * operands' largest magnitudes for matmul/dot; the larger end for linspace/arange), so that
     * cancellation near zero is judged against the terms, not the result.
     */
    private static double[] sumScale(GoldenCase c, List<NDArray> inputs, NDArray r) {
        double n;
        double scale;
        switch (c.op) {
            case "linspace", "arange_float" -> {
                n = 4;
                scale = 0;
                for (String k : new String[] {"start", "stop", "step"}) {
                    if (c.params.containsKey(k)) {
                        scale = Math.max(scale, Math.abs(GoldenCase.parseDouble(c.params.get(k))));
                    }
                }
            }
            case "matmul", "dot" -> {
                NDArray a = inputs.get(0);
                n = a.ndim() == 0 ? 1 : Math.max(1, a.shape(a.ndim() - 1));
                scale = maxAbs(inputs.get(0)) * maxAbs(inputs.get(1));
            }
            default -> {
                NDArray a = inputs.get(0);
                n = Math.max(1, a.size() / (double) Math.max(1, r.size()));
                if (c.op.equals("cumsum") || c.op.endsWith(".accumulate") || c.op.equals("cumprod")) {
                    n = Math.max(1, a.size());
                }
                scale = maxAbs(a);
                if (c.op.equals("var")) {
                    scale *= scale;
                }
                if (c.op.equals("prod") || c.op.startsWith("multiply.") || c.op.equals("cumprod")
                        || c.op.startsWith("divide.") || c.op.startsWith("power.")) {
                    scale = 0; // no cancellation: relative error only
                }
            }
        }
        return new double[] {n, scale};
    }

    /**
     * For {@code tol=abs} reductions: per result element, the size that the error is judged
     * against: sum |x| over the reduced elements (sum), that over n (mean), sum x^2 over
     * max(n - ddof, 1) (var: the terms before centring) and its square root (std). {@code n[0]}
     * gets the number of reduced elements per result. Plain loops over the input's values, so
     * the tolerance does not depend on the code under test.
     */
    static double[] absScale(GoldenCase c, NDArray in, double[] n) {
        long[] shape = in.shape();
        int nd = shape.length;
        boolean[] red = new boolean[nd];
        int[] axes = new Params(c.params).axes();
        if (axes == null) {
            Arrays.fill(red, true);
        } else {
            for (int ax : axes) {
                red[ax < 0 ? ax + nd : ax] = true;
            }
        }
        long count = 1;
        int outSize = 1;
        for (int d = 0; d < nd; d++) {
            if (red[d]) {
                count *= shape[d];
            } else {
                outSize *= (int) shape[d];
            }
        }
        double[] x = in.toDoubleArray();
        double[] s1 = new double[outSize];
        double[] s2 = new double[outSize];
        long[] idx = new long[nd];
        for (double v : x) {
            int o = 0;
            for (int d = 0; d < nd; d++) {
                if (!red[d]) {
                    o = (int) (o * shape[d] + idx[d]);
                }
            }
            s1[o] += Math.abs(v);
            s2[o] += v * v;
            for (int d = nd - 1; d >= 0 && ++idx[d] == shape[d]; d--) {
                idx[d] = 0;
            }
        }
        n[0] = Math.max(1, count);
        int ddof = Integer.parseInt(c.params.getOrDefault("ddof", "0"));
        double[] s = new double[outSize];
        for (int i = 0; i < outSize; i++) {
            s[i] = switch (c.op) {
                case "sum" -> s1[i];
                case "mean" -> s1[i] / count;
                case "var" -> s2[i] / Math.max(count - ddof, 1);
                case "std" -> Math.sqrt(s2[i] / Math.max(count - ddof, 1));
                default -> throw new IllegalStateException("tol=abs is for sum, mean, var, std, not " + c.op);
            };
        }
        return s;
    }

    private static double maxAbs(NDArray a) {
        double m = 0;
        for (double v : a.toDoubleArray()) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
