#!/usr/bin/env bash
# Regenerates the GNU as golden bytes of the riscv64 purgatory: assembles purgatory_riscv64.S
# with GNU as, links it at address 0 with ld (its pc-relative pairs, auipc + addi, are resolved
# only by the linker) and writes purgatory_riscv64.hex here: the .text bytes as hex, 32 bytes
# per line. The purgatory is position-independent, so the bytes hold at any origin.
# Needs binutils-riscv64-linux-gnu; tests only read the .hex file.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)
res=$here/../../../../main/resources/org/kexeclab/riscv
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
as_flags=(-march=rv64im_zicsr_zifencei -mabi=lp64 -mno-relax)
riscv64-linux-gnu-as "${as_flags[@]}" -o "$t/p.o" "$res/purgatory_riscv64.S"
riscv64-linux-gnu-ld --no-relax -Ttext=0 -e 0 -o "$t/p.elf" "$t/p.o"
riscv64-linux-gnu-objcopy -O binary -j .text "$t/p.elf" "$t/p.bin"
{ echo "# regenerate: ${here#"$root"/}/regen.sh   (riscv64-linux-gnu-as ${as_flags[*]} purgatory_riscv64.S + ld -Ttext=0 + objcopy -O binary -j .text; $(riscv64-linux-gnu-as --version | head -1))"
  od -An -v -tx1 "$t/p.bin" | tr -d ' \n' | fold -w 64; echo; } > "$here/purgatory_riscv64.hex"
