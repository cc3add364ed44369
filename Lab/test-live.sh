#!/usr/bin/env bash
# `run --listen` end to end (issue 16): a run against the demo service serves its dashboard, /metrics and
# /api/state; headless Chromium sees the current stage and a non-zero request rate on the page; a real
# Prometheus scraping the run every 500 ms (half the period at which the run's numbers change, so no second is
# skipped when the two clocks drift) gives rate(loadrunner_requests_total[5s]) within 5% of the run's own
# per-second figures (locust_stats_history.csv). Every server started here is stopped on exit, even on failure.
# SCREENSHOT=docs/live-dashboard.png also saves a screenshot of the page. About 30 s.
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

"$DEMO_SERVER" --port 0 --port-file "$work/demo.port" >"$work/demo.log" 2>&1 & demo_pid=$!
pids+=("$demo_pid")
wait_for test -s "$work/demo.port"
demo_port=$(cat "$work/demo.port")
live_port=$(free_port)
prom_port=$(free_port)

cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 500ms
  evaluation_interval: 1s
scrape_configs:
  - job_name: loadrunner
    static_configs:
      - targets: ["127.0.0.1:$live_port"]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 & pids+=($!)
# A second Prometheus with native histograms asks /metrics for the protobuf exposition.
native_port=$(free_port)
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb-native" --enable-feature=native-histograms \
  --web.listen-address="127.0.0.1:$native_port" >"$work/prometheus-native.log" 2>&1 & pids+=($!)
wait_for curl -sf "http://127.0.0.1:$prom_port/-/ready"
wait_for curl -sf "http://127.0.0.1:$native_port/-/ready"

# An open stage: its rate is the schedule's, whatever the machine's load does to latency. One request in ten fails
# (503: category http_status); a process monitor and a command monitor give /metrics their series.
cat >"$work/live.yaml" <<YAML
name: live-test
target: http://127.0.0.1:$demo_port
requests:
  - name: user
    path: /delay/5
    weight: 9
  - name: refused
    path: /status/503
    weight: 1
monitors:
  - { name: demo server, pid: $demo_pid }
  - { name: answer, run: "echo 42", every: 1s, unit: things }
stages:
  - rate: 100/s
    duration: 18s
    warmup: 2s
YAML
"$LOADRUNNER" run "$work/live.yaml" --quiet --out "$work/out" --listen "127.0.0.1:$live_port" >"$work/run.log" 2>&1 & run_pid=$!
pids+=("$run_pid")
wait_for curl -sf "http://127.0.0.1:$live_port/metrics"
sleep 5

check "the run prints the dashboard address" contains "$(cat "$work/run.log")" "live dashboard: http://127.0.0.1:$live_port/"
check "/metrics passes promtool check metrics" bash -c "curl -sf http://127.0.0.1:$live_port/metrics | promtool check metrics"
curl -sf "http://127.0.0.1:$live_port/metrics" >"$work/metrics.txt"
check "/metrics counts failures by category" grep -q 'loadrunner_request_failures_total{name="refused",method="GET",category="http_status"} [1-9]' "$work/metrics.txt"
check "/metrics has the process monitor's series" grep -q 'loadrunner_monitor_up{monitor="demo server"} 1 ' "$work/metrics.txt"
check "/metrics has the command monitor's value" grep -q 'loadrunner_command_monitor_value{monitor="answer",unit="things"} 42 ' "$work/metrics.txt"
check "/metrics answers a protobuf Accept in protobuf" contains \
  "$(curl -s -o /dev/null -w '%{content_type}' -H 'Accept: application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;q=0.3' "http://127.0.0.1:$live_port/metrics")" \
  "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited"
# The exact figures of one second, read twice from /api/state around /metrics' text (whose lines carry that second's
# stamp) until all three are the same second: after the run, the native-histogram Prometheus at that stamp must
# count exactly as many requests, and its quantiles must lie within one native bucket (2.2% at schema 5) of the
# run's exact HdrHistogram ones.
python3 - "$live_port" >"$work/exact.json" <<'PY'
import json, re, sys, time, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
def user(state): return next(r for r in state["requests"] if r["name"] == "user")
for _ in range(50):
    before = json.load(urllib.request.urlopen(base + "/api/state"))
    text = urllib.request.urlopen(base + "/metrics").read().decode()
    after = json.load(urllib.request.urlopen(base + "/api/state"))
    line = re.search(r'^loadrunner_request_duration_seconds_count\{name="user",method="GET"\} (\d+) (\d+)$', text, re.M)
    if line and user(before)["requests"] == int(line.group(1)) == user(after)["requests"]:
        print(json.dumps({"stamp": int(line.group(2)), "count": int(line.group(1)), "p50": user(after)["p50Ms"], "p99": user(after)["p99Ms"]}))
        break
    time.sleep(0.3)
PY
check "an unknown path is 404" equals "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$live_port/nope")" 404

chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=3000 --dump-dom \
  "http://127.0.0.1:$live_port/" >"$work/dom.html" 2>"$work/chromium.log" || true
dom_status=$(python3 -c 'import re,sys; m=re.search(r"<div id=\"status\"[^>]*>(.*?)</div>", open(sys.argv[1]).read(), re.S); print(re.sub("<[^>]+>","",m.group(1)) if m else "")' "$work/dom.html")
check "the dashboard shows the current stage" contains "$dom_status" "stage 1 of 1"
check "the dashboard shows a non-zero request rate" python3 -c 'import re,sys; m=re.search(r"(\d+) req/s", sys.argv[1]); sys.exit(0 if m and int(m.group(1)) > 0 else 1)' "$dom_status"
if [ -n "${SCREENSHOT:-}" ]; then
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1500 --virtual-time-budget=3000 \
    --screenshot="$SCREENSHOT" "http://127.0.0.1:$live_port/" >/dev/null 2>&1 || true
fi

run_status=0
wait "$run_pid" || run_status=$?
check "the run exits 0" equals "$run_status" 0
sleep 2

# Each sample carries the end of its second: Lab/prometheus-rate-check.py says how that makes rate() comparable.
check "Prometheus' rate agrees with the run's per-second figures within 5%" Lab/prometheus-rate-check.py "$work/out/locust_stats_history.csv" "$prom_port"
# shellcheck disable=SC2154 # set by check (Lab/test-helpers.sh)
printf "     %s\n" "$checked"
check "native histograms in Prometheus count exactly and give quantiles within one bucket" python3 - "$work/exact.json" "$native_port" <<'PY'
import json, sys, urllib.parse, urllib.request
exact = json.load(open(sys.argv[1]))
def query(expression):
    arguments = urllib.parse.urlencode({"query": expression, "time": exact["stamp"] / 1000})
    result = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[2]}/api/v1/query?{arguments}"))["data"]["result"]
    return float(result[0]["value"][1]) if result else None
selector = 'loadrunner_request_duration_seconds{name="user"}'
count = query(f"histogram_count({selector})")
print(f"at {exact['stamp']} ms: run {exact['count']} requests, native histogram {count}")
ok = count == exact["count"]
for q, key in ((0.5, "p50"), (0.99, "p99")):
    native = query(f"histogram_quantile({q}, {selector})")
    native_ms = native * 1000 if native is not None else float("nan")
    print(f"{key}: run {exact[key]:.3f} ms, native histogram {native_ms:.3f} ms")
    ok = ok and abs(native_ms / exact[key] - 1) <= 0.025
sys.exit(0 if ok else 1)
PY
printf "     %s\n" "$checked"
# At the start of the run's last second: the scrapers had started long before.
check "every LoadRunner query of the Grafana dashboard has data in both Prometheus" python3 - "$work/out/locust_stats_history.csv" docs/grafana-loadrunner.json "$prom_port" "$native_port" <<'PY'
import csv, json, sys, urllib.parse, urllib.request
stamp = max(int(r["Timestamp"]) for r in csv.DictReader(open(sys.argv[1])))
dashboard = json.load(open(sys.argv[2]))
expressions = [t["expr"].replace("$loadrunner_job", "loadrunner") for panel in dashboard["panels"]
               for t in panel.get("targets", []) if "loadrunner_" in t.get("expr", "")]
empty = []
for port in sys.argv[3:]:
    for expression in expressions:
        arguments = urllib.parse.urlencode({"query": expression, "time": stamp})
        if not json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/query?{arguments}"))["data"]["result"]:
            empty.append((port, expression))
print(f"{len(expressions)} queries in 2 servers; empty: {empty}")
sys.exit(0 if expressions and not empty else 1)
PY
printf "     %s\n" "$checked"
finish
