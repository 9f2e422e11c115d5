#!/usr/bin/env bash
# Runs the benchmarks (not part of the test run). Each prints its figures and ratios against a baseline
# measured in the same run.   Usage: scripts/bench.sh [token|bridge|signing|verification|xml|startup|all]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh --quiet
which="${1:-all}"
if [ "$which" = token ] || [ "$which" = all ]; then
  mvn -q -B -Dstyle.color=never -pl jni-token -am test -Dgroups=benchmark -Dkyso.excluded.groups=none \
    -Dtest='TokenLayerBenchmark' -Dsurefire.failIfNoSpecifiedTests=false
fi
if [ "$which" = bridge ] || [ "$which" = all ]; then
  mvn -q -B -Dstyle.color=never -pl agent -am test -Dgroups=benchmark -Dkyso.excluded.groups=none \
    -Dtest='BridgeBenchmark' -Dsurefire.failIfNoSpecifiedTests=false
fi
# PAdES signing and verification against EU DSS 6.4 in the same JVM. Fixed heap and a small young generation, so
# the sampled peak heap is close to what an operation holds at once rather than to how much garbage it leaves;
# DSS logs at INFO per validation step, so logging is cut to errors (console output would be timed).
BENCH_JVM="-Xms2g -Xmx2g -XX:+UseG1GC -XX:NewSize=32m -XX:MaxNewSize=32m -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=error"
if [ "$which" = signing ] || [ "$which" = all ]; then
  mvn -q -B -Dstyle.color=never -pl agent -am test -Dgroups=benchmark -Dkyso.excluded.groups=none \
    -Dtest='SigningBenchmark' -Dsurefire.failIfNoSpecifiedTests=false -DargLine="$BENCH_JVM"
fi
if [ "$which" = verification ] || [ "$which" = all ]; then
  mvn -q -B -Dstyle.color=never -pl agent -am test -Dgroups=benchmark -Dkyso.excluded.groups=none \
    -Dtest='VerificationBenchmark' -Dsurefire.failIfNoSpecifiedTests=false -DargLine="$BENCH_JVM"
fi
if [ "$which" = xml ] || [ "$which" = all ]; then
  # XAdES B-LT of a 1 MB e-invoice, signed and verified, against EU DSS (in a JVM of its own: it needs Santuario 3.0).
  mvn -q -B -Dstyle.color=never -pl agent -am test -Dgroups=benchmark -Dkyso.excluded.groups=none \
    -Dtest='XmlBenchmark' -Dsurefire.failIfNoSpecifiedTests=false -DargLine="$BENCH_JVM"
fi
if [ "$which" = startup ] || [ "$which" = all ]; then
  # Cold start of `kyso serve` to its first answered health request, and its resident memory once idle.
  ./kyso version >/dev/null   # build first, so the build is not timed
  cp="$ROOT/agent/target/classes:$(cat "$ROOT/agent/target/runtime-classpath.txt")"
  port=18990
  cfg="$(mktemp)"; printf 'token.discover=false\n' > "$cfg"
  for run in 1 2 3; do
    start=$(date +%s%N)
    # the JVM options of the installed launcher (packaging/build.sh)
    java -XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -cp "$cp" vn.kyso.cli.Main serve \
        --config "$cfg" --port $port >/dev/null 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null; do sleep 0.01; done
    ready=$(date +%s%N)
    sleep 5
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    kill $pid; wait $pid 2>/dev/null || true
    echo "startup run $run: first health answer after $(( (ready - start) / 1000000 )) ms; idle RSS $(( rss / 1024 )) MB (targets: < 1500 ms, < 120 MB)"
  done
  rm -f "$cfg"
fi
