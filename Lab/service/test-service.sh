#!/usr/bin/env bash
# End-to-end test of lab-service against the real PostgreSQL lab (no mocks): a throwaway LAB_DIR on
# random free loopback ports, 20,000 seeded users, the service on port 0. Always stops the service and
# removes the lab (trap EXIT). Prints "N passed, N failed"; exits 1 if anything failed.
# Usage: Lab/service/test-service.sh   (as root or postgres; builds the release binary if needed)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lab="$here/../lab"
LAB_DIR=$(mktemp -d /tmp/lab-service-test.XXXXXX)
export LAB_DIR
work=$(mktemp -d /tmp/lab-service-work.XXXXXX)

# shellcheck source=Lab/pg/test-ports.sh
. "$here/../pg/test-ports.sh"
lab_pick_test_ports

service_pid=""
port=0
stop_service() { # sends SIGTERM and waits; returns the service's exit code
  local rc=0
  [ -n "$service_pid" ] || return 0
  kill -TERM "$service_pid" 2>/dev/null || true
  wait "$service_pid" || rc=$?
  service_pid=""
  return "$rc"
}
cleanup() {
  if [ -n "$service_pid" ]; then kill -KILL "$service_pid" 2>/dev/null || true; fi
  "$lab" clean >/dev/null 2>&1 || true
  rm -rf -- "$LAB_DIR" "$work"
}
trap cleanup EXIT

passed=0 failed=0
out=""
check() { # check NAME COMMAND...: runs COMMAND, records pass/fail, keeps its stdout+stderr in $out
  local name=$1; shift
  if out=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name"; printf '%s\n' "$out" | sed 's/^/     /'
  fi
}
equals() { [ "$1" = "$2" ] || { echo "got '$1', wanted '$2'"; return 1; }; }
contains() { grep -q -- "$2" <<<"$1" || { echo "'$2' not in:"; echo "$1"; return 1; }; }
expect_exit() { local want=$1 rc=0; shift; "$@" >/dev/null 2>&1 || rc=$?; [ "$rc" -eq "$want" ] || { echo "exit $rc, wanted $want"; return 1; }; }
alive() { [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; }
# status PATH: prints the HTTP status of GET PATH; the body goes to $work/body
status() { curl -sS -o "$work/body" -w '%{http_code}' --max-time 15 "http://127.0.0.1:$port$1"; }
body() { cat "$work/body"; }
json() { python3 -c "import json,sys; d=json.load(open('$work/body')); print($1)"; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

bin=${LAB_SERVICE_BIN:-$here/.build/release/lab-service}
if [ -z "${LAB_SERVICE_BIN:-}" ]; then (cd "$here" && swift build -c release >/dev/null 2>&1); fi

# start_service ARGS...: starts lab-service on port 0 and waits for its --port-file; sets $port.
start_service() {
  rm -f "$work/port"
  "$bin" --port 0 --port-file "$work/port" "$@" >>"$work/service.log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1 100); do
    [ -s "$work/port" ] && break
    alive || { echo "lab-service exited early:"; cat "$work/service.log"; return 1; }
    sleep 0.1
  done
  [ -s "$work/port" ] || { echo "lab-service wrote no --port-file in 10 s"; return 1; }
  port=$(cat "$work/port")
}

echo "LAB_DIR=$LAB_DIR ports $LAB_PRIMARY_PORT $LAB_REPLICA1_PORT $LAB_REPLICA2_PORT"
"$lab" start >/dev/null 2>&1
"$lab" seed --users 20000 >/dev/null 2>&1
eval "$("$lab" env)"

check "bad --host exits 64" expect_exit 64 "$bin" --host 10.1.2.3 --port 0
check "bad --primary exits 64" expect_exit 64 "$bin" --primary nohostport --port 0

start_service --reads replicas && started=ok || started=failed
check "starts with --reads replicas" equals "$started" ok
check "health 200" equals "$(status /health)" 200
check "health names the read mode" contains "$(body)" '"reads":"replicas"'
check "get-ids 200" equals "$(status '/user/get-ids?number=50&random=true')" 200
check "get-ids returns 50 ids" equals "$(json 'len(d)')" 50
check "get-ids returns distinct ids" equals "$(json 'len(set(d))')" 50
id=$(json 'd[0]' || true)
check "get-ids random=false is the first ids by id" equals \
  "$(status '/user/get-ids?number=3' >/dev/null; json "','.join(d)")" \
  "$("$lab" sql primary 'select string_agg(id::text, $$,$$ order by id) from (select id from users order by id limit 3) s')"
check "get-ids number=abc 400" equals "$(status '/user/get-ids?number=abc')" 400
check "get-ids number=100001 400" equals "$(status '/user/get-ids?number=100001')" 400
check "get of an id 200" equals "$(status "/user/get/$id")" 200
check "get returns that id" equals "$(json "d['id'].lower()")" "$id"
check "get has every field" equals "$(json "','.join(sorted(d))")" "biography,birthday,city,first_name,id,last_name"
check "get of a bad uuid 400" equals "$(status /user/get/not-a-uuid)" 400
check "400 body says why" contains "$(body)" 'is not a uuid'
check "get of an unknown uuid 404" equals "$(status /user/get/00000000-0000-0000-0000-000000000000)" 404
check "search Jo/Sm 200" equals "$(status '/user/search?first_name=Jo&last_name=Sm')" 200
check "search Jo/Sm is a non-empty array" equals "$(json 'type(d).__name__ + str(len(d) > 0)')" listTrue
check "search results match the prefixes" equals \
  "$(json "all(u['first_name'].startswith('Jo') and u['last_name'].startswith('Sm') for u in d)")" True
check "search results are ordered by id" equals "$(json "[u['id'] for u in d] == sorted(u['id'] for u in d)")" True
check "search % is literal (no match)" equals "$(status '/user/search?first_name=%25')" 200
check "search % finds nothing" equals "$(json 'len(d)')" 0
check "search without names 400" equals "$(status /user/search)" 400
check "400 body asks for a name" contains "$(body)" 'first_name or last_name'

for _ in $(seq 1 200); do status "/user/get/$id" >/dev/null; done
status /metrics >/dev/null
check "replicas: primary served 0 routed reads" equals "$(json "d['primary']")" 0
check "replicas: replica1 served reads" equals "$(json "d['replica1'] > 0")" True
check "replicas: replica2 served reads" equals "$(json "d['replica2'] > 0")" True
# 200 gets + 6 earlier reads (2 get-ids, 2 gets, 2 searches); 400s and /health are not routed reads
check "replicas: every routed read is counted once" equals "$(json "d['replica1'] + d['replica2']")" 206
stop_service && stopped=0 || stopped=$?
check "SIGTERM stops the service with exit 0" equals "$stopped" 0

start_service --reads primary && started=ok || started=failed
check "starts with --reads primary" equals "$started" ok
for _ in $(seq 1 50); do status "/user/get/$id" >/dev/null; done
status /metrics >/dev/null
check "primary: replicas served 0 reads" equals "$(json "d['replica1'] + d['replica2']")" 0
check "primary: primary served the 50 gets" equals "$(json "d['primary']")" 50
stop_service && stopped=0 || stopped=$?
check "SIGTERM stops the service with exit 0 (primary mode)" equals "$stopped" 0

start_service --reads replicas --query-timeout-ms 1000 && started=ok || started=failed
check "starts with --reads replicas (for the outage)" equals "$started" ok
as_pg "${LAB_PG_BIN:-/usr/lib/postgresql/15/bin}/pg_ctl" stop -D "$LAB_DIR/replica2" -m fast -w >/dev/null
codes=""
for _ in $(seq 1 20); do codes="$codes $(status "/user/get/$id")"; done
ok=$(grep -o 200 <<<"$codes" | wc -l); unavailable=$(grep -o 503 <<<"$codes" | wc -l)
echo "     with replica2 down: $ok x 200, $unavailable x 503 of 20"
check "replica2 down: every get is 200 or 503" equals "$((ok + unavailable))" 20
check "replica2 down: some gets still succeed" test "$ok" -gt 0
check "replica2 down: some gets answer 503" test "$unavailable" -gt 0
check "replica2 down: 503 names the node" contains "$(for _ in $(seq 1 20); do status "/user/get/$id" >/dev/null; body; done)" 'replica2 unavailable'
check "replica2 down: the service is alive" alive
check "replica2 down: health still 200 (primary up)" equals "$(status /health)" 200
check "database errors are logged" contains "$(cat "$work/service.log")" 'database error on replica2'
check "startup is logged" contains "$(cat "$work/service.log")" 'lab-service listening on 127.0.0.1'
stop_service && stopped=0 || stopped=$?
check "SIGTERM stops the service with exit 0 (after the outage)" equals "$stopped" 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
