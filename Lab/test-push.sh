#!/usr/bin/env bash
# `run --out-prometheus URL` end to end (issue 16): a real Prometheus with its remote write receiver takes a run's
# pushes; at the end its loadrunner_requests_total equals the run's own count in result.json exactly (a counter
# pushed with the run's numbers), and rate(loadrunner_requests_total[5s]) agrees with the run's per-second figures
# (locust_stats_history.csv) within 5%. A malformed URL exits 64 and a receiver that is down is a warning, not a
# failed run; the two shards of a run pushing at once each keep their own series (label shard). Every server
# started here is stopped on exit, even on failure. About 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=Lab/test-helpers.sh
source Lab/test-helpers.sh

LOADRUNNER=${LOADRUNNER:-.build/debug/LoadRunner}
DEMO_SERVER=${DEMO_SERVER:-.build/debug/loadrunner-demo-server}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 100); do if "$@" >/dev/null 2>&1; then return 0; fi; sleep 0.1; done; return 1; }

"$DEMO_SERVER" --port 0 --port-file "$work/demo.port" >"$work/demo.log" 2>&1 & pids+=($!)
wait_for test -s "$work/demo.port"
demo_port=$(cat "$work/demo.port")
prom_port=$(free_port)
dead_port=$(free_port)

# No scrape job: every sample comes from the pushes.
printf 'global:\n  evaluation_interval: 1s\n' >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --web.enable-remote-write-receiver \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 & pids+=($!)
wait_for curl -sf "http://127.0.0.1:$prom_port/-/ready"

cat >"$work/push.yaml" <<YAML
name: push-test
target: http://127.0.0.1:$demo_port
requests:
  - name: user
    path: /delay/5
    weight: 9
  - name: refused
    path: /status/503
    weight: 1
stages:
  - rate: 100/s
    duration: 16s
    warmup: 2s
YAML

check "a malformed --out-prometheus exits 64" expect_exit 64 "$LOADRUNNER" run "$work/push.yaml" --quiet --out "$work/never" --out-prometheus "ftp://127.0.0.1/x"
# shellcheck disable=SC2154 # set by check (Lab/test-helpers.sh)
check "it says what to write" contains "$checked" "is not an http or https URL"

run_status=0
"$LOADRUNNER" run "$work/push.yaml" --quiet --out "$work/out" \
  --out-prometheus "http://127.0.0.1:$prom_port/api/v1/write" >"$work/run.log" 2>&1 || run_status=$?
check "the pushed run exits 0" equals "$run_status" 0
check "no push failed" bash -c "! grep -q 'out-prometheus' '$work/run.log' || { cat '$work/run.log'; false; }"

check "Prometheus' last loadrunner_requests_total equals result.json's count exactly" python3 - "$work/out/result.json" "$prom_port" <<'PY'
import json, sys, urllib.parse, urllib.request
result = json.load(open(sys.argv[1]))
total = result["series"][-1]["aggregated"]["total"]["requests"]
end = result["series"][-1]["unixTime"] + 1
query = urllib.parse.urlencode({"query": "sum(loadrunner_requests_total)", "time": end})
answer = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[2]}/api/v1/query?{query}"))
pushed = float(answer["data"]["result"][0]["value"][1])
print(f"result.json {total}, Prometheus {pushed:.0f}")
sys.exit(0 if pushed == total and total > 0 else 1)
PY
printf "     %s\n" "$checked"

check "pushed failures carry their category" python3 - "$work/out/result.json" "$prom_port" <<'PY'
import json, sys, urllib.parse, urllib.request
result = json.load(open(sys.argv[1]))
failed = result["series"][-1]["aggregated"]["total"]["failures"]
end = result["series"][-1]["unixTime"] + 1
query = urllib.parse.urlencode({"query": 'sum(loadrunner_request_failures_total{category="http_status"})', "time": end})
answer = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[2]}/api/v1/query?{query}"))
pushed = float(answer["data"]["result"][0]["value"][1])
print(f"result.json {failed} failures, Prometheus {pushed:.0f}")
sys.exit(0 if pushed == failed and failed > 0 else 1)
PY
printf "     %s\n" "$checked"

# Each sample carries the end of its second: Lab/prometheus-rate-check.py says how that makes rate() comparable.
check "Prometheus' rate agrees with the run's per-second figures within 5%" Lab/prometheus-rate-check.py "$work/out/locust_stats_history.csv" "$prom_port"
printf "     %s\n" "$checked"

# A receiver that is down: one warning with the reason, and the run still writes its files and exits 0.
sed -i 's/duration: 16s/duration: 3s/; s/warmup: 2s/warmup: 0s/' "$work/push.yaml"
dead_status=0
"$LOADRUNNER" run "$work/push.yaml" --quiet --out "$work/dead" \
  --out-prometheus "http://127.0.0.1:$dead_port/api/v1/write" >"$work/dead.log" 2>&1 || dead_status=$?
check "a receiver that is down does not fail the run" equals "$dead_status" 0
check "it is told once, with the reason" equals "$(grep -c 'pushing to http://127.0.0.1:'"$dead_port"'/api/v1/write failed' "$work/dead.log")" 1
check "the run still wrote its result" test -s "$work/dead/result.json"

# The two shards of one run pushing to one receiver at once: each series carries its shard's label, so neither
# writes over the other, and each shard's last count in Prometheus is its own result.json's.
shard_pids=()
for index in 0 1; do
  "$LOADRUNNER" run "$work/push.yaml" --quiet --shard "$index/2" --out "$work/shard$index" \
    --out-prometheus "http://127.0.0.1:$prom_port/api/v1/write" >"$work/shard$index.log" 2>&1 & shard_pids+=($!)
done
shards_status=0
for pid in "${shard_pids[@]}"; do wait "$pid" || shards_status=$?; done
check "two shards pushing at once exit 0" equals "$shards_status" 0
check "each shard's pushed count is its own, under its shard label" python3 - "$work" "$prom_port" <<'PY'
import json, sys, urllib.parse, urllib.request
ok = True
for index in (0, 1):
    result = json.load(open(f"{sys.argv[1]}/shard{index}/result.json"))
    total = result["series"][-1]["aggregated"]["total"]["requests"]
    end = result["series"][-1]["unixTime"] + 1
    query = urllib.parse.urlencode({"query": f'sum(loadrunner_requests_total{{shard="{index}"}})', "time": end})
    answer = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[2]}/api/v1/query?{query}"))["data"]["result"]
    pushed = float(answer[0]["value"][1]) if answer else None
    print(f"shard {index}: result.json {total}, Prometheus {pushed}")
    ok = ok and pushed == total and total > 0
sys.exit(0 if ok else 1)
PY
printf "     %s\n" "$checked"
finish
