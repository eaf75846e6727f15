#!/usr/bin/env bash
# Assembles the committed stub sources with GNU as and writes their .text as one hex line per
# stub: the independent reference for PpcStubsTest. GNU as does not know the SPR names the
# project's encoder accepts, so SRR0/SRR1/PIR are replaced by their numbers (26/27/1023) first;
# -mregnames lets it read r3-style registers. Commands:
#   powerpc-linux-gnu-as     -a32 -mbig    -mregnames           (relocate_kernel_ppc32.S)
#   powerpc64-linux-gnu-as   -a64 -mbig    -mpower8 -mregnames  (kexec_sequence_ppc64.S)
#   powerpc64le-linux-gnu-as -a64 -mlittle -mpower8 -mregnames  (kexec_sequence_ppc64.S)
#   the entry probes the same way, with --defsym PROBE_RECORD=0x10000 (StandardMachine's record;
#   every branch in them is relative, so their bytes do not depend on where they are assembled)
#   then <prefix>-objcopy -O binary -j .text and od -An -v -tx1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)
src=$here/../../../../main/resources/org/kexeclab/ppc
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
one() { # prefix flags source output
  sed -e 's/\bSRR0\b/26/g; s/\bSRR1\b/27/g; s/\bPIR\b/1023/g' "$src/$3" > "$t/a.s"
  "$1-as" $2 -mregnames -o "$t/a.o" "$t/a.s"
  "$1-objcopy" -O binary -j .text "$t/a.o" "$t/a.bin"
  { echo "# regenerate: ${here#"$root"/}/regen-stubs.sh   ($1-as $2 -mregnames $3; $("$1-as" --version | head -1))"; od -An -v -tx1 "$t/a.bin" | tr -d ' \n'; echo; } > "$here/$4"
}
one powerpc-linux-gnu "-a32 -mbig" relocate_kernel_ppc32.S relocate_kernel_ppc32.gnu-as.hex
one powerpc64-linux-gnu "-a64 -mbig -mpower8" kexec_sequence_ppc64.S kexec_sequence_ppc64.gnu-as.hex
one powerpc64le-linux-gnu "-a64 -mlittle -mpower8" kexec_sequence_ppc64.S kexec_sequence_ppc64le.gnu-as.hex
one powerpc-linux-gnu "-a32 -mbig --defsym PROBE_RECORD=0x10000" entry_probe_ppc32.S entry_probe_ppc32.gnu-as.hex
one powerpc64-linux-gnu "-a64 -mbig -mpower8 --defsym PROBE_RECORD=0x10000" entry_probe_ppc64.S entry_probe_ppc64.gnu-as.hex
one powerpc64le-linux-gnu "-a64 -mlittle -mpower8 --defsym PROBE_RECORD=0x10000" entry_probe_ppc64.S entry_probe_ppc64le.gnu-as.hex
