#!/usr/bin/env bash
# Builds the C baseline harness against the system libunicorn (needs gcc and libunicorn-dev).
#   benchmarks/native/build.sh && benchmarks/native/target/harness 4 20000
set -euo pipefail
cd "$(dirname "$0")"
command -v gcc >/dev/null || { echo "build.sh: gcc not found; install gcc to build the C harness" >&2; exit 2; }
mkdir -p target
gcc -O2 -Wall -o target/harness harness.c -lunicorn
echo "built $(pwd)/target/harness"
