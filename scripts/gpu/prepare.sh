#!/usr/bin/env bash
# Prepares the one-shot GPU run (scripts/gpu/run.sh). Runs HERE, on the CPU development machine,
# in about a minute (build included; a few seconds more the first time for jlink).
#
# Builds the project (./mvnw -q -B install -DskipTests; MVN_OFFLINE=1 adds -o; SKIP_BUILD=1 packs
# what target/ folders and ~/.m2 already hold), then fills the
# ignored folder .device-carry/ with everything run.sh needs on a machine that has a GPU but no
# JDK and no network:
#   .device-carry/jdk.tgz a jlinked JDK 25, packed (26 MB; 44 MB unpacked): java.base, jdk.incubator.vector, java.logging
#                         (JCuda), java.xml (JUnit's XML reports), jdk.unsupported (JavaCPP), jdk.zipfs
#                         (JUnit scans jars through it), libjvm.so stripped; no java.desktop: charts are
#                         drawn back here
#   .device-carry/jars/   ndarray-api, broadcasting, ndarray-cpu + javacpp + openblas (API jars only:
#                         the 19 MB OpenBLAS natives jar does not fit the budget, so the CPU backend
#                         uses its pure-Java BLAS there; OPENBLAS_NATIVES=1 carries it anyway),
#                         ndarray-cuda + its tests (packed from target/test-classes), jcuda +
#                         a trimmed jcuda-natives (only lib/libJCudaDriver-12.6.0-linux-x86_64.so),
#                         the conformance and CPU test-jars, the bench jar, JUnit's console launcher
# and fails if .device-carry/ plus the files sent with the tree exceed 63 MiB (the device tool takes 64).
#
#   bash scripts/gpu/prepare.sh            # then: OUT=/tmp/gpu-out bash scripts/gpu/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CARRY=$ROOT/.device-carry
LIMIT_MIB=63
JUNIT_CONSOLE=1.11.4

MVN=(./mvnw -q -B)
if [[ "${MVN_OFFLINE:-0}" == 1 ]]; then MVN+=(-o); fi

if [[ "${SKIP_BUILD:-0}" == 1 ]]; then
    echo "== build skipped (SKIP_BUILD=1): packing the jars already built"
else
    echo "== build: ${MVN[*]} install -DskipTests"
    "${MVN[@]}" install -DskipTests
fi

# ------------------------------------------------------------------ the JDK
JDK=""
for d in /usr/lib/jvm/*25*; do
    if [[ -x "$d/bin/jlink" ]]; then JDK=$d; break; fi
done
if [[ -z "$JDK" ]]; then echo "prepare: no JDK 25 with jlink under /usr/lib/jvm" >&2; exit 1; fi
MODULES=java.base,jdk.incubator.vector,java.logging,java.xml,jdk.unsupported,jdk.zipfs
rm -rf "$CARRY/jdk" "$CARRY/jdk.tgz"
mkdir -p "$CARRY"
echo "== jlink from $JDK: $MODULES"
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress=zip-9 --output "$CARRY/jdk" 2>&1 | grep -v 'incubator modules' || true
# jlink keeps libjvm.so's symbol table (29 MB); stripped it is 24 MB.
if command -v strip >/dev/null; then strip --strip-unneeded "$CARRY/jdk/lib/server/libjvm.so"; fi
"$CARRY/jdk/bin/java" -version 2>&1 | head -1
# Sent packed (26 MB instead of 44 MB); run.sh unpacks it into a temporary folder, never into
# .device-carry/ (which would then be sent twice).
rm -f "$CARRY/jdk.tgz"
tar czf "$CARRY/jdk.tgz" -C "$CARRY" jdk
rm -rf "$CARRY/jdk"

# ------------------------------------------------------------------ the jars
JARS=$CARRY/jars
rm -rf "$JARS"
mkdir -p "$JARS"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The CUDA module's test class path: api, broadcasting, cpu (+ javacpp, openblas), jcuda (+ natives),
# the conformance and CPU test-jars, JUnit (left out: the console launcher bundles it).
"${MVN[@]}" -pl ndarray-cuda dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$TMP/cp.txt" >/dev/null
tr ':' '\n' < "$TMP/cp.txt" | while read -r j; do
    [[ -z "$j" ]] && continue
    b=$(basename "$j")
    case "$b" in
        junit-*|opentest4j-*|apiguardian-*) continue ;;
        openblas-*-linux-x86_64.jar)
            if [[ "${OPENBLAS_NATIVES:-0}" != 1 ]]; then echo "   left out $b ($(du -h "$j" | cut -f1)): pure-Java BLAS on the CPU"; continue; fi ;;
        jcuda-natives-*.jar)
            # Only the driver library (the backend uses the driver API); same resource path inside.
            mkdir -p "$TMP/nat"
            (cd "$TMP/nat" && "$JDK/bin/jar" xf "$j" lib/libJCudaDriver-12.6.0-linux-x86_64.so)
            if [[ ! -f "$TMP/nat/lib/libJCudaDriver-12.6.0-linux-x86_64.so" ]]; then
                echo "prepare: $b has no lib/libJCudaDriver-12.6.0-linux-x86_64.so" >&2; exit 1
            fi
            "$JDK/bin/jar" --create --file "$JARS/$b" -C "$TMP/nat" lib
            continue ;;
    esac
    cp "$j" "$JARS/"
done
cp ndarray-cuda/target/ndarray-cuda-*[0-9T].jar "$JARS/"
# The fatbin travels once, with the working tree (run.sh puts ndarray-cuda/src/main/resources on
# the class path): in the jar too it would be sent twice, over the device tool's 64 MiB.
(cd "$JARS" && zip -q -d ndarray-cuda-*[0-9T].jar "io/github/ndarray/cuda/kernels.fatbin")
if ls ndarray-cuda/target/ndarray-cuda-*-tests.jar >/dev/null 2>&1; then
    cp ndarray-cuda/target/ndarray-cuda-*-tests.jar "$JARS/"
elif [[ -d ndarray-cuda/target/test-classes ]]; then
    "$JDK/bin/jar" --create --file "$JARS/ndarray-cuda-tests.jar" -C ndarray-cuda/target/test-classes .
else
    echo "   ndarray-cuda has no test classes: only the conformance suite will run"
fi
cp bench/target/bench-*[0-9T].jar "$JARS/"
CONSOLE=$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$JUNIT_CONSOLE/junit-platform-console-standalone-$JUNIT_CONSOLE.jar
if [[ ! -f "$CONSOLE" ]]; then
    "${MVN[@]}" dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:$JUNIT_CONSOLE \
        -DoutputDirectory="$TMP" >/dev/null
    CONSOLE=$TMP/junit-platform-console-standalone-$JUNIT_CONSOLE.jar
fi
cp "$CONSOLE" "$JARS/junit-platform-console-standalone.jar"

for need in ndarray-api ndarray-cpu ndarray-conformance jcuda-natives jcuda- bench junit-platform-console; do
    ls "$JARS"/$need*.jar >/dev/null 2>&1 || { echo "prepare: missing $need jar" >&2; exit 1; }
done

# ------------------------------------------------------------------ sizes
echo "== .device-carry"
du -sh "$CARRY/jdk.tgz" "$JARS"
(cd "$JARS" && du -h -- *.jar | sort -h)
carry=$(du -sb "$CARRY" | cut -f1)
tracked=$( (git ls-files -z | du -cb --files0-from=- | tail -1 | cut -f1) 2>/dev/null || echo 0)
untracked=$( (git ls-files -z --others --exclude-standard | du -cb --files0-from=- | tail -1 | cut -f1) 2>/dev/null || echo 0)
echo "tracked tree:  $(git ls-files -z | du --files0-from=- -ch | tail -1 | cut -f1)"
total=$((carry + tracked + untracked))
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
echo "sizes: .device-carry $(mib "$carry"), tracked tree $(mib "$tracked"), untracked (sent too) $(mib "$untracked"), total $(mib "$total") (limit $LIMIT_MIB MiB)"
if (( total > LIMIT_MIB * 1048576 )); then
    echo "prepare: over the $LIMIT_MIB MiB budget" >&2
    exit 1
fi
echo "ready: OUT=/tmp/gpu-out bash scripts/gpu/run.sh (here: the skip path) or on the device: bash scripts/gpu/run.sh"
