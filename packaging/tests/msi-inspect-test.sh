#!/usr/bin/env bash
# Reads the MSI back with msitools (no Windows here) and checks what a silent GPO deployment relies on: the stable
# UpgradeCode, per-machine install under Program Files, every jar byte for byte, the HKLM Run autostart, the public
# provisioning properties reaching the provisioning action, the Java 17+ launch condition, upgrade handling.
#   msi-inspect-test.sh FILE.msi LIB_DIR      prints one line per check and "MSI: N passed, N failed"
set -uo pipefail
msi="$(readlink -f "$1")" lib="$(readlink -f "$2")"
UPGRADE_CODE="{CFE9D7F6-8EC0-4174-8B96-4BD6CCEA4EEB}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() {
  local what="$1"; shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1)); echo "  ok   $what"
  else
    failed=$((failed + 1)); echo "  FAIL $what"
  fi
}
table() { msiinfo export "$msi" "$1" | tr -d '\r' | tail -n +4; }
for t in Property File Directory Component Registry CustomAction InstallExecuteSequence LaunchCondition Upgrade \
    AppSearch RegLocator Feature FeatureComponents; do
  table "$t" > "$work/$t.idt"
done
prop() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$work/Property.idt"; }
has_row() { grep -qP "$2" "$work/$1.idt"; }

echo "== MSI: $(basename "$msi")"
check "UpgradeCode is the product's stable one" test "$(prop UpgradeCode)" = "$UPGRADE_CODE"
check "ProductVersion is three numbers" sh -c "echo '$(prop ProductVersion)' | grep -qE '^[0-9]+\.[0-9]+\.[0-9]+$'"
check "per-machine install (ALLUSERS=1)" test "$(prop ALLUSERS)" = 1
check "64-bit package (summary template x64)" sh -c "msiinfo suminfo '$msi' | grep -q 'x64'"
check "installs into Program Files\\Kyso Agent" sh -c "grep -qP '^INSTALLDIR\tProgramFiles64Folder\t.*Kyso Agent' '$work/Directory.idt'"
check "upgrade: older versions of the same UpgradeCode are replaced" sh -c "grep -qF '$UPGRADE_CODE' '$work/Upgrade.idt' && grep -qP '^RemoveExistingProducts\t' '$work/InstallExecuteSequence.idt'"
check "upgrade: a downgrade is refused" grep -q WIX_DOWNGRADE_DETECTED "$work/LaunchCondition.idt"
for p in ALLOWED_ORIGINS TOKEN_LIBRARIES TSA_URL PKI_REMAP TRUST_IMPORT PROVISIONING_FILE; do
  check "public property $p reaches the provisioning action" sh -c "grep -P '^Provision\t' '$work/CustomAction.idt' | grep -qF '\"[$p] \"'"
done
check "provisioning runs deferred as SYSTEM, failure aborts (type 3122)" grep -qP '^Provision\t3122\tPOWERSHELL\t' "$work/CustomAction.idt"
check "provisioning after the files are installed, not on removal" grep -qP '^Provision\tNOT REMOVE\t' "$work/InstallExecuteSequence.idt"
check "real uninstall (not upgrade) removes config and policies" grep -qP '^Unprovision\tREMOVE="ALL" AND NOT UPGRADINGPRODUCTCODE\t' "$work/InstallExecuteSequence.idt"
check "Java 17+ launch condition with the message" sh -c "grep -P '^Installed OR KYSO_JAVA\t' '$work/LaunchCondition.idt' | grep -q 'needs Java 17 or later'"
check "Java found from JAVA_HOME when KYSO_JAVA is not given" grep -qP '^JavaFromEnvironment\t\d+\tKYSO_JAVA\t\[%JAVA_HOME\]' "$work/CustomAction.idt"
# Registry rows: root 2 = HKLM; prints the value of Key/Name.
reg_value() { awk -F'\t' -v k="$1" -v n="$2" '$2 == 2 && $3 == k && $4 == n { print $5 }' "$work/Registry.idt"; }
run_value="$(reg_value 'SOFTWARE\Microsoft\Windows\CurrentVersion\Run' 'Kyso Agent')"
run_starts_agent() {
  [[ "$run_value" == *'"[KYSO_JAVA]\bin\javaw.exe" '* && "$run_value" == *' -cp "[INSTALLDIR]lib\*" vn.kyso.cli.Main serve' ]]
}
check "HKLM Run autostart: javaw of the found Java, the agent's jars, kyso serve" run_starts_agent
check "HKLM Run value is expandable (log in %TEMP%)" sh -c "echo '$run_value' | grep -q '^#%.*%TEMP%'"
for n in InstallDir Version JavaHome; do
  check "HKLM\\SOFTWARE\\Kyso\\Kyso Agent records $n" test -n "$(reg_value 'SOFTWARE\Kyso\Kyso Agent' "$n")"
done
check "every component is 64-bit" sh -c "awk -F'\t' '{ if (int(\$4 / 256) % 2 != 1) bad = 1 } END { exit bad }' '$work/Component.idt'"

# Files: every runtime jar, the command line and the provisioning script, and nothing else.
(cd "$lib" && ls *.jar) | sort > "$work/expected.txt"
printf '%s\n' kyso.cmd kyso-provision.ps1 >> "$work/expected.txt"
sort -o "$work/expected.txt" "$work/expected.txt"
awk -F'\t' '{ n = $3; sub(/^[^|]*\|/, "", n); print n }' "$work/File.idt" | sort > "$work/files.txt"
check "File table holds exactly the jars, kyso.cmd and kyso-provision.ps1" diff "$work/expected.txt" "$work/files.txt"
mkdir -p "$work/x"
(cd "$work/x" && msiextract "$msi" >/dev/null 2>&1)
jar_ok=true
for jar in "$lib"/*.jar; do
  found="$(find "$work/x" -name "$(basename "$jar")" -print -quit)"
  [ -n "$found" ] && cmp -s "$jar" "$found" || { jar_ok=false; echo "    differs or missing: $(basename "$jar")"; }
done
check "extracted jars equal the built ones byte for byte" $jar_ok
check "extracted layout: Kyso Agent\\lib and Kyso Agent\\bin" sh -c "find '$work/x' -path '*Kyso Agent/lib/kyso-agent-*.jar' | grep -q . && find '$work/x' -path '*Kyso Agent/bin/kyso-provision.ps1' | grep -q ."

echo "MSI: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
