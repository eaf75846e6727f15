#!/usr/bin/env bash
# Regenerates the i386 (32-bit x86) golden vectors from GNU binutils (x86_64-linux-gnu-as --32, Debian):
#   instructions.golden : one instruction per line, via the repository's scripts/golden-as i386
#                         (--32, .intel_syntax noprefix; as -o a.o; objcopy -O binary -j .text)
#   programs/*.bin      : whole programs, `x86_64-linux-gnu-as --32 -o p.o p.S && objcopy -O binary -j .text p.o p.bin`
#                         (assembled at 0: their absolute addresses are offsets from their start)
#   padding.golden      : `.balign` filler of 1..140, 1000 and 2000 bytes after `ret` in 32-bit .text
#   relocate_kernel_i386.bin, entry_probe_i386.bin : the shipped stub and entry probe assembled at 0
#   qemu_entry_i386.bin : the boot check's 64 KiB firmware image (16- and 32-bit code) assembled at 0 with
#                         BIOS_BASE = 0xffff0000, where QEMU's pc machine maps it
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
self=${PWD#"$root"/}/regen.sh
as=x86_64-linux-gnu-as
for tool in $as x86_64-linux-gnu-objcopy; do
  command -v $tool >/dev/null || { echo "regen: $tool is not installed; install it with 'apt-get install binutils-x86-64-linux-gnu'." >&2; exit 2; }
done
{ echo "# regenerate: $self   (scripts/golden-as i386 instructions.txt; $("$root/scripts/golden-as" --version i386))"
  "$root/scripts/golden-as" i386 instructions.txt; } > instructions.golden
if grep -q '^ERROR' instructions.golden; then echo "regen: instructions.golden has errors" >&2; exit 1; fi
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
# bin SOURCE OUT [PREAMBLE]: assembled at 0; relocations would make the bytes depend on a linker.
bin() {
  { [ -z "${3:-}" ] || echo "$3"; cat "$1"; } > "$t/s.S"
  $as --32 -o "$t/s.o" "$t/s.S"
  x86_64-linux-gnu-objcopy -O binary -j .text "$t/s.o" "$2"
}
for s in programs/*.S; do
  bin "$s" "${s%.S}.bin"
done
{ echo "# regenerate: $self   (--32: ret; .skip 4095-n, 0xcc; .balign 4096; ret -> the n filler bytes; $($as --version | head -1))"
  for n in $(seq 1 140) 1000 2000; do
    printf '.intel_syntax noprefix\nret\n.skip %d, 0xcc\n.balign 4096\nret\n' $((4096 - 1 - n)) > "$t/p.s"
    $as --32 -o "$t/p.o" "$t/p.s" && x86_64-linux-gnu-objcopy -O binary -j .text "$t/p.o" "$t/p.bin"
    echo "$n $(od -An -v -tx1 -j $((4096 - n)) -N $n "$t/p.bin" | tr -d ' \n')"
  done; } > padding.golden
res=../../../../main/resources/org/kexeclab/x86
[ ! -f $res/relocate_kernel_i386.S ] || bin $res/relocate_kernel_i386.S relocate_kernel_i386.bin
[ ! -f $res/entry_probe_i386.S ] || bin $res/entry_probe_i386.S entry_probe_i386.bin '.equ PROBE_RECORD, 0x10000'
[ ! -f $res/qemu/qemu_entry_i386.S ] || bin $res/qemu/qemu_entry_i386.S qemu_entry_i386.bin '.equ BIOS_BASE, 0xffff0000'
