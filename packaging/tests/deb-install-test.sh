#!/usr/bin/env bash
# Installs the DEB on this machine (root, Debian 12) the way IT would, provisioned from a file plus a debconf answer,
# runs the installed agent as an unprivileged user (so /opt/kyso is read-only to it) against a SoftHSM2 token,
# upgrades to a newer build, removes, purges, and checks that nothing of the package is left.
#   deb-install-test.sh OLD.deb NEW.deb      prints one line per check and "DEB: N passed, N failed"
# Measures: installed size, cold start to the first /v1/health answer, idle RSS (written to $KYSO_MEASURE_FILE).
set -uo pipefail
old_deb="$(readlink -f "$1")" new_deb="$(readlink -f "$2")"
[ "$(id -u)" -eq 0 ] || { echo "deb-install-test: must run as root (installs a package)" >&2; exit 2; }
if dpkg-query -W -f='${Status}' kyso-agent 2>/dev/null | grep -q installed; then
  echo "deb-install-test: kyso-agent is already installed here; not touching a real installation" >&2; exit 2
fi
measure_file="${KYSO_MEASURE_FILE:-/dev/null}"
port=18491
origin="https://qlvb.install-test.example"
work="$(mktemp -d /tmp/kyso-deb-test.XXXXXX)"
chmod 0755 "$work"
agent_pid="" first_pid=""
passed=0 failed=0

check() {
  local what="$1"; shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1)); echo "  ok   $what"
  else
    failed=$((failed + 1)); echo "  FAIL $what"
  fi
}

cleanup() {
  [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null
  [ -n "$first_pid" ] && kill "$first_pid" 2>/dev/null
  if dpkg-query -W -f='${Status}' kyso-agent 2>/dev/null | grep -q installed; then
    DEBIAN_FRONTEND=noninteractive dpkg -P kyso-agent >/dev/null 2>&1
  fi
  # A test stopped before the purge leaves the preseeded answer behind; forget it.
  echo PURGE | debconf-communicate kyso-agent >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# What the machine looks like without the package (names only; package databases and logs aside).
snapshot() {
  find /etc /opt /usr /var/lib /var/cache/debconf -xdev \
      -path /var/lib/dpkg -prune -o -path /var/lib/apt -prune -o -path /var/lib/systemd -prune -o \
      -path /var/lib/ucf -prune -o -print 2>/dev/null | sort
}
snapshot > "$work/before.txt"

# A SoftHSM2 token the unprivileged user owns.
mkdir -p "$work/tokens" "$work/home"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$work/tokens" > "$work/softhsm2.conf"
SOFTHSM2_CONF="$work/softhsm2.conf" softhsm2-util --init-token --free --label "Kyso Install Test" \
    --pin 123456 --so-pin 12345678 >/dev/null
# A root to import, as IT would hand out the agency's roots.
mkdir -p "$work/roots"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/root.key" -out "$work/roots/agency-root.pem" -days 30 \
    -subj "/CN=Install Test Root/O=Kyso/C=VN" >/dev/null 2>&1
chown -R nobody:nogroup "$work/tokens" "$work/home"

cat > "$work/provision.properties" <<EOF
# Provisioning as IT writes it
origins.allowed=$origin
token.libraries=/usr/lib/softhsm/libsofthsm2.so
token.discover=false
server.port=$port
tsa.url=http://127.0.0.1:9/from-file
pki.remap=ocsp.install-test.example=127.0.0.1:9
trust.import=$work/roots
EOF
# The debconf answer wins over the file.
echo "kyso-agent kyso-agent/tsa-url string http://127.0.0.1:9/from-debconf" | debconf-set-selections

# nobody's passwd home is /nonexistent, and Java takes user.home from passwd: point it at a home the test owns.
as_user() {
  setpriv --reuid=nobody --regid=nogroup --clear-groups env -i HOME="$work/home" PATH=/usr/bin:/bin \
      SOFTHSM2_CONF="$work/softhsm2.conf" LANG=C.UTF-8 JAVA_TOOL_OPTIONS="-Duser.home=$work/home" "$@"
}

# The agent lets in only its own OS user's connections (PEER_USER_MISMATCH otherwise): ask it as nobody too.
peer_curl() {
  setpriv --reuid=nobody --regid=nogroup --clear-groups curl "$@"
}

# start_agent [PORT]: starts `kyso serve` as nobody (pid in agent_pid), writes the milliseconds to its first
# /v1/health answer to $work/cold_ms.
start_agent() {
  local started p="${1:-$port}"
  if curl -s -o /dev/null "http://127.0.0.1:$p/v1/health"; then
    echo "port $p is already answering; another agent is running" >&2
    return 1
  fi
  started=$(date +%s%N)
  # exec, so that $! is the agent itself (its RSS is measured, removal must stop it).
  (exec setpriv --reuid=nobody --regid=nogroup --clear-groups env -i HOME="$work/home" PATH=/usr/bin:/bin \
      SOFTHSM2_CONF="$work/softhsm2.conf" LANG=C.UTF-8 JAVA_TOOL_OPTIONS="-Duser.home=$work/home" \
      /usr/bin/kyso serve --port "$p" > "$work/serve.log" 2>&1) &
  agent_pid=$!
  for _ in $(seq 1 300); do
    if peer_curl -fsS "http://127.0.0.1:$p/v1/health" > "$work/health.json" 2>/dev/null; then
      echo $(( ($(date +%s%N) - started) / 1000000 )) > "$work/cold_ms"
      return 0
    fi
    kill -0 "$agent_pid" 2>/dev/null || break
    sleep 0.05
  done
  cat "$work/serve.log" >&2
  return 1
}

stop_agent() {
  [ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null && wait "$agent_pid" 2>/dev/null
  agent_pid=""
}

version_of() { dpkg-deb -f "$1" Version; }

echo "== DEB install: $(basename "$old_deb")"
check "dpkg-deb: package is kyso-agent for amd64" test "$(dpkg-deb -f "$old_deb" Package)/$(dpkg-deb -f "$old_deb" Architecture)" = kyso-agent/amd64
check "dpkg-deb: depends on the system libraries of the runtime" sh -c "dpkg-deb -f '$old_deb' Depends | grep -q 'libc6' && dpkg-deb -f '$old_deb' Depends | grep -q 'zlib1g'"
check "dpkg -i with KYSO_PROVISION_FILE" env KYSO_PROVISION_FILE="$work/provision.properties" DEBIAN_FRONTEND=noninteractive \
    dpkg -i "$old_deb"
check "installed version is $(version_of "$old_deb")" test "$(dpkg-query -W -f='${Version}' kyso-agent)" = "$(version_of "$old_deb")"
check "launcher /usr/bin/kyso -> /opt/kyso/bin/kyso" test "$(readlink -f /usr/bin/kyso)" = /opt/kyso/bin/kyso
check "bundled runtime keeps bin/java (driver probe)" test -x /opt/kyso/lib/runtime/bin/java
# Every security provider the runtime's java.security names must be one it has: a missing one is searched for on the
# class path at lookups, instantiating BouncyCastle's providers from the agent's jars (build.sh says more).
javac_bin="$(command -v javac || true)"
if [ -n "$javac_bin" ] && "$javac_bin" -d "$work" "$(dirname "$0")/ProviderProbe.java" 2>/dev/null; then
  check "runtime names only the security providers it has" /opt/kyso/lib/runtime/bin/java -cp "$work" ProviderProbe
else
  echo "  (no javac on this machine: the runtime's security providers not checked)"
fi
check "XDG autostart entry" grep -qx "Exec=/opt/kyso/bin/kyso-autostart" /etc/xdg/autostart/kyso-agent.desktop
check "config: origins.allowed provisioned" grep -qx "origins.allowed=$origin" /etc/kyso/agent.properties
check "config: token library provisioned" grep -qx "token.libraries=/usr/lib/softhsm/libsofthsm2.so" /etc/kyso/agent.properties
check "config: pki.remap provisioned" grep -qx "pki.remap=ocsp.install-test.example=127.0.0.1:9" /etc/kyso/agent.properties
check "config: debconf answer wins over the file" grep -qx "tsa.url=http://127.0.0.1:9/from-debconf" /etc/kyso/agent.properties
check "config: roots imported to /etc/kyso/trust" sh -c "test -f /etc/kyso/trust/agency-root.pem && grep -qx 'trust.directory=/etc/kyso/trust' /etc/kyso/agent.properties"
for dir in /etc/opt/chrome/policies/managed /etc/chromium/policies/managed /etc/opt/edge/policies/managed; do
  check "browser policy in $dir" sh -c "python3 -c 'import json,sys; d=json.load(open(\"$dir/kyso-agent.json\")); sys.exit(d[\"LocalNetworkAccessAllowedForUrls\"]!=[\"$origin\"])'"
done
installed_kib=$(du -sk /opt/kyso | cut -f1)
echo "installed_size_kib=$installed_kib" >> "$measure_file"
echo "  installed size of /opt/kyso: $((installed_kib / 1024)) MiB"

echo "== installed agent, run as nobody (read-only /opt)"
touch "$work/marker"
check "kyso version" sh -c "$(declare -f as_user); work='$work'; as_user /usr/bin/kyso version | grep -q '^kyso '"
# -Xshare:on makes the JVM stop instead of silently starting without an archive it cannot use (wrong path, a jar
# changed after packaging): the installed launcher must find its class-data archive at /opt/kyso.
if [ -f /opt/kyso/lib/app/kyso.jsa ]; then
  check "class-data archive used by the installed launcher" setpriv --reuid=nobody --regid=nogroup --clear-groups \
      env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 JAVA_TOOL_OPTIONS="-Xshare:on -Duser.home=$work/home" \
      /usr/bin/kyso version
else
  echo "  (no class-data archive in this build: python3 or unshare missing on the build machine; skipped)"
fi
as_user /usr/bin/kyso help > "$work/help.txt" 2>&1
check "kyso tokens lists the SoftHSM2 token" sh -c "$(declare -f as_user); work='$work'; as_user /usr/bin/kyso tokens | grep -q 'Kyso Install Test'"
if grep -qE '^\s+doctor\b' "$work/help.txt"; then
  check "kyso doctor" sh -c "$(declare -f as_user); work='$work'; as_user /usr/bin/kyso doctor"
else
  echo "  (kyso doctor not in this build's command list; skipped)"
fi
if start_agent; then
  cold_ms=$(cat "$work/cold_ms")
  passed=$((passed + 1)); echo "  ok   kyso serve answers /v1/health (cold start ${cold_ms} ms)"
  echo "cold_start_ms=$cold_ms" >> "$measure_file"
else
  failed=$((failed + 1)); echo "  FAIL kyso serve answers /v1/health"
fi
check "health says ok" grep -q '"status":"ok"' "$work/health.json"
check "provisioned origin is let in" sh -c "setpriv --reuid=nobody --regid=nogroup --clear-groups curl -fsS -H 'Origin: $origin' http://127.0.0.1:$port/v1/health | grep -q ok"
check "another OS user (root) is refused (PEER_USER_MISMATCH)" sh -c "curl -s http://127.0.0.1:$port/v1/health | grep -q PEER_USER_MISMATCH"
check "another origin is refused (403)" test "$(peer_curl -s -o /dev/null -w '%{http_code}' -H 'Origin: https://evil.example' "http://127.0.0.1:$port/v1/health")" = 403
sleep 5
rss_kib=$(awk '/^VmRSS/ {print $2}' "/proc/$agent_pid/status" 2>/dev/null)
echo "idle_rss_kib=${rss_kib:-0}" >> "$measure_file"
echo "load_average=$(cut -d' ' -f1 /proc/loadavg)" >> "$measure_file"
check "agent process measured" test -n "$rss_kib"
echo "  idle RSS after 5 s: $(( ${rss_kib:-0} / 1024 )) MiB"
check "nothing written under /opt/kyso by the running agent" test -z "$(find /opt/kyso -newer "$work/marker" -print -quit)"
# Left running across the upgrade, as on a desk: the removal below must still find and stop it.
first_pid="$agent_pid"

echo "== upgrade to $(version_of "$new_deb")"
echo "login.policy=every-signature" >> /etc/kyso/agent.properties
echo "kyso-agent kyso-agent/tsa-url string" | debconf-set-selections
check "dpkg -i newer build" env DEBIAN_FRONTEND=noninteractive dpkg -i "$new_deb"
check "installed version is $(version_of "$new_deb")" test "$(dpkg-query -W -f='${Version}' kyso-agent)" = "$(version_of "$new_deb")"
check "new files in place" grep -qx "PACKAGE_VERSION=\"$(version_of "$new_deb")\"" /opt/kyso/release
check "machine config kept, with the administrator's edit" sh -c "grep -qx 'origins.allowed=$origin' /etc/kyso/agent.properties && grep -qx 'login.policy=every-signature' /etc/kyso/agent.properties"
check "browser policy kept" test -f /etc/opt/chrome/policies/managed/kyso-agent.json
check "agent started before the upgrade still answers" sh -c "setpriv --reuid=nobody --regid=nogroup --clear-groups curl -fsS http://127.0.0.1:$port/v1/health | grep -q ok"
check "kyso version of the upgraded install" sh -c "$(declare -f as_user); work='$work'; as_user /usr/bin/kyso version | grep -q '^kyso '"
if start_agent $((port + 1)); then
  passed=$((passed + 1)); echo "  ok   upgraded agent answers /v1/health"
else
  failed=$((failed + 1)); echo "  FAIL upgraded agent answers /v1/health"
fi

echo "== remove (two agents running: one from before the upgrade, one after)"
running_pid="$agent_pid"
check "dpkg -r" env DEBIAN_FRONTEND=noninteractive dpkg -r kyso-agent
for _ in $(seq 1 50); do kill -0 "$running_pid" 2>/dev/null || kill -0 "$first_pid" 2>/dev/null || break; sleep 0.1; done
check "running agent stopped by removal" sh -c "test -n '$running_pid' && ! kill -0 '$running_pid'"
check "agent started before the upgrade stopped by removal" sh -c "test -n '$first_pid' && ! kill -0 '$first_pid'"
# any left running failed the checks above; stopped here so the test ends instead of waiting for it
kill -KILL "$running_pid" "$first_pid" 2>/dev/null || true
wait "$running_pid" "$first_pid" 2>/dev/null; agent_pid=""; first_pid=""
check "program gone (/opt/kyso, /usr/bin/kyso)" sh -c "test ! -e /opt/kyso && test ! -e /usr/bin/kyso && test ! -L /usr/bin/kyso"
check "autostart entry gone" test ! -e /etc/xdg/autostart/kyso-agent.desktop
check "browser policies gone" sh -c "! ls /etc/opt/chrome/policies/managed/kyso-agent.json /etc/chromium/policies/managed/kyso-agent.json /etc/opt/edge/policies/managed/kyso-agent.json 2>/dev/null | grep -q ."
check "machine config kept until purge" test -f /etc/kyso/agent.properties

echo "== purge"
check "dpkg -P" env DEBIAN_FRONTEND=noninteractive dpkg -P kyso-agent
check "package unknown to dpkg" sh -c "! dpkg-query -W -f='\${Status}' kyso-agent 2>/dev/null | grep -q installed"
check "/etc/kyso and /var/lib/kyso gone" sh -c "test ! -e /etc/kyso && test ! -e /var/lib/kyso"
check "debconf answers gone" sh -c "! debconf-show kyso-agent 2>/dev/null | grep -q ."
snapshot > "$work/after.txt"
diff "$work/before.txt" "$work/after.txt" > "$work/left.txt"
check "nothing left: /etc /opt /usr /var/lib as before the install" test ! -s "$work/left.txt"
[ -s "$work/left.txt" ] && sed 's/^/    /' "$work/left.txt" | head -20

echo "DEB: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
