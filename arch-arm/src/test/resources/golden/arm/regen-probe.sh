#!/usr/bin/env bash
# Assembles the arm entry probe with GNU as and writes its .text bytes as hex to
# entry_probe_arm.hex (one line). PROBE_RECORD is StandardMachine.PROBE_RECORD, MACH_TYPE is
# ArmMachineKexec.MACHINE_TYPE; the probe is position-independent, so the bytes hold at any entry.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
src=../../../../main/resources/org/kexeclab/arm/entry_probe_arm.S
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
arm-linux-gnueabihf-as -march=armv7-a --defsym PROBE_RECORD=0x10000 --defsym MACH_TYPE=0xffffffff -o "$t/p.o" "$src"
arm-linux-gnueabihf-objcopy -O binary -j .text "$t/p.o" "$t/p.bin"
{ echo "# regenerate: ${PWD#"$root"/}/regen-probe.sh   (arm-linux-gnueabihf-as -march=armv7-a --defsym PROBE_RECORD=0x10000 --defsym MACH_TYPE=0xffffffff ($(arm-linux-gnueabihf-as --version | head -1)) + objcopy -O binary -j .text)"
  od -An -v -tx1 "$t/p.bin" | tr -d ' \n'; echo; } > entry_probe_arm.hex
