#!/usr/bin/env bash
# Runs the benchmarks (not part of the test run). Each prints its figures, the baseline measured in the same run, and
# "TARGET … met / NOT met" for the targets of issue 17; `all` ends with a summary of every TARGET line.
#   Usage: scripts/bench.sh [token|bridge|signing|verification|xml|batch|startup|first-sign|all]
# startup and first-sign measure the installed agent: the app image built here (jlink runtime, launcher options,
# class-data archive) shown at /opt/kyso in a private mount namespace (packaging/at-install-place.sh), or an agent
# already installed there with KYSO_BENCH_IMAGE=/opt/kyso.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh --quiet
which="${1:-all}"
case "$which" in
  token|bridge|signing|verification|xml|batch|startup|first-sign|all) ;;
  *) echo "usage: scripts/bench.sh [token|bridge|signing|verification|xml|batch|startup|first-sign|all]" >&2; exit 2 ;;
esac
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
wants() { [ "$which" = "$1" ] || [ "$which" = all ]; }
# mvn test of one benchmark class in MODULE; extra arguments go to mvn. Output is shown and kept for the summary.
bench() {
  local module="$1" class="$2"; shift 2
  mvn -q -B -Dstyle.color=never -pl "$module" -am test -Dgroups=benchmark -Dkyso.excluded.groups=none \
      -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 | tee -a "$log"
}
# PAdES signing and verification against EU DSS 6.4 in the same JVM. Fixed heap and a small young generation, so
# the sampled peak heap is close to what an operation holds at once rather than to how much garbage it leaves;
# DSS logs at INFO per validation step, so logging is cut to errors (console output would be timed).
BENCH_JVM="-Xms2g -Xmx2g -XX:+UseG1GC -XX:NewSize=32m -XX:MaxNewSize=32m -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error"

if wants token; then bench jni-token TokenLayerBenchmark; fi
if wants bridge; then bench agent BridgeBenchmark; fi
if wants signing; then bench agent SigningBenchmark -DargLine="$BENCH_JVM"; fi
if wants verification; then bench agent VerificationBenchmark -DargLine="$BENCH_JVM"; fi
# XAdES B-LT of a 1 MB e-invoice, signed and verified, against EU DSS (in a JVM of its own: it needs Santuario 3.0).
if wants xml; then bench agent XmlBenchmark -DargLine="$BENCH_JVM"; fi
if wants batch; then bench agent BatchBenchmark -DargLine="$BENCH_JVM"; fi
if wants startup || wants first-sign; then
  image="${KYSO_BENCH_IMAGE:-}"
  if [ -z "$image" ]; then
    echo "bench: building the app image (jlink runtime, launcher, class-data archive)…"
    mvn -q -B -Dstyle.color=never -Ppackages -Dmaven.test.skip=true -Dkyso.package.stages="runtime image" \
        -pl packaging -am package
    image="$ROOT/packaging/target/image/kyso"
  fi
  classes=()
  wants startup && classes+=(StartupBenchmark)
  wants first-sign && classes+=(FirstSignBenchmark)
  for class in "${classes[@]}"; do
    packaging/at-install-place.sh "$image" \
        mvn -q -B -Dstyle.color=never -pl agent -am test -Dgroups=benchmark -Dkyso.excluded.groups=none \
        -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false -Dkyso.bench.image=/opt/kyso 2>&1 | tee -a "$log"
  done
fi
if [ "$which" = all ]; then
  echo
  echo "== Summary (load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores) =="
  grep -E '^TARGET |bridge adds:|DSS / Kyso:' "$log" || true
fi
