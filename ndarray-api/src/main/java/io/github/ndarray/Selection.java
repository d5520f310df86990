package io.github.ndarray;

/** {@code np.where(cond, x, y)}: a ternary ufunc whose first operand is made bool first. */
final class Selection {
    private Selection() {
    }

    static NDArray where(NDArray cond, Object x, Object y) {
        cond.checkOpen();
        if (cond.dtype() == DType.BOOL) {
            return Ufunc.WHERE.call(cond, x, y);
        }
        try (NDArray c = cond.astype(DType.BOOL)) {
            return Ufunc.WHERE.call(c, x, y);
        }
    }
}
