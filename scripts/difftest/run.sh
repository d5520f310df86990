#!/usr/bin/env bash
# Live differential test against NumPy: N new random programs from SEED, NumPy's answers, this
# library's, and the disagreements (ndarray-cpu/target/difftest-disagreements.txt).
#
#   scripts/difftest/run.sh [N [SEED]]      e.g. scripts/difftest/run.sh 20000 42
#
# Needs python3 with NumPy. Exit status 0 when every program agrees.
set -euo pipefail
n=${1:-5000}
seed=${2:-$(date +%s)}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mkdir -p ndarray-cpu/target
programs=ndarray-cpu/target/difftest-programs-$seed.txt
echo "difftest: $n programs from seed $seed -> $programs"
python3 scripts/difftest/difftest.py "$n" "$seed" "$programs"
./mvnw -q -B -pl ndarray-cpu -am test -Dtest='DiffTest#agreesWithNumPy' -Dsurefire.failIfNoSpecifiedTests=false \
    -Ddifftest.file="$root/$programs"
