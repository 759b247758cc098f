#!/usr/bin/env bash
# The long versions of the reliability tests (RELIABILITY.md), one after the other, each log kept
# under target/long-run/, and the bench's own ITs (tag `bench`: they run `wskemu bench --quick` on H2
# and on PostgreSQL and check every figure is printed). Not part of `mvn -B verify`: together they take
# about 50 minutes on two cores (fuzzing is 20 of them). A part that fails is reported and the next part
# still runs; the script exits 1 at the end if any failed.
#
#   scripts/long-run.sh            everything
#   scripts/long-run.sh race       one part: race, crash, faults, disk, damage, properties, fuzz or bench
#
# Fuzzing runs each Jazzer target for the maxDuration its @FuzzTest names (10 minutes), two at a
# time. A finding fails the run and leaves its input under the module's src/test/resources.
set -euo pipefail
cd "$(dirname "$0")/.."
logs=target/long-run
mkdir -p "$logs"
parts=("${@:-race crash faults disk damage properties fuzz bench}")
parts=(${parts[*]})

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }
failed=()
# runs one part's Maven command into its log; a failure is reported and the next part still runs
run() { # log name, command...
  local log="$logs/$1.log"; shift
  if ! "$@" >"$log" 2>&1; then
    failed+=("$log")
    echo "FAILED: see $log"
    grep -h -A6 '<<< FAIL' "$log" | head -20 || true
  fi
}

mvn -B -q install -DskipTests

for part in "${parts[@]}"; do
  case "$part" in
    race)
      step "races: 50,000 calls under wsk and 10,000 under each other profile, 8 threads, H2 store"
      run race mvn -B -pl persistence surefire:test -Dtest=H2BindRaceTest -Dwskemu.long=true
      grep -h 'H2BindRaceTest' "$logs/race.log" | grep -v 'Tests run' || true ;;
    crash)
      step "crashes: 10 runs of a 20,000-call session killed with SIGKILL, then one that finishes"
      run crash mvn -B -pl cli failsafe:integration-test failsafe:verify -Dit.test='CrashIT' -Dwskemu.long=true
      grep -h '^CrashIT:' "$logs/crash.log" || true ;;
    faults)
      step "the team store under faults: 4 writers on PostgreSQL, writers (SIGKILL) and the server (pg_ctl -m immediate) killed at random for 6 minutes"
      run faults mvn -B -pl cli failsafe:integration-test failsafe:verify -Dit.test='PostgresFaultsIT' -Dwskemu.faults.seconds=360
      grep -h '^PostgresFaultsIT:' "$logs/faults.log" || true ;;
    disk)
      step "full disks: 50 rounds of a run that fills a 4 MiB tmpfs, queries on the full disk, then verify with room"
      run disk mvn -B -pl cli failsafe:integration-test failsafe:verify -Dit.test='DiskFullRoundsIT' -Dwskemu.long=true
      grep -h '^DiskFullRoundsIT:' "$logs/disk.log" || true ;;
    damage)
      step "damaged stores: 300 single-bit flips, each put to verify, history and state"
      run damage mvn -B -pl cli surefire:test -Dtest='DamagedStoreTest' -Dwskemu.long=true
      grep -h '^DamagedStoreTest:' "$logs/damage.log" || true ;;
    properties)
      step "properties (jqwik, fresh random seeds)"
      run properties mvn -B -pl security,kernel-engine surefire:test -Dtest='*PropertiesTest'
      grep -h 'Tests run:.*PropertiesTest' "$logs/properties.log" || true ;;
    fuzz)
      step "fuzzing (Jazzer): four targets, 10 minutes each, two at a time"
      fuzz() { # module, test filter, log name
        JAZZER_FUZZ=1 mvn -B -pl "$1" surefire:test -Dtest="$2" -Djunit.jupiter.execution.timeout.mode=disabled -Djazzer.hooks=true \
          >"$logs/fuzz-$3.log" 2>&1 || { echo "fuzz $3: FAILED (see $logs/fuzz-$3.log)"; return 1; }
        if grep -aq 'Is the code instrumented for coverage' "$logs/fuzz-$3.log"; then
          echo "fuzz $3: FAILED: no coverage feedback (is -Djazzer.hooks=true reaching the test JVM?)"; return 1
        fi
        echo "fuzz $3: $(grep -ah 'Done [0-9]* runs' "$logs/fuzz-$3.log" | tail -1);" \
          "$(grep -aoh 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9a-zA-Z]*' "$logs/fuzz-$3.log" | tail -1)"
      }
      fuzz cli 'SessionFileJazzerTest#lines*' session-lines & a=$!
      fuzz security 'SddlFuzzTest#parse*' sddl & b=$!
      wait $a || failed+=(fuzz-session-lines); wait $b || failed+=(fuzz-sddl)
      fuzz cli 'SessionFileJazzerTest#bytes*' session-bytes & a=$!
      fuzz kernel-api 'TransportAddressFuzzTest#parse*' address & b=$!
      wait $a || failed+=(fuzz-session-bytes); wait $b || failed+=(fuzz-address) ;;
    bench)
      step "the bench's ITs: wskemu bench --quick on H2 and on PostgreSQL, every figure printed"
      run bench mvn -B -pl cli failsafe:integration-test failsafe:verify -Dit.test='Bench*IT' -Dwskemu.excludedGroups=
      grep -h 'Tests run:.*Bench' "$logs/bench.log" || true ;;
    *) echo "unknown part '$part' (expected race, crash, faults, disk, damage, properties, fuzz or bench)" >&2; exit 2 ;;
  esac
done
step "done"
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
