package io.github.ndarray.mpi;

import io.github.ndarray.ND;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * MPI for this JVM: initialization on first use, the world communicator, the launcher wrapper
 * that aborts the job when any rank fails, and finalization at exit.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Mpi.run(args, a -> {
 *         Comm world = Mpi.world();                  // MPI_Init_thread on first use
 *         NDArray part = ND.arange(4).add(world.rank());
 *         NDArray total = world.allreduce(part, Ufunc.ADD);
 *         if (world.rank() == 0) System.out.println(total);
 *     });                                           // a throw on any rank: MPI_Abort, exit code 1
 * }
 * }</pre>
 *
 * <p>Run under {@code mpirun -n 4 java ... Main} (Open MPI) or {@code mpiexec -n 4 ...} (MPICH);
 * without a launcher the program is one rank. docs/mpi.md tells how the library is chosen.
 *
 * <p><b>Ending.</b> MPI is finalized by a shutdown hook when the JVM exits normally, or by
 * {@link #shutdown()}. An uncaught throwable on any thread of any rank prints itself and calls
 * {@code MPI_Abort}, so the whole job ends within seconds instead of hanging the other ranks in
 * their next collective: {@link #run} installs that handler; the first use of MPI installs it too
 * when the program has set no default uncaught-exception handler of its own. A rank that must
 * stop with an error code calls {@link #abort(int)}, not {@code System.exit}: the shutdown hook's
 * {@code MPI_Finalize} waits for the other ranks.
 */
public final class Mpi {
    private static volatile MpiRuntime runtime;

    private Mpi() {
    }

    /** A program's main method, run by {@link #run}. */
    @FunctionalInterface
    public interface Main {
        /**
         * @param args the program's arguments
         * @throws Exception anything: it aborts the job
         */
        void main(String[] args) throws Exception;
    }

    /**
     * The communicator of every process the launcher started ({@code MPI_COMM_WORLD}); initializes
     * MPI on the first call.
     *
     * @return the world communicator
     * @throws MpiException if no MPI library loads, or it does not belong to the launcher
     * @throws IllegalStateException after {@link #shutdown()}
     */
    public static Comm world() {
        MpiRuntime rt = runtime();
        rt.checkActive();
        return rt.world;
    }

    static MpiRuntime runtime() {
        MpiRuntime rt = runtime;
        return rt != null ? rt : start();
    }

    private static synchronized MpiRuntime start() {
        if (runtime == null) {
            Map<String, String> env = System.getenv();
            MpiRuntime rt = MpiRuntime.start(env, System.getProperty(MpiLibrary.PROPERTY));
            if (Thread.getDefaultUncaughtExceptionHandler() == null) {
                Thread.setDefaultUncaughtExceptionHandler(Mpi::abortJob);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(Mpi::finalizeAtExit, "mpi-finalize"));
            runtime = rt;
            shareCores(env, rt.world);
        }
        return runtime;
    }

    /**
     * Gives each rank its share of the machine's cores for the CPU backend's threads, so that n
     * ranks on one host do not run n times as many threads as cores. An explicit
     * {@code -Dndarray.threads} wins.
     */
    private static void shareCores(Map<String, String> env, Comm world) {
        if (System.getProperty("ndarray.threads") != null) {
            return;
        }
        int local = localRanks(env, world);
        if (local > 1) {
            try {
                ND.setThreads(Math.max(1, Runtime.getRuntime().availableProcessors() / local));
            } catch (RuntimeException noCpuBackend) {
                // no CPU backend on the class path: nothing to size
            }
        }
    }

    /** The ranks on this host: from the launcher's environment, else by splitting the world by shared memory. */
    private static int localRanks(Map<String, String> env, Comm world) {
        for (String key : new String[] {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS"}) {
            String v = env.get(key);
            if (v != null) {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        if (world.size() == 1) {
            return 1;
        }
        Comm node = world.splitShared();
        try {
            return node.size();
        } finally {
            node.free();
        }
    }

    private static void finalizeAtExit() {
        MpiRuntime rt = runtime;
        if (rt != null && !rt.isFinalized()) {
            rt.finish();
        }
    }

    /** {@return whether MPI has been initialized by this JVM} */
    public static boolean isInitialized() {
        return runtime != null;
    }

    /** {@return whether {@link #shutdown()} (or the exit hook) has finalized MPI} */
    public static boolean isFinalized() {
        MpiRuntime rt = runtime;
        return rt != null && rt.isFinalized();
    }

    /**
     * Finalizes MPI ({@code MPI_Finalize}) now instead of at exit. Every rank must call it; any MPI
     * call afterwards throws {@link IllegalStateException}. A second call does nothing.
     */
    public static void shutdown() {
        MpiRuntime rt = runtime;
        if (rt != null) {
            rt.finish();
        }
    }

    /**
     * Ends every rank of the job ({@code MPI_Abort} on the world) with this exit code; does not
     * return.
     *
     * @param code the exit code of the job
     */
    public static void abort(int code) {
        MpiRuntime rt = runtime;
        System.out.flush();
        System.err.flush();
        if (rt != null && !rt.isFinalized()) {
            rt.abort(code);
        }
        Runtime.getRuntime().halt(code);
    }

    /** {@return the MPI library's version text ({@code MPI_Get_library_version})} */
    public static String libraryVersion() {
        MpiRuntime rt = runtime();
        rt.checkActive();
        return rt.libraryVersion();
    }

    /** {@return this host's name as MPI knows it ({@code MPI_Get_processor_name})} */
    public static String processorName() {
        MpiRuntime rt = runtime();
        rt.checkActive();
        return rt.processorName();
    }

    /** {@return the library loaded and its ABI, e.g. {@code libmpi.so.40 (Open MPI ABI)}} */
    public static String library() {
        MpiRuntime rt = runtime();
        return rt.library + " (" + rt.abi.name + " ABI)";
    }

    /** {@return the thread level MPI provides (3 is {@code MPI_THREAD_MULTIPLE}: any thread may call)} */
    public static int threadLevel() {
        return runtime().threadLevel;
    }

    /**
     * Runs {@code main} so that a throwable on any rank ends the whole job with exit code 1:
     * printed with the rank, then {@code MPI_Abort}. Uncaught throwables of other threads do the
     * same. mpi4py's {@code python -m mpi4py} does this for Python.
     *
     * @param args the program's arguments
     * @param main the program
     */
    public static void run(String[] args, Main main) {
        Thread.setDefaultUncaughtExceptionHandler(Mpi::abortJob);
        try {
            main.main(args);
        } catch (Throwable t) {
            abortJob(Thread.currentThread(), t);
        }
    }

    /**
     * The launcher: {@code java ... io.github.ndarray.mpi.Mpi com.example.Main args...} runs
     * {@code Main.main(args)} under {@link #run}, for programs that do not call it themselves.
     *
     * @param args the main class, then its arguments
     * @throws ReflectiveOperationException if the class or its {@code main(String[])} is not found
     */
    public static void main(String[] args) throws ReflectiveOperationException {
        if (args.length == 0) {
            System.err.println("usage: java ... io.github.ndarray.mpi.Mpi MainClass [args...]");
            System.exit(2);
        }
        Method m = Class.forName(args[0]).getMethod("main", String[].class);
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        run(rest, a -> {
            try {
                m.invoke(null, (Object) a);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw (Exception) e.getCause(); // a method throws only Exceptions and Errors
            }
        });
    }

    /** The abort path: print, {@code MPI_Abort(world, 1)}, and halt in case the library returns. */
    static void abortJob(Thread thread, Throwable t) {
        MpiRuntime rt = runtime;
        String who = rt != null && !rt.isFinalized() ? "rank " + rt.world.rank() + "/" + rt.world.size() : "process";
        System.out.flush();
        System.err.println(who + ": uncaught " + t + " in thread \"" + thread.getName() + "\"; aborting the MPI job");
        t.printStackTrace();
        abort(1);
    }
}
