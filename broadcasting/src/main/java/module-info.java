/** NumPy's broadcasting rules, on their own: no dependency, one package. */
module io.github.ndarray.broadcasting {
    exports io.github.ndarray.broadcasting;
}
