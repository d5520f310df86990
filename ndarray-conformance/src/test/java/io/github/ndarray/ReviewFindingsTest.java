package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ndarray.conformance.HostOnly;
import io.github.ndarray.conformance.OnTestDevice;
import io.github.ndarray.spi.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Defects found by an adversarial review. Each test fails on the code it was written against
 * and is {@code @Disabled} with the diagnosis; remove the annotation once the cause is fixed.
 * Expected values come from NumPy 2.4.6; the Python line is in each comment.
 */
@OnTestDevice
class ReviewFindingsTest {

    /** Bad input must throw one of the contract's exception types, never e.g. a NullPointerException. */
    private static void contractException(String what, Executable call) {
        try {
            call.execute();
            fail(what + ": no exception");
        } catch (IllegalArgumentException | IndexOutOfBoundsException | IllegalStateException expected) {
            // fine
        } catch (Throwable t) {
            fail(what + ": " + t.getClass().getName() + " escaped: " + t.getMessage());
        }
    }

    private static void nullRefused(String what, Executable call) {
        try {
            call.execute();
            fail(what + ": no exception");
        } catch (NullPointerException expected) {
            // fine
        } catch (Throwable t) {
            fail(what + ": " + t.getClass().getName() + " instead of NullPointerException: " + t.getMessage());
        }
    }

    // ------------------------------------------------------------------ wrong answers

    @Test
    void whereMaskOverlappingTheOutputIsReadBeforeAnyWrite() {
        // b = np.array([True] + [False]*7); x = np.array([False, True, False, False, False, False])
        // np.logical_or(x, True, out=b[2:], where=b[:-2]); b.tolist()
        //   -> [True, False, True, False, False, False, False, False]
        NDArray b = on(ND.array(true, false, false, false, false, false, false, false));
        NDArray x = on(ND.array(false, true, false, false, false, false));
        Ufunc.LOGICAL_OR.callInto(b.get("2:"), b.get(":-2"), x, true);
        assertArrayEquals(new boolean[] {true, false, true, false, false, false, false, false}, b.toBooleanArray());
    }

    @Test
    void float32AccumulateRoundsEveryStepLikeNumpy() {
        // np.cumsum(np.array([16777216, 1, 1], np.float32)).tolist() -> [16777216.0, 16777216.0, 16777216.0]
        assertArrayEquals(new double[] {16777216, 16777216, 16777216},
                ND.cumsum(on(ND.array(new float[] {16777216f, 1f, 1f}))).toDoubleArray());
        // np.cumprod(np.array([1e30, 1e30, 1e-30], np.float32)).tolist() -> [1.0000000150474662e+30, inf, inf]
        double[] p = ND.cumprod(on(ND.array(new float[] {1e30f, 1e30f, 1e-30f}))).toDoubleArray();
        assertEquals(Double.POSITIVE_INFINITY, p[1]);
        assertEquals(Double.POSITIVE_INFINITY, p[2], "an overflowed float32 running product cannot come back");
    }

    @Test
    void float32ProdOverflowsLikeNumpy() {
        // np.prod(np.array([1e30, 1e30, 1e-30], np.float32)) -> np.float32(inf)
        NDArray p = on(ND.array(new float[] {1e30f, 1e30f, 1e-30f})).prod();
        assertEquals(DType.FLOAT32, p.dtype());
        assertEquals(Double.POSITIVE_INFINITY, p.item());
    }

    @Test
    void narrowIntegerReductionsWrapEveryStep() {
        // np.floor_divide.reduce(np.array([-128, -1, 2], np.int8)) -> np.int8(-64)
        NDArray a = on(ND.array(new byte[] {-128, -1, 2}, DType.INT8));
        assertEquals(-64, Ufunc.FLOOR_DIVIDE.reduce(a, null, false).getLong());
        // np.floor_divide.accumulate(np.array([-128, -1, 2], np.int8)).tolist() -> [-128, -128, -64]
        assertArrayEquals(new long[] {-128, -128, -64}, Ufunc.FLOOR_DIVIDE.accumulate(a, 0).toLongArray());
    }

    @Test
    void allcloseMatchesNumpy() {
        double inf = Double.POSITIVE_INFINITY;
        // np.allclose(np.array([np.inf]), np.array([np.inf])) -> True
        assertTrue(ND.allclose(on(ND.array(inf)), on(ND.array(inf)), 1e-5, 1e-8));
        // np.allclose(np.array([-2**63]), np.array([2**63 - 1])) -> False
        assertEquals(false, ND.allclose(on(ND.array(Long.MIN_VALUE)), on(ND.array(Long.MAX_VALUE)), 1e-5, 1e-8));
        // np.allclose(np.array([-128], np.int8), np.array([127], np.int8), atol=1) -> False
        assertEquals(false, ND.allclose(on(ND.array(new byte[] {-128}, DType.INT8)), on(ND.array(new byte[] {127}, DType.INT8)),
                1e-5, 1));
        // np.allclose(np.array([True]), np.array([True])) -> True
        assertTrue(ND.allclose(on(ND.array(true)), on(ND.array(true)), 1e-5, 1e-8));
    }

    @Test
    @HostOnly // creation functions take no device
    void floatArangeUsesNumpysDelta() {
        // np.arange(-1, 1, 0.1)[10] -> -2.220446049250313e-16
        assertEquals(-2.220446049250313e-16, ND.arange(-1.0, 1.0, 0.1).getDouble(10));
        // np.arange(0.1, 1.0, 0.3).tolist() -> [0.1, 0.4, 0.7000000000000001]
        assertArrayEquals(new double[] {0.1, 0.4, 0.7000000000000001}, ND.arange(0.1, 1.0, 0.3).toDoubleArray());
    }

    @Test
    void assignAcceptsExtraLeadingOnes() {
        // a = np.zeros(3); a[...] = np.ones((1, 3)); a.tolist() -> [1.0, 1.0, 1.0]
        assertArrayEquals(new double[] {1, 1, 1}, on(ND.zeros(3)).assign(on(ND.ones(1, 3))).toDoubleArray());
        // b = np.zeros((2, 3)); b[0] = np.arange(3.).reshape(1, 3); b.tolist() -> [[0, 1, 2], [0, 0, 0]]
        NDArray b = on(ND.zeros(2, 3)).set("0", on(ND.arange(0.0, 3.0, 1.0)).reshape(1, 3));
        assertArrayEquals(new double[] {0, 1, 2, 0, 0, 0}, b.toDoubleArray());
        // c = np.array(5.0); c[...] = np.ones(1); c.item() -> 1.0 (a 0-d view broadcasts like any other)
        assertEquals(1.0, on(ND.full(5.0)).set("...", on(ND.ones(1))).item());
        assertEquals(1.0, on(ND.full(5.0)).assign(on(ND.ones(1, 1))).item());
        // b[0, 1] = np.ones(1) -> ValueError: setting an array element with a sequence. (one element)
        assertThrows(IllegalArgumentException.class, () -> on(ND.zeros(2, 3)).set("0, 1", on(ND.ones(1))));
    }

    @Test
    void dotWithEmptyContractedAxis() {
        // np.dot(np.zeros((2, 0)), np.zeros((3, 0, 4))) -> zeros of shape (2, 3, 4)
        NDArray r = ND.dot(on(ND.zeros(2, 0)), on(ND.zeros(3, 0, 4)));
        assertArrayEquals(new long[] {2, 3, 4}, r.shape());
        assertEquals(0.0, r.sum().item());
    }

    @Test
    void fmaxFminKeepTheFirstOperandOnTies() {
        // np.fmax(np.array([-0.0]), np.array([0.0]))[0] -> -0.0 ; np.fmin(np.array([-0.0]), np.array([0.0]))[0] -> -0.0
        assertEquals(-0.0, ND.fmax(on(ND.array(-0.0)), on(ND.array(0.0))).getDouble(0));
        assertEquals(-0.0, ND.fmin(on(ND.array(-0.0)), on(ND.array(0.0))).getDouble(0));
        // np.fmax(np.array([0.0]), np.array([-0.0]))[0] -> 0.0
        assertEquals(0.0, ND.fmax(on(ND.array(0.0)), on(ND.array(-0.0))).getDouble(0));
    }

    // ------------------------------------------------------------------ bad input accepted or refused wrongly

    @Test
    void assigningAnOutOfRangeJavaIntegerIsRefused() {
        // u = np.zeros(3, np.uint8); u[...] = 300  -> OverflowError: Python integer 300 out of bounds for uint8
        assertThrows(IllegalArgumentException.class, () -> on(ND.zeros(DType.UINT8, 3)).assign(300));
        // u[...] = -1 -> OverflowError: Python integer -1 out of bounds for uint8
        assertThrows(IllegalArgumentException.class, () -> on(ND.zeros(DType.UINT8, 3)).set("1:", -1));
        // np.zeros(2, np.int8)[...] = 128 -> OverflowError
        assertThrows(IllegalArgumentException.class, () -> on(ND.zeros(DType.INT8, 2)).assign(128L));
    }

    @Test
    void broadcastViewIsNotAWritableOutput() {
        // a = np.zeros(3); np.add(np.ones((2,3)), np.arange(6.).reshape(2,3), out=np.broadcast_to(a, (2,3)))
        //   -> ValueError: output array is read-only
        NDArray a = on(ND.zeros(3));
        contractException("out= a broadcast view", () -> Ufunc.ADD.callInto(a.broadcastTo(2, 3), null, on(ND.ones(2, 3)),
                on(ND.arange(0.0, 6.0, 1.0)).reshape(2, 3)));
        // np.broadcast_to(np.zeros(3), (2, 3))[0] = 1 -> ValueError: assignment destination is read-only
        contractException("set on a broadcast view", () -> on(ND.zeros(3)).broadcastTo(2, 3).set("0", 1.0));
    }

    @Test
    void whereTakesPartInBroadcasting() {
        // np.add(np.ones(1), 1, where=np.array([True, False])) -> shape (2,), first element 2.0
        NDArray r = Ufunc.ADD.callInto(null, on(ND.array(true, false)), on(ND.ones(1)), 1);
        assertArrayEquals(new long[] {2}, r.shape());
        assertEquals(2.0, r.getDouble(0));
    }

    @Test
    void comparisonReduceOnBool() {
        // np.equal.reduce(np.array([True, False, True])) -> np.False_
        assertEquals(0.0, Ufunc.EQUAL.reduce(on(ND.array(true, false, true)), null, false).item());
        // np.greater.accumulate(np.array([True, False])).tolist() -> [True, True]
        assertArrayEquals(new boolean[] {true, true}, Ufunc.GREATER.accumulate(on(ND.array(true, false)), 0).toBooleanArray());
    }

    /**
     * Null references are a programming error, not bad input: they throw NullPointerException,
     * the JDK's convention (docs/decisions.md), and never anything worse.
     */
    @Test
    void nullArgumentsThrowNullPointerException() {
        NDArray a = on(ND.arange(6)).reshape(2, 3);
        nullRefused("reshape(null)", () -> a.reshape((long[]) null));
        nullRefused("astype(null)", () -> a.astype(null));
        nullRefused("to(null)", () -> a.to(null));
        nullRefused("permuteDims(null)", () -> a.permuteDims((int[]) null));
        nullRefused("squeeze(null)", () -> a.squeeze((int[]) null));
        nullRefused("broadcastTo(null)", () -> a.broadcastTo((long[]) null));
        nullRefused("matmul(null)", () -> a.matmul(null));
        nullRefused("dot(null)", () -> a.dot(null));
        nullRefused("where(null, 1, 2)", () -> ND.where(null, 1, 2));
        nullRefused("arrayEqual(a, null)", () -> ND.arrayEqual(a, null));
        nullRefused("outer(a, null)", () -> Ufunc.ADD.outer(a, null));
        nullRefused("zeros(null dtype)", () -> ND.zeros((DType) null, 3));
        nullRefused("zeros(null shape)", () -> ND.zeros((long[]) null));
        nullRefused("broadcastShapes(.., null)", () -> ND.broadcastShapes(new long[] {1}, null));
        nullRefused("getDouble(null)", () -> a.getDouble((long[]) null));
        nullRefused("callInto(null operands)", () -> Ufunc.ADD.callInto(null, null, (Object[]) null));
        nullRefused("random(null shape)", () -> ND.random(1).random((long[]) null));
        nullRefused("save(path, null)", () -> ND.save(Path.of("unused.npy"), null));
        nullRefused("load(null)", () -> ND.load(null));
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void outerReleasesItsTemporaryView() {
        NDArray a = on(ND.array(new double[] {1, 2, 3}));
        NDArray b = on(ND.array(new double[] {1, 2}));
        Storage s = a.storage();
        NDArray o = Ufunc.MULTIPLY.outer(a, b);
        o.close();
        a.close();
        b.close();
        assertTrue(s.isFreed(), "closing every array must free a's memory");
    }

    @Test
    void likeFunctionsRefuseAClosedArray() {
        NDArray a = on(ND.arange(3));
        a.close();
        assertThrows(IllegalStateException.class, () -> ND.zerosLike(a));
        assertThrows(IllegalStateException.class, () -> ND.onesLike(a));
        assertThrows(IllegalStateException.class, () -> ND.fullLike(a, 2.0));
        assertThrows(IllegalStateException.class, () -> ND.emptyLike(a));
    }
}
