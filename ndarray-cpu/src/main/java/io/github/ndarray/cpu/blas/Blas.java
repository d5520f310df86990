package io.github.ndarray.cpu.blas;

import io.github.ndarray.cpu.Parallel;
import java.util.Locale;

/**
 * Which BLAS/LAPACK the CPU backend uses, and a one-line description of it.
 *
 * <p>By default, native OpenBLAS (bytedeco's {@code org.bytedeco:openblas} artifact, loaded
 * once through JavaCPP and called through FFM downcalls, see {@code NativeBlas}); if it
 * cannot load, a pure-Java implementation (Vector API GEMM, blocked LU). The system property
 * {@code ndarray.blas} chooses:
 * <ul>
 *   <li>unset or {@code auto}: native if it loads, else Java;</li>
 *   <li>{@code java}: Java, without trying the natives;</li>
 *   <li>{@code native}: native, and an error at first use if it cannot load.</li>
 * </ul>
 * The choice is logged once (logger {@code io.github.ndarray.cpu.blas}) when it is first made:
 * at DEBUG, which the default logging configuration hides (NumPy prints nothing either), or at
 * INFO, which it shows, when {@code -Dndarray.verbose=true}. {@link #describe()} gives the same
 * text, and {@code ND.runtimeInfo()} includes it. Tests and benchmarks may switch at run
 * time with {@link #use(Kind)}. OpenBLAS's thread count follows {@link Parallel#threads()}.
 */
public final class Blas {
    /** The implementations. */
    public enum Kind {
        /** Native OpenBLAS through FFM. */
        NATIVE,
        /** Pure Java: Vector API GEMM and blocked LU. */
        JAVA
    }

    private static final System.Logger LOG = System.getLogger("io.github.ndarray.cpu.blas");
    /** The level of the one line naming the choice: hidden by default, shown when asked for. */
    private static final System.Logger.Level CHOICE_LEVEL =
            Boolean.getBoolean("ndarray.verbose") ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
    private static volatile Kind active;
    /** The pure-Java kernels are Vector API code: without the module their classes cannot load. */
    private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Blas() {
    }

    /** Loads the natives at most once; remembers why they failed. */
    private static final class Natives {
        static final Throwable FAILURE = load();

        private static Throwable load() {
            try {
                return NativeBlas.INSTANCE == null ? new IllegalStateException("no instance") : null;
            } catch (Throwable t) {
                return t instanceof ExceptionInInitializerError e && e.getCause() != null ? e.getCause() : t;
            }
        }
    }

    /**
     * {@return the implementation in use, choosing it (and logging the choice) on first call}
     *
     * @throws IllegalStateException if {@code ndarray.blas=native} and the natives cannot load
     */
    public static Kind kind() {
        Kind k = active;
        if (k == null) {
            k = initialize();
        }
        return k;
    }

    private static synchronized Kind initialize() {
        if (active != null) {
            return active;
        }
        String p = System.getProperty("ndarray.blas", "auto").trim().toLowerCase(Locale.ROOT);
        Kind k = switch (p) {
            case "java" -> Kind.JAVA;
            case "native" -> {
                requireNative();
                yield Kind.NATIVE;
            }
            case "auto", "" -> nativeFailure() == null ? Kind.NATIVE : Kind.JAVA;
            default -> throw new IllegalArgumentException("ndarray.blas must be auto, native or java, got '" + p + "'");
        };
        active = k;
        LOG.log(CHOICE_LEVEL, describe(k));
        return k;
    }

    /**
     * Switches the implementation, for tests and benchmarks.
     *
     * @param kind the implementation
     * @throws IllegalStateException if {@code kind} is NATIVE and the natives cannot load
     */
    public static synchronized void use(Kind kind) {
        if (kind == Kind.NATIVE) {
            requireNative();
        }
        kind();
        active = kind;
        LOG.log(System.Logger.Level.DEBUG, () -> "switched to " + describe(kind));
    }

    /** {@return whether native OpenBLAS loads on this machine (loading it if not yet tried)} */
    public static boolean nativeAvailable() {
        return nativeFailure() == null;
    }

    /** {@return why native OpenBLAS could not load, or {@code null} if it loaded} */
    public static String nativeUnavailableReason() {
        Throwable t = nativeFailure();
        return t == null ? null : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * OpenBLAS's kernel for this CPU ({@code openblas_get_corename}), e.g. {@code "Cooperlake"}
     * or {@code "Haswell"}: what its DYNAMIC_ARCH dispatch picked at load time.
     *
     * @return the core name, or {@code null} if the natives are not loaded
     */
    public static String nativeCoreName() {
        return nativeAvailable() ? NativeBlas.CORE_NAME : null;
    }

    /**
     * OpenBLAS's build configuration ({@code openblas_get_config}), e.g.
     * {@code "OpenBLAS 0.3.30 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64"}.
     *
     * @return the configuration, or {@code null} if the natives are not loaded
     */
    public static String nativeConfig() {
        return nativeAvailable() ? NativeBlas.CONFIG : null;
    }

    /**
     * The thread count OpenBLAS reports ({@code openblas_get_num_threads}), after aligning it
     * with {@link Parallel#threads()}.
     *
     * @return the count, or 0 if the natives are not loaded
     */
    public static int nativeThreads() {
        if (!nativeAvailable()) {
            return 0;
        }
        NativeBlas.syncThreads();
        return NativeBlas.threads();
    }

    private static Throwable nativeFailure() {
        return Natives.FAILURE;
    }

    private static void requireNative() {
        if (!nativeAvailable()) {
            throw new IllegalStateException("native OpenBLAS is not available: " + nativeUnavailableReason());
        }
    }

    /**
     * What is active, e.g. {@code "BLAS/LAPACK: native OpenBLAS 0.3.30 (core Cooperlake, 2 threads)..."};
     * the text of the log line, for {@code ND.runtimeInfo()}.
     *
     * @return one line
     */
    public static String describe() {
        return describe(kind());
    }

    /**
     * {@return whether a BLAS is usable: the native one, or the pure-Java kernels, which need the
     * {@code jdk.incubator.vector} module}
     */
    public static boolean available() {
        return kind() == Kind.NATIVE || VECTOR_MODULE;
    }

    private static String describe(Kind k) {
        if (k == Kind.JAVA && !VECTOR_MODULE) {
            return "BLAS/LAPACK: none (native OpenBLAS not used: " + whyNotNative()
                    + "; the pure-Java kernels need --add-modules jdk.incubator.vector): matmul runs the generic"
                    + " loops, solve/inv/det are unavailable";
        }
        if (k == Kind.NATIVE) {
            NativeBlas.syncThreads();
            return "BLAS/LAPACK: native OpenBLAS through FFM (" + NativeBlas.CONFIG + "), core " + NativeBlas.CORE_NAME
                    + ", " + NativeBlas.threads() + " threads";
        }
        String why = whyNotNative();
        return "BLAS/LAPACK: pure Java (Vector API GEMM, " + jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorBitSize()
                + "-bit vectors; blocked LU), " + Parallel.threads() + " threads; native OpenBLAS not used: " + why;
    }

    private static String whyNotNative() {
        return System.getProperty("ndarray.blas", "auto").trim().equalsIgnoreCase("java")
                ? "ndarray.blas=java" : nativeAvailable() ? "switched at run time" : nativeUnavailableReason();
    }

    /**
     * {@return the LAPACK in use}
     *
     * @throws UnsupportedOperationException if there is none ({@link #available()})
     */
    static Lapack lapack() {
        if (!available()) {
            throw new UnsupportedOperationException("no LAPACK: native OpenBLAS not used ("
                    + whyNotNative() + ") and the pure-Java one needs --add-modules jdk.incubator.vector");
        }
        return kind() == Kind.NATIVE ? NativeBlas.INSTANCE : JavaLapack.INSTANCE;
    }
}
