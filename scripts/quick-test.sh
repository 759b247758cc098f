#!/usr/bin/env bash
# The fast loop: every module's tests except the slow ones, by their JUnit tag: fuzz (Jazzer's seed
# corpora), property (jqwik), kill (child JVMs killed mid-write), race (threads racing for one port),
# postgres (a PostgreSQL cluster of their own), browser (headless Chromium), bench (the bench's own
# ITs, which also stay out of the full run: scripts/long-run.sh runs them) and slow (whole-store
# sweeps: damage, digest and fold tests over many stores, the bench's correctness checks); and
# without the integration tests (*IT: each starts JVMs of its own). No javadoc or source jars, nothing
# installed. The full suite is scripts/test.sh (what CI runs).
#
# Arguments go to Maven, e.g. a private local repository or one module:
#   scripts/quick-test.sh -Dmaven.repo.local=/tmp/m2
#   scripts/quick-test.sh -pl persistence -am
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify -Dwskemu.excludedGroups=bench,fuzz,property,kill,race,postgres,browser,slow -DskipITs \
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true "$@"
