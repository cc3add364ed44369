#!/usr/bin/env bash
# Read-your-writes on replicas (issue 13): can a user read the row they just wrote, and how long until
# they can? One lab of its own (a primary and two streaming replicas), the service, and three modes:
#   primary    Lab/lab sync off,       service --reads primary   reads where the writes go
#   async      Lab/lab sync off,       service --reads replicas  reads on asynchronous standbys
#   apply-all  Lab/lab sync apply-all, service --reads replicas  ANY 2 (replica1, replica2) and
#              synchronous_commit = remote_apply: a commit returns once both standbys replayed it
# Each mode: the settings as the primary shows them, `Lab/lab visibility` (inserts read at once on both
# standbys with psql), then either the load profile Profiles/lab-consistency.yaml (flows with the
# `await:` probe) or, with --dry-check, write/read pairs through the service with curl: POST /template,
# then GET /template/{id} at once and every 5 ms until 200 (X-Served-By names the node). Then
# `LoadRunner compare` (primary against each replica mode, after load runs) and report.md with
# outcome.json (Lab/consistency-report.py). Stops the service and the lab always, also on failure.
#
# Exit status: 0 when every mode showed what it must (primary and apply-all: no stale read, apply-all's
# reads on both standbys; async: reads only on the standbys); 1 when one did not (report.md says which);
# 64 bad usage; 69 a binary is not built or the service did not start; 78 this LoadRunner cannot run the
# profile (one built before flows and `await:`: use --dry-check); else the failing LoadRunner run's status.
#
# Usage: Lab/consistency-experiment.sh [--dry-check] [--ci] [--pairs N] [--out DIR] [--lab-dir DIR] [--ports P,R1,R2]
#   --dry-check  no load profile: per mode, psql and curl measure the same thing (works without the probe)
#   --ci         small numbers: Profiles/lab-consistency-ci.yaml; 20 visibility rows and 20 pairs
#   --pairs      write/read pairs per mode for --dry-check (default 200; --ci: 20)
#   --out        report folder (default Reports/consistency-<UTC time>)
#   --lab-dir    the lab's folder, removed and made again (default Lab/data-consistency; never Lab/data)
#   --ports      the lab's ports (default 25452,25453,25454; the other labs keep 25432-25434 and 25442-25444)
# Environment: LOADRUNNER (default .build/release/LoadRunner), LAB_SERVICE_BIN (default
# Lab/service/.build/release/lab-service). LAB_DIR and LAB_*_PORT are set from the options, not inherited.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: Lab/consistency-experiment.sh [--dry-check] [--ci] [--pairs N] [--out DIR] [--lab-dir DIR] [--ports P,R1,R2]" >&2; exit 64; }
dry=0 ci=0 pairs=''
out="Reports/consistency-$(date -u +%Y%m%d-%H%M%S)"
lab_dir=Lab/data-consistency
ports=25452,25453,25454
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-check) dry=1; shift ;;
    --ci) ci=1; shift ;;
    --pairs) [ $# -ge 2 ] || usage; pairs=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --lab-dir) [ $# -ge 2 ] || usage; lab_dir=$2; shift 2 ;;
    --ports) [ $# -ge 2 ] || usage; ports=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ $ports =~ ^[0-9]+,[0-9]+,[0-9]+$ ]] || { echo "consistency-experiment: --ports needs three ports, e.g. 25452,25453,25454" >&2; exit 64; }
if [ "$ci" = 1 ]; then rows=20 profile=Profiles/lab-consistency-ci.yaml; else rows=100 profile=Profiles/lab-consistency.yaml; fi
pairs=${pairs:-$([ "$ci" = 1 ] && echo 20 || echo 200)}
[[ $pairs =~ ^[1-9][0-9]{0,4}$ ]] || { echo "consistency-experiment: --pairs needs an integer from 1 to 99999" >&2; exit 64; }
# This lab only: its own folder and ports, whatever the caller's shell exported for another lab.
LAB_DIR=$(realpath -m -- "$lab_dir")
if [ "$LAB_DIR" = "$(realpath -m Lab/data)" ]; then
  echo "consistency-experiment: --lab-dir $lab_dir is the read-replica lab's folder; it would be wiped. Choose another." >&2
  exit 64
fi
loadrunner=${LOADRUNNER:-.build/release/LoadRunner}
service_bin=${LAB_SERVICE_BIN:-Lab/service/.build/release/lab-service}
binaries=("$service_bin")
[ "$dry" = 1 ] || binaries+=("$loadrunner")
for binary in "${binaries[@]}"; do
  [ -x "$binary" ] || { echo "consistency-experiment: $binary is not built; run 'make consistency-demo' (it builds what it needs)" >&2; exit 69; }
done
if [ "$dry" = 0 ] && ! "$loadrunner" validate "$profile" >/dev/null 2>&1; then
  "$loadrunner" validate "$profile" >&2 || true
  echo "consistency-experiment: this LoadRunner cannot run $profile (it needs flows, captures and the await: probe of issue 13);" \
    "run with --dry-check (make consistency-demo DRY=1) to measure the three modes with psql and curl" >&2
  exit 78
fi

IFS=, read -r LAB_PRIMARY_PORT LAB_REPLICA1_PORT LAB_REPLICA2_PORT <<<"$ports"
export LAB_DIR LAB_PRIMARY_PORT LAB_REPLICA1_PORT LAB_REPLICA2_PORT

work=$(mktemp -d)
# shellcheck source=Lab/service/process.sh
. Lab/service/process.sh
# shellcheck source=Lab/consistency-pairs.sh
. Lab/consistency-pairs.sh
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  service_stop
  Lab/lab stop >/dev/null 2>&1 || Lab/lab stop || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$out"
started=$SECONDS
echo "== a fresh lab in $LAB_DIR (ports $ports)"
Lab/lab clean
Lab/lab start
eval "$(Lab/lab env)"
Lab/lab env --json >"$out/lab-env.json"

# Runs mode $1 (sync mode $2, service --reads $3) into $out/$1.
run_mode() {
  local name=$1 sync=$2 reads=$3 t0=$SECONDS port status=0
  local dir="$out/$name" kept="$work/$name"
  echo
  echo "== $name: Lab/lab sync $sync, service --reads $reads"
  rm -rf "$dir" "$kept"
  mkdir -p "$kept"
  Lab/lab sync "$sync" | tee "$kept/lab-sync.txt"
  Lab/lab sql "$LAB_CURRENT_PRIMARY" "select name || ' = ' || setting from pg_settings where name in ('synchronous_standby_names', 'synchronous_commit') order by name" \
    >"$kept/settings.txt"
  Lab/lab visibility --rows "$rows" | tee "$kept/visibility.txt"
  service_start "$kept/service.log" --reads "$reads"
  port=$(service_port)
  if [ "$dry" = 1 ]; then
    echo "$pairs write/read pairs through the service"
    consistency_pairs "http://127.0.0.1:$port" "$pairs" "$name" >"$kept/pairs.txt"
    mkdir -p "$dir"
  else
    set +e
    "$loadrunner" run "$profile" --target "http://127.0.0.1:$port" --out "$dir" 2>&1 | tee "$kept/console.log"
    status=${PIPESTATUS[0]}
    set -e
    mkdir -p "$dir"
  fi
  curl -fsS --max-time 10 "http://127.0.0.1:$port/metrics" >"$dir/service-metrics.json" || true
  service_stop
  mv "$kept"/* "$dir/"
  echo "$status" >"$dir/exit-status"
  echo "$name: $((SECONDS - t0)) s"
  case $status in 0 | 99) ;; *) echo "$name: LoadRunner exited $status; stopping the experiment" >&2; exit "$status" ;; esac
}

run_mode primary off primary
run_mode async off replicas
run_mode apply-all apply-all replicas
Lab/lab sync off >/dev/null
Lab/lab stop
echo "total: $((SECONDS - started)) s"

if [ "$dry" = 0 ]; then
  echo
  echo "== compare: the primary against each replica mode"
  for mode in async apply-all; do
    status=0
    "$loadrunner" compare "$out/primary" "$out/$mode" --out "$out/compare-$mode" || status=$?
    [ "$status" -eq 0 ] || [ "$status" -eq 2 ] || exit "$status"
  done
fi

echo
echo "== report"
report_status=0
python3 Lab/consistency-report.py "$out" || report_status=$?
echo
echo "Report: $out/report.md (modes in $out/primary, $out/async, $out/apply-all)"
exit "$report_status"
