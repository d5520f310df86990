#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer, JUnit fuzzing mode) of one target for SECONDS seconds.
#
#   scripts/fuzz/run.sh TARGET [SECONDS]     TARGET: index | npy | dtype | shape   (default 300 s)
#
# The corpus grows in ndarray-cpu/.cifuzz-corpus/ (not committed); an input that breaks the
# contract is written to ndarray-cpu/src/test/resources/io/github/ndarray/fuzz/<Class>Inputs/<method>/
# and then runs in every build (regression mode) until it is fixed. libFuzzer's last status line
# ("#N DONE ... exec/s") gives the number of executions.
set -euo pipefail
target=${1:?usage: scripts/fuzz/run.sh index|npy|dtype|shape [SECONDS]}
seconds=${2:-300}
case "$target" in
    index) test=IndexFuzzTest ;;
    npy) test=NpyFuzzTest ;;
    dtype) test=DTypeFuzzTest ;;
    shape) test=ShapeFuzzTest ;;
    *) echo "unknown target $target (index, npy, dtype, shape)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.."
log=ndarray-cpu/target/fuzz-$target.log
mkdir -p ndarray-cpu/target
echo "fuzzing $test for $seconds s; log: $log"
status=0
# JUnit's @Timeout would time the whole run: off here; Jazzer turns it into libFuzzer's per-input -timeout.
JAZZER_FUZZ=1 JAZZER_MAX_DURATION=${seconds}s ./mvnw -q -B -pl ndarray-cpu -am test -Dtest="$test" \
    -Dsurefire.failIfNoSpecifiedTests=false -Djunit.jupiter.execution.timeout.mode=disabled > "$log" 2>&1 || status=$?
grep -E '^#[0-9]+.*(DONE|pulse)|Done [0-9]+ runs|== Java Exception|FuzzTest.*FAIL|Tests run' "$log" | tail -5 || true
exit $status
