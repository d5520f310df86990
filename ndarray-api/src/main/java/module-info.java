/**
 * The array api. The backend SPI ({@code io.github.ndarray.spi}) is exported only to backend
 * modules: it hands out raw storage and native addresses, which applications must not depend on
 * (docs/spi.md).
 */
// "module": the CUDA and MPI modules do not exist yet, and javac warns about a qualified export to
// an unknown module (so does it about the CPU module, built after this one). Naming them now means
// a new backend needs no release of the api to reach its SPI; ModulePathTest checks the CPU one.
@SuppressWarnings("module")
module io.github.ndarray {
    // Transitive: BroadcastException and the broadcasting helpers appear in this module's api.
    requires transitive io.github.ndarray.broadcasting;

    exports io.github.ndarray;
    exports io.github.ndarray.spi to io.github.ndarray.cpu, io.github.ndarray.cuda, io.github.ndarray.mpi;

    uses io.github.ndarray.spi.Backend;
}
