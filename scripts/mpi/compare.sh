#!/usr/bin/env bash
# Ours next to mpi4py (Debian's /usr/bin/python3 with python3-mpi4py, on NumPy buffers) and C, in one
# run under Open MPI, 2 ranks: mpi4py.bench's ringtest, then a ping-pong table from 1 B to 16 MiB.
#   scripts/mpi/compare.sh                 # ~1 min
#   scripts/mpi/compare.sh --max 65536     # the ping-pong up to 64 KiB only
# Timings on a shared or oversubscribed machine are noisy: compare the columns of one run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
max=$((16 << 20))
if [ "${1:-}" = "--max" ]; then max="$2"; fi
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 \
       OMPI_MCA_hwloc_base_binding_policy=none
py=/usr/bin/python3   # Debian's python3 has python3-mpi4py; a python3 earlier on PATH may not
mpirun=(timeout -k 5 300 mpirun.openmpi -n 2)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "== ringtest (mpi4py.bench's output), 2 ranks, Open MPI =="
for args in "-n 1 -s 1000 -l 100000" "-n 1048576 -s 10 -l 1000"; do
  printf '%-8s ' "ours:";   "$here/run.sh" -n 2 ringtest $args 2>/dev/null
  printf '%-8s ' "mpi4py:"; "${mpirun[@]}" "$py" -m mpi4py.bench ringtest $args
done

"$here/run.sh" -n 2 pingpong --max "$max" 2>/dev/null > "$tmp/ours"
"${mpirun[@]}" "$py" "$here/pingpong.py" --max "$max" > "$tmp/mpi4py"
if command -v mpicc.openmpi >/dev/null 2>&1 && mpicc.openmpi -O2 -o "$tmp/pingpong" "$here/pingpong.c" 2>/dev/null; then
  "${mpirun[@]}" "$tmp/pingpong" --max "$max" > "$tmp/c"
else
  echo "(no mpicc.openmpi: the C column is empty; install libopenmpi-dev)"
  awk 'NR > 1 { print $1, "-", "-" } NR == 1' "$tmp/ours" > "$tmp/c"
fi

echo
echo "== ping-pong, 2 ranks, Open MPI: latency (us, half a round trip) and bandwidth (MB/s) =="
printf '%10s | %9s %9s %9s | %9s %9s %9s | %12s\n' bytes "C us" "mpi4py us" "ours us" "C MB/s" "mpi4py" \
  "ours" "ours/mpi4py"
paste "$tmp/c" "$tmp/mpi4py" "$tmp/ours" | awk 'NR > 1 {
  ratio = ($5 > 0) ? $5 / $8 : 0
  printf "%10d | %9s %9.3f %9.3f | %9s %9.1f %9.1f | %11.2fx\n", $1, $2, $5, $8, $3, $6, $9, ratio }'
echo "(ours/mpi4py > 1: ours is faster)"
