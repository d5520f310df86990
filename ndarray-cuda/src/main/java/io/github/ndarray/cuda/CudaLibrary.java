package io.github.ndarray.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a CUDA library bound through FFM (cuBLAS, NVRTC): the file a system property names,
 * then each soname in turn (dlopen's search: {@code LD_LIBRARY_PATH}, the system's paths), the
 * first that loads and binds wins. CUDA 13 machines have {@code .so.13}, older ones {@code .so.12}.
 */
final class CudaLibrary {
    /** Makes the binding from a loaded library; may throw if a symbol is missing or a call fails. */
    @FunctionalInterface
    interface Binder<T> {
        T bind(SymbolLookup library, String name) throws Throwable;
    }

    private CudaLibrary() {
    }

    /**
     * @param property the system property that may name the library's file
     * @param sonames the names to try after it, in order
     * @param binder makes the binding
     * @param problems where to say, per name, why it did not serve
     * @return the first binding made, or {@code null}
     */
    static <T> T load(String property, List<String> sonames, Binder<T> binder, List<String> problems) {
        List<String> names = new ArrayList<>();
        String path = System.getProperty(property);
        if (path != null) {
            names.add(path);
        }
        names.addAll(sonames);
        for (String name : names) {
            SymbolLookup lib;
            try {
                lib = SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                problems.add(name + " not found");
                continue;
            }
            try {
                return binder.bind(lib, name);
            } catch (Throwable e) {
                problems.add(name + ": " + e);
            }
        }
        return null;
    }
}
