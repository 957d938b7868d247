#!/usr/bin/env bash
# Real windows under our own Xvfb (no window manager, like a kiosk PC behind a TV):
# - the game runs 120 frames windowed, then 60 full screen, and exits 0;
# - test_pacing (frames presented by a still window, a 1 Hz countdown, an animation) under X11;
# - --fullscreen covers the whole screen at 1920x1080 and 3840x2160 (a root-window screenshot has no
#   uncovered black corner);
# - SIGTERM and SIGINT while the "Leave?" dialog is up: exit 0 with the settings saved;
# - Quit confirmed with the keyboard: the process is gone.
# - the renderer: OpenGL drawn by the CPU (llvmpipe here) is passed over for SDL's software renderer, and an
#   explicit SDL_RENDER_DRIVER is honoured; test_lab_pacing (the Muscle Lab's frames) under X11.
# Usage: window_xvfb.sh GAME OUTDIR [TEST_PACING [TEST_LAB_PACING]]. OC_XVFB_DISPLAYS="FIRST LAST" picks the
# display numbers.
set -u
game=$1 out=$2 pacing=${3:-} lab_pacing=${4:-}
command -v Xvfb >/dev/null || { echo "Xvfb missing (apt-get install xvfb)"; exit 1; }
read -r first last <<<"${OC_XVFB_DISPLAYS:-90 140}"
mkdir -p "$out"
xpid=
gpid=
cleanup() {
    [ -n "$gpid" ] && kill "$gpid" 2>/dev/null
    [ -n "$xpid" ] && { kill "$xpid" 2>/dev/null; wait "$xpid" 2>/dev/null; }
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# -noreset: an X server resets when its last client leaves, and a game started during the reset finds
# no display ("x11 not available")
start_x() { # WxH
    cleanup
    xpid= disp=
    for n in $(seq "$first" "$last"); do [ -e "/tmp/.X$n-lock" ] || { disp=$n; break; }; done
    [ -n "$disp" ] || fail "no free X display in $first..$last"
    Xvfb ":$disp" -screen 0 "${1}x24" -nolisten tcp -noreset >/dev/null 2>&1 &
    xpid=$!
    export DISPLAY=":$disp" SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy
    for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && return 0; sleep 0.1; done
    fail "Xvfb :$disp did not start"
}

wait_window() { # the game's window is mapped
    for _ in $(seq 100); do
        xdotool search --onlyvisible --name "Occlusion Coach" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

# a pixel of a PNG as "r,g,b"
pixel() { convert "$1" -format "%[fx:int(255*p{$2,$3}.r)],%[fx:int(255*p{$2,$3}.g)],%[fx:int(255*p{$2,$3}.b)]" info:; }

fullscreen_check() { # WxH
    local size=$1 w=${1%x*} h=${1#*x} shot="$out/xvfb-fullscreen-$1.png" data="$out/xvfb-fs-$1"
    rm -rf "$data"
    "$game" --fullscreen --data-dir "$data" &
    gpid=$!
    wait_window || fail "$size: no window"
    # A loaded machine may take a while to draw the first 4K frame: look again for up to 20 s.
    local bare= try
    for try in $(seq 20); do
        sleep 1
        import -window root "$shot" || fail "$size: import failed"
        local got; got=$(identify -format "%wx%h" "$shot")
        [ "$got" = "$size" ] || fail "$size: screenshot is $got"
        bare=
        for xy in "1 1" "$((w - 2)) 1" "1 $((h - 2))" "$((w - 2)) $((h - 2))" "$((w / 2)) $((h - 2))"; do
            # shellcheck disable=SC2086
            local px; px=$(pixel "$shot" $xy)
            [ "$px" != "0,0,0" ] || { bare=$xy; break; }
        done
        [ -z "$bare" ] && break
    done
    kill -TERM "$gpid"; wait "$gpid"; local rc=$?; gpid=
    [ "$rc" = 0 ] || fail "$size: exit status $rc after SIGTERM"
    [ -z "$bare" ] || fail "$size: the screen is not covered at ($bare): black (see $shot)"
    echo "ok: --fullscreen covers $size ($shot)"
}

start_x 1920x1080
data="$out/xvfb-data"
timeout 60 "$game" --windowed 1280x720 --frames 120 --data-dir "$data" || fail "windowed run failed"
timeout 60 "$game" --fullscreen --frames 60 --data-dir "$data" || fail "full-screen run failed"
echo "ok: windowed and full-screen runs under Xvfb :$disp"

if [ -n "$pacing" ]; then
    timeout 120 "$pacing" || fail "test_pacing under X11"
    echo "ok: test_pacing under X11"
fi
if [ -n "$lab_pacing" ]; then
    timeout 120 "$lab_pacing" || fail "test_lab_pacing under X11"
    echo "ok: test_lab_pacing under X11"
fi

line=$(OC_VERBOSE=1 timeout 30 "$game" --windowed 640x360 --frames 2 --data-dir "$data" 2>&1 | grep "renderer:")
case "$line" in
    *"renderer: software"*) echo "ok: $line" ;;
    *) fail "expected SDL's software renderer under Xvfb (OpenGL here has no GPU), got: $line" ;;
esac
line=$(SDL_RENDER_DRIVER=opengl OC_VERBOSE=1 timeout 30 "$game" --windowed 640x360 --frames 2 --data-dir "$data" 2>&1 |
    grep "renderer:")
case "$line" in
    *"(SDL_RENDER_DRIVER=opengl)"*) echo "ok: an explicit choice is honoured: $line" ;;
    *) fail "SDL_RENDER_DRIVER=opengl was not honoured: $line" ;;
esac

fullscreen_check 1920x1080

# SIGTERM / SIGINT while "Leave Occlusion Coach?" is up: saved and gone
for sig in TERM INT; do
    data="$out/xvfb-signal-$sig"
    rm -rf "$data"
    "$game" --windowed 1280x720 --data-dir "$data" &
    gpid=$!
    wait_window || fail "SIG$sig: no window"
    xdotool mousemove 640 360 sleep 0.3 key Escape sleep 0.5 # the quit dialog (focus follows the pointer)
    t0=$(date +%s%N)
    kill -"$sig" "$gpid"
    for _ in $(seq 50); do kill -0 "$gpid" 2>/dev/null || break; sleep 0.02; done
    kill -0 "$gpid" 2>/dev/null && fail "SIG$sig: still running 1 s after the signal"
    wait "$gpid"; rc=$?; gpid=
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    [ "$rc" = 0 ] || fail "SIG$sig: exit status $rc"
    [ -s "$data/settings.json" ] || fail "SIG$sig: settings.json not saved"
    echo "ok: SIG$sig over the Leave? dialog: saved, exit 0 after ${ms} ms"
done

# Quit confirmed with the keyboard (Esc opens the dialog, Right moves to Quit, Enter)
data="$out/xvfb-quit"
rm -rf "$data"
"$game" --windowed 1280x720 --data-dir "$data" &
gpid=$!
wait_window || fail "quit: no window"
xdotool mousemove 640 360 sleep 0.3 key Escape sleep 0.5 key Right sleep 0.3
t0=$(date +%s%N)
xdotool key Return
for _ in $(seq 150); do kill -0 "$gpid" 2>/dev/null || break; sleep 0.02; done
kill -0 "$gpid" 2>/dev/null && fail "quit: still running 3 s after Quit was confirmed"
wait "$gpid"; rc=$?; gpid=
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$rc" = 0 ] || fail "quit: exit status $rc"
echo "ok: Quit confirmed: gone after ${ms} ms"

start_x 3840x2160
fullscreen_check 3840x2160
