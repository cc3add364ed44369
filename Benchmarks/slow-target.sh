#!/usr/bin/env bash
# What does a slow target cost the generator? The demo server (release build, one thread, pinned to core 1)
# answers every request after DELAY (default 200ms), so hundreds of requests are in flight at once, each waiting
# on its own connection: the case a load test exists for (the target slowing down), where a loop that looks at
# every transfer on each wake-up spends its core on the waiting ones. Three generators, each pinned to core 0, in
# ROUNDS interleaved rounds of SECONDS_MEASURED seconds:
#   - C, libcurl multi (Benchmarks/curl-multi.c, curl_multi_poll): CONCURRENCY handles, no think time;
#   - LoadRunner, CONCURRENCY closed users, no think time;
#   - LoadRunner, an open stage at CONCURRENCY / DELAY arrivals per second (the same number in flight).
# Each figure is the whole process's CPU (user + system, /usr/bin/time) over every request it completed, with no
# warm-up on either side (start-up and LoadRunner's reports are in its CPU). Prints each run and the medians.
# Every server started here is stopped on exit.
# Usage: make release && Benchmarks/slow-target.sh   (about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
LOADRUNNER=${LOADRUNNER:-.build/release/LoadRunner}
DEMO_SERVER=${DEMO_SERVER:-.build/release/loadrunner-demo-server}
ROUNDS=${ROUNDS:-3}
SECONDS_MEASURED=${SECONDS_MEASURED:-10}
CONCURRENCY=${CONCURRENCY:-400}
DELAY_MS=${DELAY_MS:-200}
for tool in "$LOADRUNNER" "$DEMO_SERVER"; do
  [ -x "$tool" ] || { echo "slow-target.sh: $tool is missing; run make release first" >&2; exit 69; }
done
ulimit -n 12288 2>/dev/null || { echo "slow-target.sh: cannot raise the open-file limit to 12288 (hard limit $(ulimit -Hn))" >&2; exit 69; }
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

cc -O2 -o "$work/curl-multi" Benchmarks/curl-multi.c -lcurl \
  || { echo "slow-target.sh: cannot build curl-multi.c; install libcurl4-openssl-dev" >&2; exit 69; }
taskset -c 1 "$DEMO_SERVER" --port 0 --port-file "$work/port" --delay "${DELAY_MS}ms" >"$work/server.log" 2>&1 & pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { echo "slow-target.sh: the demo server did not start: $(cat "$work/server.log")" >&2; exit 69; }
base="http://127.0.0.1:$(cat "$work/port")"
id=$(curl -sf "$base/user/get-ids?number=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
url="$base/user/get/$id"
rate=$((CONCURRENCY * 1000 / DELAY_MS))
for model in closed open; do
  if [ "$model" = closed ]; then
    stage="{ users: $CONCURRENCY, spawn_rate: 100000, duration: ${SECONDS_MEASURED}s }"
  else
    stage="{ rate: $rate/s, duration: ${SECONDS_MEASURED}s }"
  fi
  cat >"$work/$model.yaml" <<EOF
name: slow target, $model
target: $base
timeout: 10s
max_connections: $((CONCURRENCY * 2))
requests:
  - { name: user, path: /user/get/$id }
stages:
  - $stage
EOF
done

# cpu_per_request NAME REQUESTS: CPU µs per request from NAME's /usr/bin/time output.
cpu_per_request() {
  python3 -c 'import sys; u,s=open(sys.argv[1]).read().split()[-2:]; print(f"{(float(u)+float(s))*1e6/int(sys.argv[2]):.1f}")' \
    "$work/$1.time" "$2"
}
# run NAME COMMAND...: runs COMMAND on core 0 under /usr/bin/time; prints its completed requests.
run() {
  local name=$1; shift
  /usr/bin/time -o "$work/$name.time" -f "%U %S" taskset -c 0 "$@" >"$work/$name.out" 2>"$work/$name.err" \
    || { echo "slow-target.sh: $name failed: $(tail -3 "$work/$name.err")" >&2; exit 70; }
}
lr_requests() {
  python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["stages"][0]; a=s["aggregated"]; print(a["requests"], a["failures"])' \
    "$work/$1/result.json"
}

c=() closed=() open=()
for round in $(seq 1 "$ROUNDS"); do
  run "c-$round" "$work/curl-multi" "$url" "$CONCURRENCY" "$SECONDS_MEASURED"
  read -r c_requests c_failures < <(python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).read()); print(r["requests"], r["failures"])' "$work/c-$round.out")
  c+=("$(cpu_per_request "c-$round" "$c_requests")")
  for model in closed open; do
    run "$model-$round" "$LOADRUNNER" run "$work/$model.yaml" --out "$work/$model-$round" --quiet
    read -r requests failures < <(lr_requests "$model-$round")
    if [ "$model" = closed ]; then closed+=("$(cpu_per_request "$model-$round" "$requests")"); else open+=("$(cpu_per_request "$model-$round" "$requests")"); fi
    echo "round $round: LoadRunner $model: $requests requests, $failures failed"
  done
  echo "round $round: C $c_requests requests ($c_failures failed): ${c[-1]} µs/request; LoadRunner closed ${closed[-1]}, open ${open[-1]} µs/request"
done
python3 - "${c[*]}" "${closed[*]}" "${open[*]}" "$CONCURRENCY" "$DELAY_MS" "$rate" <<'PY'
import statistics, sys
c, closed, open_ = ([float(v) for v in arg.split()] for arg in sys.argv[1:4])
concurrency, delay, rate = sys.argv[4:7]
mc, ml, mo = statistics.median(c), statistics.median(closed), statistics.median(open_)
print(f"{concurrency} in flight, {delay} ms server delay; CPU µs per request, medians of {len(c)} rounds:")
print(f"  C, libcurl multi (curl_multi_poll), {concurrency} handles: {mc:.1f}")
print(f"  LoadRunner, {concurrency} closed users:                   {ml:.1f}  (C / LoadRunner {mc / ml:.2f}x)")
print(f"  LoadRunner, open {rate}/s:                           {mo:.1f}")
PY
