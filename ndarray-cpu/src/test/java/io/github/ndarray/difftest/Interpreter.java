package io.github.ndarray.difftest;

import io.github.ndarray.DType;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs a program's statements with this library: the Java twin of {@code run_statement} in difftest.py. */
final class Interpreter {
    private static final Map<String, Ufunc> UFUNCS = Ufunc.all().stream()
            .collect(Collectors.toMap(Ufunc::name, Function.identity()));

    private final Map<String, NDArray> env = new HashMap<>();

    NDArray get(String name) {
        return env.get(name);
    }

    /** Runs one statement; returns the name it defined or wrote. */
    String run(String[] f) {
        return switch (f[0]) {
            case "A" -> define(f[1], Inputs.synthesise(DType.of(f[2]), Programs.shape(f[3]), Long.parseLong(f[4]),
                    f[5], f[6], Integer.parseInt(f[7])));
            case "V" -> define(f[1], view(env.get(f[2]), f[3], f.length > 4 ? f[4] : null));
            case "U" -> define(f[1], ufunc(f));
            case "R" -> define(f[1], reduce(f[2], env.get(f[3]), Programs.ints(f[4]), f[5].equals("1"),
                    Integer.parseInt(f[6])));
            case "C" -> define(f[1], cumulative(f[2], env.get(f[3]), f[4]));
            case "S" -> {
                env.get(f[1]).set(f[2], operand(f[3]));
                yield f[1];
            }
            default -> throw new IllegalStateException("unknown statement " + f[0]);
        };
    }

    private String define(String name, NDArray a) {
        env.put(name, a);
        return name;
    }

    private static NDArray view(NDArray a, String op, String arg) {
        return switch (op) {
            case "get" -> a.get(arg);
            case "T" -> a.T();
            case "permute" -> a.permuteDims(Programs.ints(arg));
            case "bcast" -> a.broadcastTo(Programs.shape(arg));
            case "reshape" -> a.reshape(Programs.shape(arg));
            case "astype" -> a.astype(DType.of(arg));
            default -> throw new IllegalStateException("unknown view " + op);
        };
    }

    private NDArray ufunc(String[] f) {
        Ufunc u = UFUNCS.get(f[2]);
        NDArray out = null;
        NDArray where = null;
        java.util.List<Object> args = new java.util.ArrayList<>();
        for (int i = 3; i < f.length; i++) {
            if (f[i].startsWith("out=")) {
                out = env.get(f[i].substring(4));
            } else if (f[i].startsWith("where=")) {
                where = env.get(f[i].substring(6));
            } else {
                args.add(operand(f[i]));
            }
        }
        return out == null && where == null ? u.call(args.toArray()) : u.callInto(out, where, args.toArray());
    }

    /** An array name, or a Java scalar i:3 (Long), f:1.5 (Double), b:1 (Boolean): weak, like Python's. */
    private Object operand(String t) {
        NDArray a = env.get(t);
        if (a != null) {
            return a;
        }
        String v = t.substring(2);
        return switch (t.charAt(0)) {
            case 'i' -> Long.valueOf(v);
            case 'b' -> Boolean.valueOf(v.equals("1"));
            case 'f' -> Double.valueOf(Programs.parseFloat(v));
            default -> throw new IllegalStateException("unknown operand " + t);
        };
    }

    private static NDArray reduce(String op, NDArray a, int[] axes, boolean keep, int ddof) {
        return switch (op) {
            case "sum" -> ND.sum(a, keep, axes);
            case "prod" -> ND.prod(a, keep, axes);
            case "mean" -> ND.mean(a, keep, axes);
            case "var" -> ND.var(a, ddof, keep, axes);
            case "std" -> ND.std(a, ddof, keep, axes);
            case "max" -> ND.max(a, keep, axes);
            case "min" -> ND.min(a, keep, axes);
            case "any" -> ND.any(a, keep, axes);
            case "all" -> ND.all(a, keep, axes);
            case "argmax" -> ND.argmax(a, axes.length == 0 ? null : axes[0], keep);
            case "argmin" -> ND.argmin(a, axes.length == 0 ? null : axes[0], keep);
            default -> throw new IllegalStateException("unknown reduction " + op);
        };
    }

    private static NDArray cumulative(String op, NDArray a, String axis) {
        boolean all = axis.equals("none");
        return switch (op) {
            case "cumsum" -> all ? ND.cumsum(a) : ND.cumsum(a, Integer.parseInt(axis));
            case "cumprod" -> all ? ND.cumprod(a) : ND.cumprod(a, Integer.parseInt(axis));
            default -> throw new IllegalStateException("unknown cumulative op " + op);
        };
    }
}
