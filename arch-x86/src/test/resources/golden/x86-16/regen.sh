#!/usr/bin/env bash
# Regenerates the 16-bit (.code16) x86 golden vectors from GNU binutils (x86_64-linux-gnu-as, Debian):
#   instructions.golden : one instruction per line, via the repository's scripts/golden-as x86_16
#                         (.intel_syntax noprefix, .code16; as -o a.o; objcopy -O binary -j .text)
#   jumps.S -> jumps.bin : 16-bit jmp to labels (short, near, and wrapping within the 64 KiB
#                         segment as a reset vector's jump does), assembled whole at 0
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
self=${PWD#"$root"/}/regen.sh
{ echo "# regenerate: $self   (scripts/golden-as x86_16 instructions.txt; $("$root/scripts/golden-as" --version x86_16))"
  "$root/scripts/golden-as" x86_16 instructions.txt; } > instructions.golden
if grep -q '^ERROR' instructions.golden; then echo "regen: instructions.golden has errors" >&2; exit 1; fi
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
x86_64-linux-gnu-as -o "$t/j.o" jumps.S
[ -z "$(x86_64-linux-gnu-readelf -r "$t/j.o" | grep -v 'no relocations')" ] || { echo "jumps.S has relocations" >&2; exit 1; }
x86_64-linux-gnu-objcopy -O binary -j .text "$t/j.o" jumps.bin
