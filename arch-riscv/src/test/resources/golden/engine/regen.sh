#!/usr/bin/env bash
# Regenerates the engine test programs: for each MODE.s here, every "## name" line starts a
# program and every other line is one instruction, assembled by GNU as through
#   scripts/golden-as MODE      (the repository's; x86_64 uses Intel syntax; thumb is unified Thumb-2)
# into MODE.golden: the same "## name" lines, then "hexbytes<TAB>instruction" per instruction.
# Tests read only the .golden files; binutils are not needed at test time.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
GOLDEN_AS=$root/scripts/golden-as
for src in *.s; do
  mode=${src%.s}
  out=$mode.golden
  {
    echo "# regenerate: ${PWD#"$root"/}/regen.sh   (scripts/golden-as $mode < each instruction of $src; $("$GOLDEN_AS" --version "$mode"))"
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        "## "*) echo "$line" ;;
        "") ;;
        *) printf '%s\n' "$line" | "$GOLDEN_AS" "$mode" ;;
      esac
    done < "$src"
  } > "$out"
  if grep -q '^ERROR' "$out"; then echo "regen: $out has errors" >&2; grep '^ERROR' "$out" >&2; exit 1; fi
done
