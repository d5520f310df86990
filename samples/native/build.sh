#!/usr/bin/env bash
# Builds the native-code exercise's two shared libraries into OUTDIR (default: samples/target/native):
# libndvec.so from vec.c (gcc) and libndpoly.so from poly.f90 (gfortran). Debian: apt-get install gcc gfortran.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../target/native}"
mkdir -p "$out"
for tool in gcc gfortran; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (Debian: apt-get install $tool)" >&2; exit 2; }
done
# -O2 without -march: baseline x86-64 has no FMA, so the Fortran polynomial rounds as the library's x*x + 2x + 1 does.
gcc -O2 -fPIC -shared -o "$out/libndvec.so" "$here/vec.c"
gfortran -O2 -fPIC -shared -o "$out/libndpoly.so" "$here/poly.f90"
echo "$out"
