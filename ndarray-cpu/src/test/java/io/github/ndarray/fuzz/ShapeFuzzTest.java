package io.github.ndarray.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ndarray.ND;
import io.github.ndarray.NDArray;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Shape arguments: {@code ND.broadcastShapes}, {@code reshape}, {@code broadcastTo},
 * {@code permuteDims}, {@code squeeze}, {@code expandDims} and creation with any long values
 * (negative, -1, huge, overflowing products): a result, or IllegalArgumentException (or
 * IndexOutOfBoundsException for an axis) with a message.
 */
class ShapeFuzzTest {
    private static final List<Class<? extends Exception>> DOCUMENTED =
            List.of(IllegalArgumentException.class, IndexOutOfBoundsException.class);

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shapeArguments(FuzzedDataProvider data) {
        int op = data.consumeInt(0, 6);
        long[] small = longs(data, 0, 3, 0, 4);
        try (NDArray a = ND.zeros(small)) {
            Contract.allow(() -> {
                switch (op) {
                    case 0 -> ND.broadcastShapes(longs(data, 0, 7, Long.MIN_VALUE, Long.MAX_VALUE),
                            longs(data, 0, 7, -2, 1L << 40), longs(data, 0, 7, Long.MIN_VALUE, Long.MAX_VALUE));
                    case 1 -> a.reshape(longs(data, 0, 7, -3, Long.MAX_VALUE)).close();
                    case 2 -> a.broadcastTo(longs(data, 0, 40, Long.MIN_VALUE, Long.MAX_VALUE)).close();
                    case 3 -> a.permuteDims(ints(data)).close();
                    case 4 -> a.squeeze(ints(data)).close();
                    case 5 -> a.expandDims(data.consumeInt()).close();
                    default -> {
                        long[] s = longs(data, 0, 6, -3, 8);
                        ND.zeros(s).close();
                    }
                }
            }, DOCUMENTED);
        }
    }

    private static long[] longs(FuzzedDataProvider data, int minLength, int maxLength, long min, long max) {
        long[] v = new long[data.consumeInt(minLength, maxLength)];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.consumeLong(min, max);
        }
        return v;
    }

    private static int[] ints(FuzzedDataProvider data) {
        int[] v = new int[data.consumeInt(0, 6)];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.consumeInt(-8, 8);
        }
        return v;
    }
}
