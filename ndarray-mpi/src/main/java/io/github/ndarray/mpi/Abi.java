package io.github.ndarray.mpi;

import io.github.ndarray.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;

/**
 * The constants of one MPI ABI: what {@code mpi.h} defines, which C code gets at compile time and
 * we must know at run time. The two ABIs Debian ships differ in almost everything: Open MPI's
 * handles are addresses of exported structs ({@code MPI_COMM_WORLD} is {@code &ompi_mpi_comm_world}),
 * MPICH's are {@code int} constants; {@code ANY_SOURCE} and {@code PROC_NULL} are swapped; the
 * {@code MPI_Status} layouts, {@code STATUS_IGNORE} and {@code IN_PLACE} differ. Every handle is
 * kept in a Java {@code long} (an address, or the int's value); {@link #handleLayout} says how it
 * crosses to C.
 *
 * <p>The values are read from the installed headers: Open MPI 4.1
 * ({@code /usr/lib/x86_64-linux-gnu/openmpi/include/mpi.h}) and MPICH 4.0
 * ({@code /usr/include/x86_64-linux-gnu/mpich/mpi.h}); both have kept them since their 3.x
 * releases (MPICH's ABI initiative, Open MPI's ABI promise from 3.0 to 4.x).
 */
final class Abi {
    /** MPI's predefined reduction operations, in the order of {@link #ops}. */
    enum Op {
        MAX, MIN, SUM, PROD, LAND, BAND, LOR, BOR, LXOR, BXOR
    }

    final String name;
    /** How a handle is passed: an address (Open MPI) or an {@code int} (MPICH). */
    final ValueLayout handleLayout;
    final long commWorld;
    final long commSelf;
    final long requestNull;
    final long errorsReturn;
    final long infoNull;
    /** Datatype handles by {@link DType#ordinal()}; bool travels as {@code MPI_UINT8_T} (see {@link Reduction}). */
    private final long[] datatypes;
    /** Op handles by {@link Op#ordinal()}. */
    private final long[] ops;
    final int anySource;
    final int procNull;
    final int anyTag;
    final MemorySegment statusIgnore;
    final MemorySegment inPlace;
    final int statusSize;
    final int statusSourceOffset;
    final int statusTagOffset;
    final int statusErrorOffset;
    final int threadMultiple;
    final int commTypeShared;

    private Abi(String name, ValueLayout handleLayout, long[] handles, long[] datatypes, long[] ops, int anySource,
            int procNull, long statusIgnore, long inPlace, int[] status, int commTypeShared) {
        this.name = name;
        this.handleLayout = handleLayout;
        this.commWorld = handles[0];
        this.commSelf = handles[1];
        this.requestNull = handles[2];
        this.errorsReturn = handles[3];
        this.infoNull = handles[4];
        this.datatypes = datatypes;
        this.ops = ops;
        this.anySource = anySource;
        this.procNull = procNull;
        this.anyTag = -1;
        this.statusIgnore = MemorySegment.ofAddress(statusIgnore);
        this.inPlace = MemorySegment.ofAddress(inPlace);
        this.statusSize = status[0];
        this.statusSourceOffset = status[1];
        this.statusTagOffset = status[2];
        this.statusErrorOffset = status[3];
        this.threadMultiple = 3;
        this.commTypeShared = commTypeShared;
    }

    /**
     * Open MPI (3.x to 4.x, {@code libmpi.so.40}): handles are the addresses of the library's
     * predefined objects, looked up by symbol.
     */
    static Abi openMpi(SymbolLookup lib) {
        long[] handles = {addr(lib, "ompi_mpi_comm_world"), addr(lib, "ompi_mpi_comm_self"),
            addr(lib, "ompi_request_null"), addr(lib, "ompi_mpi_errors_return"), addr(lib, "ompi_mpi_info_null")};
        long[] types = new long[DType.values().length];
        types[DType.BOOL.ordinal()] = addr(lib, "ompi_mpi_uint8_t");
        types[DType.INT8.ordinal()] = addr(lib, "ompi_mpi_int8_t");
        types[DType.UINT8.ordinal()] = addr(lib, "ompi_mpi_uint8_t");
        types[DType.INT16.ordinal()] = addr(lib, "ompi_mpi_int16_t");
        types[DType.INT32.ordinal()] = addr(lib, "ompi_mpi_int32_t");
        types[DType.INT64.ordinal()] = addr(lib, "ompi_mpi_int64_t");
        types[DType.FLOAT32.ordinal()] = addr(lib, "ompi_mpi_float");
        types[DType.FLOAT64.ordinal()] = addr(lib, "ompi_mpi_double");
        long[] ops = new long[Op.values().length];
        for (Op op : Op.values()) {
            ops[op.ordinal()] = addr(lib, "ompi_mpi_op_" + op.name().toLowerCase(java.util.Locale.ROOT));
        }
        // struct ompi_status_public_t { int MPI_SOURCE, MPI_TAG, MPI_ERROR, _cancelled; size_t _ucount; }
        int[] status = {24, 0, 4, 8};
        // ANY_SOURCE -1, PROC_NULL -2; STATUS_IGNORE NULL; IN_PLACE (void *) 1; COMM_TYPE_SHARED first of an enum.
        return new Abi("Open MPI", ValueLayout.ADDRESS, handles, types, ops, -1, -2, 0, 1, status, 0);
    }

    /** MPICH (3.x to 4.x, {@code libmpi.so.12}) and its derivatives: handles are {@code int} constants. */
    static Abi mpich() {
        long[] handles = {0x44000000, 0x44000001, 0x2c000000, 0x54000001, 0x1c000000};
        long[] types = new long[DType.values().length];
        types[DType.BOOL.ordinal()] = 0x4c00013b;
        types[DType.INT8.ordinal()] = 0x4c000137;
        types[DType.UINT8.ordinal()] = 0x4c00013b;
        types[DType.INT16.ordinal()] = 0x4c000238;
        types[DType.INT32.ordinal()] = 0x4c000439;
        types[DType.INT64.ordinal()] = 0x4c00083a;
        types[DType.FLOAT32.ordinal()] = 0x4c00040a;
        types[DType.FLOAT64.ordinal()] = 0x4c00080b;
        long[] ops = new long[Op.values().length];
        for (Op op : Op.values()) {
            ops[op.ordinal()] = 0x58000001L + op.ordinal(); // MPI_MAX 0x58000001 .. MPI_BXOR 0x5800000a, in Op's order
        }
        // typedef struct MPI_Status { int count_lo, count_hi_and_cancelled, MPI_SOURCE, MPI_TAG, MPI_ERROR; }
        int[] status = {20, 8, 12, 16};
        // ANY_SOURCE -2, PROC_NULL -1; STATUS_IGNORE (MPI_Status *) 1; IN_PLACE (void *) -1.
        return new Abi("MPICH", ValueLayout.JAVA_INT, handles, types, ops, -2, -1, 1, -1, status, 1);
    }

    /** {@return the datatype handle for elements of this dtype} */
    long datatype(DType dtype) {
        return datatypes[dtype.ordinal()];
    }

    /** {@return the handle of this predefined operation} */
    long op(Op op) {
        return ops[op.ordinal()];
    }

    /** {@return the handle stored at {@code offset} of {@code memory}} */
    long readHandle(MemorySegment memory, long offset) {
        return handleLayout instanceof ValueLayout.OfInt i ? memory.get(i, offset)
                : memory.get(ValueLayout.ADDRESS, offset).address();
    }

    private static long addr(SymbolLookup lib, String symbol) {
        return lib.find(symbol).orElseThrow(() -> new IllegalStateException(
                "the MPI library has no symbol " + symbol + " (not Open MPI 3.x/4.x?)")).address();
    }
}
