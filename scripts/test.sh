#!/usr/bin/env bash
# The tests, as CI runs them (.ci/run) and README names them: every module's tests and integration
# tests (`mvn install` runs `verify` first, then puts the artifacts in the local repository), then
# the standalone examples/embedding project built against those installed artifacts, as an
# embedder's project would be after a fresh clone and `mvn install`.
#
# Arguments go to both Maven runs, e.g. a private local repository:
#   scripts/test.sh -Dmaven.repo.local=/tmp/m2
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B install "$@"
mvn -B -f examples/embedding/pom.xml verify "$@"
