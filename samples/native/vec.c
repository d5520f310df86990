/* The C half of the native-code exercise (samples NativeCode): plain loops over memory the
 * Java side owns; NativeCode calls them through FFM on an NDArray's memory, with no copy. */

/* Sum of x[0..n) in index order. */
double nd_sum(const double *x, long n) {
    double s = 0.0;
    for (long i = 0; i < n; i++) {
        s += x[i];
    }
    return s;
}

/* x[i] *= f for i in [0, n): the caller's array changes in place. */
void nd_scale(double *x, long n, double f) {
    for (long i = 0; i < n; i++) {
        x[i] *= f;
    }
}
