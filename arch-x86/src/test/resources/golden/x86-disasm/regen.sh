#!/usr/bin/env bash
# Regenerates disasm.golden and disasm32.golden (32-bit protected mode, from ../i386/instructions.golden and disasm32.in): every instruction GNU as assembled for ../x86_64/instructions.golden
# and for disasm.in (through scripts/golden-as), decoded again by GNU objdump at 0x1000 in Intel
# syntax (scripts/golden-objdump x86_64), for the x86 disassembler's golden test.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
{ echo "# regenerate: ${PWD#"$root"/}/regen.sh   (scripts/golden-objdump x86_64 of ../x86_64/instructions.golden and of disasm.in assembled by scripts/golden-as, at 0x1000; $(x86_64-linux-gnu-objdump --version | sed -n 1p)): hexbytes<TAB>objdump's text"
  "$root/scripts/golden-objdump" x86_64 ../x86_64/instructions.golden 0x1000
  "$root/scripts/golden-as" x86_64 disasm.in | "$root/scripts/golden-objdump" x86_64 - 0x1000; } > disasm.golden.tmp
mv disasm.golden.tmp disasm.golden
{ echo "# regenerate: ${PWD#"$root"/}/regen.sh   (scripts/golden-objdump i386 of ../i386/instructions.golden and of disasm32.in assembled by scripts/golden-as i386, at 0x1000; $(x86_64-linux-gnu-objdump --version | sed -n 1p)): hexbytes<TAB>objdump's text"
  "$root/scripts/golden-objdump" i386 ../i386/instructions.golden 0x1000
  "$root/scripts/golden-as" i386 disasm32.in | "$root/scripts/golden-objdump" i386 - 0x1000; } > disasm32.golden.tmp
mv disasm32.golden.tmp disasm32.golden
