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
# Academy icons (kind-*, star, lock): 256 px, the size they are drawn at on a 4K screen.
for svg in "$icons"/kind-*.svg "$icons"/star.svg "$icons"/lock.svg; do
  [ -e "$svg" ] || continue
  rsvg-convert -w 256 -h 256 "$svg" -o "${svg%.svg}.png"
done
# Body figures: their SVGs are written by assets/figures/make-figures.py (edit that, not the SVGs). Two heights. The game picks the smallest one at least as tall as it draws the figure, so
# the renderer only ever scales down, and by less than half: crisp at 1080p and on a 4K projector.
if [ -d "$root/assets/figures" ]; then
  for svg in "$root"/assets/figures/*.svg; do
    [ -e "$svg" ] || continue
    for h in 1024 2048; do
      rsvg-convert -h "$h" "$svg" -o "${svg%.svg}-$h.png"
    done
  done
fi
# The room's phone page shows the figures too (assets/web/ is all it may serve): 800 px tall is sharp on a
# phone and keeps the page light.
if [ -d "$root/assets/web" ]; then
  for v in front back; do
    rsvg-convert -h 800 "$root/assets/figures/body-$v.svg" -o "$root/assets/web/figure-$v.png"
  done
fi
echo "exported"
