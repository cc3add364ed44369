#!/usr/bin/env bash
# The failover experiment (experiment 2 of the study), end to end, in a lab of its own: two scenarios,
# each on a fresh PostgreSQL lab (a primary and two streaming replicas) with the service writing rows
# into `template`, run by LoadRunner with the profile's actions, monitors and checks:
#   quorum  sync quorum (ANY 1 of the two replicas); 30,000 writes; replica2 stopped after 12,000;
#           then every node restarted one at a time and replica1 promoted; every node must hold
#           exactly the acknowledged rows (Profiles/failover-quorum.yaml)
#   first   sync first replica1 (one synchronous standby); 40 s of writes; replica1 stopped at 8 s and
#           started at 20 s: no write is acknowledged in between (Profiles/failover-first.yaml)
# Then writes report.md (the story, the charts, the checks, the outcome computed from result.json) and
# stops the service and the lab (always, also on failure). Exit status: 0 when every check passed;
# else the first run's LoadRunner status (98 a check failed, 97 a required action failed), or 1 when the
# report finds an acknowledged write missing; 64 bad usage, 69 a binary is not built or the service did
# not start.
#
# Usage: Lab/failover-experiment.sh [--ci] [--out DIR] [--lab-dir DIR] [--ports P,R1,R2] [--query-timeout-ms N]
#   --ci                small numbers: 3,000 writes (replica2 stopped after 1,200) and a 20-second run
#   --out               report folder (default Reports/failover-<UTC time>)
#   --lab-dir           the lab's folder, removed and made again (default Lab/data-failover; never Lab/data)
#   --ports             the lab's ports (default 25442,25443,25444: the read-replica lab keeps 25432-25434)
#   --query-timeout-ms  the service's limit for one write, commit wait included (default 3000)
# Environment: LOADRUNNER (default .build/release/LoadRunner), LAB_SERVICE_BIN (default
# Lab/service/.build/release/lab-service). LAB_DIR and LAB_*_PORT are set from the options, not inherited.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: Lab/failover-experiment.sh [--ci] [--out DIR] [--lab-dir DIR] [--ports P,R1,R2] [--query-timeout-ms N]" >&2; exit 64; }
ci=0
out="Reports/failover-$(date -u +%Y%m%d-%H%M%S)"
lab_dir=Lab/data-failover
ports=25442,25443,25444
query_timeout_ms=3000
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) ci=1; shift ;;
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --lab-dir) [ $# -ge 2 ] || usage; lab_dir=$2; shift 2 ;;
    --ports) [ $# -ge 2 ] || usage; ports=$2; shift 2 ;;
    --query-timeout-ms) [ $# -ge 2 ] || usage; query_timeout_ms=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ $ports =~ ^[0-9]+,[0-9]+,[0-9]+$ ]] || { echo "failover-experiment: --ports needs three ports, e.g. 25442,25443,25444" >&2; exit 64; }
[[ $query_timeout_ms =~ ^[1-9][0-9]*$ ]] || { echo "failover-experiment: --query-timeout-ms needs a positive number" >&2; exit 64; }
loadrunner=${LOADRUNNER:-.build/release/LoadRunner}
service_bin=${LAB_SERVICE_BIN:-Lab/service/.build/release/lab-service}
for binary in "$loadrunner" "$service_bin"; do
  [ -x "$binary" ] || { echo "failover-experiment: $binary is not built; run 'make failover-demo' (it builds both)" >&2; exit 69; }
done
if [ "$ci" = 1 ]; then
  quorum_profile=Profiles/failover-quorum-ci.yaml first_profile=Profiles/failover-first-ci.yaml
else
  quorum_profile=Profiles/failover-quorum.yaml first_profile=Profiles/failover-first.yaml
fi

# This lab only: its own folder and ports, whatever the caller's shell exported for another lab.
LAB_DIR=$(realpath -m -- "$lab_dir")
if [ "$LAB_DIR" = "$(realpath -m Lab/data)" ]; then
  echo "failover-experiment: --lab-dir $lab_dir is the read-replica lab's folder; it would be wiped. Choose another." >&2
  exit 64
fi
IFS=, read -r LAB_PRIMARY_PORT LAB_REPLICA1_PORT LAB_REPLICA2_PORT <<<"$ports"
export LAB_DIR LAB_PRIMARY_PORT LAB_REPLICA1_PORT LAB_REPLICA2_PORT

work=$(mktemp -d)
# shellcheck source=Lab/service/process.sh
. Lab/service/process.sh
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  service_stop
  # The lab stays on disk (stopped) for a look at its logs; the next run removes it.
  Lab/lab stop >/dev/null 2>&1 || Lab/lab stop || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$out"
started=$SECONDS
timings="$out/timings.txt"
: >"$timings"

# A fresh lab in the standard topology (primary; replica1 and replica2 its standbys), then sync mode $*.
fresh_lab() {
  Lab/lab clean
  Lab/lab start
  Lab/lab sync "$@"
}

# Runs scenario $1 (profile $2) on a fresh lab with sync mode $3..., into $out/$1. Its LoadRunner exit
# status goes to $out/$1/exit-status; 97 (a required action failed), 98 (a check failed) and 99 (a
# threshold failed) are findings for the report, anything else stops the experiment.
run_scenario() {
  local name=$1 profile=$2 t0=$SECONDS port status
  shift 2
  local dir="$out/$name" kept="$work/$name-kept"
  echo
  echo "== $name: a fresh lab, sync $*, then $profile"
  # LoadRunner's --out must be a new folder (or an earlier result, which it replaces whole): what the
  # experiment keeps from before and during the run waits in $kept and joins the results afterwards.
  rm -rf "$dir"
  mkdir -p "$kept"
  fresh_lab "$@" | tee "$kept/lab-sync.txt"
  eval "$(Lab/lab env)"
  Lab/lab status >"$kept/lab-status-before.txt" 2>&1 || true
  # The lab's topology for the report (node names, logs); the profile's monitors find this lab's pid
  # files through ${LAB_DIR}, exported by `Lab/lab env`.
  Lab/lab env --json >"$kept/lab-env.json"
  service_start "$kept/service.log" --reads primary --query-timeout-ms "$query_timeout_ms"
  port=$(service_port)
  echo "lab and service ready in $((SECONDS - t0))s; running the load"
  set +e
  "$loadrunner" run "$profile" --target "http://127.0.0.1:$port" --out "$dir" 2>&1 | tee "$kept/console.log"
  status=${PIPESTATUS[0]}
  set -e
  mkdir -p "$dir"
  echo "$status" >"$dir/exit-status"
  curl -fsS --max-time 10 "http://127.0.0.1:$port/metrics" >"$dir/service-metrics.json" || true
  service_stop
  mv "$kept"/* "$dir/"
  Lab/lab status >"$dir/lab-status-after.txt" 2>&1 || true
  mkdir -p "$dir/lab-logs"
  cp "$LAB_DIR"/logs/*.log "$dir/lab-logs/" 2>/dev/null || true
  echo "$name: $((SECONDS - t0)) s (LoadRunner exit $status)" | tee -a "$timings"
  case $status in 0 | 97 | 98 | 99) ;; *) echo "$name: LoadRunner exited $status; stopping the experiment" >&2; exit "$status" ;; esac
}

run_scenario quorum "$quorum_profile" quorum
run_scenario first "$first_profile" first replica1
Lab/lab stop
echo "total: $((SECONDS - started)) s" | tee -a "$timings"

echo
echo "== report"
report_status=0
python3 Lab/failover-report.py "$out" --query-timeout-ms "$query_timeout_ms" || report_status=$?
echo
echo "Report: $out/report.md (runs in $out/quorum and $out/first, each with report.html)"
# The first run's failure (98: a check failed, 97: a required action) or else the report's verdict.
status=0
for name in quorum first; do
  [ "$status" -ne 0 ] || status=$(cat "$out/$name/exit-status")
done
[ "$status" -ne 0 ] || status=$report_status
exit "$status"
