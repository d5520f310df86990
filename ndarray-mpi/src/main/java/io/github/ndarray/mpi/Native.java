package io.github.ndarray.mpi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The MPI functions we call, one Java method each, bound through FFM on first use: binding a
 * downcall handle costs about a millisecond, and a program that never calls {@code MPI_Alltoallv}
 * should not pay for it at startup. Every handle argument is a Java {@code long} whatever the ABI
 * (see {@link Abi}); pointers are {@link MemorySegment}s. The methods return MPI's error code;
 * {@link Mpi#check} turns it into an exception.
 */
final class Native {
    private static final MethodHandle OF_ADDRESS;

    static {
        try {
            OF_ADDRESS = MethodHandles.lookup().findStatic(MemorySegment.class, "ofAddress",
                    MethodType.methodType(MemorySegment.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SymbolLookup lib;
    private final Abi abi;

    Native(SymbolLookup lib, Abi abi) {
        this.lib = lib;
        this.abi = abi;
    }

    /**
     * One C function, bound when first called. The signature is one letter per argument:
     * {@code P} a pointer, {@code I} an int, {@code H} an MPI handle; the result is an int.
     */
    private final class Fn {
        private final String name;
        private final String signature;
        private volatile MethodHandle handle;

        Fn(String name, String signature) {
            this.name = name;
            this.signature = signature;
        }

        MethodHandle h() {
            MethodHandle h = handle;
            if (h == null) {
                h = bind(name, signature);
                handle = h;
            }
            return h;
        }
    }

    private MethodHandle bind(String name, String signature) {
        MemorySegment address = lib.find(name).orElseThrow(
                () -> new MpiException(0, "the MPI library has no function " + name));
        MemoryLayout[] args = new MemoryLayout[signature.length()];
        for (int i = 0; i < args.length; i++) {
            args[i] = switch (signature.charAt(i)) {
                case 'P' -> ValueLayout.ADDRESS;
                case 'I' -> ValueLayout.JAVA_INT;
                case 'H' -> abi.handleLayout;
                default -> throw new IllegalArgumentException(signature);
            };
        }
        MethodHandle h = Linker.nativeLinker().downcallHandle(address, FunctionDescriptor.of(ValueLayout.JAVA_INT, args));
        for (int i = 0; i < args.length; i++) {
            if (signature.charAt(i) == 'H') {
                h = abi.handleLayout == ValueLayout.ADDRESS ? MethodHandles.filterArguments(h, i, OF_ADDRESS)
                        : MethodHandles.explicitCastArguments(h, h.type().changeParameterType(i, long.class));
            }
        }
        return h;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    // ---------------------------------------------------------------- environment

    private final Fn initThread = new Fn("MPI_Init_thread", "PPIP");
    private final Fn initialized = new Fn("MPI_Initialized", "P");
    private final Fn finalized = new Fn("MPI_Finalized", "P");
    private final Fn finalize = new Fn("MPI_Finalize", "");
    private final Fn abort = new Fn("MPI_Abort", "HI");
    private final Fn errhandler = new Fn("MPI_Comm_set_errhandler", "HH");
    private final Fn errorClass = new Fn("MPI_Error_class", "IP");
    private final Fn errorString = new Fn("MPI_Error_string", "IPP");
    private final Fn libraryVersion = new Fn("MPI_Get_library_version", "PP");
    private final Fn processorName = new Fn("MPI_Get_processor_name", "PP");

    int initThread(int required, MemorySegment provided) {
        try {
            return (int) initThread.h().invokeExact(MemorySegment.NULL, MemorySegment.NULL, required, provided);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int initialized(MemorySegment flag) {
        try {
            return (int) initialized.h().invokeExact(flag);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int finalized(MemorySegment flag) {
        try {
            return (int) finalized.h().invokeExact(flag);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int finalizeMpi() {
        try {
            return (int) finalize.h().invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int abort(long comm, int code) {
        try {
            return (int) abort.h().invokeExact(comm, code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int setErrhandler(long comm, long handler) {
        try {
            return (int) errhandler.h().invokeExact(comm, handler);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int errorClass(int code, MemorySegment cls) {
        try {
            return (int) errorClass.h().invokeExact(code, cls);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int errorString(int code, MemorySegment text, MemorySegment length) {
        try {
            return (int) errorString.h().invokeExact(code, text, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int libraryVersion(MemorySegment text, MemorySegment length) {
        try {
            return (int) libraryVersion.h().invokeExact(text, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int processorName(MemorySegment name, MemorySegment length) {
        try {
            return (int) processorName.h().invokeExact(name, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- communicators

    private final Fn commRank = new Fn("MPI_Comm_rank", "HP");
    private final Fn commSize = new Fn("MPI_Comm_size", "HP");
    private final Fn commSplitType = new Fn("MPI_Comm_split_type", "HIIHP");
    private final Fn commFree = new Fn("MPI_Comm_free", "P");

    int commRank(long comm, MemorySegment rank) {
        try {
            return (int) commRank.h().invokeExact(comm, rank);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int commSize(long comm, MemorySegment size) {
        try {
            return (int) commSize.h().invokeExact(comm, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int commSplitType(long comm, int type, int key, long info, MemorySegment newComm) {
        try {
            return (int) commSplitType.h().invokeExact(comm, type, key, info, newComm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int commFree(MemorySegment comm) {
        try {
            return (int) commFree.h().invokeExact(comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- point to point

    private final Fn send = new Fn("MPI_Send", "PIHIIH");
    private final Fn recv = new Fn("MPI_Recv", "PIHIIHP");
    private final Fn isend = new Fn("MPI_Isend", "PIHIIHP");
    private final Fn irecv = new Fn("MPI_Irecv", "PIHIIHP");
    private final Fn waitRequest = new Fn("MPI_Wait", "PP");
    private final Fn test = new Fn("MPI_Test", "PPP");
    private final Fn sendrecv = new Fn("MPI_Sendrecv", "PIHIIPIHIIHP");
    private final Fn probe = new Fn("MPI_Probe", "IIHP");
    private final Fn getCount = new Fn("MPI_Get_count", "PHP");

    int send(MemorySegment buf, int count, long type, int dest, int tag, long comm) {
        try {
            return (int) send.h().invokeExact(buf, count, type, dest, tag, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int recv(MemorySegment buf, int count, long type, int source, int tag, long comm, MemorySegment status) {
        try {
            return (int) recv.h().invokeExact(buf, count, type, source, tag, comm, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int isend(MemorySegment buf, int count, long type, int dest, int tag, long comm, MemorySegment request) {
        try {
            return (int) isend.h().invokeExact(buf, count, type, dest, tag, comm, request);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int irecv(MemorySegment buf, int count, long type, int source, int tag, long comm, MemorySegment request) {
        try {
            return (int) irecv.h().invokeExact(buf, count, type, source, tag, comm, request);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int waitRequest(MemorySegment request, MemorySegment status) {
        try {
            return (int) waitRequest.h().invokeExact(request, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int test(MemorySegment request, MemorySegment flag, MemorySegment status) {
        try {
            return (int) test.h().invokeExact(request, flag, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int sendrecv(MemorySegment sbuf, int scount, long stype, int dest, int stag, MemorySegment rbuf, int rcount,
            long rtype, int source, int rtag, long comm, MemorySegment status) {
        try {
            return (int) sendrecv.h().invokeExact(sbuf, scount, stype, dest, stag, rbuf, rcount, rtype, source, rtag,
                    comm, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int probe(int source, int tag, long comm, MemorySegment status) {
        try {
            return (int) probe.h().invokeExact(source, tag, comm, status);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int getCount(MemorySegment status, long type, MemorySegment count) {
        try {
            return (int) getCount.h().invokeExact(status, type, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------- collectives

    private final Fn opCreate = new Fn("MPI_Op_create", "PIP");
    private final Fn barrier = new Fn("MPI_Barrier", "H");
    private final Fn bcast = new Fn("MPI_Bcast", "PIHIH");
    private final Fn scatter = new Fn("MPI_Scatter", "PIHPIHIH");
    private final Fn scatterv = new Fn("MPI_Scatterv", "PPPHPIHIH");
    private final Fn gather = new Fn("MPI_Gather", "PIHPIHIH");
    private final Fn gatherv = new Fn("MPI_Gatherv", "PIHPPPHIH");
    private final Fn allgather = new Fn("MPI_Allgather", "PIHPIHH");
    private final Fn allgatherv = new Fn("MPI_Allgatherv", "PIHPPPHH");
    private final Fn reduce = new Fn("MPI_Reduce", "PPIHHIH");
    private final Fn allreduce = new Fn("MPI_Allreduce", "PPIHHH");
    private final Fn alltoall = new Fn("MPI_Alltoall", "PIHPIHH");
    private final Fn alltoallv = new Fn("MPI_Alltoallv", "PPPHPPPHH");

    int opCreate(MemorySegment function, int commute, MemorySegment op) {
        try {
            return (int) opCreate.h().invokeExact(function, commute, op);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int barrier(long comm) {
        try {
            return (int) barrier.h().invokeExact(comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int bcast(MemorySegment buf, int count, long type, int root, long comm) {
        try {
            return (int) bcast.h().invokeExact(buf, count, type, root, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int scatter(MemorySegment sbuf, int scount, long stype, MemorySegment rbuf, int rcount, long rtype, int root,
            long comm) {
        try {
            return (int) scatter.h().invokeExact(sbuf, scount, stype, rbuf, rcount, rtype, root, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int scatterv(MemorySegment sbuf, MemorySegment scounts, MemorySegment displs, long stype, MemorySegment rbuf,
            int rcount, long rtype, int root, long comm) {
        try {
            return (int) scatterv.h().invokeExact(sbuf, scounts, displs, stype, rbuf, rcount, rtype, root, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int gather(MemorySegment sbuf, int scount, long stype, MemorySegment rbuf, int rcount, long rtype, int root,
            long comm) {
        try {
            return (int) gather.h().invokeExact(sbuf, scount, stype, rbuf, rcount, rtype, root, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int gatherv(MemorySegment sbuf, int scount, long stype, MemorySegment rbuf, MemorySegment rcounts,
            MemorySegment displs, long rtype, int root, long comm) {
        try {
            return (int) gatherv.h().invokeExact(sbuf, scount, stype, rbuf, rcounts, displs, rtype, root, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int allgather(MemorySegment sbuf, int scount, long stype, MemorySegment rbuf, int rcount, long rtype, long comm) {
        try {
            return (int) allgather.h().invokeExact(sbuf, scount, stype, rbuf, rcount, rtype, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int allgatherv(MemorySegment sbuf, int scount, long stype, MemorySegment rbuf, MemorySegment rcounts,
            MemorySegment displs, long rtype, long comm) {
        try {
            return (int) allgatherv.h().invokeExact(sbuf, scount, stype, rbuf, rcounts, displs, rtype, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int reduce(MemorySegment sbuf, MemorySegment rbuf, int count, long type, long op, int root, long comm) {
        try {
            return (int) reduce.h().invokeExact(sbuf, rbuf, count, type, op, root, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int allreduce(MemorySegment sbuf, MemorySegment rbuf, int count, long type, long op, long comm) {
        try {
            return (int) allreduce.h().invokeExact(sbuf, rbuf, count, type, op, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int alltoall(MemorySegment sbuf, int scount, long stype, MemorySegment rbuf, int rcount, long rtype, long comm) {
        try {
            return (int) alltoall.h().invokeExact(sbuf, scount, stype, rbuf, rcount, rtype, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int alltoallv(MemorySegment sbuf, MemorySegment scounts, MemorySegment sdispls, long stype, MemorySegment rbuf,
            MemorySegment rcounts, MemorySegment rdispls, long rtype, long comm) {
        try {
            return (int) alltoallv.h().invokeExact(sbuf, scounts, sdispls, stype, rbuf, rcounts, rdispls, rtype, comm);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
