package io.github.ndarray;

import static io.github.ndarray.conformance.TestDevice.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.conformance.OnTestDevice;
import io.github.ndarray.conformance.TestDevice;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Advanced indexing, the indexing routines and sorting beyond what the golden files check:
 * NumPy's exact messages (printed by NumPy 2.4.6, {@code str(exception)}), the partition
 * property, index round trips, and results staying on the device.
 */
@OnTestDevice
class AdvancedIndexingBehaviorTest {
    private static void throwsWith(Class<? extends RuntimeException> type, String message, Executable call) {
        assertEquals(message, assertThrows(type, call).getMessage());
    }

    @Test
    void outOfBoundsIndexGivesNumpysMessage() {
        NDArray a = on(ND.zeros(DType.FLOAT64, 3));
        throwsWith(IndexOutOfBoundsException.class, "index 5 is out of bounds for axis 0 with size 3", () -> a.get("[5]"));
        throwsWith(IndexOutOfBoundsException.class, "index -4 is out of bounds for axis 0 with size 3",
                () -> a.get("[0, -4, 9]"));
        throwsWith(IndexOutOfBoundsException.class, "index 7 is out of bounds for axis 0 with size 3",
                () -> ND.take(a, on(ND.array(new long[] {7}))));
        NDArray m = on(ND.zeros(DType.INT32, 2, 3));
        throwsWith(IndexOutOfBoundsException.class, "index 3 is out of bounds for axis 1 with size 3", () -> m.get(":, [3]"));
        throwsWith(IndexOutOfBoundsException.class, "index 3 is out of bounds for axis 1 with size 3",
                () -> m.set(":, [0, 3]", 1));
    }

    @Test
    void maskOfTheWrongLengthGivesNumpysMessage() {
        NDArray a = on(ND.zeros(DType.FLOAT64, 4));
        throwsWith(IndexOutOfBoundsException.class, "boolean index did not match indexed array along axis 0; size of axis "
                + "is 4 but size of corresponding boolean axis is 3", () -> a.get("[True, False, True]"));
        NDArray m = on(ND.zeros(DType.FLOAT64, 2, 4));
        throwsWith(IndexOutOfBoundsException.class, "boolean index did not match indexed array along axis 1; size of axis "
                + "is 4 but size of corresponding boolean axis is 3", () -> m.get(Index.all(), Index.mask(true, false, true)));
    }

    @Test
    void valuesThatDoNotBroadcastGiveNumpysMessages() {
        NDArray a = on(ND.zeros(DType.FLOAT64, 3));
        NDArray four = on(ND.zeros(DType.FLOAT64, 4));
        throwsWith(IllegalArgumentException.class, "could not broadcast input array from shape (4,) into shape (3,)",
                () -> a.set("0:3", four));
        throwsWith(IllegalArgumentException.class, "shape mismatch: value array of shape (4,) could not be broadcast to "
                + "indexing result of shape (3,)", () -> a.set("[0, 1, 2]", four));
    }

    @Test
    void indexArraysThatDoNotBroadcastOrAreNotIntegersAreRefused() {
        NDArray m = on(ND.zeros(DType.FLOAT64, 2, 3));
        throwsWith(IndexOutOfBoundsException.class, "shape mismatch: indexing arrays could not be broadcast together with "
                + "shapes (2,) (3,)", () -> m.get("[0, 1], [0, 1, 2]"));
        throwsWith(IndexOutOfBoundsException.class, "arrays used as indices must be of integer (or boolean) type",
                () -> m.get(Index.array(on(ND.array(new double[] {1})))));
        assertThrows(IllegalArgumentException.class, () -> m.get("[0, True]"));
        assertThrows(IllegalArgumentException.class, () -> m.get("[[0, 1], [2]]"));
        assertThrows(IllegalArgumentException.class, () -> m.get("[0, 1"));
    }

    @Test
    void repeatedPositionsKeepTheLastValueButAccumulateInAt() {
        NDArray a = on(ND.zeros(DType.INT64, 4));
        a.set("[1, 1, 3, 1]", on(ND.array(new long[] {5, 6, 7, 8})));
        assertArrayEquals(new long[] {0, 8, 0, 7}, a.toLongArray());
        ND.addAt(a, on(ND.array(new long[] {1, 1, -1})), 10L);
        assertArrayEquals(new long[] {0, 28, 0, 17}, a.toLongArray());
        Ufunc.MAXIMUM.at(a, 20L, Index.array(0, 1));
        assertArrayEquals(new long[] {20, 28, 0, 17}, a.toLongArray());
        TestDevice.onDevice(a);
    }

    @Test
    void indexPrintsAsItParses() {
        Index[] ix = Index.parse("[[0, -1], [2, 0]], 1:, [True, False], None");
        assertEquals("[[0,-1],[2,0]]", ix[0].toString());
        assertEquals("[True,False]", ix[2].toString());
        assertEquals(ix[0].toString(), Index.parse(ix[0].toString())[0].toString());
        assertArrayEquals(new long[] {2, 2}, ((Index.Array) ix[0]).array().shape());
        assertEquals(DType.BOOL, ((Index.Array) ix[2]).array().dtype());
    }

    @Test
    void resultsStayOnTheDevice() {
        NDArray a = on(ND.arange(12).reshape(3, 4));
        for (NDArray r : new NDArray[] {a.get("[2, 0]"), a.get(":, [True, False, True, False]"), ND.argwhere(a),
            ND.sort(a, 0), ND.argsort(a, 0), ND.unique(a), ND.searchsorted(ND.arange(TestDevice.device(), 0, 5, 1), 2L, true)}) {
            TestDevice.onDevice(r);
        }
        assertEquals(11, ND.countNonzero(a));
    }

    @Test
    void partitionPlacesKthAndSplitsTheRest() {
        Random r = new Random(7);
        double[] v = r.doubles(50).toArray();
        v[3] = Double.NaN;
        NDArray a = on(ND.array(v));
        long[] kth = {0, 17, -1};
        NDArray p = ND.partition(a, 0, kth);
        NDArray ip = ND.argpartition(a, 0, kth);
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] got = p.toDoubleArray();
        double[] viaIndex = ND.take(a, ip).toDoubleArray();
        for (long k : kth) {
            int i = (int) (k < 0 ? k + v.length : k);
            assertEquals(sorted[i], got[i], "kth " + k);
            assertEquals(sorted[i], viaIndex[i], "kth " + k + " through argpartition");
            for (int j = 0; j < v.length; j++) {
                assertTrue(j < i ? !(got[j] > got[i]) : j == i || !(got[j] < got[i]), "position " + j + " against kth " + k);
            }
        }
        throwsWith(IllegalArgumentException.class, "kth(=50) out of bounds (50)", () -> ND.partition(a, 0, 50));
    }

    @Test
    void nonzeroOfA0dArrayIsRefusedAsInNumpy() {
        assertThrows(IllegalArgumentException.class, () -> ND.nonzero(on(ND.array(new long[] {3}).reshape())));
        assertEquals(1, ND.argwhere(on(ND.array(new long[] {3}).reshape())).shape(0));
    }

    @Test
    void chooseAndPlaceRefuseAsNumpy() {
        NDArray c = on(ND.array(new long[] {1, 2}));
        throwsWith(IllegalArgumentException.class, "invalid entry in choice array",
                () -> ND.choose(on(ND.array(new long[] {0, 2})), c, c));
        NDArray a = on(ND.zeros(DType.FLOAT64, 3));
        throwsWith(IllegalArgumentException.class, "Cannot insert from an empty array!",
                () -> ND.place(a, on(ND.array(new boolean[] {true, false, false})), on(ND.zeros(DType.FLOAT64, 0))));
    }
}
