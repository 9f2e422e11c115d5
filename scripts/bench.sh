#!/usr/bin/env bash
# Runs the benchmarks (not part of the test run). Each prints its figures and ratios against a baseline
# measured in the same run.   Usage: scripts/bench.sh [token]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/bootstrap.sh --quiet
which="${1:-all}"
if [ "$which" = token ] || [ "$which" = all ]; then
  mvn -q -B -Dstyle.color=never -pl jni-token -am test -Dgroups=benchmark -Dkyso.excluded.groups=none \
    -Dtest='TokenLayerBenchmark' -Dsurefire.failIfNoSpecifiedTests=false
fi
