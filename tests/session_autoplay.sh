#!/usr/bin/env bash
# session_autoplay.sh GAME OUTDIR: the headless --autoplay contract. A whole session with several athletes
# runs to its end and exits 0, and the history holds one row per set with status "done"; a broken protocol
# and bad flags are refused by name.
set -u
game=$1 out=$2/session-autoplay
rm -rf "$out" && mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }
proto="$(dirname "$0")/../levels/protocols"

"$game" --headless --scene session --protocol "$proto/01-guide-five-sets.json" --autoplay --athletes 3 \
  --time-scale 40 --size 640x360 --data-dir "$out/d" >"$out/log" 2>&1 || { cat "$out/log"; fail "autoplay exit $?"; }
"$game" --export-csv "$out/h.csv" --data-dir "$out/d" >/dev/null || fail "export"
head -1 "$out/h.csv" | grep -q '^session,athlete,started,status,set,reps_planned,reps_done' || fail "csv header"
rows=$(grep -c ',done,' "$out/h.csv")
[ "$rows" -eq 15 ] || { cat "$out/h.csv"; fail "expected 15 done rows (3 athletes x 5 sets), got $rows"; }
# to failure: reps_planned is 0 and every set counted reps
awk -F, 'NR>1 && ($6 != 0 || $7 < 1) {bad=1} END {exit bad}' "$out/h.csv" || fail "planned/done columns"
athletes=$(tail -n +2 "$out/h.csv" | cut -d, -f2 | sort -u | wc -l)
[ "$athletes" -eq 3 ] || fail "expected 3 athletes, got $athletes"

# the 4-set scheme with fixed targets: 30-15-15-15 exactly
"$game" --headless --scene session --protocol "$proto/02-classic-30-15-15-15.json" --autoplay --time-scale 60 \
  --size 640x360 --data-dir "$out/c" >"$out/log2" 2>&1 || { cat "$out/log2"; fail "classic autoplay"; }
"$game" --export-csv - --data-dir "$out/c" | tr -d '\r' | awk -F, 'NR>1 {printf "%s/%s ", $6, $7}' >"$out/reps"
[ "$(cat "$out/reps")" = "30/30 15/15 15/15 15/15 " ] || fail "classic reps: $(cat "$out/reps")"

# bad input is named
printf '{"version": 1, "id": "x", "name": "X", "rest_seconds": 90, "sets": [{"reps": 3}]}' >"$out/bad.json"
msg=$("$game" --headless --scene session --protocol "$out/bad.json" --autoplay --data-dir "$out/b" 2>&1)
[ $? -eq 1 ] || fail "broken protocol should exit 1"
grep -q "bad.json: rest_seconds: expected a whole number from 30 to 60" <<<"$msg" || fail "message: $msg"
echo "ok: autoplay sessions write their history; broken protocols are refused"
