#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build, run and test Kyso Agent. Idempotent and non-interactive.
#   Debian packages: JDK 17, Maven, gcc, Node.js/npm, SoftHSM2, OpenSC, poppler-utils (pdfsig, pdftoppm), qpdf,
#   xmlsec1 (an independent XMLDSig verifier for the signed e-invoices),
#   Chromium (browser tests), p11-kit headers (PKCS#11 fault-injection shim), NSS tools (certutil, so pdfsig
#   can trust the test root), Liberation fonts (Times New Roman metrics for stamps), packaging tools (dpkg-dev
#   for dpkg-shlibdeps, binutils for jlink's symbol stripping, wixl and msitools to build and read the MSI, curl
#   and openssl for the install test), the Java runtime's desktop libraries (openjdk-17-jre: Swing dialogs and
#   tray), Xvfb, xauth and trayer (a virtual display with a system tray for the dialog and tray tests)
#   npm packages of js-client (from its package-lock.json: playwright-core for the browser tests, pdfjs-dist for
#   the demo's PDF viewer)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true
say() { $quiet || echo "bootstrap: $*"; }

packages=(openjdk-17-jdk-headless maven gcc libc6-dev nodejs npm softhsm2 opensc poppler-utils qpdf chromium
          libp11-kit-dev libnss3-tools fonts-liberation dpkg-dev binutils wixl msitools curl openssl debconf file
          openjdk-17-jre xvfb xauth trayer xmlsec1)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" && continue
  # Tools already provided another way (e.g. a JDK or Node.js installed outside apt) count as present.
  case "$p" in
    openjdk-17-jdk-headless) command -v javac >/dev/null && javac -version 2>&1 | grep -Eq ' (1[7-9]|2[0-9])' && continue ;;
    # a JDK installed outside apt that has its X11 libraries counts (Swing dialogs need libawt_xawt)
    openjdk-17-jre) java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"
                    [ -f "$java_home/lib/libawt_xawt.so" ] && continue ;;
    maven) command -v mvn >/dev/null && continue ;;
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
    gcc) command -v gcc >/dev/null && continue ;;
  esac
  missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Also when the lock file changed since the last install (npm keeps its own copy in node_modules/.package-lock.json).
lock="$ROOT/js-client/package-lock.json"
if [ -f "$lock" ] && { [ ! -d "$ROOT/js-client/node_modules" ] || [ "$lock" -nt "$ROOT/js-client/node_modules/.package-lock.json" ]; }; then
  say "installing js-client npm packages"
  (cd "$ROOT/js-client" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
say "ok"
