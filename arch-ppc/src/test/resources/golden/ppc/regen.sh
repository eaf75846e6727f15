#!/usr/bin/env bash
# Regenerates the PowerPC golden vectors from GNU as (Debian cross binutils 2.40+).
# Each output line: "hex-bytes<TAB>instruction", or "ERROR<TAB>instruction<TAB>message".
# Commands (run from this directory; golden-as is the repository's scripts/golden-as):
#   golden-as ppc32   forms32.s > ppc32-forms32.golden
#   golden-as ppc64   forms32.s > ppc64-forms32.golden
#   golden-as ppc64le forms32.s > ppc64le-forms32.golden
#   golden-as ppc32   forms64.s > ppc32-forms64.golden
#   golden-as ppc64   forms64.s > ppc64-forms64.golden
#   golden-as ppc64le forms64.s > ppc64le-forms64.golden
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../../.. && pwd)
G=$root/scripts/golden-as
for arch in ppc32 ppc64 ppc64le; do
  for forms in forms32 forms64; do
    { echo "# regenerate: ${PWD#"$root"/}/regen.sh   (scripts/golden-as $arch $forms.s; $("$G" --version "$arch"))"; "$G" "$arch" "$forms.s"; } > "$arch-$forms.golden"
  done
done
