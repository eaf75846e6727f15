#!/usr/bin/env bash
# Regenerates disasm.golden: every instruction GNU as assembled for ../x86_64/instructions.golden
# and for disasm.in (through scripts/golden-as), decoded again by GNU objdump at 0x1000 in Intel
# syntax (scripts/golden-objdump x86_64), for the x86 disassembler's golden test.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
{ echo "# regenerate: ${PWD#"$root"/}/regen.sh   (scripts/golden-objdump x86_64 of ../x86_64/instructions.golden and of disasm.in assembled by scripts/golden-as, at 0x1000; $(x86_64-linux-gnu-objdump --version | sed -n 1p)): hexbytes<TAB>objdump's text"
  "$root/scripts/golden-objdump" x86_64 ../x86_64/instructions.golden 0x1000
  "$root/scripts/golden-as" x86_64 disasm.in | "$root/scripts/golden-objdump" x86_64 - 0x1000; } > disasm.golden.tmp
mv disasm.golden.tmp disasm.golden
