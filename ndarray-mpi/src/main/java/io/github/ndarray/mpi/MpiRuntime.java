package io.github.ndarray.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;

/**
 * The initialized MPI of this JVM: the library, its ABI, its functions, and whether it is
 * finalized. There is one ({@link Mpi#runtime()}); every {@link Comm} refers to it and asks
 * {@link #checkActive()} before each call, so that a call after {@code MPI_Finalize} is a clear
 * exception instead of undefined behaviour in C.
 */
final class MpiRuntime {
    /** Per-thread scratch memory for out-parameters (statuses, counts, handles) of blocking calls. */
    private static final ThreadLocal<MemorySegment> SCRATCH =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(256, 16));

    final String library;
    final Abi abi;
    final Native nat;
    final int threadLevel;
    final Comm world;
    final JavaOps javaOps = new JavaOps(this);
    private volatile boolean finalized;

    private MpiRuntime(String library, Abi abi, Native nat, int threadLevel) {
        this.library = library;
        this.abi = abi;
        this.nat = nat;
        this.threadLevel = threadLevel;
        this.world = new Comm(this, abi.commWorld);
    }

    /**
     * Loads the library, detects its ABI, initializes MPI (thread level {@code MPI_THREAD_MULTIPLE}
     * requested), makes errors return, and checks that the library matches the launcher.
     */
    static MpiRuntime start(Map<String, String> env, String override) {
        MpiLibrary.Loaded lib = MpiLibrary.load(MpiLibrary.candidates(env, override));
        Abi abi = detectAbi(lib);
        Native nat = new Native(lib.symbols(), abi);
        MemorySegment s = scratch();
        int rc = nat.initThread(abi.threadMultiple, s);
        if (rc != 0) {
            throw new MpiException(0, "MPI_Init_thread failed with code " + rc + " (" + lib.name() + ")");
        }
        MpiRuntime rt = new MpiRuntime(lib.name(), abi, nat, s.get(ValueLayout.JAVA_INT, 0));
        rt.check(nat.setErrhandler(abi.commWorld, abi.errorsReturn), "MPI_Comm_set_errhandler");
        rt.check(nat.setErrhandler(abi.commSelf, abi.errorsReturn), "MPI_Comm_set_errhandler");
        int expected = MpiLibrary.launcherSize(env);
        int size = rt.world.size();
        if (expected > 0 && expected != size) {
            throw new MpiException(0, "the launcher started " + expected + " processes but MPI_COMM_WORLD has " + size
                    + ": " + lib.name() + " (" + abi.name + ") does not belong to the launcher that started this job"
                    + " (mpirun of one MPI, library of another); name the right library with -D"
                    + MpiLibrary.PROPERTY + "=... or " + MpiLibrary.ENV);
        }
        return rt;
    }

    /** mpi4py's order: the MPI-5 standard ABI if the library has it, else Open MPI by its symbols, else MPICH. */
    private static Abi detectAbi(MpiLibrary.Loaded lib) {
        if (lib.symbols().find("MPI_Abi_get_version").isPresent()) {
            throw new MpiException(0, lib.name() + " uses the MPI-5 standard ABI, which this binding does not know"
                    + " yet; use an Open MPI or MPICH library (-D" + MpiLibrary.PROPERTY + "=...)");
        }
        return lib.symbols().find("ompi_mpi_comm_world").isPresent() ? Abi.openMpi(lib.symbols()) : Abi.mpich();
    }

    /** {@return this thread's scratch memory (256 bytes, 16-byte aligned), for out-parameters} */
    static MemorySegment scratch() {
        return SCRATCH.get();
    }

    /** @throws IllegalStateException after {@link Mpi#shutdown()} */
    void checkActive() {
        if (finalized) {
            throw new IllegalStateException("MPI is finalized (Mpi.shutdown()): no MPI call is allowed after MPI_Finalize");
        }
    }

    /** Turns an MPI error code into an {@link MpiException} with the library's text for it. */
    void check(int rc, String function) {
        if (rc != 0) {
            throw error(rc, function);
        }
    }

    private MpiException error(int rc, String function) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cls = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment text = arena.allocate(1024);
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            int errorClass = nat.errorClass(rc, cls) == 0 ? cls.get(ValueLayout.JAVA_INT, 0) : rc;
            String why = nat.errorString(rc, text, len) == 0 ? text.getString(0) : "error code " + rc;
            return new MpiException(errorClass, function + ": " + why + " (error class " + errorClass + ")");
        }
    }

    /** {@return the library's version string ({@code MPI_Get_library_version})} */
    String libraryVersion() {
        return text(true);
    }

    /** {@return this host's name as MPI knows it ({@code MPI_Get_processor_name})} */
    String processorName() {
        return text(false);
    }

    private String text(boolean version) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(8192); // the larger MAX_LIBRARY_VERSION_STRING (MPICH; Open MPI 256)
            MemorySegment len = arena.allocate(ValueLayout.JAVA_INT);
            check(version ? nat.libraryVersion(text, len) : nat.processorName(text, len),
                    version ? "MPI_Get_library_version" : "MPI_Get_processor_name");
            return text.getString(0).strip();
        }
    }

    boolean isFinalized() {
        return finalized;
    }

    /** {@code MPI_Finalize}, once; later calls through any {@link Comm} throw. */
    synchronized void finish() {
        if (!finalized) {
            finalized = true;
            check(nat.finalizeMpi(), "MPI_Finalize");
        }
    }

    /** {@code MPI_Abort} on the world: ends every rank of the job with {@code code}. */
    void abort(int code) {
        nat.abort(abi.commWorld, code);
    }
}
