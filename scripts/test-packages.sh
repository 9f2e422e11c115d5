#!/usr/bin/env bash
# Package stage: builds the jlink runtime, app image, DEB and MSI (mvn -Ppackages), then
#   - installs the DEB on this machine, runs the installed agent, upgrades, removes and purges it (needs root;
#     skipped with a notice otherwise), and
#   - inspects the MSI with msitools.
# Prints package sizes and the installed agent's measurements, and closes with "Packages: N passed, N failed".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
offline=()
[ -d "$HOME/.m2/repository/org/apache/maven/plugins/maven-antrun-plugin" ] && offline=(-o)
echo "== packages: build (jlink, jpackage, dpkg-deb, wixl) =="
mvn -B -ntp -q "${offline[@]}" -Ppackages -Dmaven.test.skip=true -pl packaging -am package
out=packaging/target
version="$(sed -n 's/^KYSO_VERSION="\(.*\)"/\1/p' "$out/image/kyso/release")"
old_deb="$out/kyso-agent_$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$out/image/kyso/release")_amd64.deb"
# The same build under a higher version stands in for the next release in the upgrade test.
bash packaging/build.sh --lib "$out/lib" --out "$out" --version "$version" \
    --deb-version "$(dpkg-deb -f "$old_deb" Version)+upgradetest" --fast deb >/dev/null
new_deb="$out/kyso-agent_$(dpkg-deb -f "$old_deb" Version)+upgradetest_amd64.deb"
msi="$(ls "$out"/kyso-agent-*-x64.msi)"

measure="$(mktemp)"
log="$(mktemp)"
trap 'rm -f "$measure" "$log"' EXIT
status=0
bash packaging/tests/msi-inspect-test.sh "$msi" "$out/lib" | tee -a "$log" || status=1
if [ "$(id -u)" -eq 0 ]; then
  KYSO_MEASURE_FILE="$measure" bash packaging/tests/deb-install-test.sh "$old_deb" "$new_deb" | tee -a "$log" || status=1
else
  echo "== DEB install test skipped: needs root (CI runs as root)"
fi

kib() { echo $(( ($(stat -c %s "$1") + 1023) / 1024 )); }
get() { sed -n "s/^$1=//p" "$measure" | tail -1; }
echo "== measurements"
echo "  $(basename "$old_deb"): $(( $(kib "$old_deb") / 1024 )) MiB ($(kib "$old_deb") KiB)"
echo "  $(basename "$msi"): $(( $(kib "$msi") / 1024 )) MiB ($(kib "$msi") KiB, jars only: Java 17+ required on Windows)"
if [ -s "$measure" ]; then
  echo "  installed size (/opt/kyso): $(( $(get installed_size_kib) / 1024 )) MiB"
  echo "  cold start to first /v1/health answer: $(get cold_start_ms) ms (load average $(get load_average) on $(nproc) cores)"
  echo "  idle RSS after 5 s: $(( $(get idle_rss_kib) / 1024 )) MiB"
fi
passed=$(grep -Eo '^(DEB|MSI): [0-9]+ passed' "$log" | awk '{ s += $2 } END { print s + 0 }')
failed=$(grep -Eo '^(DEB|MSI): [0-9]+ passed, [0-9]+ failed' "$log" | awk '{ s += $4 } END { print s + 0 }')
echo "Packages: $passed passed, $failed failed"
exit $status
