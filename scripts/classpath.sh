#!/usr/bin/env bash
# Prints the class path of the installed library (ndarray-api, ndarray-cpu and what they need), for
# `java -cp` and jshell. Needs `./mvnw install -DskipTests` first; resolves scripts/user-project/pom.xml.
#   scripts/classpath.sh            # the CPU backend
#   scripts/classpath.sh -Pcuda     # and the CUDA backend
# Other arguments go to Maven (e.g. -o for offline).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
if ! "$root/mvnw" -q -B -f "$root/scripts/user-project/pom.xml" dependency:build-classpath \
        -Dmdep.includeScope=runtime -Dmdep.outputFile="$out" "$@" >&2; then
    echo "classpath.sh: could not resolve the library; run ./mvnw install -DskipTests first" >&2
    exit 1
fi
cat "$out"
echo
