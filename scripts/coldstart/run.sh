#!/usr/bin/env bash
# Cold start as a script user meets it: the same 10-line program (create, broadcast, reduce,
# matmul, print) run once, wall time including the JVM's (or Python's) start, RUNS times each:
#   java, compiled      the class in a jar, `java -cp ...`
#   java + AOT cache    the same with JDK 25's ahead-of-time cache from one training run
#   java, source file   `java ColdScript.java` (the source launcher compiles it first)
#   numpy               python3 cold_numpy.py (NumPy import included)
# Needs a built project (./mvnw -q install -DskipTests) and python3 with NumPy.
#   scripts/coldstart/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-5}
jdk=$(ls -d /usr/lib/jvm/*25* | head -1)
root=../..
(cd "$root" && ./mvnw -q -B ${MVN_OFFLINE:+-o} -pl samples dependency:build-classpath -Dmdep.outputFile=/tmp/coldstart.cp >/dev/null)
cp=$(tr ':' '\n' < /tmp/coldstart.cp | grep -v -e junit -e opentest4j -e apiguardian | paste -sd:)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
"$jdk/bin/javac" -cp "$cp" -d "$work/classes" ColdScript.java
"$jdk/bin/jar" cf "$work/cold.jar" -C "$work/classes" .
# The AOT cache wants a class path of jars only; one training run writes it.
"$jdk/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$work/cold.aot" -cp "$work/cold.jar:$cp" ColdScript >/dev/null 2>&1
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() {
    for _ in $(seq "$runs"); do
        /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1
    done | median
}
printf '| program | median wall time of %d runs (s) |\n|---|---:|\n' "$runs"
printf '| java, compiled | %s |\n' "$(timeit "$jdk/bin/java" "${flags[@]}" -cp "$work/cold.jar:$cp" ColdScript)"
printf '| java + AOT cache | %s |\n' "$(timeit "$jdk/bin/java" "${flags[@]}" -XX:AOTCache="$work/cold.aot" -cp "$work/cold.jar:$cp" ColdScript)"
printf '| java, source file | %s |\n' "$(timeit "$jdk/bin/java" "${flags[@]}" -cp "$cp" ColdScript.java)"
printf '| numpy | %s |\n' "$(timeit python3 cold_numpy.py)"
echo
"$jdk/bin/javac" -cp "$cp" -d "$work/classes" FirstCalls.java
"$jdk/bin/java" "${flags[@]}" -cp "$work/classes:$cp" FirstCalls 2>/dev/null
