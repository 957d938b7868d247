#!/usr/bin/env bash
# bench_idle: CPU seconds per 10 s of the real game in a 1920x1080 window under Xvfb (no window manager),
# read from /proc/PID/stat (user + system, every thread), for
#   - a still screen: the Academy map, nobody touching it (target <= 0.3);
#   - a 1 Hz countdown: a classroom question counting down (target <= 0.9);
#   - a Guided Session's rest counting down (target <= 0.9);
#   - the title screen, whose muscle breathes (an animation at 30 frames a second; for information);
#   - the Muscle Lab: its demo mid-set (particles drifting and washing out), one limb and side by side (for
#     information), and idle (nothing moves but its clock: target as a 1 Hz countdown);
# with the X server's own CPU beside each. Then the time from SIGTERM (with the "Leave?" dialog up) to
# exit, and from confirming Quit to exit. Prints figures; asserts nothing.
#   bench/bench_idle.sh [GAME] [--seconds S] [--json]     (OC_XVFB_DISPLAYS="FIRST LAST", default "90 140")
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
game="$here/../build/tests/occlusion-coach"
secs=10 json=0
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) secs=$2; shift 2 ;;
        --json) json=1; shift ;;
        -*) echo "bench_idle: unknown option '$1' (--seconds S, --json)" >&2; exit 2 ;;
        *) game=$1; shift ;;
    esac
done
[ -x "$game" ] || { echo "bench_idle: no game binary at $game (build first, or pass its path)" >&2; exit 1; }
for tool in Xvfb xdotool; do command -v $tool >/dev/null || { echo "bench_idle: $tool missing" >&2; exit 1; }; done
read -r first last <<<"${OC_XVFB_DISPLAYS:-90 140}"
disp=
for n in $(seq "$first" "$last"); do [ -e "/tmp/.X$n-lock" ] || { disp=$n; break; }; done
[ -n "$disp" ] || { echo "bench_idle: no free display in $first..$last" >&2; exit 1; }
Xvfb ":$disp" -screen 0 1920x1080x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xpid=$!
data=$(mktemp -d /tmp/oc-idle-XXXXXX)
gpid=
cleanup() {
    [ -n "$gpid" ] && kill "$gpid" 2>/dev/null
    kill "$xpid" 2>/dev/null; wait "$xpid" 2>/dev/null
    rm -rf "$data" "$data.log"
}
trap cleanup EXIT
export DISPLAY=":$disp" SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy OC_VERBOSE=1
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
tck=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

start_game() { # args...
    for _try in 1 2 3; do
        "$game" --windowed 1920x1080 --data-dir "$data" "$@" 2>>"$data.log" &
        gpid=$!
        for _ in $(seq 100); do
            kill -0 "$gpid" 2>/dev/null || break
            xdotool search --onlyvisible --name "Occlusion Coach" >/dev/null 2>&1 && break
            sleep 0.1
        done
        if kill -0 "$gpid" 2>/dev/null; then
            xdotool mousemove 960 540 2>/dev/null
            sleep 0.5
            return 0
        fi
        wait "$gpid" 2>/dev/null
    done
    echo "bench_idle: the game does not start:" >&2
    cat "$data.log" >&2
    exit 1
}

stop_game() {
    kill -TERM "$gpid" 2>/dev/null; wait "$gpid" 2>/dev/null; gpid=
}

report() { # name game_ticks x_ticks target
    local g x
    g=$(awk -v t="$2" -v k="$tck" -v s="$secs" 'BEGIN{printf "%.2f", t / k * 10 / s}')
    x=$(awk -v t="$3" -v k="$tck" -v s="$secs" 'BEGIN{printf "%.2f", t / k * 10 / s}')
    if [ "$json" = 1 ]; then
        printf '{"measure":"%s","game_cpu_s_per_10s":%s,"xvfb_cpu_s_per_10s":%s,"target":%s,"seconds":%s}\n' \
            "$1" "$g" "$x" "${4:-null}" "$secs"
    else
        printf '%-34s game %5s CPU-s per 10 s   Xvfb %5s%s\n' "$1" "$g" "$x" "${4:+   (target <= $4)}"
    fi
}

measure() { # name target
    local g0 x0 g1 x1
    g0=$(cpu_ticks "$gpid"); x0=$(cpu_ticks "$xpid")
    sleep "$secs"
    g1=$(cpu_ticks "$gpid"); x1=$(cpu_ticks "$xpid")
    kill -0 "$gpid" 2>/dev/null || { echo "bench_idle: the game exited during '$1'" >&2; exit 1; }
    report "$1" $((g1 - g0)) $((x1 - x0)) "${2:-}"
}

[ "$json" = 1 ] || echo "bench_idle: 1920x1080 window under Xvfb :$disp (no window manager), ${secs} s per figure"

start_game --scene academy
measure "still screen (Academy map)" 0.3
stop_game

# classroom view: Left x3 reaches "Classroom view", Enter turns it on, Right x3 wraps round to level 1
start_game --scene academy
xdotool key Left sleep 0.1 key Left sleep 0.1 key Left sleep 0.1 key Return sleep 0.3 \
    key Right sleep 0.1 key Right sleep 0.1 key Right sleep 0.1 key Return
sleep 1
measure "1 Hz countdown (classroom question)" 0.9
stop_game

start_game
measure "title (breathing emblem, 30 Hz)"
stop_game
renderer=$(grep -m1 "renderer:" "$data.log" | sed 's/^.*renderer: //')
[ "$json" = 1 ] || echo "(renderer: ${renderer:-unknown})"

start_game --scene lab --demo --at 200
measure "Muscle Lab demo mid-set, one limb"
stop_game

start_game --scene lab --demo --lab-view side --at 200
measure "Muscle Lab demo mid-set, side by side"
stop_game

start_game --scene lab
measure "Muscle Lab idle (its clock ticking)" 0.9
stop_game

# a Guided Session resting between two short sets (autoplay counts the reps): the rest's countdown, the
# wrap clock and the session clock tick once a second each
cat >"$data/rest.json" <<'JSON'
{"version": 1, "id": "bench-rest", "name": "Bench: a long rest", "body_part": "arm", "load_percent": 30,
 "rest_seconds": 60, "rep_seconds": 1, "recover_seconds": 60, "sets": [{"reps": 2}, {"reps": 2}]}
JSON
start_game --scene session --autoplay --protocol "$data/rest.json"
sleep 8
measure "1 Hz countdown (session rest)" 0.9
stop_game

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
start_game
xdotool key Escape
sleep 0.5
t0=$(date +%s%N)
kill -TERM "$gpid"; wait "$gpid"; rc=$?; gpid=
term_ms=$(ms_since "$t0")
start_game
xdotool key Escape sleep 0.5 key Right sleep 0.3
t0=$(date +%s%N)
xdotool key Return
wait "$gpid"; rc2=$?; gpid=
quit_ms=$(ms_since "$t0")
if [ "$json" = 1 ]; then
    printf '{"measure":"sigterm_over_leave_dialog_to_exit_ms","value":%s,"exit_status":%s,"target":1000}\n' "$term_ms" "$rc"
    printf '{"measure":"quit_confirmed_to_exit_ms","value":%s,"exit_status":%s,"target":300}\n' "$quit_ms" "$rc2"
else
    echo "SIGTERM over the Leave? dialog to exit: ${term_ms} ms (exit status $rc; target < 1000 ms)"
    echo "Quit confirmed (Enter) to exit:        ${quit_ms} ms (exit status $rc2; target < 300 ms)"
fi
