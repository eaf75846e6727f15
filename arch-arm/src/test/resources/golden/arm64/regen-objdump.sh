#!/usr/bin/env bash
# Regenerates a64-objdump.golden: every instruction GNU as assembled for a64-forms.golden and a64-disasm.in, decoded
# again by GNU objdump at 0x1000 (scripts/golden-objdump arm64), for the A64 disassembler's test.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
{ echo "# regenerate: ${PWD#"$root"/}/regen-objdump.sh   (scripts/golden-objdump arm64 of a64-forms.golden and of a64-disasm.in assembled by scripts/golden-as, at 0x1000; $(aarch64-linux-gnu-objdump --version | sed -n 1p)): hexbytes<TAB>objdump's text"
  "$root/scripts/golden-objdump" arm64 a64-forms.golden 0x1000
  "$root/scripts/golden-as" arm64 a64-disasm.in | "$root/scripts/golden-objdump" arm64 - 0x1000; } > a64-objdump.golden.tmp
mv a64-objdump.golden.tmp a64-objdump.golden
