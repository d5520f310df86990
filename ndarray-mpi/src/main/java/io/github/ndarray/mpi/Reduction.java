package io.github.ndarray.mpi;

import io.github.ndarray.DType;
import io.github.ndarray.Ufunc;

/**
 * Which {@code MPI_Op} computes a ufunc's reduction on a dtype: a predefined one, or one of
 * {@link JavaOps} where the predefined one differs from NumPy. Bool arrays travel as
 * {@code MPI_UINT8_T} (same bytes, and MPI defines max/min and the bitwise ops on it, not on
 * {@code MPI_C_BOOL}); on them NumPy's {@code add} is a logical or and {@code multiply} a logical
 * and, and MPI's logical ops give the 0/1 NumPy's bool does.
 */
final class Reduction {
    private Reduction() {
    }

    /** {@return the handle of the MPI op that reduces {@code dtype} arrays with {@code op}} */
    static long handle(MpiRuntime rt, Ufunc op, DType dtype) {
        Abi.Op mpiOp = of(op, dtype);
        if ((mpiOp == Abi.Op.MAX || mpiOp == Abi.Op.MIN) && JavaOps.needed(dtype)) {
            return rt.javaOps.extremum(dtype, mpiOp == Abi.Op.MAX);
        }
        return rt.abi.op(mpiOp);
    }

    static Abi.Op of(Ufunc op, DType dtype) {
        boolean bool = dtype == DType.BOOL;
        boolean integral = bool || dtype.isInteger();
        return switch (op.id()) {
            case ADD -> bool ? Abi.Op.LOR : Abi.Op.SUM;
            case MULTIPLY -> bool ? Abi.Op.LAND : Abi.Op.PROD;
            case MAXIMUM -> Abi.Op.MAX;
            case MINIMUM -> Abi.Op.MIN;
            case LOGICAL_AND -> integral(op, dtype, integral, Abi.Op.LAND);
            case LOGICAL_OR -> integral(op, dtype, integral, Abi.Op.LOR);
            case LOGICAL_XOR -> integral(op, dtype, integral, Abi.Op.LXOR);
            case BITWISE_AND -> integral(op, dtype, integral, Abi.Op.BAND);
            case BITWISE_OR -> integral(op, dtype, integral, Abi.Op.BOR);
            case BITWISE_XOR -> integral(op, dtype, integral, Abi.Op.BXOR);
            default -> throw new IllegalArgumentException("no MPI reduction for ufunc '" + op.name()
                    + "'; MPI reduces with add, multiply, maximum, minimum, logical_and/or/xor, bitwise_and/or/xor");
        };
    }

    /** MPI defines the logical and bitwise ops on integer types only. */
    private static Abi.Op integral(Ufunc op, DType dtype, boolean integral, Abi.Op mpiOp) {
        if (!integral) {
            throw new IllegalArgumentException("ufunc '" + op.name() + "' not supported by MPI for " + dtype
                    + " (MPI's logical and bitwise reductions take bool and integer types)");
        }
        return mpiOp;
    }
}
