#!/usr/bin/env bash
# Regenerates every NAME.golden in this directory from NAME.in with GNU as, through the
# repository's own scripts/golden-as riscv64 NAME.in
# Each golden line is "hexbytes<TAB>instruction" (bytes in memory order) or
# "ERROR<TAB>instruction<TAB>as's message" when as rejects the line.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
as_version=$("$root/scripts/golden-as" --version riscv64)
for in in ${1:-*.in}; do
  out=${in%.in}.golden
  { echo "# regenerate: ${PWD#"$root"/}/regen.sh   (scripts/golden-as riscv64 $in; $as_version)"
    "$root/scripts/golden-as" riscv64 "$in"; } > "$out.tmp"
  mv "$out.tmp" "$out"
done
