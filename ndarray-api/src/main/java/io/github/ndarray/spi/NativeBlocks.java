package io.github.ndarray.spi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Blocks of host memory from the C library, the way NumPy gets them. {@code calloc} hands out
 * fresh pages that the kernel zeroes on first touch (no memset pass), {@code malloc} serves
 * blocks whose contents will be overwritten anyway, and {@code madvise(MADV_HUGEPAGE)} asks
 * for 2 MiB pages, so a 100 MB array costs ~50 page faults instead of ~25,000. The block
 * belongs to a shared arena: {@code free} runs when the arena closes, and access after that
 * throws, so it can never crash the JVM.
 *
 * <p>Where the C functions cannot be found (not Linux/glibc), the arena's own allocator is used.
 */
final class NativeBlocks {
    static final long ALIGNMENT = 64;
    private static final int MADV_HUGEPAGE = 14;
    private static final long HUGE_PAGE = 2L << 20;

    private static final MethodHandle CALLOC;
    private static final MethodHandle MALLOC;
    private static final MethodHandle FREE;
    private static final MethodHandle MADVISE;

    static {
        MethodHandle calloc = null;
        MethodHandle malloc = null;
        MethodHandle free = null;
        MethodHandle madvise = null;
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            calloc = linker.downcallHandle(libc.find("calloc").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            malloc = linker.downcallHandle(libc.find("malloc").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            free = linker.downcallHandle(libc.find("free").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
            madvise = libc.find("madvise").map(s -> linker.downcallHandle(s,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            calloc = null;
        }
        CALLOC = calloc;
        MALLOC = malloc;
        FREE = free;
        MADVISE = madvise;
    }

    private NativeBlocks() {
    }

    /**
     * A 64-byte-aligned block owned by {@code arena}.
     *
     * @param zeroed whether it must read as zeros (else its contents are unspecified)
     * @throws OutOfMemoryError if the C allocator has no memory
     */
    static MemorySegment allocate(Arena arena, long byteSize, boolean zeroed) {
        if (CALLOC == null) {
            return arena.allocate(byteSize, ALIGNMENT);
        }
        MemorySegment base;
        try {
            base = zeroed
                    ? (MemorySegment) CALLOC.invokeExact(1L, byteSize + ALIGNMENT)
                    : (MemorySegment) MALLOC.invokeExact(byteSize + ALIGNMENT);
        } catch (Throwable t) {
            throw new IllegalStateException("calloc/malloc failed", t);
        }
        if (base.address() == 0) {
            throw new OutOfMemoryError("cannot allocate " + byteSize + " bytes of host memory");
        }
        long start = (base.address() + ALIGNMENT - 1) & -ALIGNMENT;
        adviseHugePages(start, byteSize);
        MemorySegment owned = base.reinterpret(byteSize + ALIGNMENT, arena, NativeBlocks::free);
        return owned.asSlice(start - base.address(), byteSize);
    }

    /** Hints 2 MiB pages for the whole huge pages inside the block; a refusal changes nothing. */
    private static void adviseHugePages(long start, long byteSize) {
        if (MADVISE == null) {
            return;
        }
        long from = (start + HUGE_PAGE - 1) & -HUGE_PAGE;
        long to = (start + byteSize) & -HUGE_PAGE;
        if (to <= from) {
            return;
        }
        try {
            int ignored = (int) MADVISE.invokeExact(MemorySegment.ofAddress(from), to - from, MADV_HUGEPAGE);
        } catch (Throwable t) {
            // A hint only: transparent huge pages may be off.
        }
    }

    private static void free(MemorySegment base) {
        try {
            FREE.invokeExact(base);
        } catch (Throwable t) {
            throw new IllegalStateException("free failed", t);
        }
    }
}
