package io.github.ndarray.cuda;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import io.github.ndarray.Ufunc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An elementwise kernel from a few lines of CUDA C ({@code cupy.ElementwiseKernel}): typed input
 * and output parameters and one operation per element, which this class wraps into a kernel that
 * broadcasts its inputs, walks any strides (transposed, sliced and broadcast views need no
 * copy) and takes Java numbers as scalars, exactly as the built-in ufunc kernels do. Compiled
 * with NVRTC on the first call on each GPU and cached on disk and in memory ({@link RawKernel}).
 *
 * {@snippet :
 * ElementwiseKernel fma = new ElementwiseKernel(
 *         "float64 x, float64 y, float64 b", "float64 z", "z = x * y + b", "my_fma");
 * Device gpu = Device.cuda();
 * try (NDArray x = ND.random(0).random(1000, 1).to(gpu);
 *      NDArray y = ND.random(1).random(500).to(gpu);
 *      NDArray z = fma.call(x, y, 1.0)) {          // shape (1000, 500); 1.0 travels by value
 *     double s = z.sum().item();
 * }
 * }
 *
 * <p><b>Parameters</b>: {@code "TYPE NAME, TYPE NAME"} with NumPy's dtype names ({@code bool},
 * {@code int8}, {@code uint8}, {@code int16}, {@code int32}, {@code int64}, {@code float32},
 * {@code float64}); one to three inputs and exactly one output. In the operation a name stands
 * for one element in its C type ({@code nd_float64} is {@code double}, {@code nd_bool} an
 * unsigned byte holding 0 or 1); inputs are {@code const}. CuPy's type placeholders ({@code T}),
 * {@code raw} parameters, several outputs and the index {@code i} are not supported. The
 * operation may call the helpers of {@link Ufunc#cPrelude()} and CUDA's math functions.
 *
 * <p><b>Inputs</b> are arrays on one CUDA device, or Java numbers (and booleans) taken as scalars
 * of the declared type. An array of another dtype is converted first with
 * {@link NDArray#astype} (C conversion, as CuPy does), which costs a copy. The kernel is compiled
 * with {@code --fmad=false --ftz=false --prec-div=true --prec-sqrt=true}, the flags of the built-in
 * kernels, so {@code x * y + b} rounds twice as on the CPU; options given to the constructor come
 * after these.
 */
public final class ElementwiseKernel {
    /** NVRTC options matching the nvcc flags of the built-in kernels (KernelSource.NVCC_FLAGS). */
    static final List<String> DEFAULT_OPTIONS =
            List.of("--fmad=false", "--ftz=false", "--prec-div=true", "--prec-sqrt=true", "-std=c++17",
                    "--diag-suppress=177");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("auto", "bool", "break", "case", "char", "const", "continue",
            "default", "do", "double", "else", "enum", "extern", "float", "for", "goto", "if", "int", "long",
            "register", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
            "unsigned", "void", "volatile", "while", "class", "template", "typename", "this", "true", "false",
            "new", "delete", "namespace", "operator", "private", "public", "protected", "virtual", "inline",
            "nullptr", "constexpr", "using");

    /** A declared parameter: its dtype and its name in the operation. */
    record Param(DType dtype, String name) {
    }

    private final List<Param> in;
    private final Param out;
    private final String operation;
    private final String name;
    private final List<String> options;
    private final ConcurrentHashMap<Integer, Object> functions = new ConcurrentHashMap<>();
    private volatile String source;

    /**
     * A kernel, compiled on its first call.
     *
     * @param inParams the inputs, e.g. {@code "float64 x, float64 y"} (1 to 3)
     * @param outParams the output, e.g. {@code "float64 z"} (exactly 1)
     * @param operation C statements that assign the output from the inputs, e.g. {@code "z = x * y + 1"}
     * @param name the kernel's name, a C identifier (not starting with {@code nd_})
     * @param options further NVRTC options, e.g. {@code "-DK=3"}
     * @throws IllegalArgumentException if a parameter list or the name is malformed
     */
    public ElementwiseKernel(String inParams, String outParams, String operation, String name, String... options) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(name, "name");
        this.in = parseParams(inParams, "in_params");
        List<Param> outs = parseParams(outParams, "out_params");
        if (in.isEmpty() || in.size() > 3) {
            throw new IllegalArgumentException("in_params \"" + inParams + "\" declares " + in.size()
                    + " inputs; an ElementwiseKernel takes 1 to 3");
        }
        if (outs.size() != 1) {
            throw new IllegalArgumentException("out_params \"" + outParams + "\" declares " + outs.size()
                    + " outputs; an ElementwiseKernel has exactly 1");
        }
        this.out = outs.get(0);
        Set<String> seen = new HashSet<>();
        for (Param p : in) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("parameter name '" + p.name() + "' is declared twice");
            }
        }
        if (!seen.add(out.name())) {
            throw new IllegalArgumentException("parameter name '" + out.name() + "' is both an input and the output");
        }
        if (!IDENTIFIER.matcher(name).matches() || name.startsWith("nd_") || name.startsWith("ND_")
                || RESERVED.contains(name)) {
            throw new IllegalArgumentException("kernel name '" + name
                    + "' must be a C identifier, not a keyword and not starting with nd_");
        }
        if (operation.isBlank()) {
            throw new IllegalArgumentException("the operation is empty");
        }
        this.operation = operation;
        this.name = name;
        List<String> opts = new ArrayList<>(DEFAULT_OPTIONS);
        opts.addAll(List.of(options));
        this.options = List.copyOf(opts);
    }

    /**
     * Parses {@code "TYPE NAME, TYPE NAME, ..."}.
     *
     * @param which {@code in_params} or {@code out_params}, for messages
     */
    static List<Param> parseParams(String text, String which) {
        Objects.requireNonNull(text, which);
        List<Param> params = new ArrayList<>();
        if (text.isBlank()) {
            return params;
        }
        for (String part : text.split(",", -1)) {
            String[] words = part.trim().split("\\s+");
            if (words.length != 2 || words[0].isEmpty()) {
                throw new IllegalArgumentException(which + " \"" + text + "\": '" + part.trim()
                        + "' is not TYPE NAME (e.g. float64 x)");
            }
            DType t;
            try {
                t = DType.of(words[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(which + " \"" + text + "\": data type '" + words[0]
                        + "' not understood; use one of " + Arrays.stream(DType.values()).map(DType::toString)
                        .collect(Collectors.joining(", ")) + " (type placeholders and raw are not supported)", e);
            }
            String n = words[1];
            if (!IDENTIFIER.matcher(n).matches() || RESERVED.contains(n) || n.startsWith("nd_")
                    || n.startsWith("ND_")) {
                throw new IllegalArgumentException(which + " \"" + text + "\": '" + n
                        + "' is not a usable name (a C identifier, not a keyword, not starting with nd_)");
            }
            params.add(new Param(t, n));
        }
        return params;
    }

    /** {@return the kernel's name} */
    public String name() {
        return name;
    }

    /** {@return the declared input types, in order} */
    public List<DType> inTypes() {
        return in.stream().map(Param::dtype).toList();
    }

    /** {@return the declared output type} */
    public DType outType() {
        return out.dtype();
    }

    /**
     * Runs the kernel into a new array of the inputs' broadcast shape.
     *
     * @param inputs one per declared input: arrays on one CUDA device, or Java numbers
     * @return a new array of the output type on the inputs' device
     * @throws IllegalArgumentException for a wrong number of inputs, an input of another kind, a
     *     closed array or arrays on different devices
     * @throws io.github.ndarray.broadcasting.BroadcastException if the shapes do not broadcast
     * @throws CudaException with NVRTC's log if the operation does not compile
     */
    public NDArray call(Object... inputs) {
        checkCount(inputs);
        Device device = null;
        for (Object x : inputs) {
            if (x instanceof NDArray a && a.device().type() == Device.Type.CUDA) {
                device = a.device();
                break;
            }
        }
        if (device == null) {
            throw new IllegalArgumentException(name + ": at least one input must be an array on a CUDA device");
        }
        List<NDArray> temps = new ArrayList<>();
        try {
            NDArray[] args = prepare(inputs, device, temps);
            long[] shape = ND.broadcastShapes(Arrays.stream(args).map(NDArray::shape).toArray(long[][]::new));
            NDArray result = ND.empty(device, out.dtype(), shape);
            try {
                run(device, args, result, temps);
            } catch (RuntimeException | Error e) {
                result.close();
                throw e;
            }
            return result;
        } finally {
            temps.forEach(NDArray::close);
        }
    }

    /**
     * Runs the kernel into {@code out}, to which the inputs broadcast.
     *
     * @param out the output: of the declared output type, on the inputs' CUDA device; every element
     *     is written
     * @param inputs one per declared input: arrays on {@code out}'s device, or Java numbers
     * @return {@code out}
     * @throws IllegalArgumentException as {@link #call}, or if {@code out} has another dtype or device,
     *     or the inputs do not broadcast to its shape
     */
    public NDArray callInto(NDArray out, Object... inputs) {
        Objects.requireNonNull(out, "out");
        checkCount(inputs);
        if (out.isClosed()) {
            throw new IllegalArgumentException(name + ": out is a closed array");
        }
        if (out.device().type() != Device.Type.CUDA) {
            throw new IllegalArgumentException(name + ": out is on " + out.device() + "; it must be on a CUDA device");
        }
        if (out.dtype() != this.out.dtype()) {
            throw new IllegalArgumentException(name + ": out has dtype " + out.dtype() + "; the kernel writes "
                    + this.out.dtype());
        }
        List<NDArray> temps = new ArrayList<>();
        try {
            NDArray[] args = prepare(inputs, out.device(), temps);
            long[][] shapes = new long[args.length + 1][];
            for (int i = 0; i < args.length; i++) {
                shapes[i] = args[i].shape();
            }
            shapes[args.length] = out.shape();
            long[] shape = ND.broadcastShapes(shapes);
            if (!Arrays.equals(shape, out.shape())) {
                throw new IllegalArgumentException(name + ": the inputs broadcast to " + Arrays.toString(shape)
                        + ", not to out's shape " + Arrays.toString(out.shape()));
            }
            run(out.device(), args, out, temps);
            return out;
        } finally {
            temps.forEach(NDArray::close);
        }
    }

    private void checkCount(Object[] inputs) {
        if (inputs.length != in.size()) {
            throw new IllegalArgumentException(name + " takes " + in.size() + " inputs (" + in.stream()
                    .map(p -> p.dtype() + " " + p.name()).collect(Collectors.joining(", ")) + "), not " + inputs.length);
        }
    }

    /** Each input as an array of its declared dtype: device arrays cast if needed, numbers as host 0-d arrays. */
    private NDArray[] prepare(Object[] inputs, Device device, List<NDArray> temps) {
        NDArray[] args = new NDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            DType t = in.get(i).dtype();
            Object x = inputs[i];
            NDArray a;
            if (x instanceof NDArray arr) {
                if (arr.isClosed()) {
                    throw new IllegalArgumentException(name + ": input " + i + " is a closed array");
                }
                if (!arr.device().equals(device)) {
                    throw new IllegalArgumentException(name + ": input " + i + " is an array on " + arr.device()
                            + "; the kernel runs on " + device + " (move it with to(" + device + "))");
                }
                a = arr;
            } else if (x instanceof Double || x instanceof Float) {
                a = hostScalar(ND.array(((Number) x).doubleValue()), temps);
            } else if (x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Byte) {
                a = hostScalar(ND.array(((Number) x).longValue()), temps);
            } else if (x instanceof Boolean b) {
                a = hostScalar(ND.array(b), temps);
            } else {
                throw new IllegalArgumentException(name + ": input " + i + " is "
                        + (x == null ? "null" : "a " + x.getClass().getName())
                        + "; inputs are NDArrays on a CUDA device or Java numbers");
            }
            if (a.dtype() != t) {
                a = a.astype(t);
                temps.add(a);
            }
            args[i] = a;
        }
        return args;
    }

    private static NDArray hostScalar(NDArray oneElement, List<NDArray> temps) {
        temps.add(oneElement);
        NDArray s = oneElement.reshape(new long[0]);
        temps.add(s);
        return s;
    }

    private void run(Device device, NDArray[] args, NDArray result, List<NDArray> temps) {
        CudaDevice d = RawKernel.cudaDevice(device);
        Object function = functions.computeIfAbsent(device.index(), i -> {
            Object module = NvrtcCompiler.module(d, source(), name + ".cu", options);
            Object f = d.driver.function(module, name);
            if (f == null) {
                throw new IllegalStateException("the generated module has no kernel " + name);
            }
            return f;
        });
        long[] shape = result.shape();
        Layout.Operand[] ops = new Layout.Operand[Layout.OPS];
        for (int i = 0; i < args.length; i++) {
            NDArray a = args[i];
            if (!Arrays.equals(a.shape(), shape)) {
                a = a.broadcastTo(shape);
                temps.add(a);
            }
            ops[i] = Layout.operand(a, device);
        }
        ops[Layout.OUT] = Layout.operand(result, device);
        Layout.launch(d, function, shape, ops, 0);
    }

    /**
     * The CUDA source compiled by NVRTC: the ufunc prelude (its two system includes replaced by
     * what NVRTC lacks), the templates of the built-in kernels, a functor holding the operation and
     * the kernel, which hands the functor to the template {@code nd_map}.
     */
    String source() {
        String s = source;
        if (s == null) {
            s = generate();
            source = s;
        }
        return s;
    }

    private String generate() {
        String o = Ufunc.cType(out.dtype());
        StringBuilder sb = new StringBuilder();
        sb.append("/* ElementwiseKernel ").append(name).append(", generated by io.github.ndarray.cuda.ElementwiseKernel */\n");
        sb.append(nvrtcPrelude()).append('\n').append(KernelSource.templates()).append('\n');
        sb.append("struct f_").append(name).append(" {\n    __device__ static ").append(o).append(" f(");
        for (Param p : in) {
            sb.append("const ").append(Ufunc.cType(p.dtype())).append(' ').append(p.name()).append(", ");
        }
        sb.append("long long) {\n        ").append(o).append(' ').append(out.name()).append(";\n");
        sb.append("#line 1 \"").append(name).append(" operation\"\n");
        sb.append("        ").append(operation).append(";\n");
        long lines = sb.chars().filter(c -> c == '\n').count();
        sb.append("#line ").append(lines + 2).append(" \"").append(name).append(".cu\"\n");
        sb.append("        return ").append(out.name()).append(";\n    }\n};\n");
        sb.append("ND_KERNEL void ").append(name).append("(nd_layout a) { nd_map<").append(o).append(", f_").append(name);
        for (Param p : in) {
            sb.append(", ").append(Ufunc.cType(p.dtype()));
        }
        sb.append(">(a); }\n");
        return sb.toString();
    }

    /**
     * The prelude for NVRTC, which has no C library headers: its types and infinity come from
     * CUDA's intrinsics there; under nvcc (the host test) the includes stay.
     */
    static String nvrtcPrelude() {
        return Ufunc.cPrelude()
                .replace("#include <stdint.h>", """
                        #ifdef __CUDACC_RTC__
                        typedef signed char int8_t;
                        typedef unsigned char uint8_t;
                        typedef short int16_t;
                        typedef int int32_t;
                        typedef long long int64_t;
                        #else
                        #include <stdint.h>
                        #endif""")
                .replace("#include <math.h>", """
                        #ifdef __CUDACC_RTC__
                        #ifndef INFINITY
                        #define INFINITY __int_as_float(0x7f800000)
                        #endif
                        #ifndef NAN
                        #define NAN __int_as_float(0x7fffffff)
                        #endif
                        #else
                        #include <math.h>
                        #endif""");
    }
}
