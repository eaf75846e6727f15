#!/bin/sh
# Regenerates the x86 length decoder's golden files from GNU binutils (x86_64-linux-gnu):
#   lengths.txt    each instruction of insns.txt assembled by GNU as (the repository's scripts/golden-as)
#   raw.golden     the first instruction of each byte sequence of bytes.txt as GNU objdump decodes it
#   lengths32.txt  and raw32.golden: the same for 32-bit code (insns32.txt with golden-as i386, bytes32.txt
#                  with objdump -m i386)
set -eu
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
here=${PWD#"$root"/}
{
  echo "# regenerate: $here/regen.sh   (scripts/golden-as x86_64 < insns.txt, intel syntax; $("$root/scripts/golden-as" --version x86_64)): hexbytes<TAB>instruction"
  "$root/scripts/golden-as" x86_64 < insns.txt
} > lengths.txt
{
  echo "# regenerate: $here/regen.sh   (scripts/golden-as i386 < insns32.txt, intel syntax; $("$root/scripts/golden-as" --version i386)): hexbytes<TAB>instruction"
  "$root/scripts/golden-as" i386 < insns32.txt
} > lengths32.txt
objdump=x86_64-linux-gnu-objdump
command -v $objdump >/dev/null || { echo "regen: $objdump is not installed; install it with 'apt-get install binutils-x86-64-linux-gnu'." >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
raw() { # machine bytes-file
  echo "# regenerate: $here/regen.sh   ($objdump -D -b binary -m$1 -M intel --insn-width=15, the first instruction of each line of $2; $($objdump --version | sed -n 1p)): hexbytes<TAB>input<TAB>instruction"
  grep -v '^#' "$2" | grep . | while read -r hex; do
    printf '%s' "$hex" | xxd -r -p > "$work/b.bin"
    $objdump -D -b binary -m"$1" -M intel --insn-width=15 "$work/b.bin" \
      | awk -F'\t' -v input="$hex" '/^ +0:/ { gsub(/ /, "", $2); gsub(/ +/, " ", $3); print $2 "\t" input "\t" $3; exit }'
  done
}
raw i386:x86-64 bytes.txt > raw.golden
raw i386 bytes32.txt > raw32.golden
