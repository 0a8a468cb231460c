#!/usr/bin/env bash
# Starts every test service (each script writes .tmp/services/<name>.json for the tests to read).
# If one fails, the services this run started are stopped again (and the failing one cleans up
# after itself), so nothing is left running until its watchdog; one already running before this
# run (its descriptor was there) is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .tmp/services
started=()
stop_started() {
  local s
  for s in "${started[@]}"; do bash "$s" stop || true; done
}
trap 'rc=$?; if [ "$rc" != 0 ]; then echo "a test service failed to start: stopping what this run started" >&2; stop_started; fi; exit "$rc"' EXIT
for s in scripts/test-services/service-*.sh; do
  [ -e "$s" ] || continue
  name=$(basename "$s" .sh)
  echo "starting $name"
  [ -e ".tmp/services/${name#service-}.json" ] || started+=("$s")
  bash "$s" start
done
