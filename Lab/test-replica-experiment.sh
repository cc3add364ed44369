#!/usr/bin/env bash
# End-to-end test of the replica experiment, small: a lab in a temporary folder on free ports with
# 20,000 users, 3-second stages, both runs and the compare; then checks that both replicas streamed,
# that reads reached the replicas (and not the primary) in the second run, that the monitors saw all
# three nodes and the service, and that every report file exists. Cleans up even when it fails.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
chmod 755 "$work"   # PostgreSQL runs as the postgres user, which must reach the lab folder
export LAB_DIR="$work/lab"
# shellcheck source=Lab/pg/test-ports.sh
. Lab/pg/test-ports.sh
lab_pick_test_ports
cleanup() { Lab/lab clean >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# The shipped short profile with 3-second stages and fewer users (its CSV path made absolute).
sed -e 's/duration: 30s, warmup: 10s/duration: 3s, warmup: 1s/' -e 's/users: 1000, spawn_rate: 1000/users: 40, spawn_rate: 40/' \
  -e "s#csv: data/#csv: $(pwd)/Profiles/data/#" Profiles/lab-replicas.yaml > "$work/profile.yaml"
out="$work/report"
Lab/replica-experiment.sh --profile "$work/profile.yaml" --users 20000 --out "$out"

# shellcheck source=Lab/test-helpers.sh
. Lab/test-helpers.sh
json() { json_of "$@"; }

check "both replicas streamed" test "$(grep -c streaming "$out/lab-status.txt")" -ge 2
check "before: reads on the primary only" \
  test "$(json "$out/before/service-metrics.json" 'd["primary"] > 0 and d["replica1"] == 0 and d["replica2"] == 0')" = True
check "after: reads on both replicas, none on the primary" \
  test "$(json "$out/after/service-metrics.json" 'd["primary"] == 0 and d["replica1"] > 0 and d["replica2"] > 0')" = True
for run in before after; do
  check "$run: monitors saw primary, replica1, replica2 and the service alive" \
    test "$(json "$out/$run/result.json" 'sorted(m["name"] for m in d["monitors"] if any(s["alive"] for s in m["seconds"]))')" \
      = "['primary', 'replica1', 'replica2', 'service']"
  check "$run: the requests succeeded" test "$(json "$out/$run/result.json" 'sum(s["aggregated"]["failures"] for s in d["stages"])')" = 0
  for file in result.json report.md report.html stages.csv monitors.csv chart-latency.svg locust_stats.csv; do
    check "$run/$file exists" test -s "$out/$run/$file"
  done
done
for file in compare.md report.html compare.csv compare.json compare-p95.svg; do
  check "compare/$file exists" test -s "$out/compare/$file"
done
check "the compare covers the monitored processes" grep -q "replica1" "$out/compare/compare.md"

finish
