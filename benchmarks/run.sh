#!/usr/bin/env bash
# Builds what the benchmarks need (winipc, bench_peer with the machine's C compiler), runs
# every benchmark beside its baselines and prints one table: winipc's figure (the median
# of several runs, with their spread), each baseline's from the same run, and the ratio.
# About 15 minutes on a 2-core machine; run it on an otherwise idle machine.
#
#   benchmarks/run.sh            the full run
#   benchmarks/run.sh --smoke    every benchmark once with tiny counts (as the tests do)
#   benchmarks/run.sh --meters   what winipc's meters cost: the hot paths without a
#                                MeterRegistry, with winipc's meters, with every
#                                component's (about 10 minutes; add --smoke to try it)
set -euo pipefail
cd "$(dirname "$0")/.."
main=BenchmarkTable
if [[ "${1:-}" == "--meters" ]]; then
  main=MeterOverhead
  shift
fi
./mvnw -B -q -ntp install -DskipTests -pl benchmarks -am
./mvnw -B -q -ntp -pl benchmarks -Pbenchmark -DskipTests verify "-Dbenchmark.main=$main" "-Dbenchmark.args=${1:-}"
