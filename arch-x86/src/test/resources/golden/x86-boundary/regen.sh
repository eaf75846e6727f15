#!/bin/sh
# Regenerates lengths.txt from insns.txt with GNU as (x86_64-linux-gnu-as via the project's golden-as).
cd "$(dirname "$0")" && { echo "# /work/shared/tools/golden-as x86_64 < insns.txt  (GNU as, x86_64-linux-gnu-as, intel syntax): hexbytes<TAB>instruction"; /work/shared/tools/golden-as x86_64 < insns.txt; } > lengths.txt
