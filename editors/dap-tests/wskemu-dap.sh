#!/bin/sh
# Starts the adapter the tests talk to: the built command line (WSKEMU_JAR, by default the cli module's jar).
here="$(cd "$(dirname "$0")" && pwd)"
exec java -jar "${WSKEMU_JAR:-$here/../../cli/target/wskemu-cli.jar}" "$@"
