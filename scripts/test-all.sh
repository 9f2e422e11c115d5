#!/usr/bin/env bash
# Runs every test of the repository: all Maven modules (unit, SoftHSM2, PKI-service, CLI and browser tests — the
# last drive headless Chromium through the demo document system, see demo/BrowserTest) and js-client's unit tests.
# Installs what is missing first. Exit code is non-zero when anything fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh

echo "== Java: mvn verify (all modules) =="
mvn -B -ntp verify

echo "== js-client: npm test =="
js_log="$(mktemp)"
(cd js-client && npm test) | tee "$js_log"

echo "== smoke: ./kyso demo --once (fresh demo home) =="
demo_home="$(mktemp -d)"
trap 'rm -rf "$demo_home"' EXIT
export KYSO_DEMO_PKI_PORT=18471 KYSO_DEMO_AGENT_PORT=18472 KYSO_DEMO_WEB_PORT=18473
KYSO_DEMO_HOME="$demo_home" ./kyso demo --once | tee "$demo_home.log"
grep -q "VGCA Token An (TEST)" "$demo_home.log"
grep -q '"status":"ok"' "$demo_home.log"
KYSO_DEMO_HOME="$demo_home" ./kyso demo --once | grep -q "reusing the demo PKI"
rm -f "$demo_home.log"

echo "== packages: jlink/jpackage image, DEB install/upgrade/purge, MSI inspection =="
pkg_log="$(mktemp)"
bash scripts/test-packages.sh | tee "$pkg_log"
pkg_pass=$(sed -n 's/^Packages: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$pkg_log")
pkg_fail=$(sed -n 's/^Packages: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$pkg_log")
rm -f "$pkg_log"

echo "== dependencies: newer releases of the pinned versions (report only, never fails) =="
bash scripts/outdated.sh

# One closing line over everything that ran: Surefire reports of every module plus node's test runner.
java_counts=$(cat */target/surefire-reports/TEST-*.xml 2>/dev/null | grep -o '<testsuite [^>]*>' |
  awk '{ match($0, /tests="[0-9]+"/); t += substr($0, RSTART+7, RLENGTH-8);
         match($0, /failures="[0-9]+"/); f += substr($0, RSTART+10, RLENGTH-11);
         match($0, /errors="[0-9]+"/); e += substr($0, RSTART+8, RLENGTH-9);
         match($0, /skipped="[0-9]+"/); s += substr($0, RSTART+9, RLENGTH-10) }
       END { print t+0, f+e+0, s+0 }')
read -r java_tests java_failed java_skipped <<<"$java_counts"
js_pass=$(grep -E '^# pass ' "$js_log" | awk '{print $3}')
js_fail=$(grep -E '^# fail ' "$js_log" | awk '{print $3}')
rm -f "$js_log"
passed=$(( java_tests - java_failed - java_skipped + js_pass + 1 + ${pkg_pass:-0} ))
failed=$(( java_failed + js_fail + ${pkg_fail:-0} ))
browser_tests=$(grep -o '<testsuite [^>]*>' demo/target/surefire-reports/TEST-vn.kyso.demo.BrowserTest.xml 2>/dev/null |
  grep -o 'tests="[0-9]*"' | grep -o '[0-9]*' || echo 0)
echo "Java: $java_tests tests ($java_failed failed, $java_skipped skipped; of them $browser_tests browser tests in headless Chromium); js-client: $js_pass passed, $js_fail failed; demo smoke test: passed; packages: ${pkg_pass:-0} passed, ${pkg_fail:-0} failed"
echo "Summary: $passed passed, $failed failed"
