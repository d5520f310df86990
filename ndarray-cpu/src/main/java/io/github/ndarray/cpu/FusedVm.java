package io.github.ndarray.cpu;

import io.github.ndarray.NDArray;
import io.github.ndarray.spi.FusedProgram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Runs a {@link FusedProgram} the way numexpr does: the output is walked in blocks of
 * {@link #BLOCK} elements, and for each block every step runs its ordinary kernel (the same
 * {@link StripKernel} the unfused op would run, a Vector API loop where there is one), reading
 * operands and writing temporaries that live in a per-thread scratch area small enough to stay
 * in the L1/L2 cache. Only the operands are read from memory and only the output is written.
 * Blocks are shared out over {@link Parallel}'s threads by {@link StridedWalk}.
 *
 * <p>Same bits as the unfused ops: each step computes each element with the unfused op's kernel.
 * Blocks start at multiples of {@link StridedWalk#BLOCK} from the start of a row, as the parallel
 * walk of an unfused op cuts them, so a kernel meets the same vector bodies and scalar tails
 * wherever the operands coalesce to the same rows as the unfused op's (always for contiguous
 * operands and scalars); this matters only for the transcendental functions, whose vector and
 * scalar forms may differ in the last bit.
 */
final class FusedVm {
    /**
     * Elements per block: 64 KiB per float64 temporary, so a program of a few steps keeps its
     * temporaries in L2 while the per-block cost of calling each step's kernel stays small
     * (1024 to 32768 measured, docs/fused.md). A multiple of {@link StridedWalk#BLOCK}, so blocks
     * never move a vector tail.
     */
    static final int BLOCK = 8192;

    /** The largest item size: scratch slots are sized for it, whatever the dtype they hold. */
    private static final int MAX_ITEM = 8;

    private static final ThreadLocal<MemorySegment> SCRATCH = new ThreadLocal<>();

    private FusedVm() {
    }

    /** A program bound to this backend's kernels, with its temporaries assigned to scratch slots. */
    private record Compiled(StripKernel[] kernels, int[][] registers, long[][] slotOffsets, int slots, long grain) {
    }

    /**
     * Evaluates {@code program} into {@code out}; see {@link io.github.ndarray.spi.FusedSupport}.
     */
    static void evaluate(FusedProgram program, NDArray[] operands, NDArray out) {
        Compiled c = compile(program);
        int m = operands.length;
        NDArray[] all = java.util.Arrays.copyOf(operands, m + 1);
        all[m] = out;
        MemorySegment[] seg = CpuBackend.segments(all);
        StridedWalk.walk(out.shape(), CpuBackend.strides(all), CpuBackend.offsets(all), c.grain(),
                (off, st, n) -> runStrip(c, m, seg, off, st, n));
        CpuBackend.keepAlive(all);
    }

    /**
     * Registers: {@code 0..m-1} the operands, {@code m} the output, {@code m+1+k} scratch slot
     * {@code k}. A step's result takes a free slot (the last step's goes to the output); a slot
     * is free again after its value's last reader, and never shared with the reader's own result.
     */
    private static Compiled compile(FusedProgram program) {
        List<FusedProgram.Step> steps = program.steps();
        int m = program.operands();
        int[] lastUse = new int[m + steps.size()];
        for (int j = 0; j < steps.size(); j++) {
            for (int v : steps.get(j).inputs()) {
                lastUse[v] = j;
            }
        }
        int[] register = new int[m + steps.size()];
        for (int v = 0; v < m; v++) {
            register[v] = v;
        }
        boolean[] busy = new boolean[steps.size()];
        int slots = 0;
        StripKernel[] kernels = new StripKernel[steps.size()];
        int[][] registers = new int[steps.size()][];
        long grain = Kernels.GRAIN_MEMORY_BOUND;
        for (int j = 0; j < steps.size(); j++) {
            FusedProgram.Step s = steps.get(j);
            if (s.isCast()) {
                kernels[j] = Casts.kernel(s.loop().in().get(0), s.out());
            } else {
                Kernels.Built b = Kernels.built(s.op(), s.loop());
                kernels[j] = b.kernel();
                grain = Math.min(grain, b.grain());
            }
            int nin = s.inputs().length;
            registers[j] = new int[nin + 1];
            for (int i = 0; i < nin; i++) {
                registers[j][i] = register[s.inputs()[i]];
            }
            int slot = -1;
            if (j == steps.size() - 1) {
                registers[j][nin] = m;
            } else {
                while (busy[++slot]) {
                    // the first free slot
                }
                busy[slot] = true;
                slots = Math.max(slots, slot + 1);
                registers[j][nin] = m + 1 + slot;
            }
            register[m + j] = registers[j][nin];
            for (int v : s.inputs()) {
                if (v >= m && lastUse[v] == j && register[v] > m) {
                    busy[register[v] - m - 1] = false;
                }
            }
        }
        return new Compiled(kernels, registers, slotOffsets(steps, registers, m), slots, grain);
    }

    /**
     * Per step and operand, the element offset of its scratch slot (counted in elements of the
     * dtype it holds there), or -1 for an operand or the output.
     */
    private static long[][] slotOffsets(List<FusedProgram.Step> steps, int[][] registers, int m) {
        long[][] offsets = new long[steps.size()][];
        for (int j = 0; j < steps.size(); j++) {
            FusedProgram.Step s = steps.get(j);
            int k = registers[j].length;
            offsets[j] = new long[k];
            for (int i = 0; i < k; i++) {
                int r = registers[j][i];
                int item = (i < k - 1 ? s.loop().in().get(i) : s.out()).itemSize();
                offsets[j][i] = r <= m ? -1 : (long) (r - m - 1) * BLOCK * MAX_ITEM / item;
            }
        }
        return offsets;
    }

    /** Runs every step on each block of one strip of the walk. */
    private static void runStrip(Compiled c, int m, MemorySegment[] seg, long[] off, long[] st, long n) {
        MemorySegment scratch = scratch((long) c.slots() * BLOCK * MAX_ITEM);
        StripKernel[] kernels = c.kernels();
        int[][] registers = c.registers();
        long[][] slotOffsets = c.slotOffsets();
        MemorySegment[][] s = new MemorySegment[kernels.length][];
        long[][] o = new long[kernels.length][];
        long[][] t = new long[kernels.length][];
        for (int j = 0; j < kernels.length; j++) {
            int k = registers[j].length;
            s[j] = new MemorySegment[k];
            o[j] = slotOffsets[j].clone();
            t[j] = new long[k];
            for (int i = 0; i < k; i++) {
                int r = registers[j][i];
                s[j][i] = r <= m ? seg[r] : scratch;
                t[j][i] = r <= m ? st[r] : 1;
            }
        }
        for (long start = 0; start < n; start += BLOCK) {
            long len = Math.min(BLOCK, n - start);
            for (int j = 0; j < kernels.length; j++) {
                int[] regs = registers[j];
                for (int i = 0; i < regs.length; i++) {
                    int r = regs[i];
                    if (r <= m) {
                        o[j][i] = off[r] + start * st[r];
                    }
                }
                kernels[j].run(s[j], o[j], t[j], len);
            }
        }
    }

    /** This thread's scratch area, at least {@code bytes} long. */
    private static MemorySegment scratch(long bytes) {
        MemorySegment s = SCRATCH.get();
        if (s == null || s.byteSize() < bytes) {
            s = Arena.ofAuto().allocate(Math.max(bytes, 8L * BLOCK * MAX_ITEM), 64);
            SCRATCH.set(s);
        }
        return s;
    }
}
