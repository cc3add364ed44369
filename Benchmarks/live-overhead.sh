#!/usr/bin/env bash
# Does `run --listen` disturb the load? A closed 100-user run against nginx (Benchmarks/profiles/bench-100.yaml,
# SECONDS_MEASURED measured seconds) without --listen and with --listen plus a poller reading /api/state and
# /metrics every second (what an open dashboard and a Prometheus scraper do), in ROUNDS interleaved rounds (the
# order alternates). Prints each run's requests/s (the stage window, stages.csv) and the ratio of the means.
# Every server started here is stopped on exit. Usage: make release && Benchmarks/live-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LOADRUNNER=${LOADRUNNER:-.build/release/LoadRunner}
ROUNDS=${ROUNDS:-3}
SECONDS_MEASURED=${SECONDS_MEASURED:-10}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

nginx_port=$(free_port)
mkdir -p "$work/nginx/tmp"
sed -e "s|@PORT@|$nginx_port|g; s|@PREFIX@|$work/nginx|g" Benchmarks/nginx.conf >"$work/nginx/nginx.conf"
nginx -e "$work/nginx/error.log" -p "$work/nginx/" -c nginx.conf & pids+=($!)
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$nginx_port/json" >/dev/null && break; sleep 0.1; done
sed -e "s/duration: 17s/duration: $((SECONDS_MEASURED + 2))s/" Benchmarks/profiles/bench-100.yaml >"$work/bench.yaml"

# run NAME [--listen]: one run; prints its window's requests/s.
run() {
  local name=$1 listen=${2:-} poller=""
  local args=(run "$work/bench.yaml" --target "http://127.0.0.1:$nginx_port" --out "$work/$name" --quiet)
  if [ -n "$listen" ]; then
    local port; port=$(free_port)
    args+=(--listen "127.0.0.1:$port")
    (while sleep 1; do curl -s "http://127.0.0.1:$port/api/state" >/dev/null; curl -s "http://127.0.0.1:$port/metrics" >/dev/null; done) &
    poller=$!
  fi
  "$LOADRUNNER" "${args[@]}" >"$work/$name.log" 2>&1
  if [ -n "$poller" ]; then kill "$poller" 2>/dev/null || true; wait "$poller" 2>/dev/null || true; fi
  python3 -c 'import csv,sys; print(next(csv.DictReader(open(sys.argv[1])))["rps"])' "$work/$name/stages.csv"
}

plain=() live=()
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then
    plain+=("$(run "plain-$round")"); live+=("$(run "live-$round" --listen)")
  else
    live+=("$(run "live-$round" --listen)"); plain+=("$(run "plain-$round")")
  fi
  echo "round $round: without --listen ${plain[-1]}/s, with --listen and a poller ${live[-1]}/s"
done
python3 - "${plain[*]}" "${live[*]}" <<'PY'
import statistics, sys
plain = [float(v) for v in sys.argv[1].split()]
live = [float(v) for v in sys.argv[2].split()]
print(f"mean without {statistics.mean(plain):.0f}/s, with {statistics.mean(live):.0f}/s: ratio {statistics.mean(live) / statistics.mean(plain):.3f}"
      f" (spread without: {min(plain):.0f}..{max(plain):.0f}/s)")
PY
