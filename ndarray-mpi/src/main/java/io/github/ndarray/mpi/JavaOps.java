package io.github.ndarray.mpi;

import io.github.ndarray.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reductions MPI's predefined ops get wrong for NumPy, as user-defined ops ({@code MPI_Op_create})
 * whose function is Java, called back through an FFM upcall:
 * <ul>
 * <li>{@code maximum}/{@code minimum} of floats: NumPy's propagate NaN; {@code MPI_MAX} compares
 * with {@code >}, so a NaN survives or not depending on the order ranks are combined.
 * <li>{@code maximum}/{@code minimum} of uint8: MPICH 4.0.2 (Debian 12) compares
 * {@code MPI_UINT8_T} as signed (max(3, 199) is 3; a C program shows it too).
 * </ul>
 * The functions are written not to throw: an exception in an upcall ends the JVM.
 */
final class JavaOps {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private final MpiRuntime rt;
    /** Created on first use: [dtype kind][max, min]; 0 until then. */
    private final long[] ops = new long[6];

    JavaOps(MpiRuntime rt) {
        this.rt = rt;
    }

    /** {@return whether maximum/minimum of this dtype needs a Java op} */
    static boolean needed(DType dtype) {
        return dtype.isFloating() || dtype == DType.UINT8;
    }

    /** {@return the op handle for maximum ({@code max} true) or minimum of {@code dtype}} */
    synchronized long extremum(DType dtype, boolean max) {
        int kind = switch (dtype) {
            case FLOAT32 -> 0;
            case FLOAT64 -> 1;
            case UINT8 -> 2;
            default -> throw new IllegalArgumentException(dtype.toString());
        };
        int i = kind * 2 + (max ? 0 : 1);
        if (ops[i] == 0) {
            ops[i] = create(new String[] {"f32", "f64", "u8"}[kind], max);
        }
        return ops[i];
    }

    private long create(String function, boolean max) {
        try {
            MethodHandle target = MethodHandles.insertArguments(MethodHandles.lookup().findStatic(JavaOps.class,
                    function, MethodType.methodType(void.class, boolean.class, MemorySegment.class, MemorySegment.class,
                            MemorySegment.class, MemorySegment.class)), 0, max);
            MemorySegment stub = Linker.nativeLinker().upcallStub(target, FunctionDescriptor.ofVoid(
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS), Arena.global());
            MemorySegment out = MpiRuntime.scratch();
            rt.check(rt.nat.opCreate(stub, 1, out), "MPI_Op_create");
            return rt.abi.readHandle(out, 0);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // The MPI_User_function: void fn(void *invec, void *inoutvec, int *len, MPI_Datatype *type),
    // inout[i] = op(in[i], inout[i]).

    private static int length(MemorySegment len) {
        return len.reinterpret(4).get(ValueLayout.JAVA_INT, 0);
    }

    static void f64(boolean max, MemorySegment in, MemorySegment inout, MemorySegment len, MemorySegment type) {
        int n = length(len);
        MemorySegment a = in.reinterpret(8L * n);
        MemorySegment b = inout.reinterpret(8L * n);
        for (long i = 0; i < n; i++) {
            double x = a.getAtIndex(F64, i);
            double y = b.getAtIndex(F64, i);
            b.setAtIndex(F64, i, (max ? x > y : x < y) || x != x ? x : y);
        }
    }

    static void f32(boolean max, MemorySegment in, MemorySegment inout, MemorySegment len, MemorySegment type) {
        int n = length(len);
        MemorySegment a = in.reinterpret(4L * n);
        MemorySegment b = inout.reinterpret(4L * n);
        for (long i = 0; i < n; i++) {
            float x = a.getAtIndex(F32, i);
            float y = b.getAtIndex(F32, i);
            b.setAtIndex(F32, i, (max ? x > y : x < y) || x != x ? x : y);
        }
    }

    static void u8(boolean max, MemorySegment in, MemorySegment inout, MemorySegment len, MemorySegment type) {
        int n = length(len);
        MemorySegment a = in.reinterpret(n);
        MemorySegment b = inout.reinterpret(n);
        for (long i = 0; i < n; i++) {
            int x = a.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            int y = b.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            b.set(ValueLayout.JAVA_BYTE, i, (byte) (max ? Math.max(x, y) : Math.min(x, y)));
        }
    }
}
