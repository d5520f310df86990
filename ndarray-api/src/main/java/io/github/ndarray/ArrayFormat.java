package io.github.ndarray;

/** NumPy's repr of an array. (Placeholder: being written.) */
final class ArrayFormat {
    private ArrayFormat() {
    }

    static String repr(NDArray a) {
        return "array(" + java.util.Arrays.toString(a.toDoubleArray()) + ", dtype=" + a.dtype() + ")";
    }
}
