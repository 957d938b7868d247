#!/usr/bin/env bash
# Exports every SVG source under assets/ to the PNG sizes the game loads (needs librsvg2-bin).
# The PNGs are committed so that building the game does not need this tool.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v rsvg-convert >/dev/null || { echo "export-images: install librsvg2-bin" >&2; exit 1; }
icons="$root/assets/icons"
for size in 64 256; do
  rsvg-convert -w "$size" -h "$size" "$icons/occlusion-coach.svg" -o "$icons/occlusion-coach-$size.png"
done
# Figures and other art: each SVG in assets/figures becomes a PNG at the height the game draws it on a
# 4K screen, so it stays crisp there (the renderer only ever scales it down).
if [ -d "$root/assets/figures" ]; then
  for svg in "$root"/assets/figures/*.svg; do
    [ -e "$svg" ] || continue
    rsvg-convert -h 2048 "$svg" -o "${svg%.svg}.png"
  done
fi
echo "exported"
