#!/usr/bin/env bash
# Opens JDK 25's jshell with the library on the class path and io.github.ndarray.* imported:
#   scripts/jshell.sh
#   echo 'ND.arange(6).reshape(2,3).sum()' | scripts/jshell.sh
# Needs `./mvnw install -DskipTests` first (the class path comes from scripts/classpath.sh; Maven
# arguments such as -o go through). JAVA_HOME is used if it is a JDK 25 or later, else the first
# /usr/lib/jvm/*25* found.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jdk=""
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jshell" ]] \
        && "$JAVA_HOME/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
    jdk="$JAVA_HOME"
else
    for d in /usr/lib/jvm/*25*; do
        if [[ -x "$d/bin/jshell" ]]; then jdk="$d"; break; fi
    done
fi
if [[ -z "$jdk" ]]; then
    echo "jshell.sh: no JDK 25 found; set JAVA_HOME to one" >&2
    exit 1
fi
cp="$("$root/scripts/classpath.sh" "$@")"
startup="$(mktemp --suffix=.jsh)"
trap 'rm -f "$startup"' EXIT
echo 'import io.github.ndarray.*;' > "$startup"
# -R: options of the JVM that runs the snippets; -J: of jshell's own. --add-modules for the compiler too.
# -q without a terminal: only the results.
quiet=()
[[ -t 0 ]] || quiet=(-q)
"$jdk/bin/jshell" "${quiet[@]}" --class-path "$cp" --add-modules jdk.incubator.vector \
    -R--add-modules=jdk.incubator.vector -R--enable-native-access=ALL-UNNAMED \
    --startup DEFAULT --startup "$startup"
