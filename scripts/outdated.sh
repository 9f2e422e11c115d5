#!/usr/bin/env bash
# Prints the pinned versions (properties of the parent pom) that have newer releases on Maven Central: a report for
# people, never a failure — an offline machine or a slow registry only shortens it. Pre-releases are not offered.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
# The plugin's version comes from the parent pom's pluginManagement, so the short prefix is enough.
if timeout "${KYSO_OUTDATED_TIMEOUT:-180}" mvn -B -ntp versions:display-property-updates \
    -DprocessDependencyManagement=true \
    -Dmaven.version.ignore='(?i).*[-.](alpha|beta|rc|cr|m|ea|preview)[-.]?[0-9]*' >"$report" 2>&1; then
  updates="$(grep -- ' -> ' "$report" | sed 's/^\[INFO\] *//' | sort -u)"
  echo "${updates:-every pinned version is the newest release}"
else
  echo "outdated-dependency report unavailable (offline or registry too slow); not a failure"
fi
exit 0
