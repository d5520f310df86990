package io.github.ndarray.cuda;

import io.github.ndarray.DType;
import io.github.ndarray.Device;
import io.github.ndarray.NDArray;
import io.github.ndarray.broadcasting.Coalesce;
import io.github.ndarray.spi.Backend;
import io.github.ndarray.spi.HostStorage;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The parameter block {@code nd_layout} of elementwise and cast kernels: the operands' addresses
 * and byte strides over a shape coalesced as far as every operand allows. A layout that still
 * has more than {@link #MAXDIM} axes is launched once per index of its leading axes.
 */
final class Layout {
    static final int MAXDIM = 8;
    static final int OPS = 5;
    static final int OUT = 3;
    static final int MASK = 4;
    private static final int FIELDS = 2 + MAXDIM + OPS + OPS * MAXDIM + OPS + 1;
    /** nd_layout.flags: power's exponent is one value for the whole launch. */
    static final long POW_SCALAR = 1;
    /** nd_layout.flags: one axis, every memory operand contiguous and 16-byte aligned, no mask. */
    private static final long VEC = 2;

    /**
     * One operand: the address of its element 0 (0 for a Java scalar), byte strides, a scalar's
     * raw bits, the size of an element.
     */
    record Operand(long address, long[] strides, long scalarBits, int itemSize) {
        boolean isScalar() {
            return address == 0;
        }

        boolean isUniform() {
            for (long s : strides) {
                if (s != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private Layout() {
    }

    /**
     * An array operand of a kernel on {@code device}: device memory of that device, or a Java
     * scalar (a host array every element of which is one value), whose value travels by value.
     */
    static Operand operand(NDArray a, Device device) {
        int nd = a.ndim();
        if (Backend.isHostScalar(a, device)) {
            return new Operand(0, new long[nd], a.size() == 0 ? 0 : hostBits(a), a.dtype().itemSize());
        }
        if (!(a.storage() instanceof CudaStorage s) || !a.device().equals(device)) {
            throw new IllegalStateException("an array on " + a.device() + " reached a kernel on " + device
                    + ": the api must move operands or refuse mixed devices");
        }
        long item = a.dtype().itemSize();
        long[] st = a.elementStrides();
        for (int i = 0; i < nd; i++) {
            st[i] *= item;
        }
        return new Operand(s.address() + a.elementOffset() * item, st, 0, (int) item);
    }

    /** The raw bits of a host array's first element, zero-extended. */
    private static long hostBits(NDArray a) {
        MemorySegment seg = ((HostStorage) a.storage()).segment();
        DType t = a.dtype();
        long off = a.elementOffset() * t.itemSize();
        long bits = 0;
        for (int b = 0; b < t.itemSize(); b++) {
            bits |= (seg.get(ValueLayout.JAVA_BYTE, off + b) & 0xFFL) << (8 * b);
        }
        return bits;
    }

    /** Whether the kernel may move 16 bytes per operand at a time: one axis, contiguous, aligned, no mask. */
    private static boolean vectorizable(Operand[] ops, Coalesce c) {
        if (c.shape().length != 1 || ops[MASK] != null) {
            return false;
        }
        for (int k = 0; k < OPS; k++) {
            Operand o = ops[k];
            if (o != null && !o.isScalar() && (c.strides()[k][0] != o.itemSize() || (o.address() & 15) != 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Launches {@code kernel} (a loaded function: {@link CudaDevice#elementwise}, {@link CudaDevice#cast}, a
     * user kernel) over {@code shape}.
     *
     * @param ops {@link #OPS} operands by slot (inputs 0..2, {@link #OUT}, {@link #MASK}); null where unused
     */
    static void launch(CudaDevice d, Object kernel, long[] shape, Operand[] ops, long flags) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n == 0) {
            return;
        }
        long[][] strides = new long[OPS][];
        long[] base = new long[OPS];
        long[] scalars = new long[OPS];
        for (int k = 0; k < OPS; k++) {
            strides[k] = ops[k] == null ? new long[shape.length] : ops[k].strides();
            base[k] = ops[k] == null ? 0 : ops[k].address();
            scalars[k] = ops[k] == null ? 0 : ops[k].scalarBits();
        }
        Coalesce c = Coalesce.of(shape, strides);
        long[] cs = c.shape();
        int lead = Math.max(0, cs.length - MAXDIM);
        long[] inner = java.util.Arrays.copyOfRange(cs, lead, cs.length);
        long[][] innerStrides = new long[OPS][];
        for (int k = 0; k < OPS; k++) {
            innerStrides[k] = java.util.Arrays.copyOfRange(c.strides()[k], lead, cs.length);
        }
        long innerN = n;
        for (int i = 0; i < lead; i++) {
            innerN /= cs[i];
        }
        if (vectorizable(ops, c)) {
            flags |= VEC;
        }
        long[] idx = new long[lead];
        while (true) {
            long[] ptr = base.clone();
            for (int k = 0; k < OPS; k++) {
                if (ptr[k] != 0) {
                    for (int i = 0; i < lead; i++) {
                        ptr[k] += idx[i] * c.strides()[k][i];
                    }
                }
            }
            Params p = new Params(FIELDS).put(innerN).put(inner.length).array(inner, MAXDIM).array(ptr, OPS);
            for (int k = 0; k < OPS; k++) {
                p.array(innerStrides[k], MAXDIM);
            }
            d.launch(kernel, innerN, p.array(scalars, OPS).put(flags).bytes());
            int i = lead - 1;
            while (i >= 0 && ++idx[i] == cs[i]) {
                idx[i--] = 0;
            }
            if (i < 0) {
                return;
            }
        }
    }
}
