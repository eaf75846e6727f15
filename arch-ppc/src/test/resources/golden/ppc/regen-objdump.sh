#!/usr/bin/env bash
# Regenerates ARCH-objdump.golden (ARCH: ppc32, ppc64, ppc64le) for the PowerPC disassembler's
# test: every instruction GNU as assembled for ARCH-forms32.golden and ARCH-forms64.golden, then
# every word of random-words.txt in ARCH's byte order, each decoded again by GNU objdump at 0x1000
# (scripts/golden-objdump ARCH). Lines: hexbytes<TAB>objdump's text.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
words() { # random-words.txt as byte strings in memory order: reversed for little-endian
  grep -v '^#' random-words.txt | if [ "$1" = ppc64le ]; then sed -E 's/(..)(..)(..)(..)/\4\3\2\1/'; else cat; fi
}
for arch in ppc32 ppc64 ppc64le; do
  case $arch in ppc32) tool=powerpc-linux-gnu-objdump ;; ppc64) tool=powerpc64-linux-gnu-objdump ;; *) tool=powerpc64le-linux-gnu-objdump ;; esac
  { echo "# regenerate: ${PWD#"$root"/}/regen-objdump.sh   (scripts/golden-objdump $arch on $arch-forms32.golden, $arch-forms64.golden, random-words.txt; $("$tool" --version | sed -n 1p)): hexbytes<TAB>objdump's text"
    cat "$arch-forms32.golden" "$arch-forms64.golden" | "$root/scripts/golden-objdump" "$arch" - 0x1000
    words "$arch" | "$root/scripts/golden-objdump" "$arch" - 0x1000; } > "$arch-objdump.golden.tmp"
  mv "$arch-objdump.golden.tmp" "$arch-objdump.golden"
done
