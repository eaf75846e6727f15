#!/usr/bin/env bash
# Interleaves the JMH copy-loop benchmark and the C harness ROUNDS times so both see the same
# machine load, and prints every figure (us per run). Compare the best (least disturbed) of each.
#   benchmarks/native/compare.sh [rounds=4]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-4}
[ -x benchmarks/native/target/harness ] || benchmarks/native/build.sh >/dev/null
for r in $(seq 1 "$rounds"); do
  java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 1s CopyLoopBenchmark 2>/dev/null \
    | awk -v r="$r" '/^Iteration/ {print "round " r " java " $3 " us/run"}'
  for i in 1 2 3; do
    benchmarks/native/target/harness 4 4000 | awk -v r="$r" '{print "round " r " c    " $7/1000 " us/run"}'
  done
done
