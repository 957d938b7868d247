#!/usr/bin/env bash
# Scenes draw through gfx_* only: gfx keeps track of what is on the screen (to draw translucent panels and
# text faster), and a raw SDL_Render* drawing call elsewhere would bypass it and corrupt the picture.
set -u
root=$1
bad=$(grep -rnE 'SDL_Render(Geometry|Copy|CopyEx|FillRect|FillRects|DrawLine|DrawLines|DrawPoint|DrawRect|Clear)\b' \
    "$root/game" --include='*.c' | grep -vE '^[^:]*/game/(gfx|app|text)\.c:')
if [ -n "$bad" ]; then
    echo "draw through gfx_* (gfx_geometry, gfx_image, gfx_copy_layer, ...), not SDL directly:"
    echo "$bad"
    exit 1
fi
echo "ok: only gfx.c, app.c and text.c call SDL's drawing functions"
