package io.github.ndarray;

import io.github.ndarray.spi.Storage;

/**
 * Memory held while something reads or writes it. Without a hold, another thread could close
 * an operand during a kernel, its block would go back to the cache, and the kernel would read
 * (or write) the next array's memory. With it, that close only drops the array's own hold; the
 * block outlives the kernel and is freed by whichever holder lets go last.
 *
 * <p>Race-free by construction: {@link Storage#retain()} is one compare-and-set that refuses a
 * count already at zero, so there is no window between "is it freed?" and "hold it". An array
 * closed before the hold is refused ({@link IllegalStateException}, from
 * {@link NDArray#storage()}); one closed after it only drops its own count.
 *
 * <p>{@link HeldBackend} takes one around every backend call; the few api paths that touch host
 * memory themselves (single-element access, {@code .npy} writing) take one too.
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
     * @throws IllegalStateException if an array is closed or its memory freed (nothing stays held)
     */
    static Hold of(NDArray... arrays) {
        return new Hold(arrays.length).addAll(arrays);
    }

    /**
     * Holds the memory of the inputs, the outputs and a mask of one kernel call.
     *
     * @throws IllegalStateException if an array is closed or its memory freed (nothing stays held)
     */
    static Hold of(NDArray[] inputs, NDArray[] outputs, NDArray where) {
        return new Hold(inputs.length + outputs.length + 1).addAll(inputs).addAll(outputs).add(where);
    }

    /**
     * Holds two storages (a copy's source and destination).
     *
     * @throws IllegalStateException if either is freed (nothing stays held)
     */
    static Hold of(Storage a, Storage b) {
        return new Hold(2).add(a).add(b);
    }

    private Hold addAll(NDArray[] arrays) {
        for (NDArray a : arrays) {
            add(a);
        }
        return this;
    }

    private Hold add(NDArray a) {
        if (a == null) {
            return this;
        }
        Storage s;
        try {
            s = a.storage();
        } catch (IllegalStateException closed) {
            close();
            throw closed;
        }
        return add(s);
    }

    private Hold add(Storage s) {
        try {
            s.retain();
        } catch (IllegalStateException freed) {
            close();
            throw freed;
        }
        held[count++] = s;
        return this;
    }

    @Override
    public void close() {
        while (count > 0) {
            held[--count].release();
        }
    }
}
