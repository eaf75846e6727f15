#!/usr/bin/env bash
# Assembles the arm64 relocation stub with GNU as and writes its .text bytes as hex to
# relocate_kernel_arm64.hex (one line). The --defsym values are Arm64KexecData.symbols().
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
src=../../../../main/resources/org/kexeclab/arm64/relocate_kernel_arm64.S
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
aarch64-linux-gnu-as --defsym KDATA_START=0 --defsym KDATA_DTB=8 --defsym KDATA_HEAD=16 \
  --defsym KDATA_PHYS_OFFSET=24 --defsym KDATA_SIZE=32 --defsym IND_DESTINATION_BIT=0 \
  --defsym IND_INDIRECTION_BIT=1 --defsym IND_DONE_BIT=2 --defsym IND_SOURCE_BIT=3 \
  --defsym PAGE_SIZE=4096 -o "$t/s.o" "$src"
aarch64-linux-gnu-objcopy -O binary -j .text "$t/s.o" "$t/s.bin"
{ echo "# regenerate: ${PWD#"$root"/}/regen-stub.sh   (aarch64-linux-gnu-as ($(aarch64-linux-gnu-as --version | head -1)) + objcopy -O binary -j .text)"
  od -An -v -tx1 "$t/s.bin" | tr -d ' \n'; echo; } > relocate_kernel_arm64.hex
