#!/usr/bin/env bash
# Regenerates disasm.golden: every instruction GNU as assembled for ../riscv64/rv64-forms.golden
# (4-byte forms) and for disasm.in (with the C extension, through scripts/golden-as riscv64c),
# decoded again by GNU objdump at 0x1000 (scripts/golden-objdump riscv64), for the RV64
# disassembler's golden test.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
{ echo "# regenerate: ${PWD#"$root"/}/regen.sh   (scripts/golden-objdump riscv64 of ../riscv64/rv64-forms.golden and of disasm.in assembled by scripts/golden-as riscv64c, at 0x1000; $(riscv64-linux-gnu-objdump --version | sed -n 1p)): hexbytes<TAB>objdump's text"
  "$root/scripts/golden-objdump" riscv64 ../riscv64/rv64-forms.golden 0x1000
  "$root/scripts/golden-as" riscv64c disasm.in | "$root/scripts/golden-objdump" riscv64 - 0x1000; } > disasm.golden.tmp
mv disasm.golden.tmp disasm.golden
