#!/usr/bin/env bash
# The demo until the replica lab lands: start the demo service on a free loopback port, run the short
# staged profile against it, stop the service (always), and say where the report is.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=.build/release
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/loadrunner-demo-server" --port 0 --port-file "$work/port" --delay 2ms --threads 1 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "demo server did not start:"; cat "$work/server.log"; exit 1; }
port=$(cat "$work/port")

out="Reports/demo-$(date -u +%Y%m%d-%H%M%S)"
status=0
"$bin/LoadRunner" run Profiles/smoke.yaml --target "http://127.0.0.1:$port" --out "$out" || status=$?
echo
echo "Report: $out/report.md"
exit "$status"
