package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.conformance.HostOnly;
import io.github.ndarray.conformance.OnTestDevice;
import io.github.ndarray.conformance.TestDevice;
import io.github.ndarray.spi.HostStorage;
import io.github.ndarray.spi.Storage;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Memory lifecycle (DESIGN.md: "Memory is released by close() / scopes deterministically and by
 * the GC otherwise; no use-after-free can crash the JVM (closed arrays throw)").
 */
@OnTestDevice
class LifecycleBehaviorTest {
    private static NDArray data() {
        return on(ND.array(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    }

    private static void closedUse(NDArray closed, String what, Function<NDArray, Object> use) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> use.apply(closed),
                what + " on a closed array must throw IllegalStateException");
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what + ": message");
    }

    @Test
    void everyUseOfAClosedArrayThrowsIllegalState() {
        NDArray a = data();
        NDArray other = data();
        a.close();
        assertTrue(a.isClosed());
        closedUse(a, "getDouble", x -> x.getDouble(0, 0));
        closedUse(a, "getLong", x -> x.getLong(1, 1));
        closedUse(a, "setDouble", x -> x.setDouble(1.0, 0, 0));
        closedUse(a, "setLong", x -> x.setLong(1, 0, 0));
        NDArray one = on(ND.ones(1));
        one.close();
        closedUse(one, "item", NDArray::item);
        closedUse(a, "toDoubleArray", NDArray::toDoubleArray);
        closedUse(a, "toLongArray", NDArray::toLongArray);
        closedUse(a, "toBooleanArray", NDArray::toBooleanArray);
        closedUse(a, "storage", NDArray::storage);
        closedUse(a, "add (left)", x -> x.add(other));
        closedUse(a, "add (right)", x -> other.add(x));
        closedUse(a, "add scalar", x -> x.add(1.0));
        closedUse(a, "mul", x -> x.mul(2L));
        closedUse(a, "neg", NDArray::neg);
        closedUse(a, "exp", ND::exp);
        closedUse(a, "sum", NDArray::sum);
        closedUse(a, "sum(axis)", x -> x.sum(0));
        closedUse(a, "mean", NDArray::mean);
        closedUse(a, "var", x -> ND.var(x));
        closedUse(a, "max", NDArray::max);
        closedUse(a, "argmax", NDArray::argmax);
        closedUse(a, "argmin(axis)", x -> x.argmin(1));
        closedUse(a, "cumsum", ND::cumsum);
        closedUse(a, "reshape", x -> x.reshape(3, 2));
        closedUse(a, "ravel", NDArray::ravel);
        closedUse(a, "transpose", NDArray::transpose);
        closedUse(a, "T", NDArray::T);
        closedUse(a, "swapAxes", x -> x.swapAxes(0, 1));
        closedUse(a, "expandDims", x -> x.expandDims(0));
        closedUse(a, "squeeze", NDArray::squeeze);
        closedUse(a, "broadcastTo", x -> x.broadcastTo(4, 2, 3));
        closedUse(a, "copy", NDArray::copy);
        closedUse(a, "astype", x -> x.astype(DType.FLOAT32));
        closedUse(a, "to", x -> x.to(Device.cpu()));
        closedUse(a, "assign", x -> x.assign(0.0));
        closedUse(a, "assign (as value)", x -> other.assign(x));
        closedUse(a, "matmul", x -> x.matmul(other.transpose()));
        closedUse(a, "matmul (right)", x -> other.matmul(x.transpose()));
        closedUse(a, "dot", x -> ND.dot(other, x.T()));
        closedUse(a, "where", x -> ND.where(x, 1.0, 0.0));
        closedUse(a, "where (value)", x -> ND.where(on(ND.ones(DType.BOOL, 2, 3)), x, 0.0));
        closedUse(a, "callInto (out)", x -> Ufunc.ADD.callInto(x, null, other, other));
        closedUse(a, "callInto (where)", x -> Ufunc.ADD.callInto(null, x, other, other));
        closedUse(a, "outer", x -> Ufunc.MULTIPLY.outer(x, other));
        closedUse(a, "reduce", x -> Ufunc.ADD.reduce(x, null, false));
        closedUse(a, "accumulate", x -> Ufunc.ADD.accumulate(x, 0));
        // the other array is untouched
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, other.toDoubleArray());
    }

    @Test
    void metadataStaysReadableAfterClose() {
        // Like a closed file's name: shape, dtype and repr of a closed array do not touch memory.
        NDArray a = data();
        a.close();
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(DType.FLOAT64, a.dtype());
        assertEquals(6, a.size());
        assertEquals(2, a.ndim());
        assertEquals("array(<closed>)", a.toString());
    }

    @Test
    void closingTwiceIsFine() {
        NDArray a = data();
        Storage s = a.storage();
        a.close();
        assertDoesNotThrow(a::close);
        assertDoesNotThrow(a::close);
        assertTrue(s.isFreed());
    }

    @Test
    void closingTwiceDoesNotReleaseAViewsHold() {
        NDArray a = data();
        NDArray v = a.transpose();
        Storage s = a.storage();
        a.close();
        a.close(); // must not count as a second release
        assertFalse(s.isFreed(), "the view still holds the memory");
        assertEquals(6.0, v.getDouble(2, 1));
        v.close();
        assertTrue(s.isFreed());
    }

    @Test
    void aViewOutlivesItsBase() {
        NDArray a = data();
        Storage s = a.storage();
        NDArray t = a.transpose();
        NDArray r = a.reshape(3, 2);
        NDArray e = a.expandDims(0);
        a.close();
        assertFalse(s.isFreed(), "views still hold the memory");
        assertEquals(4.0, t.getDouble(0, 1));
        assertEquals(4.0, r.getDouble(1, 1));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, e.toDoubleArray());
        assertArrayEquals(new double[] {5, 7, 9}, t.sum(1).toDoubleArray());
        // views of views keep it too
        NDArray tt = t.transpose();
        t.close();
        r.close();
        e.close();
        assertFalse(s.isFreed());
        tt.setDouble(-1, 0, 0);
        assertEquals(-1.0, tt.getDouble(0, 0));
        tt.close();
        assertTrue(s.isFreed(), "the last holder frees the memory");
    }

    @Test
    @HostOnly // about HostStorage: its segment, its block cache, its byte count
    void closingAllHoldersFreesTheBlockForReuseAndTheStorageRefusesAccess() {
        // 3.3 MB: a size class no other test uses, so the cached block is surely the one reused
        NDArray a = ND.random(7).uniform(1, 2, 416_666);
        NDArray v = a.broadcastTo(4, 416_666);
        HostStorage s = (HostStorage) a.storage();
        MemorySegment seg = s.segment();
        long live = HostStorage.liveBytes();
        v.close();
        assertFalse(s.isFreed());
        a.close();
        assertTrue(s.isFreed());
        assertTrue(live - HostStorage.liveBytes() >= 416_666 * 8, "the block goes back at once");
        assertThrows(IllegalStateException.class, s::segment, "a freed storage hands out no memory");
        // and a freed storage cannot be resurrected by a new holder
        assertThrows(IllegalStateException.class, s::retain);
        // The next array of that size gets the cached block (docs/decisions.md); a stale segment
        // would read it, never unmapped memory, so it cannot crash the JVM.
        try (NDArray b = ND.empty(DType.FLOAT64, 416_666)) {
            assertEquals(seg.address(), ((HostStorage) b.storage()).segment().address());
            assertTrue(seg.scope().isAlive());
        }
    }

    @Test
    void aCopyIsIndependentOfItsSource() {
        NDArray a = data();
        NDArray c = a.copy();
        Storage s = a.storage();
        assertTrue(s != c.storage());
        a.close();
        assertTrue(s.isFreed(), "a copy does not hold its source");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, c.toDoubleArray());
        c.close();
    }

    @Test
    void reshapeThatCopiesDoesNotHoldTheSource() {
        NDArray a = data();
        NDArray t = a.transpose();
        Storage s = a.storage();
        NDArray flat = t.reshape(6); // transposed: a copy
        a.close();
        t.close();
        assertTrue(s.isFreed());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, flat.toDoubleArray());
        Storage fs = flat.storage();
        flat.close();
        assertTrue(fs.isFreed(), "the copy's memory is freed by closing the result");
    }

    @Test
    void tryWithResourcesClosesAndFrees() {
        Storage s;
        Storage vs;
        double sum;
        try (NDArray a = on(ND.arange(0.0, 10.0, 1.0)); NDArray v = a.reshape(2, 5); NDArray r = v.sum(1)) {
            s = a.storage();
            vs = r.storage();
            sum = r.getDouble(1);
        }
        assertEquals(35.0, sum);
        assertTrue(s.isFreed(), "base and view closed: memory freed");
        assertTrue(vs.isFreed());
    }

    @Test
    void operationsDoNotLeakTheirTemporaries() {
        // Promotion, broadcasting and out= make temporary arrays; an op must release them all, so
        // closing the inputs and result frees every storage involved.
        NDArray i8 = on(ND.array(new byte[][] {{0, 1, 2}, {3, 4, 5}}, null));
        NDArray f = on(ND.array(0.5, 1.5, 2.5));
        Storage si = i8.storage();
        Storage sf = f.storage();
        NDArray r = i8.add(f).mul(2.0).sum(0); // the intermediates own their own memory
        Storage sr = r.storage();
        NDArray out = on(ND.zeros(DType.FLOAT32, 2, 3));
        NDArray fT = f.expandDims(0); // a view: must be closed too
        Ufunc.ADD.callInto(out, ND.greater(i8, 2), i8, fT);
        Storage so = out.storage();
        fT.close();
        i8.close();
        f.close();
        r.close();
        out.close();
        assertTrue(si.isFreed());
        assertTrue(sf.isFreed());
        assertTrue(sr.isFreed());
        assertTrue(so.isFreed());
    }

    @Test
    void aFailedViewDoesNotLeakAHold() {
        long[] s64 = new long[64];
        java.util.Arrays.fill(s64, 1);
        NDArray a = on(ND.ones(s64));
        Storage s = a.storage();
        assertThrows(IllegalArgumentException.class, () -> a.expandDims(0));
        a.close();
        assertTrue(s.isFreed(), "the only holder closed, so the memory must be freed");
    }

    @Test
    @HostOnly // counts HostStorage.liveBytes(); a device backend needs its own count of device memory
    void unclosedTemporariesAreCollected() throws InterruptedException {
        // 2000 arrays of 1 MB (2 GB in all), none closed, as a careless user would write. Their
        // native memory must come back through the garbage collector's cleaner: the bytes in
        // live arrays return to where they were.
        final int n = 2000;
        final long perArray = 1 << 17; // 131072 doubles = 1 MB
        long before = HostStorage.liveBytes();
        long peak = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            NDArray t = ND.full(1.0, perArray);
            NDArray u = t.mul(2.0); // a second temporary, also never closed
            total += u.getDouble(perArray - 1);
            peak = Math.max(peak, HostStorage.liveBytes() - before);
            if (i % 250 == 249) {
                System.gc();
            }
        }
        assertEquals(2.0 * n, total);
        assertTrue(peak >= 2 << 20, "the arrays were counted while alive: " + peak);
        long deadline = System.nanoTime() + 30_000_000_000L;
        long left = HostStorage.liveBytes() - before;
        while (left > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
            left = HostStorage.liveBytes() - before;
        }
        assertTrue(left <= 0, "arrays dropped without close() must be freed by the GC's cleaner: " + left + " bytes left");
    }

    @Test
    void toTheSameDeviceReturnsTheSameArraySoClosingEitherClosesBoth() {
        NDArray a = data();
        NDArray b = a.to(TestDevice.device());
        assertSame(a, b);
        b.close();
        assertTrue(a.isClosed());
    }

    @Test
    void resultsOfOpsAreIndependentOfClosedInputs() {
        NDArray a = data();
        NDArray b = a.mul(10.0);
        NDArray v = a.reshape(6); // a view
        a.close();
        assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60}, b.toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, v.toDoubleArray());
        Executable useA = () -> a.add(b);
        assertThrows(IllegalStateException.class, useA);
    }
}
