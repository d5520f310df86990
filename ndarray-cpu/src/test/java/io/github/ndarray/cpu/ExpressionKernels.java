package io.github.ndarray.cpu;

import io.github.ndarray.DType;
import io.github.ndarray.Ufunc;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * C source with one strided loop per (ufunc, loop), built from the ufunc table's expressions and
 * prelude only: what a kernel generator does, in its simplest form. Each function has NumPy's
 * inner-loop signature, {@code (n, args, steps)}: element count, one pointer per operand (inputs,
 * then the output) and one byte step per operand. The same text compiles as host C (gcc) and,
 * through the prelude's ND_KERNEL and ND_FOR, as CUDA kernels (nvcc).
 */
final class ExpressionKernels {
    /** One generated function. */
    record Kernel(Ufunc op, Ufunc.Loop loop, String symbol) {
    }

    private ExpressionKernels() {
    }

    /** {@return every (ufunc, loop) of the table, each loop once} */
    static List<Kernel> all() {
        List<Kernel> out = new ArrayList<>();
        for (Ufunc u : Ufunc.all()) {
            Set<Ufunc.Loop> loops = new LinkedHashSet<>(u.loops());
            if (u.integerInputsLoop() != null) {
                loops.add(u.integerInputsLoop());
            }
            for (Ufunc.Loop loop : loops) {
                out.add(new Kernel(u, loop, symbol(u, loop)));
            }
        }
        return out;
    }

    /** {@return the C name of a loop's function, e.g. {@code k_add_float64_float64_float64}} */
    private static String symbol(Ufunc u, Ufunc.Loop loop) {
        StringBuilder sb = new StringBuilder("k_").append(u.name());
        for (DType t : loop.in()) {
            sb.append('_').append(t);
        }
        return sb.append('_').append(loop.out()).toString().toLowerCase(Locale.ROOT);
    }

    /** {@return the prelude followed by one function per kernel} */
    static String source(List<Kernel> kernels) {
        StringBuilder sb = new StringBuilder(Ufunc.cPrelude()).append('\n');
        for (Kernel k : kernels) {
            List<DType> in = k.loop().in();
            int nin = in.size();
            sb.append("ND_KERNEL void ").append(k.symbol())
                    .append("(long long n, char *const *args, const long long *steps) {\n")
                    .append("    ND_FOR(i, n) {\n");
            for (int j = 0; j < nin; j++) {
                String type = Ufunc.cType(in.get(j));
                sb.append("        ").append(type).append(" in").append(j).append(" = *(const ").append(type)
                        .append(" *) (args[").append(j).append("] + i * steps[").append(j).append("]);\n");
            }
            String out = Ufunc.cType(k.loop().out());
            sb.append("        ").append(out).append(" out0;\n")
                    .append("        ").append(k.op().expression(k.loop())).append('\n')
                    .append("        *(").append(out).append(" *) (args[").append(nin).append("] + i * steps[")
                    .append(nin).append("]) = out0;\n")
                    .append("    }\n}\n\n");
        }
        return sb.toString();
    }
}
