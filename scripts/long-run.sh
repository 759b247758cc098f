#!/usr/bin/env bash
# The long versions of the reliability tests (RELIABILITY.md), one after the other, each log kept
# under target/long-run/. Not part of `mvn -B verify`: together they take about an hour.
#
#   scripts/long-run.sh            everything
#   scripts/long-run.sh race       one part: race, crash, damage, properties or fuzz
#
# Fuzzing runs each Jazzer target for the maxDuration its @FuzzTest names (10 minutes), two at a
# time. A finding fails the run and leaves its input under the module's src/test/resources.
set -euo pipefail
cd "$(dirname "$0")/.."
logs=target/long-run
mkdir -p "$logs"
parts=("${@:-race crash damage properties fuzz}")
parts=(${parts[*]})

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

mvn -B -q install -DskipTests

for part in "${parts[@]}"; do
  case "$part" in
    race)
      step "races: 50,000 calls under wsk and 10,000 under each other profile, 8 threads, H2 store"
      mvn -B -pl persistence surefire:test -Dtest=H2BindRaceTest -Dwskemu.long=true >"$logs/race.log" 2>&1
      grep -h 'H2BindRaceTest' "$logs/race.log" | grep -v 'Tests run' ;;
    crash)
      step "crashes: 10 runs of a 20,000-call session killed with SIGKILL, then one that finishes"
      mvn -B -pl cli surefire:test -Dtest='CrashTest' -Dwskemu.long=true >"$logs/crash.log" 2>&1
      grep -h '^CrashTest:' "$logs/crash.log" ;;
    damage)
      step "damaged stores: 300 single-bit flips, each put to verify, history and state"
      mvn -B -pl cli surefire:test -Dtest='DamagedStoreTest' -Dwskemu.long=true >"$logs/damage.log" 2>&1
      grep -h '^DamagedStoreTest:' "$logs/damage.log" ;;
    properties)
      step "properties (jqwik, fresh random seeds)"
      mvn -B -pl security,kernel-engine surefire:test -Dtest='*PropertiesTest' >"$logs/properties.log" 2>&1
      grep -h 'Tests run:.*PropertiesTest' "$logs/properties.log" ;;
    fuzz)
      step "fuzzing (Jazzer): four targets, 10 minutes each, two at a time"
      fuzz() { # module, test filter, log name
        JAZZER_FUZZ=1 mvn -B -pl "$1" surefire:test -Dtest="$2" -Djunit.jupiter.execution.timeout.mode=disabled \
          >"$logs/fuzz-$3.log" 2>&1 || { echo "fuzz $3: FAILED (see $logs/fuzz-$3.log)"; return 1; }
        echo "fuzz $3: $(grep -ah 'Done [0-9]* runs' "$logs/fuzz-$3.log" | tail -1)"
      }
      status=0
      fuzz cli 'SessionFileJazzerTest#lines*' session-lines & a=$!
      fuzz security 'SddlFuzzTest#parse*' sddl & b=$!
      wait $a || status=1; wait $b || status=1
      fuzz cli 'SessionFileJazzerTest#bytes*' session-bytes & a=$!
      fuzz kernel-api 'TransportAddressFuzzTest#parse*' address & b=$!
      wait $a || status=1; wait $b || status=1
      [ $status -eq 0 ] ;;
    *) echo "unknown part '$part' (expected race, crash, damage, properties or fuzz)" >&2; exit 2 ;;
  esac
done
step "done"
