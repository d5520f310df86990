package io.github.ndarray.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ndarray.AxisException;
import io.github.ndarray.DType;
import io.github.ndarray.Linalg;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.conformance.TestDevice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and runs the NumPy golden cases of {@code linalg/linalg.tsv} (written by
 * {@code scripts/gen_linalg_golden.py}; its docstring documents the format), on the device
 * under test ({@link TestDevice}): operands are moved there, the result must stay there.
 *
 * <p>Tolerances. Integer results are exact. For float results, with {@code rtol} 1e-12 for
 * float64 and 1e-5 for float32 results:
 * <ul>
 *   <li>matmul: {@code |got - expected| <= rtol * (|A| @ |B|)[i,j]}, the scale of the
 *       standard error bound of a dot product, per element; and every element (not only the
 *       sampled ones of large results) is checked the same way against an independent float64
 *       reference, the definition's loops over the C-order elements, no BLAS;</li>
 *   <li>everything else (solve, inv, det, norm, vdot, inner, outer, dot): normwise,
 *       {@code |got - expected| <= rtol * (|expected| + max|expected|)} with {@code rtol}
 *       1e-10 for float64 and 1e-5 for float32.</li>
 * </ul>
 */
final class LinalgGolden {
    private LinalgGolden() {
    }

    record Operand(DType dtype, long[] shape, String recipe, String values) {
    }

    record Case(String id, String op, Map<String, String> params, List<Operand> args,
            String kind, DType dtype, long[] shape, String values, String raisesClass, String raisesMessage) {
        @Override
        public String toString() {
            return id;
        }
    }

    static List<Case> load() {
        var in = LinalgGolden.class.getResourceAsStream("/linalg/linalg.tsv");
        if (in == null) {
            throw new IllegalStateException("linalg/linalg.tsv is missing from the test resources");
        }
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            String id = null;
            String op = null;
            Map<String, String> params = null;
            List<Operand> args = null;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "case" -> {
                        id = f[1];
                        op = f[2];
                        params = new LinkedHashMap<>();
                        if (!f[3].equals("-")) {
                            for (String kv : f[3].split(" ")) {
                                int eq = kv.indexOf('=');
                                params.put(kv.substring(0, eq), kv.substring(eq + 1));
                            }
                        }
                        args = new ArrayList<>();
                    }
                    case "arg" -> args.add(new Operand(DType.of(f[1]), shape(f[2]), f[3], f[4]));
                    case "expect", "sample" -> cases.add(new Case(id, op, params, args, f[0], DType.of(f[1]), shape(f[2]),
                            f[3], null, null));
                    case "raises" -> cases.add(new Case(id, op, params, args, "raises", null, null, null, f[1], f[2]));
                    default -> throw new IllegalStateException("bad record: " + f[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static long[] shape(String s) {
        String t = s.substring(1, s.length() - 1).trim();
        if (t.isEmpty()) {
            return new long[0];
        }
        return Arrays.stream(t.split(",")).map(String::trim).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
    }

    // ------------------------------------------------------------------ operands

    /** The operand on the device under test: built on the host from the exact values, moved, then viewed there. */
    static NDArray build(Operand o) {
        long n = 1;
        for (long d : o.shape) {
            n *= d;
        }
        NDArray base;
        if (o.values.startsWith("@splitmix")) {
            base = ND.array(synthesise(o.values, (int) n)).astype(o.dtype).reshape(o.shape);
        } else if (o.values.equals("-")) {
            base = ND.zeros(o.dtype, o.shape);
        } else {
            String[] v = o.values.split(" ");
            if (o.dtype == DType.BOOL) {
                boolean[] b = new boolean[v.length];
                for (int i = 0; i < v.length; i++) {
                    b[i] = !v[i].equals("0");
                }
                base = ND.array(b).reshape(o.shape);
            } else if (o.dtype.isFloating()) {
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    d[i] = parseDouble(v[i]);
                }
                base = ND.array(d).astype(o.dtype).reshape(o.shape);
            } else {
                long[] l = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    l[i] = Long.parseLong(v[i]);
                }
                base = ND.array(l).astype(o.dtype).reshape(o.shape);
            }
        }
        return applyRecipe(TestDevice.on(base), o.recipe);
    }

    static NDArray applyRecipe(NDArray a, String recipe) {
        if (recipe.equals("-")) {
            return a;
        }
        for (String step : recipe.split(";")) {
            if (step.equals("T")) {
                a = a.transpose();
            } else if (step.equals("mT")) {
                a = a.swapAxes(-1, -2);
            } else if (step.startsWith("index[")) {
                a = a.get(step.substring(6, step.length() - 1));
            } else if (step.startsWith("broadcast(")) {
                a = a.broadcastTo(shape(step.substring(10, step.length() - 1)));
            } else if (step.startsWith("reshape(")) {
                a = a.reshape(shape(step.substring(8, step.length() - 1)));
            } else if (step.startsWith("adddiag(")) {
                double v = Double.parseDouble(step.substring(8, step.length() - 1));
                long n = a.shape(-1);
                // the identity joins the operand on its device: mixing devices is an error by design
                a = a.add(TestDevice.on(ND.eye(n).mul(v).astype(a.dtype())));
            } else {
                throw new IllegalStateException("unknown recipe step " + step);
            }
        }
        return a;
    }

    /** The generator's {@code @splitmix:seed:lo:hi} values. */
    static double[] synthesise(String spec, int n) {
        String[] f = spec.split(":");
        long seed = Long.parseLong(f[1]);
        double lo = parseDouble(f[2]);
        double hi = parseDouble(f[3]);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            double u = (z >>> 11) * 0x1.0p-53;
            r[i] = lo + (hi - lo) * u;
        }
        return r;
    }

    static double parseDouble(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    // ------------------------------------------------------------------ running

    static NDArray call(Case c, NDArray[] a) {
        Map<String, String> p = c.params;
        return switch (c.op) {
            case "matmul" -> ND.matmul(a[0], a[1]);
            case "dot" -> ND.dot(a[0], a[1]);
            case "vdot" -> Linalg.vdot(a[0], a[1]);
            case "inner" -> Linalg.inner(a[0], a[1]);
            case "outer" -> Linalg.outer(a[0], a[1]);
            case "solve" -> Linalg.solve(a[0], a[1]);
            case "inv" -> Linalg.inv(a[0]);
            case "det" -> Linalg.det(a[0]);
            case "norm" -> {
                String ord = p.get("ord");
                if (ord == null) {
                    yield Linalg.norm(a[0]);
                }
                if (ord.equals("fro") || ord.equals("f") || ord.equals("nuc")) {
                    yield Linalg.norm(a[0], ord);
                }
                double o = parseDouble(ord);
                if (p.containsKey("axis")) {
                    yield Linalg.norm(a[0], o, Integer.parseInt(p.get("axis")), "1".equals(p.get("keepdims")));
                }
                yield Linalg.norm(a[0], o);
            }
            default -> throw new IllegalStateException("unknown op " + c.op);
        };
    }

    static void run(Case c) {
        NDArray[] args = c.args.stream().map(LinalgGolden::build).toArray(NDArray[]::new);
        if (c.kind.equals("raises")) {
            Class<? extends Throwable> type = c.raisesClass.equals("AxisError") ? AxisException.class
                    : IllegalArgumentException.class;
            Throwable t = assertThrows(type, () -> call(c, args), c.id);
            assertEquals(c.raisesMessage, t.getMessage(), c.id + ": message");
            return;
        }
        NDArray got = TestDevice.onDevice(call(c, args));
        assertEquals(c.dtype, got.dtype(), c.id + ": dtype");
        assertEquals(Arrays.toString(c.shape), Arrays.toString(got.shape()), c.id + ": shape");
        double[] g = got.toDoubleArray();
        boolean matmul = c.op.equals("matmul") && c.dtype.isFloating();
        double[] scale = null;
        if (matmul) {
            NDArray[] ref = MatmulReference.of(args[0], args[1]);
            double[] r = ref[0].toDoubleArray();
            scale = ref[1].toDoubleArray();
            double rtol = c.dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
            for (int i = 0; i < g.length; i++) {
                check(c.id + " vs float64 reference", i, g[i], r[i], rtol * scale[i]);
            }
        }
        // NumPy's values: all of them, or the sampled ones.
        int[] idx;
        double[] exp;
        if (c.kind.equals("expect")) {
            String[] v = c.values.equals("-") ? new String[0] : c.values.split(" ");
            idx = new int[v.length];
            exp = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                idx[i] = i;
                exp[i] = parseDouble(v[i]);
            }
        } else {
            String[] v = c.values.split(" ");
            idx = new int[v.length];
            exp = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                int colon = v[i].indexOf(':');
                idx[i] = Integer.parseInt(v[i].substring(0, colon));
                exp[i] = parseDouble(v[i].substring(colon + 1));
            }
        }
        assertEquals(g.length, c.kind.equals("expect") ? exp.length : g.length, c.id + ": size");
        if (!c.dtype.isFloating()) {
            for (int i = 0; i < idx.length; i++) {
                assertEquals(exp[i], g[idx[i]], c.id + " at flat index " + idx[i]);
            }
            return;
        }
        double maxAbs = 0;
        for (double e : exp) {
            if (Double.isFinite(e)) {
                maxAbs = Math.max(maxAbs, Math.abs(e));
            }
        }
        double rtol = c.dtype == DType.FLOAT32 ? 1e-5 : (matmul ? 1e-12 : 1e-10);
        for (int i = 0; i < idx.length; i++) {
            double tol = matmul ? rtol * scale[idx[i]] : rtol * (Math.abs(exp[i]) + maxAbs);
            check(c.id + " vs NumPy", idx[i], g[idx[i]], exp[i], tol);
        }
    }

    private static void check(String what, int i, double got, double exp, double tol) {
        if (Double.isNaN(exp) ? Double.isNaN(got) : (got == exp || Math.abs(got - exp) <= tol)) {
            return;
        }
        fail(what + ": at flat index " + i + " got " + got + ", expected " + exp + " (|diff| " + Math.abs(got - exp)
                + " > tol " + tol + ")");
    }
}
