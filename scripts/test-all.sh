#!/usr/bin/env bash
# Runs every test of the repository: all Maven modules (unit, SoftHSM2, PKI-service and CLI tests) and js-client.
# Installs what is missing first. Exit code is non-zero when anything fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh

echo "== Java: mvn verify (all modules) =="
mvn -B -ntp verify

echo "== js-client: npm test =="
(cd js-client && npm test)

echo "== smoke: ./kyso demo --once (fresh demo home) =="
demo_home="$(mktemp -d)"
trap 'rm -rf "$demo_home"' EXIT
export KYSO_DEMO_PKI_PORT=18471
KYSO_DEMO_HOME="$demo_home" ./kyso demo --once | tee "$demo_home.log"
grep -q "VGCA Token An (TEST)" "$demo_home.log"
KYSO_DEMO_HOME="$demo_home" ./kyso demo --once | grep -q "reusing the demo PKI"
rm -f "$demo_home.log"
echo "All tests passed."
