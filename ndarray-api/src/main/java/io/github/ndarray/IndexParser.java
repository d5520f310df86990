package io.github.ndarray;

import java.util.List;

/** Reads NumPy's index syntax into {@link Index} values. (Placeholder: being written.) */
final class IndexParser {
    private IndexParser() {
    }

    static List<Index> parse(String expression) {
        throw new UnsupportedOperationException("index parsing is not written yet");
    }
}
