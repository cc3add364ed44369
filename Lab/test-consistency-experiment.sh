#!/usr/bin/env bash
# End-to-end test of the read-your-writes experiment, CI-sized: Lab/consistency-experiment.sh --ci (the load
# profile Profiles/lab-consistency-ci.yaml with its `await:` probe, 4 users for 4 s per mode) in a lab in a
# temporary folder on free ports. Checks, from the files it wrote: each mode's settings; under apply-all no psql
# read right after a commit missed the row, the probes' first reads went to both standbys and nearly none was
# stale; reads on the primary were never stale; the replica modes read only from the standbys; every write became
# visible within 5 s; the service counted the writes and reads LoadRunner sent (its per-second counts, warm-up
# included, give or take the requests in flight at the end); report.md states the three outcomes and what the
# load runs show; nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
chmod 755 "$work"   # PostgreSQL runs as the postgres user, which must reach the lab folder
lab_dir="$work/lab"
# shellcheck source=Lab/pg/test-ports.sh
. Lab/pg/test-ports.sh
lab_pick_test_ports
lab_ports="$LAB_PRIMARY_PORT,$LAB_REPLICA1_PORT,$LAB_REPLICA2_PORT"
cleanup() { LAB_DIR=$lab_dir Lab/lab clean >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

out="$work/report"
started=$SECONDS
status=0
Lab/consistency-experiment.sh --ci --lab-dir "$lab_dir" --ports "$lab_ports" --out "$out" || status=$?
echo "the CI-sized experiment took $((SECONDS - started)) s and exited $status"

# shellcheck source=Lab/test-helpers.sh
. Lab/test-helpers.sh
outcome="$out/outcome.json"
json() { json_of "$outcome" "$1"; }
metrics() { json_of "$out/$1/service-metrics.json" "$2"; }
# sent MODE NAME: the requests named NAME that LoadRunner completed in MODE, every second (warm-up included).
sent() { json_of "$out/$1/result.json" "sum(r['requests'] for s in d['series'] for r in s['requests'] if r['name'] == '$2')"; }
# in_bounds LOW VALUE SLACK: LOW <= VALUE <= LOW + SLACK (the users' requests in flight when the load ended).
in_bounds() { [ "$2" -ge "$1" ] && [ "$2" -le $(($1 + $3)) ] || { echo "$2 not in $1...$(($1 + $3))"; return 1; }; }

check "the experiment exited 0" test "$status" = 0
check "primary and async: asynchronous" equals "$(json '[d[m]["settings"]["synchronous_standby_names"] + "|" + d[m]["settings"]["synchronous_commit"] for m in ("primary", "async")]')" "['|on', '|on']"
check "apply-all: ANY 2 (replica1, replica2), remote_apply" \
  equals "$(json 'd["apply-all"]["settings"]["synchronous_standby_names"] + "|" + d["apply-all"]["settings"]["synchronous_commit"]')" \
  'ANY 2 (replica1, replica2)|remote_apply'
check "apply-all: psql read each of 20 rows on both standbys right after its commit, 0 missed" \
  equals "$(json 'd["apply-all"]["visibility"]["missed"]')" "{'replica1': 0, 'replica2': 0}"
check "apply-all: the probes' first reads on both standbys, none on the primary" \
  equals "$(json 'sorted(d["apply-all"]["result"]["first_reads_by_node"])')" "['replica1', 'replica2']"
check "apply-all: at most 1% of first reads stale" equals "$(json 'd["apply-all"]["result"]["stale_rate"] <= 0.01')" True
check "primary: every first read on the primary, none stale" \
  equals "$(json '(list(d["primary"]["result"]["first_reads_by_node"]), d["primary"]["result"]["stale_first_reads"])')" "(['primary'], 0)"
check "async: first reads only on the standbys" equals "$(json '"primary" in d["async"]["result"]["first_reads_by_node"]')" False
for mode in primary async apply-all; do
  check "$mode: LoadRunner exited 0" equals "$(cat "$out/$mode/exit-status")" 0
  check "$mode: more than 20 writes awaited, every one visible within 5 s" \
    equals "$(json "(d['$mode']['result']['probes'] > 20, d['$mode']['result']['not_visible'])")" "(True, 0)"
  # Ground truth: the service counts every write it acknowledged and every read it routed (404s included).
  writes=$(sent "$mode" template/create)
  reads=$(sent "$mode" template/get)
  check "$mode: the service acknowledged the $writes writes LoadRunner counted, all on the primary" \
    in_bounds "$writes" "$(metrics "$mode" 'd["writes"]["primary"]')" 4
  check "$mode: no write on a standby" equals "$(metrics "$mode" 'd["writes"]["replica1"] + d["writes"]["replica2"]')" 0
  check "$mode: the service served the $reads reads (polls) LoadRunner counted" \
    in_bounds "$reads" "$(metrics "$mode" 'd["primary"] + d["replica1"] + d["replica2"]')" 4
  check "$mode: no judge found a problem" equals "$(json "d['$mode']['problems']")" "[]"
  check "$mode: report.html has the Visibility table" grep -q '<h2[^>]*>Visibility</h2>' "$out/$mode/report.html"
done
check "apply-all: the service read nothing from the primary" equals "$(metrics apply-all 'd["primary"]')" 0
check "report.md states the three outcomes" test "$(grep -c '^- \*\*[a-z-]*\*\* (as expected): ' "$out/report.md")" = 3
check "report.md says what the load runs show" grep -q '^- Under apply-all, [0-9]* of [0-9]* first reads already saw the row' "$out/report.md"
check "report.md shows the chart" test -s "$out/consistency.svg"
check "the compares were written" test -s "$out/compare-apply-all/compare.md" -a -s "$out/compare-async/compare.md"

check "bad --ports exits 64" expect_exit 64 Lab/consistency-experiment.sh --dry-check --ports 1,2
check "--lab-dir Lab/data is refused (64)" expect_exit 64 Lab/consistency-experiment.sh --dry-check --lab-dir Lab/data
no_postgres_left() { ! pgrep -f -- "postgres -D $lab_dir/" >/dev/null; }
no_service_left() { [ -s "$lab_dir/service.pid" ] && ! kill -0 "$(cat "$lab_dir/service.pid")" 2>/dev/null; }
check "no postgres process of the lab is left" no_postgres_left
check "no service process is left" no_service_left

finish
