#!/usr/bin/env bash
# Builds the C baseline against the system libunicorn (needs gcc and libunicorn-dev):
#   target/harness            copy loop (CopyLoopBenchmark's twin) or `harness image FILE RUNS`
#   target/libkexecharness.so the same code for NativeBaseline (JMH drives kh_restore/kh_run)
#   benchmarks/native/build.sh && benchmarks/native/target/harness 4 20000
set -euo pipefail
cd "$(dirname "$0")"
command -v gcc >/dev/null || { echo "build.sh: gcc not found; install gcc to build the C harness" >&2; exit 2; }
mkdir -p target
gcc -O2 -Wall -o target/harness harness.c -lunicorn
gcc -O2 -Wall -shared -fPIC -o target/libkexecharness.so harness.c -lunicorn
echo "built $(pwd)/target/harness and $(pwd)/target/libkexecharness.so"
