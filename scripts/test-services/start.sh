#!/usr/bin/env bash
# Starts every test service (each script writes .tmp/services/<name>.json for the tests to read).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .tmp/services
for s in scripts/test-services/service-*.sh; do
  [ -e "$s" ] || continue
  echo "starting $(basename "$s" .sh)"
  bash "$s" start
done
