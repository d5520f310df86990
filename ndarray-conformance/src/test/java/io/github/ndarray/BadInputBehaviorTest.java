package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.broadcasting.BroadcastException;
import io.github.ndarray.conformance.HostOnly;
import io.github.ndarray.conformance.OnTestDevice;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * DESIGN.md, "Bad input": every mistake a user can make throws {@link IllegalArgumentException}
 * (or a subclass such as {@link BroadcastException} / {@link AxisException}) or
 * {@link IndexOutOfBoundsException}, with a message that says what was wrong (NumPy's wording
 * where NumPy has one). Never a NullPointerException, ClassCastException,
 * ArrayIndexOutOfBoundsException, ArithmeticException, a crash or a hang.
 *
 * <p>Expected messages were printed by NumPy 2.4.6 ({@code str(exception)}).
 */
@OnTestDevice
class BadInputBehaviorTest {
    /** Runs {@code call} with a time limit; it must throw exactly an IllegalArgumentException (or subclass). */
    private static IllegalArgumentException iae(Executable call) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IllegalArgumentException.class, call));
    }

    private static void iae(String expectedMessage, Executable call) {
        assertEquals(expectedMessage, iae(call).getMessage());
    }

    private static void iaeStarting(String prefix, Executable call) {
        String m = iae(call).getMessage();
        assertTrue(m != null && m.startsWith(prefix), "message should start with '" + prefix + "' but was: " + m);
    }

    private static void iaeContaining(String part, Executable call) {
        String m = iae(call).getMessage();
        assertTrue(m != null && m.contains(part), "message should contain '" + part + "' but was: " + m);
    }

    private static NDArray m34() {
        return on(ND.arange(12)).reshape(3, 4);
    }

    // ------------------------------------------------------------------ broadcasting

    @Test
    void shapesThatDoNotBroadcastGiveNumpysMessage() {
        NDArray a = on(ND.ones(3, 4));
        NDArray b = on(ND.ones(5));
        // np.ones((3,4)) + np.ones(5)
        IllegalArgumentException e = iae(() -> a.add(b));
        assertInstanceOf(BroadcastException.class, e);
        assertEquals("operands could not be broadcast together with shapes (3,4) (5,)", e.getMessage());
        iae("operands could not be broadcast together with shapes (5,) (3,4)", () -> ND.multiply(b, a));
        iae("operands could not be broadcast together with shapes (3,4) (5,)",
                () -> ND.broadcastShapes(new long[] {3, 4}, new long[] {5}));
        // np.ones((3,4,6,2)) + np.ones((3,5,1,2)): the design's example
        iae("operands could not be broadcast together with shapes (3,4,6,2) (3,5,1,2)",
                () -> on(ND.zeros(3, 4, 6, 2)).sub(on(ND.zeros(3, 5, 1, 2))));
    }

    @Test
    void broadcastToAnIncompatibleShapeIsRefused() {
        NDArray a = on(ND.ones(3));
        assertInstanceOf(BroadcastException.class, iae(() -> a.broadcastTo(2, 4)));
        assertInstanceOf(BroadcastException.class, iae(() -> a.broadcastTo(3, 1)));
        // fewer dimensions than the array
        assertInstanceOf(BroadcastException.class, iae(() -> on(ND.ones(2, 3)).broadcastTo(3)));
    }

    @Test
    void comparisonsAndWhereBroadcastToo() {
        iae("operands could not be broadcast together with shapes (3,4) (2,)", () -> ND.less(on(ND.ones(3, 4)), on(ND.ones(2))));
        iae(() -> ND.where(ND.less(on(ND.ones(3)), 2.0), on(ND.ones(4)), 0.0));
    }

    // ------------------------------------------------------------------ axes

    @Test
    void axisOutOfRangeIsAnAxisExceptionWithNumpysMessage() {
        NDArray a = m34();
        // np.ones((3,4)).sum(axis=2)  ->  AxisError: axis 2 is out of bounds for array of dimension 2
        assertInstanceOf(AxisException.class, iae(() -> a.sum(2)));
        iae("axis 2 is out of bounds for array of dimension 2", () -> a.sum(2));
        iae("axis -3 is out of bounds for array of dimension 2", () -> a.sum(-3));
        iae("axis 2 is out of bounds for array of dimension 2", () -> a.max(2));
        iae("axis 2 is out of bounds for array of dimension 2", () -> a.mean(2));
        iae("axis 7 is out of bounds for array of dimension 2", () -> a.argmax(7));
        iae("axis 2 is out of bounds for array of dimension 2", () -> ND.cumsum(a, 2));
        iae("axis 2 is out of bounds for array of dimension 2", () -> a.shape(2));
        iae("axis 2 is out of bounds for array of dimension 2", () -> a.swapAxes(0, 2));
        // np.expand_dims(np.ones((3,4)), 3): the new axis counts, so the bound is ndim + 1
        iae("axis 3 is out of bounds for array of dimension 3", () -> a.expandDims(3));
        iae("axis 2 is out of bounds for array of dimension 2", () -> a.squeeze(2));
        iae("axis 1 is out of bounds for array of dimension 1", () -> ND.std(on(ND.ones(3)), 1));
        // a 0-d array has no axis at all
        iae("axis 0 is out of bounds for array of dimension 0", () -> on(ND.scalar(1, DType.FLOAT64)).sum(0));
    }

    @Test
    void duplicateAxesAreRefused() {
        NDArray a = m34();
        // np.ones((3,4)).sum(axis=(0,0)) and axis=(0,-2)  ->  ValueError: duplicate value in 'axis'
        iae("duplicate value in 'axis'", () -> a.sum(0, 0));
        iae("duplicate value in 'axis'", () -> a.sum(0, -2));
        iae("duplicate value in 'axis'", () -> ND.max(a, 1, -1));
        // np.ones((3,4)).transpose(0,0) -> ValueError: repeated axis in transpose
        iae(() -> a.permuteDims(0, 0));
        iae(() -> a.permuteDims(1, -1));
    }

    @Test
    void permutationOfTheWrongLengthIsRefused() {
        // np.ones((3,4)).transpose(0) -> ValueError: axes don't match array
        iaeStarting("axes don't match array", () -> m34().permuteDims(0));
        iaeStarting("axes don't match array", () -> m34().permuteDims(0, 1, 2));
        assertInstanceOf(AxisException.class, iae(() -> m34().permuteDims(0, 2)));
    }

    @Test
    void squeezingAnAxisThatIsNotOneIsRefused() {
        iae("cannot select an axis to squeeze out which has size not equal to one", () -> on(ND.ones(3)).squeeze(0));
        iae("cannot select an axis to squeeze out which has size not equal to one", () -> on(ND.ones(1, 3)).squeeze(0, 1));
    }

    // ------------------------------------------------------------------ element access

    @Test
    void elementIndexOutOfBoundsIsAnIndexOutOfBoundsException() {
        NDArray a = on(ND.ones(3, 4));
        // np.ones((3,4))[3, 0] -> IndexError: index 3 is out of bounds for axis 0 with size 3
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> a.getDouble(3, 0));
        assertEquals("index 3 is out of bounds for axis 0 with size 3", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> a.getDouble(0, -5));
        assertEquals("index -5 is out of bounds for axis 1 with size 4", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> a.setDouble(1.0, 0, 4));
        assertEquals("index 4 is out of bounds for axis 1 with size 4", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> a.getLong(Long.MIN_VALUE, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> a.setLong(1, Long.MAX_VALUE, 0));
        // negative indices inside the range are fine
        a.setDouble(7.0, -1, -1);
        assertEquals(7.0, a.getDouble(2, 3));
    }

    @Test
    void elementAccessOnAnEmptyArrayIsOutOfBounds() {
        assertThrows(IndexOutOfBoundsException.class, () -> on(ND.zeros(0)).getDouble(0));
        assertThrows(IndexOutOfBoundsException.class, () -> on(ND.zeros(2, 0)).getDouble(0, 0));
    }

    @Test
    void wrongNumberOfIndicesIsAnIllegalArgument() {
        NDArray a = on(ND.ones(3, 4));
        iae("expected 2 indices, got 1", () -> a.getDouble(1));
        iae("expected 2 indices, got 3", () -> a.getDouble(1, 1, 1));
        iae("expected 0 indices, got 1", () -> on(ND.scalar(2, DType.INT32)).getLong(0));
    }

    @Test
    void itemNeedsExactlyOneElement() {
        // np.ones(3).item() -> ValueError: can only convert an array of size 1 to a Python scalar
        iaeStarting("can only convert an array of size 1", () -> on(ND.ones(3)).item());
        iaeStarting("can only convert an array of size 1", () -> on(ND.zeros(0)).item());
        assertEquals(5.0, on(ND.full(5.0, 1, 1, 1)).item());
    }

    // ------------------------------------------------------------------ shapes

    @Test
    void reshapeToADifferentSizeIsRefusedWithNumpysMessage() {
        NDArray a = on(ND.arange(6));
        iae("cannot reshape array of size 6 into shape (4,2)", () -> a.reshape(4, 2));
        iae("cannot reshape array of size 6 into shape (7,)", () -> a.reshape(7));
        iae("can only specify one unknown dimension", () -> a.reshape(-1, -1));
        iae("cannot reshape array of size 6 into shape (4,newaxis)", () -> a.reshape(4, -1));
        iae("cannot reshape array of size 12 into shape (5,newaxis)", () -> m34().transpose().reshape(5, -1));
    }

    @Test
    @HostOnly // creation functions take no device: they check their arguments on the host
    void negativeDimensionsAreRefused() {
        // np.zeros((2, -1)) -> ValueError: negative dimensions are not allowed
        iaeStarting("negative dimensions are not allowed", () -> ND.zeros(2, -1));
        iaeStarting("negative dimensions are not allowed", () -> ND.ones(DType.INT8, -3));
        iaeStarting("negative dimensions are not allowed", () -> ND.full(1.0, 4, -4));
        iaeStarting("negative dimensions are not allowed", () -> ND.empty(DType.BOOL, -1));
        iaeStarting("negative dimensions are not allowed", () -> ND.ones(3).broadcastTo(-1, 3));
        iaeStarting("negative dimensions are not allowed", () -> ND.arange(6).reshape(-2, 3));
        iae(() -> ND.eye(-1));
        iae(() -> ND.random(1).random(-1));
    }

    @Test
    @HostOnly // creation functions take no device: they check their arguments on the host
    void shapesWhoseProductOverflowsALongAreRefused() {
        // np.zeros((2**40, 2**40)) -> ValueError: array is too big; ...
        iaeStarting("array is too big", () -> ND.zeros(1L << 40, 1L << 40));
        iaeStarting("array is too big", () -> ND.ones(DType.BOOL, 1L << 32, 1L << 32));
        iaeStarting("array is too big", () -> ND.zeros(Long.MAX_VALUE, 2));
        // 2^62 elements fit a long but 2^62 * 8 bytes do not
        iaeStarting("array is too big", () -> ND.zeros(1L << 62));
        iaeStarting("array is too big", () -> ND.eye(1L << 40, 1L << 40, 0, DType.FLOAT64));
        iae(() -> ND.ones(1).broadcastTo(1L << 40, 1L << 40));
        iae(() -> ND.random(1).uniform(0, 1, 1L << 40, 1L << 40));
        // broadcasting two huge but compatible shapes
        iae(() -> ND.broadcastShapes(new long[] {1L << 40, 1}, new long[] {1, 1L << 40}));
    }

    @Test
    @HostOnly // creation functions take no device: they check their arguments on the host
    void aZeroInAHugeShapeIsFine() {
        NDArray z = ND.zeros(0, 1L << 62);
        assertEquals(0, z.size());
        assertArrayEquals(new long[] {0, 1L << 62}, z.shape());
    }

    @Test
    @HostOnly // host allocation (HostStorage's OutOfMemoryError)
    void anImpossibleAllocationFailsFastAndTheJvmCarriesOn() {
        // 2^62 bytes exceed any machine's address space. NumPy raises MemoryError
        // ("Unable to allocate 4.00 EiB ..."); HostStorage documents Java's counterpart,
        // OutOfMemoryError. It must come at once (no zero-filling, no hang) and leave the JVM usable.
        OutOfMemoryError e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(OutOfMemoryError.class, () -> ND.zeros(DType.BOOL, 1L << 62)));
        assertTrue(e.getMessage() != null && e.getMessage().contains("allocate"), e.getMessage());
        assertEquals(6.0, ND.ones(2, 3).sum().item());
    }

    @Test
    void reshapeToAnOverflowingShapeIsAnIllegalArgument() {
        NDArray a = on(ND.arange(6));
        // np.arange(6).reshape(2**40, 2**40) -> ValueError: cannot reshape array of size 6 into shape (...)
        iaeStarting("cannot reshape array of size 6", () -> a.reshape(1L << 40, 1L << 40));
        iaeStarting("cannot reshape array of size 6", () -> a.reshape(1L << 40, 1L << 40, -1));
    }

    @Test
    void moreThan64DimensionsAreRefused() {
        long[] s65 = new long[65];
        java.util.Arrays.fill(s65, 1);
        // np.zeros((1,)*65) -> ValueError: maximum supported dimension for an ndarray is currently 64, found 65
        iaeContaining("found 65", () -> on(ND.zeros(s65)));
        iaeContaining("found 65", () -> on(ND.ones(1)).reshape(s65));
        iaeContaining("found 65", () -> on(ND.ones(1)).broadcastTo(s65));
        long[] s64 = new long[64];
        java.util.Arrays.fill(s64, 1);
        NDArray a = on(ND.ones(s64));
        assertEquals(64, a.ndim());
        iaeContaining("found 65", () -> a.expandDims(0));
    }

    // ------------------------------------------------------------------ types

    @Test
    void bitwiseOperationsOnFloatsAreRefused() {
        NDArray f = on(ND.array(1.0, 2.0));
        NDArray i = on(ND.array(1L, 2L));
        // np.bitwise_and(np.ones(3), np.ones(3)) -> TypeError: ufunc 'bitwise_and' not supported for the input types, ...
        iaeStarting("ufunc 'bitwise_and' not supported for the input types", () -> ND.bitwiseAnd(f, f));
        iaeStarting("ufunc 'bitwise_or' not supported for the input types", () -> ND.bitwiseOr(i, f));
        iaeStarting("ufunc 'bitwise_xor' not supported for the input types", () -> ND.bitwiseXor(i, 1.5));
        iaeStarting("ufunc 'left_shift' not supported for the input types", () -> ND.leftShift(f, 1));
        iaeStarting("ufunc 'invert' not supported for the input types", () -> ND.invert(f));
        // but bool and integers are fine
        assertArrayEquals(new long[] {0, 2}, ND.bitwiseAnd(i, 2L).toLongArray());
    }

    @Test
    void integersToNegativeIntegerPowersAreRefused() {
        // np.arange(3) ** -1 -> ValueError: Integers to negative integer powers are not allowed.
        iae("Integers to negative integer powers are not allowed.", () -> on(ND.arange(1, 4, 1)).pow(-1L));
        iae("Integers to negative integer powers are not allowed.",
                () -> ND.power(on(ND.array(2, 3)), on(ND.array(1, -2))));
        // a float exponent makes it float: fine
        assertArrayEquals(new double[] {1.0, 0.5, 1.0 / 3}, on(ND.arange(1, 4, 1)).pow(-1.0).toDoubleArray(), 1e-15);
    }

    @Test
    void reductionsOfEmptyArraysWithoutIdentityAreRefused() {
        // np.zeros(0).max() -> ValueError: zero-size array to reduction operation maximum which has no identity
        iae("zero-size array to reduction operation maximum which has no identity", () -> on(ND.zeros(0)).max());
        iae("zero-size array to reduction operation minimum which has no identity", () -> on(ND.zeros(0)).min());
        iae("zero-size array to reduction operation maximum which has no identity", () -> on(ND.zeros(3, 0)).max(1));
        // np.zeros(0).argmax() -> ValueError: attempt to get argmax of an empty sequence
        iae("attempt to get argmax of an empty sequence", () -> on(ND.zeros(0)).argmax());
        iae("attempt to get argmin of an empty sequence", () -> on(ND.zeros(0)).argmin());
        iae("attempt to get argmax of an empty sequence", () -> on(ND.zeros(3, 0)).argmax(1));
        // reductions with an identity are fine: np.zeros(0).sum() == 0.0, np.zeros(0).prod() == 1.0
        assertEquals(0.0, on(ND.zeros(0)).sum().item());
        assertEquals(1.0, on(ND.zeros(0)).prod().item());
        // and reducing the non-empty axis of a (3, 0) array gives an empty result, no error
        assertArrayEquals(new long[] {0}, on(ND.zeros(3, 0)).max(0).shape());
    }

    @Test
    void matmulShapeMismatchGivesNumpysMessage() {
        // np.zeros((2,3)) @ np.zeros((4,2))
        iae("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                + "(n?,k),(k,m?)->(n?,m?) (size 4 is different from 3)", () -> on(ND.ones(2, 3)).matmul(on(ND.ones(4, 2))));
        iae("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                + "(n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)", () -> ND.matmul(on(ND.ones(3)), on(ND.ones(2))));
        // batch dimensions that do not broadcast
        iae(() -> on(ND.ones(2, 3, 4)).matmul(on(ND.ones(5, 4, 2))));
    }

    @Test
    void matmulOfZeroDimensionalOperandsGivesNumpysMessage() {
        NDArray s = on(ND.scalar(2, DType.FLOAT64));
        NDArray m = on(ND.ones(2, 2));
        iae("matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature "
                + "(n?,k),(k,m?)->(n?,m?) requires 1)", () -> s.matmul(m));
        iae("matmul: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature "
                + "(n?,k),(k,m?)->(n?,m?) requires 1)", () -> m.matmul(s));
        // np.dot with a scalar is plain multiplication
        assertArrayEquals(new double[] {2, 2, 2, 2}, ND.dot(m, s).toDoubleArray());
    }

    @Test
    void dotShapeMismatchGivesNumpysMessage() {
        // np.dot(np.ones((2,3)), np.ones((2,4,5)))
        iae("shapes (2,3) and (2,4,5) not aligned: 3 (dim 1) != 4 (dim 1)", () -> ND.dot(on(ND.ones(2, 3)), on(ND.ones(2, 4, 5))));
        iae(() -> ND.dot(on(ND.ones(2, 3)), on(ND.ones(2, 3))));
    }

    // ------------------------------------------------------------------ creation from Java data

    @Test
    @HostOnly // ND.array reads Java arrays on the host
    void raggedNestedArraysAreRefused() {
        // np.array([[1, 2], [3]]) -> ValueError: setting an array element with a sequence. ...
        iaeStarting("setting an array element with a sequence", () -> ND.array(new double[][] {{1, 2}, {3}}));
        iaeStarting("setting an array element with a sequence", () -> ND.array(new int[][] {{1}, {2, 3}}));
        iaeStarting("setting an array element with a sequence",
                () -> ND.array(new long[][][] {{{1, 2}}, {{3}}}, null));
        iaeStarting("setting an array element with a sequence",
                () -> ND.array(new float[][][] {{{1}, {2}}, {{3}}}, DType.FLOAT32));
        iae(() -> ND.array(new double[][] {{1, 2}, null}));
        iae(() -> ND.array(new boolean[][][] {{{true}}, null}, null));
        iae(() -> ND.array(new Object[] {new double[] {1, 2}, 3.0}, null));
    }

    @Test
    @HostOnly // ND.array reads Java arrays on the host
    void nonArraysAndUnsupportedElementTypesAreRefused() {
        iaeStarting("expected a Java array", () -> ND.array("abc", null));
        iaeStarting("expected a Java array", () -> ND.array((Object) null, DType.FLOAT64));
        iaeStarting("expected a Java array", () -> ND.array((double[]) null));
        iaeStarting("expected a Java array", () -> ND.array((int[][]) null));
        iae(() -> ND.array(new String[] {"a", "b"}, null));
        iae(() -> ND.array(new char[] {'a'}, null));
        iae(() -> ND.array(new Integer[] {1, null}, DType.INT32));
        iae(() -> ND.array(new Number[] {1, 2.5}, null));
    }

    // ------------------------------------------------------------------ ufunc operands

    @Test
    void unsupportedOperandTypesAreRefused() {
        NDArray a = on(ND.ones(3));
        iae("operand must be an NDArray or a Java number or boolean, got java.lang.String", () -> Ufunc.ADD.call(a, "x"));
        iae("operand must be an NDArray or a Java number or boolean, got java.lang.String", () -> Ufunc.ADD.call("x", a));
        iae("operand must be an NDArray or a Java number or boolean, got null", () -> Ufunc.ADD.call(a, null));
        iaeContaining("java.math.BigDecimal", () -> Ufunc.MULTIPLY.call(a, new BigDecimal("1.5")));
        // assignment takes the same scalars: a BigDecimal was truncated to 1 instead of refused
        iaeContaining("java.math.BigDecimal", () -> a.assign(new BigDecimal("1.5")));
        iaeContaining("java.util.concurrent.atomic.AtomicLong", () -> a.assign(new java.util.concurrent.atomic.AtomicLong(2)));
        iae(() -> Ufunc.ADD.call(a, 'c'));
        iae(() -> Ufunc.ADD.call(a, new double[] {1, 2, 3}));
        iae(() -> Ufunc.EXP.call("x"));
        iae(() -> ND.add(a, new Object()));
        iae(() -> a.assign("1.0"));
    }

    @Test
    void wrongNumberOfOperandsIsRefused() {
        NDArray a = on(ND.ones(3));
        iaeContaining("add", () -> Ufunc.ADD.call(a));
        iaeContaining("add", () -> Ufunc.ADD.call(a, a, a));
        iaeContaining("exp", () -> Ufunc.EXP.call(a, a));
        iae(() -> Ufunc.EXP.outer(a, a));
        iae(() -> Ufunc.EXP.reduce(a, null, false));
        iae(() -> Ufunc.EXP.accumulate(a, 0));
    }

    @Test
    void weakScalarsThatDoNotFitTheArrayTypeAreRefused() {
        // np.ones(3, np.int8) + 300 -> OverflowError: Python integer 300 out of bounds for int8
        NDArray i8 = on(ND.ones(DType.INT8, 3));
        iae("Python integer 300 out of bounds for int8", () -> i8.add(300L));
        iae("Python integer -1 out of bounds for uint8", () -> on(ND.ones(DType.UINT8, 2)).mul(-1L));
        iae("Python integer 40000 out of bounds for int16", () -> Ufunc.ADD.call(on(ND.ones(DType.INT16, 2)), 40000));
    }

    // ------------------------------------------------------------------ out= and where=

    @Test
    void outOfTheWrongShapeIsRefused() {
        NDArray a = on(ND.ones(2, 2));
        NDArray b = on(ND.ones(2));
        // np.add(np.ones((2,2)), np.ones(2), out=np.zeros(3)) -> operands could not be broadcast together with shapes (2,2) (2,) (3,)
        IllegalArgumentException e = iae(() -> Ufunc.ADD.callInto(on(ND.zeros(3)), null, a, b));
        assertInstanceOf(BroadcastException.class, e);
        assertTrue(e.getMessage().startsWith("operands could not be broadcast together with shapes (2,2)"), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (3,)"), e.getMessage());
        // np.add(np.ones((2,2)), np.ones(2), out=np.zeros((1,2)))
        iae("non-broadcastable output operand with shape (1,2) doesn't match the broadcast shape (2,2)",
                () -> Ufunc.ADD.callInto(on(ND.zeros(1, 2)), null, a, b));
        iae("non-broadcastable output operand with shape (2,) doesn't match the broadcast shape (2,2)",
                () -> Ufunc.ADD.callInto(on(ND.zeros(2)), null, a, b));
    }

    @Test
    void outOfAnUnsafeKindIsRefused() {
        NDArray f = on(ND.ones(3));
        // np.add(np.ones(2), 0.5, out=np.zeros(2, int)) -> UFuncTypeError: Cannot cast ufunc 'add'
        // output from dtype('float64') to dtype('int64') with casting rule 'same_kind'
        String m = iae(() -> Ufunc.ADD.callInto(on(ND.zeros(DType.INT64, 3)), null, f, 0.5)).getMessage();
        assertTrue(m.startsWith("Cannot cast ufunc"), m);
        assertTrue(m.contains("output from dtype('float64') to dtype('int64') with casting rule 'same_kind'"), m);
        // float into bool, int into bool
        iaeContaining("same_kind", () -> Ufunc.MULTIPLY.callInto(on(ND.zeros(DType.BOOL, 3)), null, f, f));
        iaeContaining("same_kind", () -> Ufunc.ADD.callInto(on(ND.zeros(DType.BOOL, 3)), null, on(ND.arange(3)), 1));
        iaeContaining("same_kind", () -> Ufunc.DIVIDE.callInto(on(ND.zeros(DType.INT32, 3)), null, on(ND.arange(3)), 2));
        // same kind, narrower: allowed, as in NumPy (np.add(np.arange(3), 1, out=np.zeros(3, np.int8)))
        assertArrayEquals(new long[] {1, 2, 3},
                Ufunc.ADD.callInto(on(ND.zeros(DType.INT8, 3)), null, on(ND.arange(3)), 1).toLongArray());
    }

    @Test
    void signedResultIntoUnsignedOutIsRefused() {
        // np.add(np.arange(3), 1, out=np.zeros(3, np.uint8)) -> UFuncTypeError: Cannot cast ufunc
        // 'add' output from dtype('int64') to dtype('uint8') with casting rule 'same_kind'
        iaeContaining("same_kind", () -> Ufunc.ADD.callInto(on(ND.zeros(DType.UINT8, 3)), null, on(ND.arange(3)), 1));
        // the other way round is fine: np.add(np.arange(3, dtype=np.uint8), 1, out=np.zeros(3, np.int8))
        assertArrayEquals(new long[] {1, 2, 3},
                Ufunc.ADD.callInto(on(ND.zeros(DType.INT8, 3)), null, on(ND.arange(3)).astype(DType.UINT8), 1).toLongArray());
    }

    @Test
    void whereMustBeBool() {
        NDArray a = on(ND.ones(2));
        iae("where= must be a bool array, got float64", () -> Ufunc.ADD.callInto(null, on(ND.ones(2)), a, 0.5));
        iae("where= must be a bool array, got int64", () -> Ufunc.ADD.callInto(on(ND.zeros(2)), on(ND.arange(2)), a, 0.5));
        // and must broadcast to the result
        assertInstanceOf(BroadcastException.class,
                iae(() -> Ufunc.ADD.callInto(null, on(ND.array(true, false, true)), a, 0.5)));
    }

    // ------------------------------------------------------------------ creation arguments

    @Test
    @HostOnly // creation functions take no device: they check their arguments on the host
    void creationArgumentsAreChecked() {
        iae(() -> ND.arange(0, 10, 0));
        iae(() -> ND.arange(0.0, 1.0, 0.0));
        iae(() -> ND.arange(0.0, Double.NaN, 1.0));
        iae(() -> ND.arange(0.0, Double.POSITIVE_INFINITY, 1.0));
        // np.arange(0, 1e300, 1e-300) -> ValueError: Maximum allowed size exceeded
        iae(() -> ND.arange(0.0, 1e300, 1e-300));
        iae("Number of samples, -1, must be non-negative.", () -> ND.linspace(0, 1, -1));
    }

    @Test
    @HostOnly // creation functions take no device: they check their arguments on the host
    void integerArangeWiderThanALongIsAnIllegalArgument() {
        // np.arange(-2**63, 2**63 - 1) -> ValueError: Maximum allowed size exceeded
        iae(() -> ND.arange(Long.MIN_VALUE, Long.MAX_VALUE, 1));
        iae(() -> ND.arange(Long.MAX_VALUE, Long.MIN_VALUE, -1));
    }

    @Test
    @HostOnly // creation functions take no device: they check their arguments on the host
    void integerArangeTooLongToAllocateIsAnIllegalArgument() {
        iaeStarting("array is too big", () -> ND.arange(0, Long.MAX_VALUE, 1));
    }

    @Test
    @HostOnly // the Generator makes host arrays (no device argument)
    void randomArgumentsAreChecked() {
        Generator g = ND.random(0);
        iae(() -> g.uniform(1, 0, 3));
        iae(() -> g.uniform(0, Double.POSITIVE_INFINITY, 3));
        iae(() -> g.uniform(Double.NaN, 1, 3));
        iae(() -> g.integers(5, 5, 3));
        iae(() -> g.integers(5, 4, 3));
        iae(() -> g.normal(0, -1, 3));
        iae(() -> g.normal(0, Double.NaN, 3));
    }

    @Test
    @HostOnly // about Device.cuda(int) itself: no array
    void negativeCudaOrdinalIsAnIllegalArgument() {
        iae("negative CUDA device index: -1", () -> Device.cuda(-1));
    }
}
