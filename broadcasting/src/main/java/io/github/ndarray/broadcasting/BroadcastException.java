package io.github.ndarray.broadcasting;

/**
 * Thrown when shapes cannot be broadcast together. The message reads like NumPy's:
 * {@code operands could not be broadcast together with shapes (3,4,6,2) (3,5,1,2)}.
 *
 * <p>It is an {@link IllegalArgumentException}, so callers that treat all bad input alike
 * need not know this type.
 */
public final class BroadcastException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The operands' shapes, copied; see {@link #shapes()}. */
    private final long[][] shapes;

    /**
     * Creates the exception for operands with the given shapes, in NumPy's wording.
     *
     * @param shapes the operands' shapes; copied
     */
    public BroadcastException(long[]... shapes) {
        super(message(shapes));
        this.shapes = new long[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            this.shapes[i] = shapes[i].clone();
        }
    }

    /** {@return a copy of the shapes that failed to broadcast} */
    public long[][] shapes() {
        long[][] copy = new long[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            copy[i] = shapes[i].clone();
        }
        return copy;
    }

    /** NumPy's message for operands with the given shapes. */
    static String message(long[][] shapes) {
        StringBuilder sb = new StringBuilder("operands could not be broadcast together with shapes");
        for (long[] s : shapes) {
            sb.append(' ').append(Shapes.format(s));
        }
        return sb.toString();
    }
}
