#!/usr/bin/env bash
set -uo pipefail
cd "$(dirname "$0")/../.."
for s in scripts/test-services/service-*.sh; do [ -e "$s" ] && bash "$s" stop; done
exit 0
