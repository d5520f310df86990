#!/usr/bin/env bash
# Builds the API reference (Javadoc) of the user-facing modules into target/apidocs:
# io.github.ndarray (NDArray, ND, Ufunc, JavaUfunc, Linalg, ...) and io.github.ndarray.broadcasting.
# The backend SPI is exported to backend modules only, so it is not part of the site (docs/spi.md
# describes it). Needs only JDK 25's javadoc, no build; about 10 s.
#   scripts/javadoc.sh && xdg-open target/apidocs/index.html
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jdk=""
for d in /usr/lib/jvm/*25*; do
  if [ -x "$d/bin/javadoc" ]; then jdk="$d"; break; fi
done
javadoc="${jdk:+$jdk/bin/}javadoc"
out="$root/target/apidocs"
rm -rf "$out"
"$javadoc" -quiet -d "$out" --add-modules jdk.incubator.vector \
  --module-source-path io.github.ndarray.broadcasting="$root/broadcasting/src/main/java" \
  --module-source-path io.github.ndarray="$root/ndarray-api/src/main/java" \
  --module io.github.ndarray.broadcasting,io.github.ndarray \
  -doctitle "ndarray for Java" -windowtitle "ndarray for Java" 2>&1 | grep -v -e "incubating" -e "^[0-9]* warnings\?$" || true
test -f "$out/index.html"
echo "$out/index.html"
