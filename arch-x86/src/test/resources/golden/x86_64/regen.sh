#!/usr/bin/env bash
# Regenerates the x86-64 golden vectors from GNU binutils (x86_64-linux-gnu-as 2.x, Debian):
#   instructions.golden : one instruction per line, via the repository's scripts/golden-as
#                         (.intel_syntax noprefix; as -o a.o; objcopy -O binary -j .text)
#   programs/*.bin      : whole programs, `x86_64-linux-gnu-as -o p.o p.S && objcopy -O binary -j .text p.o p.bin`
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
self=${PWD#"$root"/}/regen.sh
{ echo "# regenerate: $self   (scripts/golden-as x86_64 instructions.txt; $("$root/scripts/golden-as" --version x86_64))"
  "$root/scripts/golden-as" x86_64 instructions.txt; } > instructions.golden
for s in programs/*.S; do
  x86_64-linux-gnu-as -o "${s%.S}.o" "$s"
  if [ -n "$(x86_64-linux-gnu-readelf -r "${s%.S}.o" | grep -v 'no relocations')" ]; then
    echo "$s has relocations; golden programs must be position-independent" >&2; exit 1
  fi
  x86_64-linux-gnu-objcopy -O binary -j .text "${s%.S}.o" "${s%.S}.bin"
  rm "${s%.S}.o"
done
# padding.golden: `.balign` filler of 1..140, 1000 and 2000 bytes after `ret` in .text
{ echo "# regenerate: $self   (ret; .skip 4095-n, 0xcc; .balign 4096; ret -> the n filler bytes; $(x86_64-linux-gnu-as --version | head -1))"
  t=$(mktemp -d)
  for n in $(seq 1 140) 1000 2000; do
    printf '.intel_syntax noprefix\nret\n.skip %d, 0xcc\n.balign 4096\nret\n' $((4096 - 1 - n)) > "$t/p.s"
    x86_64-linux-gnu-as -o "$t/p.o" "$t/p.s" && x86_64-linux-gnu-objcopy -O binary -j .text "$t/p.o" "$t/p.bin"
    echo "$n $(od -An -v -tx1 -j $((4096 - n)) -N $n "$t/p.bin" | tr -d ' \n')"
  done
  rm -rf "$t"; } > padding.golden
# relocate_kernel_x86_64.bin: the shipped stub assembled by GNU as at offset 0 (it needs no relocations)
stub=../../../../main/resources/org/kexeclab/x86/relocate_kernel_x86_64.S
t=$(mktemp -d)
x86_64-linux-gnu-as -o "$t/s.o" "$stub"
[ -z "$(x86_64-linux-gnu-readelf -r "$t/s.o" | grep -v 'no relocations')" ] || { echo "stub has relocations" >&2; exit 1; }
x86_64-linux-gnu-objcopy -O binary -j .text "$t/s.o" relocate_kernel_x86_64.bin
rm -rf "$t"
# entry_probe_x86_64.bin: the entry probe assembled by GNU as at offset 0 with PROBE_RECORD = 0x10000
probe=../../../../main/resources/org/kexeclab/x86/entry_probe_x86_64.S
t=$(mktemp -d)
{ echo '.equ PROBE_RECORD, 0x10000'; cat "$probe"; } > "$t/p.S"
x86_64-linux-gnu-as -o "$t/p.o" "$t/p.S"
[ -z "$(x86_64-linux-gnu-readelf -r "$t/p.o" | grep -v 'no relocations')" ] || { echo "probe has relocations" >&2; exit 1; }
x86_64-linux-gnu-objcopy -O binary -j .text "$t/p.o" entry_probe_x86_64.bin
rm -rf "$t"
# qemu_entry_x86_64.bin: the boot check's 64 KiB firmware image (16-, 32- and 64-bit code) assembled by GNU as
# at offset 0 with BIOS_BASE = 0xffff0000, where QEMU's pc machine maps it, and MAPPED_GIB = 4
tramp=../../../../main/resources/org/kexeclab/x86/qemu/qemu_entry_x86_64.S
t=$(mktemp -d)
{ printf '.equ BIOS_BASE, 0xffff0000\n.equ MAPPED_GIB, 4\n'; cat "$tramp"; } > "$t/q.S"
x86_64-linux-gnu-as -o "$t/q.o" "$t/q.S"
[ -z "$(x86_64-linux-gnu-readelf -r "$t/q.o" | grep -v 'no relocations')" ] || { echo "firmware image has relocations" >&2; exit 1; }
x86_64-linux-gnu-objcopy -O binary -j .text "$t/q.o" qemu_entry_x86_64.bin
rm -rf "$t"
