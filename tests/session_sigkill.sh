#!/usr/bin/env bash
# session_sigkill.sh GAME OUTDIR: a session killed with SIGKILL after its second set keeps sets 1 and 2,
# and the next start marks it interrupted.
set -u
game=$1 out=$2/session-sigkill
rm -rf "$out" && mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }
db="$out/d/occlusion-coach.sqlite3"
"$game" --headless --scene session --protocol "$(dirname "$0")/../levels/protocols/02-classic-30-15-15-15.json" \
  --autoplay --time-scale 3 --size 320x240 --data-dir "$out/d" >"$out/log" 2>&1 &
pid=$!
sets=0
for _ in $(seq 1 600); do
  sleep 0.1
  kill -0 "$pid" 2>/dev/null || fail "the session ended before it could be killed"
  sets=$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM sets" 2>/dev/null || echo 0)
  [ "${sets:-0}" -ge 2 ] && break
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
[ "${sets:-0}" -ge 2 ] || fail "set 2 was never committed"
[ "$sets" -le 3 ] || fail "killed too late ($sets sets)"
# the next start opens the database: the session is marked interrupted, its sets kept
"$game" --export-csv "$out/h.csv" --data-dir "$out/d" >/dev/null || fail "export after the kill"
tr -d '\r' <"$out/h.csv" | awk -F, 'NR>1 {print $4, $5, $7}' >"$out/rows"
grep -qx "interrupted 1 30" "$out/rows" || { cat "$out/rows"; fail "set 1 lost"; }
grep -qx "interrupted 2 15" "$out/rows" || { cat "$out/rows"; fail "set 2 lost"; }
echo "ok: killed after set $sets; sets kept and the session marked interrupted"
