#!/usr/bin/env bash
# Regenerates the GNU as golden bytes of the purgatory sources: for each "ARCH SOURCE" pair,
# assembles SOURCE (relative to this module's src/main/resources) with GNU as and writes
# purgatory_ARCH.hex here: the .text section's bytes as hex, 32 bytes per line.
# The purgatories are position-independent, so the bytes do not depend on the origin.
# Needs the Debian cross binutils (binutils-x86-64-linux-gnu); tests only read the .hex files.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)
res=$here/../../../../main/resources/org/kexeclab
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
gen() { # arch prefix flags source
  "$2-as" $3 -o "$t/p.o" "$res/$4"
  "$2-objcopy" -O binary -j .text "$t/p.o" "$t/p.bin"
  { echo "# regenerate: ${here#"$root"/}/regen.sh   ($2-as $3 $4 && $2-objcopy -O binary -j .text; $("$2-as" --version | head -1))"; od -An -v -tx1 "$t/p.bin" | tr -d ' \n' | fold -w 64; echo; } > "$here/purgatory_$1.hex"
}
gen x86_64 x86_64-linux-gnu "" x86/purgatory_x86_64.S
gen i386 x86_64-linux-gnu --32 x86/purgatory_i386.S
