#!/usr/bin/env bash
# End-to-end test of the read-your-writes experiment, small: Lab/consistency-experiment.sh --dry-check --ci
# in a lab in a temporary folder on free ports (the load profile needs LoadRunner's `await:` probe; the
# dry check measures with psql and curl). Checks, from the files it wrote: each mode's settings; under
# apply-all no read right after a commit missed the row (psql on both standbys, and the service's first
# reads on both standbys); reads on the primary were never stale; the replica modes read only from the
# standbys; the service counted exactly the reads and writes curl sent; report.md states the three outcomes;
# the harness refuses a LoadRunner that cannot run the profile (78); nothing is left running.
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
Lab/consistency-experiment.sh --dry-check --ci --lab-dir "$lab_dir" --ports "$lab_ports" --out "$out" || status=$?
echo "the dry check took $((SECONDS - started)) s and exited $status"

# shellcheck source=Lab/test-helpers.sh
. Lab/test-helpers.sh
outcome="$out/outcome.json"
json() { json_of "$outcome" "$1"; }
metrics() { json_of "$out/$1/service-metrics.json" "$2"; }

check "the dry check exited 0" test "$status" = 0
check "primary and async: asynchronous" equals "$(json '[d[m]["settings"]["synchronous_standby_names"] + "|" + d[m]["settings"]["synchronous_commit"] for m in ("primary", "async")]')" "['|on', '|on']"
check "apply-all: ANY 2 (replica1, replica2), remote_apply" \
  equals "$(json 'd["apply-all"]["settings"]["synchronous_standby_names"] + "|" + d["apply-all"]["settings"]["synchronous_commit"]')" \
  'ANY 2 (replica1, replica2)|remote_apply'
check "apply-all: psql read each of 20 rows on both standbys right after its commit, 0 missed" \
  equals "$(json 'd["apply-all"]["visibility"]["missed"]')" "{'replica1': 0, 'replica2': 0}"
check "apply-all: 20 writes, none of the first reads stale" equals "$(json '(d["apply-all"]["pairs"]["written"], d["apply-all"]["pairs"]["stale_first_reads"])')" "(20, 0)"
check "apply-all: first reads on both standbys, none on the primary" \
  equals "$(json 'sorted(d["apply-all"]["pairs"]["first_reads_by_node"])')" "['replica1', 'replica2']"
check "primary: 20 first reads, all on the primary, none stale" \
  equals "$(json '(d["primary"]["pairs"]["first_reads_by_node"], d["primary"]["pairs"]["stale_first_reads"])')" "({'primary': 20}, 0)"
check "async: first reads only on the standbys" equals "$(json '"primary" in d["async"]["pairs"]["first_reads_by_node"]')" False
check "async: every row became visible within 5 s" equals "$(json 'd["async"]["pairs"]["not_visible_within_5s"]')" 0
for mode in primary async apply-all; do
  # Ground truth: the service counts every routed read and acknowledged write; curl sent 20 writes and
  # the pairs' reads (first read plus retries).
  sent_reads=$(awk '{ n += $5 } END { print n }' "$out/$mode/pairs.txt")
  check "$mode: the service acknowledged the 20 writes, all on the primary" \
    equals "$(metrics "$mode" 'd["writes"]')" "{'primary': 20, 'replica1': 0, 'replica2': 0}"
  check "$mode: the service served exactly the $sent_reads reads curl sent" \
    equals "$(metrics "$mode" 'd["primary"] + d["replica1"] + d["replica2"]')" "$sent_reads"
  check "$mode: no judge found a problem" equals "$(json "d['$mode']['problems']")" "[]"
done
check "apply-all: the service read nothing from the primary" equals "$(metrics apply-all 'd["primary"]')" 0
check "report.md states the three outcomes" test "$(grep -c '^- \*\*[a-z-]*\*\* (as expected): ' "$out/report.md")" = 3
check "report.md: apply-all missed nothing" grep -q '^- \*\*apply-all\*\* (as expected): psql reads right after 20 commits missed the row on replica1 0, replica2 0;' "$out/report.md"

loadrunner=${LOADRUNNER:-.build/release/LoadRunner}
if [ -x "$loadrunner" ] && ! "$loadrunner" validate Profiles/lab-consistency-ci.yaml >/dev/null 2>&1; then
  check "without the await: probe, the load run is refused before any lab starts (78)" \
    expect_exit 78 env LOADRUNNER="$loadrunner" Lab/consistency-experiment.sh --ci --lab-dir "$work/unused" --ports "$lab_ports" --out "$work/unused-out"
  check "and says to use --dry-check" contains "$checked" 'run with --dry-check'
  check "and started no lab" test ! -e "$work/unused"
fi
check "bad --ports exits 64" expect_exit 64 Lab/consistency-experiment.sh --dry-check --ports 1,2
check "--lab-dir Lab/data is refused (64)" expect_exit 64 Lab/consistency-experiment.sh --dry-check --lab-dir Lab/data
no_postgres_left() { ! pgrep -f -- "postgres -D $lab_dir/" >/dev/null; }
no_service_left() { [ -s "$lab_dir/service.pid" ] && ! kill -0 "$(cat "$lab_dir/service.pid")" 2>/dev/null; }
check "no postgres process of the lab is left" no_postgres_left
check "no service process is left" no_service_left

finish
