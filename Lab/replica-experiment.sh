#!/usr/bin/env bash
# The read-replica experiment (experiment 1 of the study), end to end: start the PostgreSQL lab (a
# primary and two async streaming replicas), seed it, run the load profile with the service reading
# from the primary, run it again with reads on the replicas, compare the two runs, and stop everything
# (always, also on failure). Prints where the report is.
#
# Usage: Lab/replica-experiment.sh [--profile FILE] [--users N] [--out DIR]
#   --profile  load profile (default Profiles/lab-replicas.yaml; Profiles/lab-replicas-full.yaml for the study's lengths)
#   --users    rows seeded into `users` (default 1000000)
#   --out      report folder (default Reports/replicas-<UTC time>)
# Environment: LAB_DIR and LAB_*_PORT as for Lab/lab; LOADRUNNER (default .build/release/LoadRunner);
# LAB_SERVICE_BIN (default Lab/service/.build/release/lab-service); LIVE_PORT, the port of each run's live
# dashboard (`run --listen`, default 0: a free port; the run prints the address).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=Profiles/lab-replicas.yaml
users=1000000
out="Reports/replicas-$(date -u +%Y%m%d-%H%M%S)"
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: Lab/replica-experiment.sh [--profile FILE] [--users N] [--out DIR]" >&2; exit 64 ;;
  esac
done
loadrunner=${LOADRUNNER:-.build/release/LoadRunner}
service_bin=${LAB_SERVICE_BIN:-Lab/service/.build/release/lab-service}
for binary in "$loadrunner" "$service_bin"; do
  [ -x "$binary" ] || { echo "replica-experiment: $binary is not built; run 'make demo' (it builds both)" >&2; exit 69; }
done

work=$(mktemp -d)
# shellcheck source=Lab/service/process.sh
. Lab/service/process.sh
cleanup() {
  service_stop
  Lab/lab stop >/dev/null 2>&1 || Lab/lab stop || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== starting the PostgreSQL lab and seeding $users users"
Lab/lab start
Lab/lab seed --users "$users"
eval "$(Lab/lab env)"
mkdir -p "$out"
Lab/lab status | tee "$out/lab-status.txt"

# Runs the profile into $out/$1 with the service reading from $2, keeping the service's per-node counts.
run_with_reads() {
  local name=$1 reads=$2
  echo
  echo "== $name: the service reads from the $reads"
  service_start "$out/service-$reads.log" --reads "$reads"
  local port status=0
  port=$(service_port)
  # The profile's monitors find this lab's pid files through ${LAB_DIR}, exported by `Lab/lab env`.
  "$loadrunner" run "$profile" --target "http://127.0.0.1:$port" --out "$out/$name" \
    --listen "127.0.0.1:${LIVE_PORT:-0}" || status=$?
  curl -fsS "http://127.0.0.1:$port/metrics" > "$out/$name/service-metrics.json" || true
  service_stop
  # 99 (a threshold failed) is a finding worth reporting; anything else stops the experiment.
  [ "$status" -eq 0 ] || [ "$status" -eq 99 ] || exit "$status"
}

run_with_reads before primary
run_with_reads after replicas

echo
echo "== compare"
status=0
"$loadrunner" compare "$out/before" "$out/after" --out "$out/compare" || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 2 ] || exit "$status"
echo
echo "Report: $out/compare/report.html ($out/compare/compare.md); runs in $out/before and $out/after"
