#!/usr/bin/env bash
# Checks that the embedding snippet builds as written on Maven 3.8 (README.md, "Getting the artifacts"),
# with no SLF4J warning: a project made of README's pom snippet (wrapped in a project's coordinates) and
# examples/embedding's tests but the one that needs Awaitility, then examples/embedding itself, each built with `verify` by Maven 3.8.8.
#
# A manual, long-run check: it needs the network the first time (Maven 3.8.8's distribution, and the
# plugins and libraries the project uses, into the local repository), and the wskemu artifacts
# installed first (`mvn install -DskipTests`, into the same local repository).
#
#   scripts/check-embedding-maven38.sh [-Dmaven.repo.local=/path/to/m2]
#
# Arguments go to every Maven run. Exit 0: both built, tests ran, no SLF4J line; else 1 with the reason.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/target/maven38-check"
version=3.8.8
mkdir -p "$work"
maven="$work/apache-maven-$version/bin/mvn"
if [ ! -x "$maven" ]; then
  mvn -B -q "$@" dependency:copy -Dartifact="org.apache.maven:apache-maven:$version:tar.gz:bin" -DoutputDirectory="$work"
  tar xzf "$work/apache-maven-$version-bin.tar.gz" -C "$work"
fi
"$maven" -v | head -1 | grep -q "Apache Maven $version" || { echo "not Maven $version: $("$maven" -v | head -1)"; exit 1; }

# README's snippet, as written, inside a project of its own
project="$work/snippet"
rm -rf "$project"
mkdir -p "$project"
snippet="$(awk '/^A whole `pom.xml` that builds as written/ {found=1} found && /^```xml/ {inside=1; next} inside && /^```/ {exit} inside {print}' "$root/README.md")"
[ -n "$snippet" ] || { echo "README.md: the embedding snippet was not found"; exit 1; }
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<project xmlns="http://maven.apache.org/POM/4.0.0">'
  echo '<modelVersion>4.0.0</modelVersion>'
  echo '<groupId>com.example</groupId><artifactId>readme-snippet</artifactId><version>1.0-SNAPSHOT</version>'
  echo "$snippet"
  echo '</project>'
} > "$project/pom.xml"
cp -r "$root/examples/embedding/src" "$project/src"
# the snippet names the kit, not Awaitility: the example that waits with Awaitility stays in examples/embedding
grep -rl 'org.awaitility' "$project/src" | xargs -r rm

check() {
  local name="$1" pom="$2" log="$work/$1.log"
  shift 2
  if ! "$maven" -B -f "$pom" "$@" verify > "$log" 2>&1; then
    tail -40 "$log"; echo "$name: the build failed on Maven $version (log: $log)"; exit 1
  fi
  grep -q "Tests run: [1-9]" "$log" || { echo "$name: no test ran (log: $log)"; exit 1; }
  if grep -n "SLF4J" "$log"; then echo "$name: SLF4J printed a warning (log: $log)"; exit 1; fi
  echo "$name: built and tested on Maven $version, no SLF4J warning ($(grep '^\[INFO\] Tests run:' "$log" | tail -1 | sed 's/^\[INFO\] //'))"
}
check snippet "$project/pom.xml" "$@"
check examples-embedding "$root/examples/embedding/pom.xml" "$@"
