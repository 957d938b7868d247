#!/usr/bin/env bash
# A real window under its own Xvfb: the game opens, runs 120 frames windowed, then full screen, and exits 0.
set -u
game=$1 out=$2
command -v Xvfb >/dev/null || { echo "Xvfb missing (apt-get install xvfb)"; exit 1; }
for n in $(seq 90 140); do [ -e "/tmp/.X$n-lock" ] || { disp=$n; break; }; done
Xvfb ":$disp" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null; wait $xpid 2>/dev/null' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$disp" ] && break; sleep 0.1; done
export DISPLAY=":$disp" SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy
mkdir -p "$out"
timeout 60 "$game" --windowed 1280x720 --frames 120 --data-dir "$out/xvfb-data" || { echo "windowed run failed"; exit 1; }
timeout 60 "$game" --fullscreen --frames 60 --data-dir "$out/xvfb-data" || { echo "full-screen run failed"; exit 1; }
echo "ok: windowed and full-screen runs under Xvfb :$disp"
