#!/usr/bin/env bash
# Assembles the riscv64 sources whole with GNU as and links each at address 0 with ld (their
# pc-relative pairs, auipc + addi, are resolved only by the linker), then writes the .text bytes
# as hex: relocate_kernel_riscv64.hex and entry_probe_riscv64.hex here (32 bytes per line; the
# purgatory's is made by ../purgatory/regen.sh). The --defsym values are RiscvRelocateKernel.symbols() and the
# probe's PROBE_RECORD. Every source is position-independent, so the bytes hold at any origin.
# Needs binutils-riscv64-linux-gnu; tests only read the .hex files.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)
res=$here/../../../../main/resources/org/kexeclab/riscv
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
as_flags=(-march=rv64im_zicsr_zifencei -mabi=lp64 -mno-relax)
version=$(riscv64-linux-gnu-as --version | head -1)
gen() { # source out fold defsyms...
  local src=$1 out=$2 fold=$3; shift 3
  local defs=(); for d in "$@"; do defs+=(--defsym "$d"); done
  riscv64-linux-gnu-as "${as_flags[@]}" "${defs[@]}" -o "$t/p.o" "$res/$src"
  riscv64-linux-gnu-ld --no-relax -Ttext=0 -e 0 -o "$t/p.elf" "$t/p.o"
  riscv64-linux-gnu-objcopy -O binary -j .text "$t/p.elf" "$t/p.bin"
  { echo "# regenerate: ${here#"$root"/}/regen-programs.sh   (riscv64-linux-gnu-as ${as_flags[*]} $src + ld -Ttext=0 + objcopy -O binary -j .text; $version)"
    od -An -v -tx1 "$t/p.bin" | tr -d ' \n' | fold -w "$fold"; echo; } > "$out"
}
gen relocate_kernel_riscv64.S "$here/relocate_kernel_riscv64.hex" 64 IND_DESTINATION=1 IND_INDIRECTION=2 \
  IND_DONE=4 IND_SOURCE=8 PAGE_SHIFT=12
gen entry_probe_riscv64.S "$here/entry_probe_riscv64.hex" 64 PROBE_RECORD=0x10000
