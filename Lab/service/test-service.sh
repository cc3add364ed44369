#!/usr/bin/env bash
# End-to-end test of lab-service against the real three-node PostgreSQL lab (no mocks): what needs
# streaming standbys, synchronous replication and a failover. Every route's answers, bad input, counters
# and a write with no database are tested in Swift (`swift test` in Lab/service: HummingbirdTesting
# against a throwaway PostgreSQL). Here: a throwaway LAB_DIR on random free loopback ports, 20,000
# seeded users, the service on port 0 reading its nodes from `--topology` (`Lab/lab env --json`).
# Reads on both real standbys (GET /template/{id} on a standby replaying late: a stale read, 404) and
# with one down; then writes (POST /template) under quorum synchronous replication, a failover made by
# hand (stop "primary", promote "replica1"), an old primary back as a standby (SQLSTATE 25006), a commit
# that is never confirmed (outcome unknown, not retried) and no writable node at all. Always stops the
# services and removes the lab (trap EXIT). Prints "N passed, N failed"; exits 1 if anything failed.
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
second_pid=""  # a second service, for the standby-after-failover check
second_port=0
# stop_pid PID: sends SIGTERM, waits up to 15 s (then SIGKILL); returns the process's exit code
stop_pid() {
  local pid=$1 rc=0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then echo "pid $pid ignored SIGTERM for 15 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" || rc=$?
  return "$rc"
}
stop_service() { # stops the service; returns its exit code
  local pid=$service_pid
  [ -n "$pid" ] || return 0
  service_pid=""
  stop_pid "$pid"
}
cleanup() {
  if [ -n "$service_pid" ]; then kill -KILL "$service_pid" 2>/dev/null || true; fi
  if [ -n "$second_pid" ]; then kill -KILL "$second_pid" 2>/dev/null || true; fi
  "$lab" clean >/dev/null 2>&1 || true
  rm -rf -- "$LAB_DIR" "$work"
}
trap cleanup EXIT

# shellcheck source=Lab/test-helpers.sh
. "$here/../test-helpers.sh"
alive() { [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; }
# status PATH [PORT]: prints the HTTP status of GET PATH; the body goes to $work/body
status() { curl -sS -o "$work/body" -w '%{http_code}' --max-time 15 "http://127.0.0.1:${2:-$port}$1"; }
# post JSON [PORT]: prints "STATUS SECONDS" of POST /template with JSON; the body goes to $work/body
post() {
  curl -sS -o "$work/body" -w '%{http_code} %{time_total}\n' --max-time 15 -H 'content-type: application/json' \
    --data-binary "$1" "http://127.0.0.1:${2:-$port}/template"
}
body() { cat "$work/body"; }
json() { json_of "$work/body" "$1"; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

bin=${LAB_SERVICE_BIN:-$here/.build/release/lab-service}
if [ -z "${LAB_SERVICE_BIN:-}" ]; then (cd "$here" && swift build -c release >/dev/null 2>&1); fi

# launch NAME ARGS...: starts lab-service on port 0 (log $work/NAME.log) and waits for its --port-file;
# sets $launched_pid and $launched_port.
launched_pid="" launched_port=0
launch() {
  local name=$1; shift
  rm -f "$work/$name.port"
  "$bin" --topology "$work/topology.json" --port 0 --port-file "$work/$name.port" "$@" >>"$work/$name.log" 2>&1 &
  launched_pid=$!
  for _ in $(seq 1 100); do
    [ -s "$work/$name.port" ] && break
    kill -0 "$launched_pid" 2>/dev/null || { echo "lab-service exited early:"; cat "$work/$name.log"; return 1; }
    sleep 0.1
  done
  [ -s "$work/$name.port" ] || { echo "lab-service wrote no --port-file in 10 s"; return 1; }
  launched_port=$(cat "$work/$name.port")
}
# start_service ARGS...: the main service (log $work/service.log); sets $service_pid and $port.
start_service() {
  local rc=0
  launch service "$@" || rc=$?
  service_pid=$launched_pid port=$launched_port
  return "$rc"
}

echo "LAB_DIR=$LAB_DIR ports $LAB_PRIMARY_PORT $LAB_REPLICA1_PORT $LAB_REPLICA2_PORT"
"$lab" start >/dev/null 2>&1
"$lab" seed --users 20000 >/dev/null 2>&1
eval "$("$lab" env)"
"$lab" env --json >"$work/topology.json"

check "bad --host exits 64" expect_exit 64 "$bin" --host 10.1.2.3 --port 0
check "bad --primary exits 64" expect_exit 64 "$bin" --primary nohostport --port 0

start_service --reads replicas && started=ok || started=failed
check "starts with --reads replicas" equals "$started" ok
check "health 200" equals "$(status /health)" 200
check "health names the read mode" contains "$(body)" '"reads":"replicas"'
check "get-ids 200" equals "$(status '/user/get-ids?number=50&random=true')" 200
id=$(json 'd[0]' || true)
check "get from a standby 200" equals "$(status "/user/get/$id")" 200
check "search on a standby 200" equals "$(status '/user/search?first_name=Jo&last_name=Sm')" 200
check "search on a standby finds users" equals "$(json 'len(d) > 0')" True

for _ in $(seq 1 200); do status "/user/get/$id" >/dev/null; done
status /metrics >/dev/null
check "replicas: primary served 0 routed reads" equals "$(json "d['primary']")" 0
check "replicas: replica1 served reads" equals "$(json "d['replica1'] > 0")" True
check "replicas: replica2 served reads" equals "$(json "d['replica2'] > 0")" True
# 200 gets + 3 earlier reads (1 get-ids, 1 get, 1 search); /health is not a routed read
check "replicas: every routed read is counted once" equals "$(json "d['replica1'] + d['replica2']")" 203

# GET /template/{id} on the standbys, X-Served-By naming the node: with replica1 replaying 5 s late
# (recovery_min_apply_delay), reads there right after the write are stale (404 naming replica1); once
# the delay is reset it replays the insert and reads it.
set_replica1_delay() { # set_replica1_delay DELAY (0: reset, as the lab had it)
  local setting="set recovery_min_apply_delay = '$1'"
  [ "$1" != 0 ] || setting='reset recovery_min_apply_delay'
  as_pg "${LAB_PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$LAB_DIR/sockets" \
    -p "$LAB_REPLICA1_PORT" -d postgres -c "alter system $setting" -c 'select pg_reload_conf()' >/dev/null
}
replica1_delay_is() { [ "$("$lab" sql replica1 'show recovery_min_apply_delay')" = "$1" ]; }
# get_template ID: prints "STATUS X-SERVED-BY BODY" of GET /template/ID
get_template() { curl -sS -o "$work/body" -w '%{http_code} %header{x-served-by}' --max-time 15 "http://127.0.0.1:$port/template/$1"; echo " $(body)"; }
replica1_reads() { local i; for i in $(seq 1 20); do get_template "$1" | grep -q '^200 replica1 ' && return 0; sleep 0.2; done; return 1; }
set_replica1_delay 5s
for _ in $(seq 1 25); do replica1_delay_is 5s && break; sleep 0.2; done
check "replica1 replays 5 s late" replica1_delay_is 5s
read -r code _ < <(post '{"name": "read your write"}')
written=$(json "d['id']")
check "a write to read back: 201" equals "$code" 201
for _ in $(seq 1 16); do get_template "$written"; done >"$work/template-reads"
check "template reads right after the write: each names a standby (200 or 404)" \
  equals "$(grep -cE '^(200|404) replica[12] ' "$work/template-reads")" 16
check "replica1 (5 s late) answered 404 right after the write" test "$(grep -c '^404 replica1 ' "$work/template-reads")" -ge 1
check "replica1 (5 s late) never had the row yet" equals "$(grep -c '^200 replica1 ' "$work/template-reads")" 0
check "the stale read's body names replica1" contains "$(grep -m1 '^404 replica1 ' "$work/template-reads")" \
  "{\"error\":\"no template with id $written\",\"node\":\"replica1\"}"
check "replica2 (no delay) answered 200 with the row" contains "$(grep -m1 '^200 replica2 ' "$work/template-reads")" "\"id\":$written,"
set_replica1_delay 0
check "replica1 reads the row once its delay is reset" replica1_reads "$written"
stop_service && stopped=0 || stopped=$?
check "SIGTERM stops the service with exit 0" equals "$stopped" 0

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

# --- writes: POST /template under quorum synchronous replication, then a failover made by hand ---
pg_bin=${LAB_PG_BIN:-/usr/lib/postgresql/15/bin}
node_port() { case $1 in primary) echo "$LAB_PRIMARY_PORT" ;; replica1) echo "$LAB_REPLICA1_PORT" ;; replica2) echo "$LAB_REPLICA2_PORT" ;; esac; }
# admin NODE SQL...: each SQL as the superuser over the node's Unix socket (ALTER SYSTEM needs it)
admin() {
  local node=$1 args=() sql; shift
  for sql in "$@"; do args+=(-c "$sql"); done
  as_pg "$pg_bin/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$LAB_DIR/sockets" -p "$(node_port "$node")" -d postgres "${args[@]}"
}
rows() { "$lab" sql "$1" 'select count(*) from template'; }
# wait_for SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds; fails after SECONDS
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do [ "$SECONDS" -lt "$deadline" ] || return 1; sleep 0.2; done
}
quorum_streaming() { [ "$(admin primary "select count(*) from pg_stat_replication where sync_state = 'quorum'")" = 2 ]; }
rows_are() { [ "$(rows "$1")" = "$2" ]; }
health_ok_on() { [ "$(status /health "$1")" = 200 ]; }
writer_is() { status /metrics "${2:-$port}" >/dev/null && [ "$(json "d['writer']")" = "$1" ]; }
less_than() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }' || { echo "$1 is not less than $2"; return 1; }; }
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }' || { echo "$1 is less than $2"; return 1; }; }

check "lab start brings replica2 back" "$lab" start
check "table template exists" "$lab" sql primary "set client_min_messages = warning; $(cat "$here/../pg/template.sql")"
check "primary: synchronous_standby_names = 'ANY 1 (replica1, replica2)'" \
  admin primary "alter system set synchronous_standby_names = 'ANY 1 (replica1, replica2)'" "select pg_reload_conf()"
check "primary: both standbys are quorum-synchronous" wait_for 30 quorum_streaming
base=$(rows primary)
acked=0

start_service --reads replicas --query-timeout-ms 2000 && started=ok || started=failed
check "starts with --query-timeout-ms 2000 (for writes)" equals "$started" ok
check "writer found at start is primary" wait_for 10 writer_is primary

t0=$EPOCHREALTIME
: >"$work/sequential"
for i in $(seq 1 200); do
  read -r code _ < <(post "{\"name\": \"sequential $i\", \"body\": \"written one after another\"}")
  printf '%s %s\n' "$code" "$(body)" >>"$work/sequential"
done
took=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
created=$(grep -c '^201 ' "$work/sequential" || true)
acked=$((acked + created))
echo "     200 sequential writes in ${took}s (synchronous quorum commit)"
check "200 sequential POSTs: all 201" equals "$created" 200
check "200 sequential POSTs: all on primary" equals "$(grep -c '"node":"primary"' "$work/sequential" || true)" 200
check "rows on primary == acknowledged writes" equals "$(rows primary)" "$((base + acked))"

seq 1 20 | xargs -P 20 -I{} curl -sS -o /dev/null -w '%{http_code}\n' --max-time 15 \
  --data-binary '{"name": "concurrent {}"}' "http://127.0.0.1:$port/template" >"$work/concurrent" 2>&1 || true
created=$(grep -c '^201$' "$work/concurrent" || true)
acked=$((acked + created))
check "20 concurrent POSTs: all 201" equals "$created" 20
check "rows on primary == acknowledged writes (after concurrent)" equals "$(rows primary)" "$((base + acked))"
status /metrics >/dev/null
check "metrics: writes per node" equals "$(json "d['writes']")" "{'primary': $acked, 'replica1': 0, 'replica2': 0}"
check "metrics: writer is primary" equals "$(json "d['writer']")" primary
check "metrics: the read counts keep their keys" equals "$(json "sorted(k for k in d if k not in ('writes', 'writer'))")" \
  "['primary', 'replica1', 'replica2']"

# A second service that finds the primary now but writes only after the old primary is back as a standby.
launch second --reads primary --query-timeout-ms 2000 && started=ok || started=failed
second_pid=$launched_pid second_port=$launched_port
check "second service starts" equals "$started" ok
check "second service: writer is primary" wait_for 10 writer_is primary "$second_port"

# The failover, by hand: stop the node "primary", promote "replica1".
check "failover: pg_ctl stop primary" as_pg "$pg_bin/pg_ctl" stop -D "$LAB_DIR/primary" -m fast -w -t 30
check "failover: pg_ctl promote replica1" as_pg "$pg_bin/pg_ctl" promote -w -t 30 -D "$LAB_DIR/replica1"
# replica1 may carry a synchronous_standby_names naming standbys that do not follow it yet: asynchronous for now
check "failover: replica1 asynchronous" \
  admin replica1 "alter system set synchronous_standby_names = ''" "select pg_reload_conf()"
t0=$EPOCHREALTIME tries=0 refused=""
deadline=$((SECONDS + 15))
while :; do
  read -r code _ < <(post '{"name": "after the failover"}')
  tries=$((tries + 1))
  [ "$code" = 201 ] && break
  refused="$refused $code/$(json "d.get('outcome')" 2>/dev/null || echo '?')"
  [ "$SECONDS" -lt "$deadline" ] || break
  sleep 0.2
done
took=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
echo "     first write after the failover: ${took}s, $tries tries (refused:${refused:- none})"
check "failover: a write succeeds again" equals "$code" 201
[ "$code" = 201 ] && acked=$((acked + 1))
check "failover: within 5 s" less_than "$took" 5
check "failover: the write landed on replica1" equals "$(json "d['node']")" replica1
check "failover: no write of unknown outcome" equals "$(grep -c unknown <<<"$refused" || true)" 0
for i in $(seq 1 20); do read -r code _ < <(post "{\"name\": \"on replica1 $i\"}"); [ "$code" = 201 ] && acked=$((acked + 1)); done
check "failover: rows on replica1 == every acknowledged write" equals "$(rows replica1)" "$((base + acked))"
status /metrics >/dev/null
check "failover: metrics writer is replica1" equals "$(json "d['writer']")" replica1
check "failover: metrics counts replica1's writes" equals "$(json "d['writes']['replica1']")" 21
before=$(json "d['replica1']")
for _ in $(seq 1 20); do status "/user/get/$id" >/dev/null; done
status /metrics >/dev/null
check "failover: replica reads skip the new primary" equals "$(json "d['replica1']")" "$before"
check "failover: the writer change is logged" contains "$(cat "$work/service.log")" 'writes go to replica1 (before: primary)'

# The old primary back as a standby of replica1: the second service still thinks it is the primary.
as_pg touch "$LAB_DIR/primary/standby.signal"
as_pg sed -i '/^primary_conninfo/d;/^primary_slot_name/d' "$LAB_DIR/primary/postgresql.auto.conf"
printf "primary_conninfo = 'host=127.0.0.1 port=%s user=replicator passfile=%s application_name=primary'\n" \
  "$LAB_REPLICA1_PORT" "$LAB_DIR/.pgpass" | as_pg tee -a "$LAB_DIR/primary/postgresql.auto.conf" >/dev/null
check "old primary starts as a standby of replica1" \
  as_pg "$pg_bin/pg_ctl" start -D "$LAB_DIR/primary" -l "$LAB_DIR/logs/primary.log" -w -t 30
check "old primary runs as a standby" equals "$("$lab" sql primary 'select pg_is_in_recovery()')" t
check "second service reaches the old primary (health)" wait_for 15 health_ok_on "$second_port"
read -r code _ < <(post '{"name": "through the second service"}' "$second_port")
check "standby hit (25006): the write is retried and succeeds" equals "$code" 201
[ "$code" = 201 ] && acked=$((acked + 1))
check "standby hit (25006): it landed on replica1" equals "$(json "d['node']")" replica1
check "standby hit (25006): logged as a retry" contains "$(cat "$work/second.log")" 'primary is a standby now (SQLSTATE 25006'
check "rows on replica1 == every acknowledged write (after 25006)" equals "$(rows replica1)" "$((base + acked))"
stop_pid "$second_pid" && stopped=0 || stopped=$?
second_pid=""
check "second service stops with exit 0" equals "$stopped" 0

# A commit that is never confirmed: replica1 waits for a synchronous standby that does not exist.
check "replica1: synchronous_standby_names = 'ANY 1 (nobody)'" \
  admin replica1 "alter system set synchronous_standby_names = 'ANY 1 (nobody)'" "select pg_reload_conf()"
read -r code secs < <(post '{"name": "never confirmed"}')
echo "     unconfirmed commit answered $code after ${secs}s"
check "unconfirmed commit: 503" equals "$code" 503
check "unconfirmed commit: says the outcome is unknown" equals "$(json "d['outcome']")" unknown
check "unconfirmed commit: the message says why" contains "$(body)" 'outcome unknown, the row may exist'
check "unconfirmed commit: answered at the timeout" at_least "$secs" 1.9
check "unconfirmed commit: not long after it" less_than "$secs" 4
check "unconfirmed commit: the row is not visible while the commit waits" equals "$(rows replica1)" "$((base + acked))"
check "replica1: synchronous_standby_names reset" \
  admin replica1 "alter system reset synchronous_standby_names" "select pg_reload_conf()"
check "unconfirmed commit: committed once the wait ends (why it is never retried)" \
  wait_for 10 rows_are replica1 "$((base + acked + 1))"
sleep 0.5
check "unconfirmed commit: exactly one row, no retry" equals "$(rows replica1)" "$((base + acked + 1))"
status /metrics >/dev/null
check "unconfirmed commit: not counted as a write" equals "$(json "d['writes']['replica1']")" 21

# No writable node at all.
check "pg_ctl stop replica1 (the writer)" as_pg "$pg_bin/pg_ctl" stop -D "$LAB_DIR/replica1" -m fast -w -t 30
read -r code secs < <(post '{"name": "nowhere to go"}')
echo "     with no writable node: $code after ${secs}s"
check "no writable node: 503" equals "$code" 503
check "no writable node: within the 2 s timeout" less_than "$secs" 2.5
check "no writable node: nothing was written" equals "$(json "d['outcome']")" not_written
check "no writable node: the message names the nodes" contains "$(body)" 'no writable primary found: primary: standby, replica1: unreachable'
check "no writable node: metrics writer is null" equals "$(status /metrics >/dev/null; json "d['writer']")" None
stop_service && stopped=0 || stopped=$?
check "SIGTERM stops the service with exit 0 (after the writes)" equals "$stopped" 0

start_service --reads replicas --query-timeout-ms 2000 && started=ok || started=failed
check "starts with no writable node" equals "$started" ok
read -r code secs < <(post '{"name": "still nowhere"}')
check "started without a primary: POST 503" equals "$code" 503
check "started without a primary: metrics writer is null" equals "$(status /metrics >/dev/null; json "d['writer']")" None
stop_service && stopped=0 || stopped=$?
check "SIGTERM stops the service with exit 0 (no primary)" equals "$stopped" 0

finish
