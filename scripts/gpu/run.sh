#!/usr/bin/env bash
# The one-shot GPU run. Runs THERE, on the GPU machine (no JDK, no network), from the repository
# root, with only the working tree plus .device-carry/ (made here by scripts/gpu/prepare.sh).
# Also runs here, where it takes the skip path (no GPU: every step says why in one line), in
# about half a minute.
#
#   bash scripts/gpu/run.sh                       # OUT defaults to ./gpu-out
#   SUITE_TIMEOUT=250 BENCH_TIMEOUT=170 bash scripts/gpu/run.sh
# Other knobs: EXTRA_JVM (JVM flags, e.g. -Dndarray.pretend=true to rehearse on the pretend device),
# GPU_BENCH_ARGS / CUPY_BENCH_ARGS (e.g. --quick), BENCH_XMX (default 16g).
#
# Steps (worst case about SUITE_TIMEOUT + BENCH_TIMEOUT + 15 s; defaults 300 + 180):
#   1. the machine: nvidia-smi, nvcc, python3, CuPy, the pip CUDA libraries (their nvidia/*/lib
#      folders are prepended to LD_LIBRARY_PATH: the backend dlopens libcublas.so.13 by name),
#      the carried JDK                                                 -> $OUT/machine.txt
#   2. the conformance suite and ndarray-cuda's tests on the GPU (JUnit console launcher,
#      -Dndarray.test.device=cuda, host-only tests and the pretend device left out), under
#      `timeout SUITE_TIMEOUT`                  -> $OUT/suite.log, $OUT/junit-reports.tgz (XML)
#   3. the benchmarks, under BENCH_TIMEOUT together: io.github.ndarray.bench.GpuCompare (ours, GPU
#      and CPU) then scripts/bench_cupy.py  -> $OUT/gpu-bench.tsv, $OUT/cupy-bench.tsv, $OUT/bench.log
#   4. scripts/gpu/combine.py: the tables                            -> $OUT/gpu-tables.md
# What comes back: those 7 files under $OUT, and the printed tail: the failures (first ones),
# the tables (norm sweep shortened) and, last, a one-line summary.
# Exit status: 0 if the suite ran without failures, else 1.
set -u
cd "$(dirname "$0")/../.."
OUT=${OUT:-./gpu-out}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-300}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-180}
mkdir -p "$OUT"
CARRY=.device-carry
JARS=$CARRY/jars
START=$(date +%s)
elapsed() { echo "$(( $(date +%s) - START )) s"; }

# The JDK travels packed; unpacked into a temporary folder (not into .device-carry/).
if [[ ! -f "$CARRY/jdk.tgz" ]]; then
    echo "run.sh: $CARRY/jdk.tgz missing: run scripts/gpu/prepare.sh first"
    exit 1
fi
JDKDIR=$(mktemp -d)
trap 'rm -rf "$JDKDIR"' EXIT
tar xzf "$CARRY/jdk.tgz" -C "$JDKDIR" || { echo "run.sh: cannot unpack $CARRY/jdk.tgz"; exit 1; }
JAVA=$JDKDIR/jdk/bin/java

# ------------------------------------------------------------------ 1. the machine
{
    echo "== date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
    echo "== nvidia-smi"
    if command -v nvidia-smi >/dev/null; then
        nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader 2>&1 | head -4
    else
        echo "nvidia-smi: not found"
    fi
    echo "== nvcc: $( (nvcc --version 2>/dev/null | grep -i release) || echo 'not found')"
    echo "== python3: $( (python3 --version 2>&1) || echo 'not found')"
    echo "== cupy: $(python3 -c 'import cupy; print(cupy.__version__)' 2>&1 | tail -1)"
} > "$OUT/machine.txt" 2>&1

# The pip CUDA libraries (nvidia-cublas-cu13 etc.): every nvidia/*/lib under python3's site-packages.
NVLIBS=$(python3 - 2>/dev/null <<'EOF'
import glob, os, site, sys
roots = []
try:
    roots += site.getsitepackages()
except Exception:
    pass
try:
    roots.append(site.getusersitepackages())
except Exception:
    pass
roots += [p for p in sys.path if p.endswith("-packages")]
try:
    import nvidia
    roots += [os.path.dirname(p) for p in nvidia.__path__]
except Exception:
    pass
seen = []
for r in roots:
    for d in sorted(glob.glob(os.path.join(r, "nvidia", "*", "lib"))) + sorted(glob.glob(os.path.join(r, "nvidia", "*", "lib64"))):
        d = os.path.realpath(d)
        if d not in seen and os.path.isdir(d):
            seen.append(d)
print(":".join(seen))
EOF
)
{
    echo "== nvidia lib dirs (prepended to LD_LIBRARY_PATH):"
    if [[ -n "$NVLIBS" ]]; then
        tr ':' '\n' <<< "$NVLIBS" | while read -r d; do
            echo "   $d: $(cd "$d" && ls libcublas.so* libcublasLt.so* libcusolver.so* libnvrtc.so* libnvrtc-builtins.so* 2>/dev/null | tr '\n' ' ')"
        done
    else
        echo "   none found"
    fi
    echo "== carried JDK: $("$JAVA" -version 2>&1 | head -1)"
} >> "$OUT/machine.txt" 2>&1
if [[ -n "$NVLIBS" ]]; then
    export LD_LIBRARY_PATH="$NVLIBS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
cat "$OUT/machine.txt"

JVM=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss8m -XX:+UseParallelGC ${EXTRA_JVM:-})
CP=$(ls "$JARS"/*.jar | grep -v junit-platform-console | tr '\n' ':')
# The kernels' fatbin comes from the working tree (prepare.sh leaves it out of the carried jar).
CP=ndarray-cuda/src/main/resources:${CP%:}

# ------------------------------------------------------------------ 2. the suite
SCAN=$(ls "$JARS"/ndarray-conformance-*-tests.jar "$JARS"/ndarray-cuda-*tests.jar 2>/dev/null | tr '\n' ':')
SCAN=${SCAN%:}
REPORTS=$(mktemp -d)
echo
echo "== suite (timeout ${SUITE_TIMEOUT}s): $(echo "$SCAN" | tr ':' ' ')"
timeout -k 10 "$SUITE_TIMEOUT" "$JAVA" "${JVM[@]}" -Dndarray.test.device=cuda -Dndarray.cuda.poison=true -Djava.awt.headless=true \
    -jar "$JARS/junit-platform-console-standalone.jar" execute \
    --class-path "$CP" --scan-class-path "$SCAN" \
    --exclude-tag host-only --exclude-package io.github.ndarray.conformance.pretend \
    --details=summary --details-theme=ascii --disable-banner --disable-ansi-colors \
    --reports-dir "$REPORTS" > "$OUT/suite.log" 2>&1
SUITE_RC=$?
if [[ $SUITE_RC == 124 || $SUITE_RC == 137 ]]; then
    echo "suite: TIMED OUT after ${SUITE_TIMEOUT}s (SUITE_TIMEOUT)" | tee -a "$OUT/suite.log"
fi
tar czf "$OUT/junit-reports.tgz" -C "$REPORTS" . 2>/dev/null
# Keep suite.log under the 16 MiB a returned file may have: its head and tail.
if (( $(stat -c %s "$OUT/suite.log") > 15000000 )); then
    { head -c 7000000 "$OUT/suite.log"; echo; echo "[... cut: suite.log was $(stat -c %s "$OUT/suite.log") bytes ...]"; tail -c 7000000 "$OUT/suite.log"; } > "$OUT/suite.log.cut"
    mv "$OUT/suite.log.cut" "$OUT/suite.log"
fi
count() { grep -E "^\[ *[0-9]+ tests $1 *\]" "$OUT/suite.log" | tail -1 | tr -dc '0-9'; }
FOUND=$(count found); OK=$(count successful); FAILED=$(count failed); SKIPPED=$(count skipped); ABORTED=$(count aborted)
SUMMARY="suite: found ${FOUND:-?}, succeeded ${OK:-?}, failed ${FAILED:-?}, skipped ${SKIPPED:-?}, aborted ${ABORTED:-?} (launcher exit $SUITE_RC, $(elapsed) so far)"
# The first failures, one line each, and the skip reasons, from the XML reports.
python3 - "$REPORTS" <<'EOF' 2>/dev/null || grep -E "^(JUnit|  [A-Za-z]).*=>" "$OUT/suite.log" | head -40
import collections, glob, sys, xml.etree.ElementTree as ET
fails, skips, n = [], collections.Counter(), 0
for f in glob.glob(sys.argv[1] + "/*.xml"):
    for tc in ET.parse(f).getroot().iter("testcase"):
        for kind in ("failure", "error"):
            e = tc.find(kind)
            if e is not None:
                msg = (e.get("message") or e.get("type") or "").strip().splitlines()
                fails.append(f"{tc.get('classname', '').split('.')[-1]}#{tc.get('name')}: {(msg[0] if msg else '')[:160]}")
        s = tc.find("skipped")
        if s is not None:
            skips[((s.get("message") or s.text or "").strip().splitlines() or [""])[0][:200]] += 1
if fails:
    print(f"failures ({len(fails)}; all in suite.log and junit-reports.tgz), first 40:")
    by = collections.Counter(x.split("#")[0] for x in fails)
    print("  by class: " + ", ".join(f"{k} {v}" for k, v in by.most_common(12)))
    for x in fails[:40]:
        print("  " + x)
for reason, k in skips.most_common(3):
    print(f"skipped {k}: {reason}")
EOF
echo "$SUMMARY"

# ------------------------------------------------------------------ 3. the benchmarks
echo
BSTART=$(date +%s)
JB=$(( BENCH_TIMEOUT * 6 / 10 ))
echo "== ours: GpuCompare (timeout ${JB}s)"
timeout -k 5 "$JB" "$JAVA" "${JVM[@]}" -Xmx${BENCH_XMX:-16g} -cp "$CP" io.github.ndarray.bench.GpuCompare \
    --out "$OUT/gpu-bench.tsv" --budget $(( JB > 80 ? JB - 25 : JB * 7 / 10 )) ${GPU_BENCH_ARGS:-} 2>"$OUT/bench.log"
rc=$?; [[ $rc == 124 || $rc == 137 ]] && echo "GpuCompare: timed out after ${JB}s (rows so far kept)"
[[ $rc != 0 && $rc != 124 && $rc != 137 ]] && { echo "GpuCompare: exit $rc; last lines of bench.log:"; tail -5 "$OUT/bench.log"; }
LEFT=$(( BENCH_TIMEOUT - ($(date +%s) - BSTART) ))
(( LEFT < 30 )) && LEFT=30
echo "== CuPy: bench_cupy.py (timeout ${LEFT}s)"
if command -v python3 >/dev/null; then
    timeout -k 5 "$LEFT" python3 scripts/bench_cupy.py --out "$OUT/cupy-bench.tsv" --budget $(( LEFT > 60 ? LEFT - 20 : LEFT * 7 / 10 )) ${CUPY_BENCH_ARGS:-} 2>>"$OUT/bench.log"
    rc=$?; [[ $rc == 124 || $rc == 137 ]] && echo "bench_cupy.py: timed out after ${LEFT}s (rows so far kept)"
    [[ $rc != 0 && $rc != 124 && $rc != 137 ]] && { echo "bench_cupy.py: exit $rc; last lines of bench.log:"; tail -5 "$OUT/bench.log"; }
else
    echo "python3: not found"
fi

# ------------------------------------------------------------------ 4. the tables
echo
if [[ -s "$OUT/gpu-bench.tsv" || -s "$OUT/cupy-bench.tsv" ]]; then
    python3 scripts/gpu/combine.py "$OUT/gpu-bench.tsv" "$OUT/cupy-bench.tsv" --out "$OUT/gpu-tables.md" --short \
        || echo "combine.py failed"
else
    echo "tables: no benchmark rows (see above)"
fi
rm -rf "$REPORTS"

# ------------------------------------------------------------------ 5. memcheck over a subset
# compute-sanitizer's memcheck over ndarray-cuda's own GPU tests (every kernel kind, the split
# launches, cuBLAS): out-of-bounds and misaligned device accesses. Skipped where it is missing.
echo
if command -v compute-sanitizer >/dev/null && [[ -n "$(ls "$JARS"/ndarray-cuda-*tests.jar 2>/dev/null)" ]]; then
    echo "== memcheck (timeout ${MEMCHECK_TIMEOUT:-90}s): CudaBackendTest under compute-sanitizer"
    timeout -k 5 "${MEMCHECK_TIMEOUT:-90}" compute-sanitizer --tool memcheck --print-limit 20 \
        "$JAVA" "${JVM[@]}" -Dndarray.test.device=cuda -jar "$JARS/junit-platform-console-standalone.jar" execute \
        --class-path "$CP" --select-class io.github.ndarray.cuda.CudaBackendTest \
        --details=summary --disable-banner --disable-ansi-colors > "$OUT/memcheck.log" 2>&1
    echo "memcheck: exit $?; $(grep -E 'ERROR SUMMARY|tests (successful|failed)' "$OUT/memcheck.log" | tr -s ' ' | tr '\n' ';')"
else
    echo "memcheck: compute-sanitizer not found"
fi
echo
echo "files in $OUT: $(cd "$OUT" && ls | tr '\n' ' ')"
echo "$SUMMARY; total $(elapsed)"
[[ $SUITE_RC == 0 ]] && exit 0 || exit 1
