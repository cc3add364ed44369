#!/usr/bin/env bash
# End-to-end test of the failover experiment, small (--ci): a lab in a temporary folder on free ports,
# 6,000 quorum writes with replica2 stopped after 1,200, restart and failover, then 20 seconds of writes
# with replica1 (the one synchronous standby) stopped from 5 s to 14 s. Checks, from the files the
# experiment wrote (not just its exit status), that every check of both runs passed, that every node
# holds exactly the acknowledged rows, that the stop came after ~1,200 requests, that replica2's lag
# grew while it was down, that the FIRST run acknowledged nothing while replica1 was down and resumed
# after, that report.md states the outcome, and that no process is left behind. Cleans up even when
# it fails.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
chmod 755 "$work"   # PostgreSQL runs as the postgres user, which must reach the lab folder
lab_dir="$work/lab"
# shellcheck source=Lab/pg/test-ports.sh
. Lab/pg/test-ports.sh
lab_pick_test_ports
lab_ports="$LAB_PRIMARY_PORT,$LAB_REPLICA1_PORT,$LAB_REPLICA2_PORT"
# FAILOVER_TEST_KEEP=DIR keeps a copy of the experiment's report folder there (to look at a failure).
cleanup() {
  if [ -n "${FAILOVER_TEST_KEEP:-}" ] && [ -d "$work/report" ]; then
    mkdir -p "$FAILOVER_TEST_KEEP" && cp -r "$work/report/." "$FAILOVER_TEST_KEEP/" && echo "report kept in $FAILOVER_TEST_KEEP"
  fi
  LAB_DIR=$lab_dir Lab/lab clean >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

out="$work/report"
started=$SECONDS
status=0
Lab/failover-experiment.sh --ci --lab-dir "$lab_dir" --ports "$lab_ports" --out "$out" || status=$?
echo "the experiment took $((SECONDS - started)) s and exited $status"

# shellcheck source=Lab/test-helpers.sh
. Lab/test-helpers.sh
json() { json_of "$@"; }
outcome="$out/outcome.json"

check "the experiment exited 0" test "$status" = 0
for run in quorum first; do
  check "$run: every check ran and passed" \
    test "$(json "$out/$run/result.json" 'len(d["checks"]) >= 4 and all(c["passed"] for c in d["checks"])')" = True
  check "$run: every required action ran and exited 0" \
    test "$(json "$out/$run/result.json" 'all(a["run"]["exitStatus"] == 0 for a in d["actions"] if a["required"])')" = True
  for file in report.md report.html chart-throughput.svg chart-command-bytes.svg checks.csv actions.csv; do
    check "$run/$file exists" test -s "$out/$run/$file"
  done
done

# Quorum: 3,000 acknowledged, each node holds exactly that many rows, the failover happened.
check "quorum: 6000 writes sent, all acknowledged" test "$(json "$outcome" '(d["quorum"]["sent"], d["quorum"]["acknowledged"])')" = "(6000, 6000)"
check "quorum: rows on primary, replica1, replica2 and the current primary == acknowledged" \
  test "$(json "$out/quorum/result.json" 'sorted(set(c["actual"] for c in d["checks"] if "select count(*) from template" in c["command"]))')" = "['6000']"
check "quorum: the row checks read all four (three nodes and the current primary)" \
  test "$(json "$out/quorum/result.json" 'sum(1 for c in d["checks"] if "select count(*) from template" in c["command"])')" = 4
check "quorum: lost 0" test "$(json "$outcome" 'd["quorum"]["lost"]')" = 0
check "quorum: replica1 is the primary after the failover" test "$(json "$outcome" 'd["quorum"]["new_primary"]')" = replica1
sent_at_stop=$(json "$out/quorum/result.json" '[a for a in d["actions"] if a["name"] == "stop replica2"][0]["requestsSentAtStart"]')
check "quorum: replica2 was stopped after 1200-1300 requests (${sent_at_stop:-none})" \
  test "${sent_at_stop:-0}" -ge 1200 -a "${sent_at_stop:-0}" -le 1300
check "quorum: the primary held 1190-6000 rows when the stop began (the count runs a moment after)" \
  test "$(json "$outcome" '1190 <= d["quorum"]["stop"]["rows_at_stop"] < 6000')" = True
check "quorum: writes were acknowledged after replica2 was down" \
  test "$(json "$outcome" 'd["quorum"]["stop"]["acknowledged_after_down"] > 0')" = True
check "quorum: replica2's lag grew while it was down" \
  test "$(json "$outcome" 'len(d["quorum"]["stop"]["replica2_lag_samples_while_down"]) >= 2 and d["quorum"]["stop"]["replica2_lag_samples_while_down"][-1] > max(0, d["quorum"]["stop"]["replica2_lag_samples_while_down"][0])')" = True

# First: nothing acknowledged while replica1 was down, failures then, writes after it came back.
check "first: at least 3 seconds sent wholly while replica1 was down, a query timeout before its restart" test "$(json "$outcome" 'd["first"]["down"]["seconds_fully_down"] >= 3')" = True
check "first: zero acknowledged writes in every one of them" \
  test "$(json "$outcome" 'd["first"]["down"]["zero_ack_seconds_while_down"] == d["first"]["down"]["seconds_fully_down"]')" = True
check "first: writes failed (503) while replica1 was down" test "$(json "$outcome" 'd["first"]["down"]["failures_while_down"] > 0')" = True
check "first: writes were acknowledged again after replica1 started" test "$(json "$outcome" 'd["first"]["down"]["acks_after"] > 0')" = True
check "first: acknowledged writes before the stop too" test "$(json "$outcome" 'd["first"]["down"]["writes_per_second_before"] > 0')" = True
check "first: rows on the primary >= acknowledged, and <= sent" \
  test "$(json "$outcome" 'd["first"]["acknowledged"] <= d["first"]["rows_on_primary"] <= d["first"]["sent"]')" = True
check "first: both replicas caught up (0 rows behind)" test "$(json "$outcome" 'd["first"]["rows_behind"]')" = "{'replica1': 0, 'replica2': 0}"

check "report.md states the quorum outcome" grep -q "acknowledged writes: 6000 of 6000 sent (0 failed); rows on primary/replica1/replica2: 6000/6000/6000; current primary: replica1 with 6000 rows; lost: 0" "$out/report.md"
check "report.md states the first outcome" grep -Eq "[1-9][0-9]* seconds with zero acknowledged writes \(seconds [0-9]+-[0-9]+\); failed writes: [1-9]" "$out/report.md"
check "report.md embeds both runs' charts" test "$(grep -c '](\(quorum\|first\)/chart-' "$out/report.md")" -ge 6
# The postmasters' command lines name their data dirs; the service's pid is in the lab folder.
no_postgres_left() { ! pgrep -f -- "postgres -D $lab_dir/" >/dev/null; }
no_service_left() { [ -s "$lab_dir/service.pid" ] && ! kill -0 "$(cat "$lab_dir/service.pid")" 2>/dev/null; }
check "no postgres process of the lab is left" no_postgres_left
check "no service process is left" no_service_left

finish
