#!/usr/bin/env bash
# Builds Kyso Agent's installable forms from the agent's runtime jars:
#   runtime  a jlink'd Java runtime holding only the modules the jars need (jdeps) plus those used reflectively
#   image    a jpackage application image (lib/app jars and kyso.cfg, lib/runtime; bin/kyso our launcher script)
#            = what goes to /opt/kyso
#   deb      kyso-agent_<version>_amd64.deb (dpkg-deb; maintainer scripts in linux/debian)
#   msi      kyso-agent-<version>-x64.msi (wixl; sources in windows/)
# Usage: build.sh --lib DIR --out DIR --version V [--deb-version V] [--fast] [stage …]   (no stage = all)
# Called by `mvn -Ppackages -pl packaging -am package` (which fills --lib) and by scripts/test-packages.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

lib="" out="" version="" deb_version="" stages=() compression=(-Zxz)
while [ $# -gt 0 ]; do
  case "$1" in
    --lib) lib="$(cd "$2" && pwd)"; shift 2 ;;
    --out) mkdir -p "$2"; out="$(cd "$2" && pwd)"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --deb-version) deb_version="$2"; shift 2 ;;
    --fast) compression=(-Zgzip -z1); shift ;;   # test builds: quick to pack, bigger
    runtime|image|deb|msi) stages+=("$1"); shift ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$lib" ] && [ -n "$out" ] && [ -n "$version" ] || { echo "usage: build.sh --lib DIR --out DIR --version V [stage…]" >&2; exit 2; }
[ ${#stages[@]} -eq 0 ] && stages=(runtime image deb msi)
# Debian orders 0.1.0~SNAPSHOT before 0.1.0; Windows Installer wants three numbers.
[ -n "$deb_version" ] || deb_version="${version//-/\~}"
msi_version="$(echo "$version" | grep -oE '^[0-9]+(\.[0-9]+){0,2}')"
main_jar="$(cd "$lib" && ls kyso-agent-*.jar | head -1)"
[ -n "$main_jar" ] || { echo "build.sh: no kyso-agent-*.jar in $lib" >&2; exit 1; }
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
say() { echo "packaging: $*"; }

# Modules no import names: EC keys for TLS (HTTPS TSA/OCSP), Unsafe for Jetty and Jackson, Vietnamese locale data.
EXTRA_MODULES="jdk.crypto.ec,jdk.unsupported,jdk.localedata"
# The agent idles all day on office PCs and must start fast at login (README, "Start and memory"):
#   serial GC, a small first heap that grows for a large document and is handed back after it (free ratios);
#   the old generation grown 8 MB at a time: each growth costs a full collection (the serial collector collects the
#   old generation right after growing it), and 1 MB steps took seven of them during a first signature, not three;
#   no hsperfdata file in /tmp (nobody attaches jstat to the agent; one file write and mapping fewer per start);
#   glibc's malloc arenas given back to the system every minute (the JDK's native heap trimmer, when it has one);
#   a first heap of 12 MB, which the start fills without a full collection (at 8 MB it took two, stopping every thread);
#   the optimising compiler (C2) only for code that stays hot well past the start (thresholds ×10): at the defaults it
#   spent ~0.4 s of CPU compiling start-up code before the first health answer, beside the main thread on a 2-core PC.
#   Hashing a large document is not slowed: the first 50 MB a fresh JVM hashes took as long with these thresholds.
JAVA_OPTIONS="-Dfile.encoding=UTF-8 -XX:+UseSerialGC -Xms12m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
JAVA_OPTIONS+=" -XX:MinHeapDeltaBytes=8m -XX:-UsePerfData"
JAVA_OPTIONS+=" -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000"
JAVA_OPTIONS+=" -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=400000"
TRIM_OPTIONS="-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=60000"

build_runtime() {
  local modules
  # jdeps resolves every explicit module's descriptor, and fails on one that requires a module nobody ships (xmlsec 4
  # names jakarta.xml.bind, which it needs only for features the agent does not use). The agent runs on the class
  # path, where such requirements do not apply: those jars are left out of jdeps and their JDK modules taken from
  # their descriptors instead.
  local available jars=() described=""
  available="$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//')"
  for jar in "$lib"/*.jar; do
    available+=$'\n'"$("$JAVA_HOME/bin/jar" --describe-module --file "$jar" --release 17 2>/dev/null |
      sed -n '1s/@.*//p' | grep -v '^No module descriptor' || true)"
  done
  for jar in "$lib"/*.jar; do
    local required missing
    required="$("$JAVA_HOME/bin/jar" --describe-module --file "$jar" --release 17 2>/dev/null |
      awk '$1 == "requires" && $0 !~ / static/ {print $2}' || true)"
    missing="$(grep -vxF -f <(grep -v '^$' <<<"$available") <<<"$required" || true)"
    if [ -n "$missing" ]; then
      described+="$(grep -E '^(java|jdk)\.' <<<"$required" | paste -sd, -),"
    else
      jars+=("$jar")
    fi
  done
  modules="$("$JAVA_HOME/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
      --recursive "${jars[@]}" 2>/dev/null | tail -1)"
  [ -n "$modules" ] || { echo "build.sh: jdeps found no modules" >&2; exit 1; }
  modules="$(tr ',' '\n' <<<"$modules,${described}$EXTRA_MODULES" | grep -v '^$' | sort -u | paste -sd, -)"
  say "jlink runtime with $modules"
  rm -rf "$out/runtime"
  # bin/java stays: the token layer probes unknown PKCS#11 libraries in a child JVM started from it.
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$out/runtime" --strip-debug --no-header-files \
      --no-man-pages --compress=2 --include-locales=en,vi --strip-native-debug-symbols=exclude-debuginfo-files \
      --generate-cds-archive
  # The class-data archive for heaps over 32 GB is of no use to a small agent.
  rm -f "$out/runtime/lib/server/classes_nocoops.jsa"
  keep_present_security_providers "$out/runtime"
  echo "$modules" > "$out/runtime.modules"
}

# jlink copies the JDK's java.security, which names the security provider of every JDK module. A provider whose module
# this runtime lacks (SunJGSS, SunPCSC, JdkSASL, SunPKCS11) is looked for on the class path by a service-loader scan,
# again at every lookup that passes it (up to 30 times each); the scan instantiates whatever providers the agent's
# jars declare — BouncyCastle's two, the post-quantum one loading some 600 classes — which the agent never asks for
# by name. On a cold JVM a first signature paid about 0.4 s of CPU for it. The list keeps, in their order, the
# providers whose module is in the runtime; a name not known here is kept as it is.
keep_present_security_providers() {
  local runtime="$1" file="$1/conf/security/java.security" present kept="" n=0 name module
  present="$("$runtime/bin/java" --list-modules | sed 's/@.*//')"
  while IFS= read -r name; do
    case "$name" in
      SUN|SunRsaSign|SunJSSE|SunJCE|Apple) module=java.base ;;
      SunEC) module=jdk.crypto.ec ;;
      SunJGSS) module=java.security.jgss ;;
      SunSASL) module=java.security.sasl ;;
      XMLDSig) module=java.xml.crypto ;;
      SunPCSC) module=java.smartcardio ;;
      JdkLDAP) module=java.naming ;;
      JdkSASL) module=jdk.security.jgss ;;
      SunPKCS11) module=jdk.crypto.cryptoki ;;
      SunMSCAPI) module=jdk.crypto.mscapi ;;
      *) module="" ;;
    esac
    if [ -z "$module" ] || grep -qxF "$module" <<<"$present"; then
      n=$((n + 1))
      kept+="security.provider.$n=$name"$'\n'
    fi
  done < <(sed -n 's/^security\.provider\.[0-9][0-9]*=//p' "$file")
  [ "$n" -gt 0 ] || { echo "build.sh: no security provider left in $file" >&2; exit 1; }
  # The first provider line is replaced by the kept list, the others dropped.
  awk -v kept="$kept" '/^security\.provider\.[0-9]+=/ { if (!done) { printf "%s", kept; done = 1 } next } { print }' \
      "$file" > "$file.tmp" && mv "$file.tmp" "$file"
  say "security providers: $(sed -n 's/^security\.provider\.[0-9][0-9]*=//p' "$file" | paste -sd' ' -)"
}

build_image() {
  [ -d "$out/runtime" ] || build_runtime
  local options="$JAVA_OPTIONS"
  if "$out/runtime/bin/java" $TRIM_OPTIONS -version >/dev/null 2>&1; then
    options="$options $TRIM_OPTIONS"
  fi
  say "jpackage app image ($version)"
  rm -rf "$out/image"
  mkdir -p "$out/image"
  "$JAVA_HOME/bin/jpackage" --type app-image --name kyso --dest "$out/image" \
      --input "$lib" --main-jar "$main_jar" --main-class vn.kyso.cli.Main \
      --runtime-image "$out/runtime" --app-version "$msi_version" \
      --description "Kyso Agent — ký số văn bản bằng token USB" --vendor "Kyso" \
      --java-options "$options"
  local app="$out/image/kyso"
  [ -x "$app/lib/runtime/bin/java" ] || { echo "build.sh: runtime image lost bin/java" >&2; exit 1; }
  # Our launcher replaces jpackage's, which runs dpkg -S and dpkg -L at every start (linux/kyso says more); it reads
  # the same lib/app/kyso.cfg.
  install -m 0755 "$HERE/linux/kyso" "$app/bin/kyso"
  rm -f "$app/lib/libapplauncher.so"
  # the runtime's java under the agent's name, so process lists show "kyso" as with jpackage's launcher
  ln -f "$app/lib/runtime/bin/java" "$app/lib/runtime/bin/kyso"
  install -m 0755 "$HERE/linux/kyso-autostart" "$app/bin/kyso-autostart"
  install -m 0755 "$HERE/linux/kyso-provision" "$app/bin/kyso-provision"
  printf 'KYSO_VERSION="%s"\nPACKAGE_VERSION="%s"\nBUILD_TIME="%s"\nJAVA_MODULES="%s"\n' "$version" \
      "$deb_version" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(cat "$out/runtime.modules")" > "$app/release"
  train_class_data "$app"
}

# Application class-data sharing: the classes a start and a page's first requests load (Jetty, Javalin, Jackson, the
# token layer, PDFBox, BouncyCastle, the agent), parsed and verified once here and mapped from lib/app/kyso.jsa by
# every start, instead of being read from the jars, verified and linked at each login. JDK 17 accepts such an archive
# only with the class path it was made with, so the training run sees the image at its installed place, /opt/kyso
# (at-install-place.sh: a private mount namespace; nothing on this machine's /opt changes). Without unshare or
# python3 the image is built without the archive: it starts slower and works the same.
# JDK 17 leaves every class of a signed jar out of a class-data archive ("Skipping …: Signed JAR"), and BouncyCastle's
# jars are signed: about a thousand classes a signature needs would be read, checked against the jar's signature and
# verified at each first signature. The image's copies lose their signature files (META-INF/*.SF and the signature
# blocks) so they are archived like the rest, and their manifests the per-class digests only the signature used
# (bcprov: 5,900 sections, 0.85 MB of text, which the class loader otherwise keeps parsed in the heap for good —
# about 4 MB of an idle agent that has signed once). OpenJDK does not require a signed JCE provider; the jars are
# the ones Maven checked against their checksums when it fetched them.
unsign_jars() {
  local jar
  for jar in "$1"/*.jar; do
    python3 - "$jar" <<'PY'
import os, re, sys, zipfile
path = sys.argv[1]
signature = re.compile(r"META-INF/[^/]+\.(SF|RSA|DSA|EC)")
with zipfile.ZipFile(path) as jar:
    if not any(signature.fullmatch(name) for name in jar.namelist()):
        sys.exit(0)
    with zipfile.ZipFile(path + ".tmp", "w") as out:
        for entry in jar.infolist():
            data = jar.read(entry.filename)
            if entry.filename == "META-INF/MANIFEST.MF":  # the main section only: it ends at the first empty line
                data = re.split(rb"\r?\n\r?\n", data, maxsplit=1)[0] + b"\r\n\r\n"
            if not signature.fullmatch(entry.filename):
                out.writestr(entry, data)
os.replace(path + ".tmp", path)
print("packaging: signature files removed from " + os.path.basename(path) + " (for the class-data archive)")
PY
  done
}

train_class_data() {
  local app="$1" archive="$1/lib/app/kyso.jsa" work
  rm -f "$archive"
  if ! command -v python3 >/dev/null || { ! unshare -m true 2>/dev/null && ! unshare -rm true 2>/dev/null; }; then
    say "class-data archive NOT made (needs python3 and unshare); the agent starts without it"
    return 0
  fi
  unsign_jars "$app/lib/app"
  work="$(mktemp -d)"
  local token_line="" softhsm=/usr/lib/softhsm/libsofthsm2.so
  # With SoftHSM2 on the build machine the training loads a PKCS#11 library and reads a token, as a desk does.
  if [ -f "$softhsm" ] && command -v softhsm2-util >/dev/null; then
    mkdir -p "$work/tokens"
    printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$work/tokens" > "$work/softhsm2.conf"
    SOFTHSM2_CONF="$work/softhsm2.conf" softhsm2-util --init-token --free --label "Kyso CDS training" \
        --pin 123456 --so-pin 12345678 >/dev/null
    token_line="token.libraries=$softhsm"
  fi
  local port origin=https://cds-training.invalid
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  printf 'origins.allowed=%s\ntoken.discover=false\n%s\n' "$origin" "$token_line" > "$work/agent.properties"
  mkdir -p "$work/home"
  # shellcheck disable=SC2016
  if ! env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 SOFTHSM2_CONF="$work/softhsm2.conf" \
      "$HERE/at-install-place.sh" "$app" sh -c '
        JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=/opt/kyso/lib/app/kyso.jsa -Djava.awt.headless=true" \
            /opt/kyso/bin/kyso serve --config "$1/agent.properties" --port "$2" --verbose > "$1/serve.log" 2>&1 &
        agent=$!
        status=0
        python3 "$3" "$2" "$4" "$1/serve.log" || status=1
        kill "$agent"
        wait "$agent" || true
        exit $status' training "$work" "$port" "$HERE/cds-training.py" "$origin" > "$work/training.log" 2>&1 \
      || [ ! -s "$archive" ]; then
    cat "$work/training.log" "$work/serve.log" >&2 2>/dev/null
    rm -rf "$work" "$archive"
    say "class-data archive NOT made: the training run failed (log above); the agent starts without it"
    return 0
  fi
  rm -rf "$work"
  chmod 0644 "$archive"
  # Named only now: an archive named in the options but missing would switch off even the runtime's own sharing.
  echo 'java-options=-XX:SharedArchiveFile=$APPDIR/kyso.jsa' >> "$app/lib/app/kyso.cfg"
  say "class-data archive lib/app/kyso.jsa: $(( $(stat -c %s "$archive") / 1048576 )) MiB, for /opt/kyso"
}

build_deb() {
  [ -d "$out/image/kyso" ] || build_image
  local root="$out/deb-root" deb="$out/kyso-agent_${deb_version}_amd64.deb"
  say "deb $deb_version"
  rm -rf "$root"
  mkdir -p "$root/opt" "$root/usr/bin" "$root/etc/xdg/autostart" "$root/usr/share/doc/kyso-agent" "$root/DEBIAN"
  cp -a "$out/image/kyso" "$root/opt/kyso"
  sed -i "s/^PACKAGE_VERSION=.*/PACKAGE_VERSION=\"$deb_version\"/" "$root/opt/kyso/release"
  ln -s /opt/kyso/bin/kyso "$root/usr/bin/kyso"
  ln -s /opt/kyso/bin/kyso-provision "$root/usr/bin/kyso-provision"
  # Not a conffile on purpose: removing the package must stop the agent from starting at the next login.
  install -m 0644 "$HERE/linux/kyso-agent.desktop" "$root/etc/xdg/autostart/kyso-agent.desktop"
  install -m 0644 "$HERE/linux/copyright" "$root/usr/share/doc/kyso-agent/copyright"
  install -m 0644 "$HERE/linux/provision.example.properties" "$root/usr/share/doc/kyso-agent/provision.example.properties"
  for f in postinst prerm postrm config; do install -m 0755 "$HERE/linux/debian/$f" "$root/DEBIAN/$f"; done
  install -m 0644 "$HERE/linux/debian/templates" "$root/DEBIAN/templates"
  local depends
  depends="$(shared_library_depends "$root/opt/kyso")"
  sed -e "s/@VERSION@/$deb_version/" -e "s/@DEPENDS@/$depends/" \
      -e "s/@INSTALLED_SIZE@/$(du -sk --exclude=DEBIAN "$root" | cut -f1)/" \
      "$HERE/linux/debian/control" > "$root/DEBIAN/control"
  rm -f "$out"/kyso-agent_*_amd64.deb.tmp
  dpkg-deb --root-owner-group "${compression[@]}" --build "$root" "$deb.tmp" >/dev/null
  mv "$deb.tmp" "$deb"
  say "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"
}

# Debian packages providing the system libraries the runtime's native code links against (libc, zlib, X11 for the
# dialogs and tray, …), as dpkg-shlibdeps computes them; the runtime's own libraries are private.
shared_library_depends() {
  local app="$1" work
  work="$(mktemp -d)"
  mkdir -p "$work/debian"
  printf 'Source: kyso-agent\n\nPackage: kyso-agent\nArchitecture: amd64\n' > "$work/debian/control"
  local elves=()
  while IFS= read -r f; do
    file -b "$f" | grep -q '^ELF' && elves+=("$f")
  done < <(find "$app" -type f \( -name '*.so' -o -perm -u+x \))
  local private_dirs=()
  while IFS= read -r d; do private_dirs+=("-l$d"); done < <(find "$app" -name '*.so' -printf '%h\n' | sort -u)
  (cd "$work" && dpkg-shlibdeps -O --ignore-missing-info "${private_dirs[@]}" "${elves[@]}" 2>/dev/null) |
      sed -n 's/^shlibs:Depends=//p'
  rm -rf "$work"
}

build_msi() {
  local src="$out/msi-src" msi="$out/kyso-agent-${msi_version}-x64.msi"
  say "msi $msi_version"
  rm -rf "$src"
  mkdir -p "$src/lib" "$src/bin"
  cp "$lib"/*.jar "$src/lib/"
  install -m 0644 "$HERE/windows/kyso.cmd" "$HERE/windows/kyso-provision.ps1" "$src/bin/"
  # One component per file, ids derived from the file name so an upgrade replaces what it should.
  local components="" refs="" n=0 f
  for f in "$src"/lib/*.jar; do
    n=$((n + 1))
    components+="          <Component Id=\"cLib$n\" Guid=\"*\" Win64=\"yes\"><File Id=\"fLib$n\" Name=\"$(basename "$f")\" Source=\"lib/$(basename "$f")\" KeyPath=\"yes\"/></Component>"$'\n'
    refs+="      <ComponentRef Id=\"cLib$n\"/>"$'\n'
  done
  python3 - "$HERE/windows/kyso.wxs" "$src/kyso.wxs" "$msi_version" "$components" "$refs" <<'EOF'
import sys
template, target, version, components, refs = sys.argv[1:]
text = open(template, encoding="utf-8").read()
text = text.replace("@VERSION@", version).replace("@LIB_COMPONENTS@", components).replace("@LIB_REFS@", refs)
open(target, "w", encoding="utf-8").write(text)
EOF
  (cd "$src" && wixl -a x64 -o "$msi.tmp" kyso.wxs)
  mv "$msi.tmp" "$msi"
  say "$(basename "$msi"): $(du -k "$msi" | cut -f1) KiB"
}

for stage in "${stages[@]}"; do
  "build_$stage"
done
