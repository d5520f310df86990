package io.github.ndarray;

import io.github.ndarray.spi.Storage;

/**
 * The operands' memory, held while a backend computes on it. Without it, another thread could
 * close an operand during the kernel, its block would go back to the cache, and the kernel
 * would read (or write) the next array's memory. With it, that close only drops the array's own
 * hold; the memory outlives the kernel. An operand whose memory is already freed is refused
 * ({@link IllegalStateException}) before any access. Only arrays the caller can see need it:
 * views an operation makes hold their memory already, and a fresh result is visible to no
 * other thread until the operation returns it.
 */
final class Hold implements AutoCloseable {
    private final Storage[] held;
    private int count;

    private Hold(int capacity) {
        held = new Storage[capacity];
    }

    /**
     * Holds the memory of every array given (null entries are skipped).
     *
     * @throws IllegalStateException if an array's memory is already freed (nothing stays held)
     */
    static Hold of(NDArray... arrays) {
        Hold h = new Hold(arrays.length);
        for (NDArray a : arrays) {
            h.add(a);
        }
        return h;
    }

    /**
     * Holds the memory of the operands that are the caller's own arrays, and of {@code out}:
     * arrays in {@code madeHere} (views and copies the operation made) hold their memory
     * already, and no other thread can close them.
     *
     * @throws IllegalStateException if an array's memory is already freed (nothing stays held)
     */
    static Hold callers(NDArray[] operands, java.util.List<NDArray> madeHere, NDArray out) {
        Hold h = new Hold(operands.length + 1);
        for (NDArray a : operands) {
            if (!madeHere.contains(a)) {
                h.add(a);
            }
        }
        h.add(out);
        return h;
    }

    private void add(NDArray a) {
        if (a == null) {
            return;
        }
        try {
            Storage s = a.storage();
            s.retain();
            held[count++] = s;
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        while (count > 0) {
            held[--count].release();
        }
    }
}
