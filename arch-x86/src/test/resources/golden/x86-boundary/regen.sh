#!/bin/sh
# Regenerates lengths.txt from insns.txt with GNU as (x86_64-linux-gnu-as via the repository's scripts/golden-as).
cd "$(dirname "$0")" && root=$(cd ../../../../../.. && pwd) && { echo "# regenerate: ${PWD#"$root"/}/regen.sh   (scripts/golden-as x86_64 < insns.txt, intel syntax; $("$root/scripts/golden-as" --version x86_64)): hexbytes<TAB>instruction"; "$root/scripts/golden-as" x86_64 < insns.txt; } > lengths.txt
