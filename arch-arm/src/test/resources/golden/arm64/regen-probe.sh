#!/usr/bin/env bash
# Assembles the arm64 entry probe with GNU as and writes its .text bytes as hex to
# entry_probe_arm64.hex (one line). PROBE_RECORD is StandardMachine.PROBE_RECORD; the probe is
# position-independent (pc-relative literal and branches), so the bytes hold at any entry.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
src=../../../../main/resources/org/kexeclab/arm64/entry_probe_arm64.S
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
aarch64-linux-gnu-as --defsym PROBE_RECORD=0x10000 -o "$t/p.o" "$src"
aarch64-linux-gnu-objcopy -O binary -j .text "$t/p.o" "$t/p.bin"
{ echo "# regenerate: ${PWD#"$root"/}/regen-probe.sh   (aarch64-linux-gnu-as --defsym PROBE_RECORD=0x10000 ($(aarch64-linux-gnu-as --version | head -1)) + objcopy -O binary -j .text)"
  od -An -v -tx1 "$t/p.bin" | tr -d ' \n'; echo; } > entry_probe_arm64.hex
