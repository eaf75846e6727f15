#!/usr/bin/env bash
# Assembles the arm relocation stub with GNU as (-march=armv7-a) and writes its .text bytes
# as hex to relocate_kernel_arm.hex (one line).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
src=../../../../main/resources/org/kexeclab/arm/relocate_kernel_arm.S
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
arm-linux-gnueabihf-as -march=armv7-a -o "$t/s.o" "$src"
arm-linux-gnueabihf-objcopy -O binary -j .text "$t/s.o" "$t/s.bin"
{ echo "# regenerate: ${PWD#"$root"/}/regen-stub.sh   (arm-linux-gnueabihf-as -march=armv7-a ($(arm-linux-gnueabihf-as --version | head -1)) + objcopy -O binary -j .text)"
  od -An -v -tx1 "$t/s.bin" | tr -d ' \n'; echo; } > relocate_kernel_arm.hex
