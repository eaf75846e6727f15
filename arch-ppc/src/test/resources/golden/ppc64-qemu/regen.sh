#!/usr/bin/env bash
# Regenerates cases.txt: golden results of 64-bit PowerPC forms measured on qemu-user, an executor
# independent of the Java engine. gen.py writes one static program per byte order, assembles and
# links it with GNU binutils, runs it under qemu-ppc64 and qemu-ppc64le and records, per case, the
# instruction bytes, the initial and final r3..r10, CR, XER, CTR and scratch memory; the exact
# commands it ran are in the header of cases.txt. Tests read only cases.txt.
# Needs: apt-get install -y qemu-user binutils-powerpc64-linux-gnu binutils-powerpc64le-linux-gnu
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
python3 gen.py cases.txt "${PWD#"$root"/}/regen.sh"
