package io.github.ndarray.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which MPI library to load, and loading it. The library must match the launcher that started
 * this process: Open MPI's {@code mpirun} with Open MPI's library, MPICH's Hydra with MPICH's;
 * the wrong one initializes as a singleton in every process (n separate one-rank jobs), which
 * {@link Mpi} detects by comparing the sizes.
 *
 * <p>Order: the system property {@code ndarray.mpi.library} or the environment variable
 * {@code NDARRAY_MPI_LIBRARY} (a file name or path, the only one tried); else the launcher's
 * environment ({@code OMPI_COMM_WORLD_SIZE} or {@code PMIX_RANK}: Open MPI; {@code PMI_RANK}:
 * MPICH); else, for a singleton, Open MPI then MPICH.
 */
final class MpiLibrary {
    static final String PROPERTY = "ndarray.mpi.library";
    static final String ENV = "NDARRAY_MPI_LIBRARY";
    private static final List<String> OPEN_MPI = List.of("libmpi.so.40");
    // Debian names MPICH's library libmpich.so.12; upstream installs libmpi.so.12 (a link to it).
    private static final List<String> MPICH = List.of("libmpi.so.12", "libmpich.so.12");
    private static final int RTLD_NOW = 2;
    private static final int RTLD_GLOBAL = 0x100;

    private MpiLibrary() {
    }

    /** {@return the library names to try, in order, for this environment and override} */
    static List<String> candidates(Map<String, String> env, String override) {
        if (override == null) {
            override = env.get(ENV);
        }
        if (override != null && !override.isBlank()) {
            return List.of(override);
        }
        if (env.containsKey("OMPI_COMM_WORLD_SIZE") || env.containsKey("PMIX_RANK")) {
            return OPEN_MPI;
        }
        if (env.containsKey("PMI_RANK")) {
            return MPICH;
        }
        List<String> all = new ArrayList<>(OPEN_MPI);
        all.addAll(MPICH);
        return all;
    }

    /**
     * The number of processes the launcher started, from its environment, or -1 when it does
     * not say (a singleton, or a launcher we do not know).
     */
    static int launcherSize(Map<String, String> env) {
        for (String key : List.of("OMPI_COMM_WORLD_SIZE", "PMI_SIZE")) {
            String v = env.get(key);
            if (v != null) {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** A loaded library: the name it was found under and its symbols. */
    record Loaded(String name, SymbolLookup symbols) {
    }

    /**
     * Loads the first candidate that opens. {@code RTLD_GLOBAL}, as mpi4py does: Open MPI's
     * plugins, opened by the library itself, resolve symbols of {@code libmpi} and its
     * dependencies against the global namespace ({@link SymbolLookup#libraryLookup} opens
     * libraries local).
     *
     * @throws MpiException if none opens, naming each and why
     */
    static Loaded load(List<String> candidates) {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MethodHandle dlopen = linker.downcallHandle(libc.find("dlopen").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle dlsym = linker.downcallHandle(libc.find("dlsym").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        MethodHandle dlerror = linker.downcallHandle(libc.find("dlerror").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
        List<String> problems = new ArrayList<>();
        for (String name : candidates) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment handle = (MemorySegment) dlopen.invokeExact(arena.allocateFrom(name),
                        RTLD_NOW | RTLD_GLOBAL);
                if (handle.address() == 0) {
                    MemorySegment why = (MemorySegment) dlerror.invokeExact();
                    problems.add(why.address() == 0 ? name + " not found"
                            : why.reinterpret(4096).getString(0));
                    continue;
                }
                return new Loaded(name, symbol -> find(dlsym, handle, symbol));
            } catch (Throwable e) {
                problems.add(name + ": " + e);
            }
        }
        throw new MpiException(0, "no MPI library could be loaded (" + String.join("; ", problems)
                + "); install Open MPI or MPICH, or name the library with -D" + PROPERTY + "=... or " + ENV);
    }

    private static Optional<MemorySegment> find(MethodHandle dlsym, MemorySegment handle, String symbol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = (MemorySegment) dlsym.invokeExact(handle, arena.allocateFrom(symbol));
            return s.address() == 0 ? Optional.empty() : Optional.of(s);
        } catch (Throwable e) {
            throw new IllegalStateException("dlsym(" + symbol + ")", e);
        }
    }
}
