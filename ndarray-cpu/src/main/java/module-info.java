/**
 * The CPU backend. On the class path (how the tests and most users run it) this descriptor is
 * ignored and META-INF/services registers the backend; on the module path {@code provides} does.
 */
module io.github.ndarray.cpu {
    // Transitive: the exported Blas and CpuBackend name the api's types (DType, Device).
    requires transitive io.github.ndarray;
    // Static: the Vector API stays opt-in (--add-modules jdk.incubator.vector), as on the class path;
    // without it the kernels fall back to plain loops (Kernels, Blas check ModuleLayer.boot()).
    requires static jdk.incubator.vector;
    // JavaCPP's Loader extracts the native OpenBLAS; the platform module with the library
    // (org.bytedeco.openblas.linux.x86_64) is not required, so that another platform's jar can
    // replace it; without any, the pure-Java BLAS serves.
    requires org.bytedeco.openblas;

    exports io.github.ndarray.cpu;
    exports io.github.ndarray.cpu.blas;

    provides io.github.ndarray.spi.Backend with io.github.ndarray.cpu.CpuBackend;
}
