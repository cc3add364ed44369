# shellcheck shell=bash
# shellcheck disable=SC2154  # service_bin and work are set by the script that sources this file
# Running lab-service in the background for the experiments (Lab/replica-experiment.sh,
# Lab/failover-experiment.sh). Sourced; uses $service_bin, $work (a private temporary folder) and
# $LAB_SERVICE_PIDFILE (from `eval "$(Lab/lab env)"`), and keeps the service's pid in $service_pid.

service_pid=""

# service_start LOG ARGS...: starts the service on a free port with ARGS and the lab's nodes from
# `Lab/lab env --json`, output to LOG; its pid also goes to $LAB_SERVICE_PIDFILE ($LAB_DIR/service.pid),
# where the profiles' process monitors look. Waits (at most 15 s) for its port. Exit 69 when it does not start.
service_start() {
  local log=$1
  shift
  rm -f "$work/port"
  Lab/lab env --json >"$work/topology.json"
  "$service_bin" --topology "$work/topology.json" --port 0 --port-file "$work/port" "$@" >"$log" 2>&1 &
  service_pid=$!
  echo "$service_pid" >"$LAB_SERVICE_PIDFILE"
  for _ in $(seq 1 150); do [ -s "$work/port" ] && break; sleep 0.1; done
  [ -s "$work/port" ] || { echo "the service did not start; see $log" >&2; exit 69; }
}

# The service's port, once service_start has returned.
service_port() { cat "$work/port"; }

# SIGTERM (a graceful shutdown), SIGKILL if it is still running 10 s later.
service_stop() {
  [ -n "$service_pid" ] || return 0
  kill "$service_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    case $(ps -o stat= -p "$service_pid" 2>/dev/null) in '' | Z*) break ;; esac
    sleep 0.1
  done
  kill -KILL "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  service_pid=""
}
