! The Fortran half of the native-code exercise (samples NativeCode): f2py's intent(out)
! pattern — the caller passes an output array, the subroutine fills it. bind(C) gives the
! symbol a C name and value arguments, so FFM calls it like a C function.
subroutine nd_poly(n, x, y) bind(C, name="nd_poly")
    use iso_c_binding, only: c_long, c_double
    implicit none
    integer(c_long), value, intent(in) :: n
    real(c_double), intent(in) :: x(n)
    real(c_double), intent(out) :: y(n)
    y = x * x + 2.0_c_double * x + 1.0_c_double
end subroutine nd_poly
