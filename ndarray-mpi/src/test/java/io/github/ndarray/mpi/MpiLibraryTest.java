package io.github.ndarray.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.DType;
import io.github.ndarray.Ufunc;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing the library and the MPI op, without MPI. */
class MpiLibraryTest {
    @Test
    void theLaunchersEnvironmentChoosesTheLibrary() {
        assertEquals(List.of("libmpi.so.40"), MpiLibrary.candidates(Map.of("OMPI_COMM_WORLD_SIZE", "2"), null));
        assertEquals(List.of("libmpi.so.40"), MpiLibrary.candidates(Map.of("PMIX_RANK", "0"), null));
        assertEquals(List.of("libmpi.so.12", "libmpich.so.12"), MpiLibrary.candidates(Map.of("PMI_RANK", "0"), null));
        assertEquals(List.of("libmpi.so.40", "libmpi.so.12", "libmpich.so.12"), MpiLibrary.candidates(Map.of(), null));
    }

    @Test
    void anExplicitLibraryWins() {
        assertEquals(List.of("/opt/x/libmpi.so"), MpiLibrary.candidates(Map.of("PMI_RANK", "0"), "/opt/x/libmpi.so"));
        assertEquals(List.of("libfoo.so"), MpiLibrary.candidates(Map.of("NDARRAY_MPI_LIBRARY", "libfoo.so",
                "OMPI_COMM_WORLD_SIZE", "2"), null));
        assertEquals(List.of("libbar.so"), MpiLibrary.candidates(Map.of("NDARRAY_MPI_LIBRARY", "libfoo.so"), "libbar.so"));
    }

    @Test
    void theLauncherSaysHowManyProcesses() {
        assertEquals(4, MpiLibrary.launcherSize(Map.of("OMPI_COMM_WORLD_SIZE", "4")));
        assertEquals(3, MpiLibrary.launcherSize(Map.of("PMI_SIZE", "3")));
        assertEquals(-1, MpiLibrary.launcherSize(Map.of()));
        assertEquals(-1, MpiLibrary.launcherSize(Map.of("PMI_SIZE", "x")));
    }

    @Test
    void aMissingLibraryIsAClearError() {
        MpiException e = assertThrows(MpiException.class, () -> MpiLibrary.load(List.of("libnosuchmpi.so.99")));
        assertTrue(e.getMessage().contains("libnosuchmpi.so.99") && e.getMessage().contains("ndarray.mpi.library"),
                e.getMessage());
    }

    @Test
    void ufuncsMapToMpiOps() {
        assertEquals(Abi.Op.SUM, Reduction.of(Ufunc.ADD, DType.INT32));
        assertEquals(Abi.Op.LOR, Reduction.of(Ufunc.ADD, DType.BOOL));
        assertEquals(Abi.Op.LAND, Reduction.of(Ufunc.MULTIPLY, DType.BOOL));
        assertEquals(Abi.Op.PROD, Reduction.of(Ufunc.MULTIPLY, DType.FLOAT32));
        assertEquals(Abi.Op.BXOR, Reduction.of(Ufunc.BITWISE_XOR, DType.UINT8));
        assertEquals(Abi.Op.LXOR, Reduction.of(Ufunc.LOGICAL_XOR, DType.INT64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reduction.of(Ufunc.BITWISE_AND, DType.FLOAT64));
        assertEquals("ufunc 'bitwise_and' not supported by MPI for float64 (MPI's logical and bitwise reductions"
                + " take bool and integer types)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Reduction.of(Ufunc.SUBTRACT, DType.FLOAT64));
        assertTrue(e.getMessage().startsWith("no MPI reduction for ufunc 'subtract'"), e.getMessage());
    }
}
