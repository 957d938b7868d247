#!/usr/bin/env bash
# cli_expect.sh STATUS REGEX -- COMMAND...: COMMAND must exit with STATUS and print (stdout or stderr)
# something matching REGEX.
set -u
want_status=$1 regex=$2
shift 3
out=$("$@" 2>&1)
status=$?
if [ "$status" -ne "$want_status" ]; then
  echo "FAIL: exit $status, wanted $want_status: $*"; echo "$out"; exit 1
fi
if ! grep -qE -- "$regex" <<<"$out"; then
  echo "FAIL: output does not match /$regex/: $*"; echo "$out"; exit 1
fi
echo "ok: $*"
