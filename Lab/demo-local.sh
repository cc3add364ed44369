#!/usr/bin/env bash
# The demo until the replica lab lands: a before/after study against the local demo service.
# "Before" the service answers in about 4 ms; "after" a (simulated) change it answers in about 1 ms.
# The same short staged profile runs against each, then `compare` says, stage by stage, what changed.
# The services are stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=.build/release
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Starts the demo service with the given delay on a free loopback port; prints the port.
start_service() {
  local name=$1 delay=$2
  "$bin/loadrunner-demo-server" --port 0 --port-file "$work/$name.port" --delay "$delay" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
  [ -s "$work/$name.port" ] || { echo "the demo service did not start:" >&2; cat "$work/$name.log" >&2; exit 1; }
  cat "$work/$name.port"
}

out="Reports/demo-$(date -u +%Y%m%d-%H%M%S)"
before_port=$(start_service before 4ms)
after_port=$(start_service after 1ms)

echo "== before: the service answers in ~4 ms"
"$bin/LoadRunner" run Profiles/smoke.yaml --target "http://127.0.0.1:$before_port" --out "$out/before"
echo
echo "== after: the service answers in ~1 ms"
"$bin/LoadRunner" run Profiles/smoke.yaml --target "http://127.0.0.1:$after_port" --out "$out/after"
echo
echo "== compare"
status=0
"$bin/LoadRunner" compare "$out/before" "$out/after" --out "$out/compare" || status=$?
echo
echo "Reports: $out/before/report.html, $out/after/report.html, $out/compare/report.html (and the .md files)"
# A regression (exit 2) is a finding, not a broken demo.
[ "$status" -eq 0 ] || [ "$status" -eq 2 ]
