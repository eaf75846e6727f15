#!/usr/bin/env bash
# Regenerates a32-objdump.golden: every instruction GNU as assembled for a32-forms.golden, decoded
# again by GNU objdump at 0x1000 (scripts/golden-objdump arm), for the A32 disassembler's test.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
{ echo "# regenerate: ${PWD#"$root"/}/regen-objdump.sh   (scripts/golden-objdump arm a32-forms.golden 0x1000; $(arm-linux-gnueabihf-objdump --version | sed -n 1p)): hexbytes<TAB>objdump's text"
  "$root/scripts/golden-objdump" arm a32-forms.golden 0x1000; } > a32-objdump.golden.tmp
mv a32-objdump.golden.tmp a32-objdump.golden
