#!/usr/bin/env bash
# The core never sees SDL: no SDL include anywhere under src/.
set -u
src="$1/src"
hits=$(grep -rnE '#\s*include\s*[<"](SDL|SDL2/)' "$src" || true)
if [ -n "$hits" ]; then echo "SDL include in the core:"; echo "$hits"; exit 1; fi
n=$(find "$src" -name '*.[ch]' | wc -l)
[ "$n" -gt 0 ] || { echo "no sources found under $src"; exit 1; }
echo "ok: $n core files, none includes SDL"
