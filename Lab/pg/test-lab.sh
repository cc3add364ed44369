#!/usr/bin/env bash
# End-to-end test of Lab/lab against real PostgreSQL: a throwaway LAB_DIR and random free loopback
# ports, so it never touches a lab you are using. Always stops and removes its lab (trap EXIT).
# Then synchronous replication (quorum and first), lag of a stopped standby, read-your-writes on the
# standbys (apply-all, and off with a standby replaying late), failover to replica1, restart, and
# failover back to primary with replica1 already stopped.
# Usage: Lab/pg/test-lab.sh   (as root or postgres; takes about a minute)
set -euo pipefail

lab="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lab"
LAB_DIR=$(mktemp -d /tmp/lab-test.XXXXXX)
export LAB_DIR

# shellcheck source=Lab/pg/test-ports.sh
. "$(dirname "${BASH_SOURCE[0]}")/test-ports.sh"
lab_pick_test_ports

scratch=$(mktemp -d /tmp/lab-test-scratch.XXXXXX)
cleanup() {
  "$lab" clean >/dev/null 2>&1 || true
  rm -rf -- "$LAB_DIR" "$scratch"
}
trap cleanup EXIT

# shellcheck source=Lab/test-helpers.sh
. "$(dirname "${BASH_SOURCE[0]}")/../test-helpers.sh"
pids() { local n; for n in primary replica1 replica2; do head -n 1 "$LAB_DIR/$n/postmaster.pid" 2>/dev/null || true; done | tr '\n' ' '; }
# Live (non-zombie) postgres processes whose working directory is inside LAB_DIR.
lab_processes() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(cat "$p/comm" 2>/dev/null)" = postgres ] || continue
    case $(readlink "$p/cwd" 2>/dev/null) in "$LAB_DIR"/*) echo "${p#/proc/}" ;; esac
  done
}
# eventually SECONDS COMMAND...: retries COMMAND every 0.2 s until it succeeds or SECONDS pass.
eventually() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do [ "$SECONDS" -lt "$deadline" ] || return 1; sleep 0.2; done
}
as_postgres_on() { # as_postgres_on NODE QUERY: superuser psql over the node's Unix socket
  local port as=(runuser -u postgres --)
  case $1 in primary) port=$LAB_PRIMARY_PORT ;; replica1) port=$LAB_REPLICA1_PORT ;; *) port=$LAB_REPLICA2_PORT ;; esac
  [ "$(id -un)" != postgres ] || as=()
  "${as[@]}" "${LAB_PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -X -At -v ON_ERROR_STOP=1 -h "$LAB_DIR/sockets" -p "$port" -d postgres -c "$2"
}
rows_named() { "$lab" sql "$1" "select count(*) from template where name = '$2'"; }
has_rows() { [ "$(rows_named "$1" "$2")" = "$3" ]; }
is_integer() { [[ $1 =~ ^[0-9]+$ ]] || { echo "'$1' is not an integer"; return 1; }; }
lag_at_most() { local b; b=$("$lab" lag --bytes "$1") && [ "$b" -le "$2" ]; }
# An insert run in the background; its exit code lands in a file (the checks run in subshells).
start_insert() { ( rc=0; "$lab" sql "$1" "insert into template (name) values ('$2')" >/dev/null 2>&1 || rc=$?; echo "$rc" >"$scratch/$2.rc" ) & }
insert_pending() { [ ! -e "$scratch/$1.rc" ] || { echo "finished with exit $(cat "$scratch/$1.rc")"; return 1; }; }
insert_committed() { [ -e "$scratch/$1.rc" ] && [ "$(cat "$scratch/$1.rc")" = 0 ]; }
none_alive() { local p; for p in "$@"; do [ ! -e "/proc/$p" ] || { echo "pid $p still exists"; return 1; }; done; }

echo "LAB_DIR=$LAB_DIR ports $LAB_PRIMARY_PORT $LAB_REPLICA1_PORT $LAB_REPLICA2_PORT"
check "start" "$lab" start
status=$("$lab" status 2>&1) && rc=0 || rc=$?
check "status exits 0" equals "$rc" 0
check "replica1 streaming async" contains "$status" 'replica1 *| streaming *| async'
check "replica2 streaming async" contains "$status" 'replica2 *| streaming *| async'
before=$(pids)
check "second start succeeds" "$lab" start
check "second start keeps the same postmasters" equals "$(pids)" "$before"
check "seed --users 20000" "$lab" seed --users 20000
for node in primary replica1 replica2; do
  check "$node holds 20000 rows" equals "$("$lab" sql "$node" 'select count(*) from users')" 20000
done
prefix="select id from users where first_name like 'Jo%' and last_name like 'Sm%' order by id limit 10"
check "prefix query uses users_name_prefix on replica1" contains "$("$lab" sql replica1 "explain $prefix")" users_name_prefix
check "prefix query finds rows" test -n "$("$lab" sql replica2 "$prefix")"
check "replicas answer the prefix query like the primary" equals "$("$lab" sql replica2 "$prefix")" "$("$lab" sql primary "$prefix")"
check "a write on replica1 fails (read-only)" expect_exit 1 "$lab" sql replica1 "insert into users (id, first_name, last_name) values (gen_random_uuid(), 'a', 'b')"
check "the failure says read-only" contains "$checked" 'read-only'
check "re-seeding replaces the table" "$lab" seed --users 1000
check "replica2 holds 1000 rows after re-seed" equals "$("$lab" sql replica2 'select count(*) from users')" 1000

# Topology, the template table, lag.
check "primary prints primary" equals "$("$lab" primary)" primary
check "env exports LAB_CURRENT_PRIMARY" contains "$("$lab" env)" "export LAB_CURRENT_PRIMARY=primary"
"$lab" env --json >"$scratch/env.json"
check "env --json: the current primary" equals "$(json_of "$scratch/env.json" 'd["current_primary"]')" primary
check "env --json: every node's name, role and port" equals \
  "$(json_of "$scratch/env.json" '" ".join(n["name"] + ":" + n["role"] + ":" + str(n["port"]) for n in d["nodes"])')" \
  "primary:primary:$LAB_PRIMARY_PORT replica1:standby:$LAB_REPLICA1_PORT replica2:standby:$LAB_REPLICA2_PORT"
check "env --json: each pid file holds its running postmaster's pid" equals \
  "$(json_of "$scratch/env.json" '" ".join(open(n["pid_file"]).readline().strip() for n in d["nodes"])')" \
  "$(for node in primary replica1 replica2; do head -n 1 "$LAB_DIR/$node/postmaster.pid"; done | paste -sd ' ')"
check "env --json: the url reaches the node as lab" equals \
  "$("${LAB_PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -X -At "$(json_of "$scratch/env.json" 'd["nodes"][1]["url"]')" -c 'select pg_is_in_recovery()')" t
check "env --json agrees with env" equals "$(json_of "$scratch/env.json" 'd["lab_dir"]')" "$(eval "$("$lab" env)"; echo "$LAB_DIR")"
check "env with another argument exits 64" expect_exit 64 "$lab" env --yaml
check "start made an empty template table" equals "$("$lab" sql primary 'select count(*) from template')" 0
check "lag shows both standbys streaming" contains "$("$lab" lag)" 'replica2 *| streaming'
check "lag --bytes replica1 prints one integer" is_integer "$("$lab" lag --bytes replica1)"
check "lag --bytes of the current primary is 0" equals "$("$lab" lag --bytes primary)" 0

# Quorum: one standby is enough; a stopped standby's lag grows through its slot.
check "sync quorum" "$lab" sync quorum
sync_out=$checked
check "quorum is ANY 1 (replica1, replica2)" contains "$sync_out" "synchronous_standby_names = 'ANY 1 (replica1, replica2)'"
check "replica2 is a quorum standby" contains "$sync_out" 'replica2 *streaming *quorum'
check "stop replica2" "$lab" stop replica2
check "quorum: an insert commits with replica2 stopped" timeout 5 "$lab" sql primary "insert into template (name) values ('quorum')"
lag_before=$("$lab" lag --bytes replica2 || true)
check "write 2 MB of WAL" "$lab" sql primary "insert into template (name, body) select 'wal', repeat('x', 1000) from generate_series(1, 2000)"
lag_after=$("$lab" lag --bytes replica2 || true)
check "lag --bytes replica2 grows while it is stopped ($lag_before -> $lag_after)" test "${lag_after:-0}" -gt "$((${lag_before:-0} + 1000000))"
check "start replica2" "$lab" start replica2
check "lag --bytes replica2 is under 64 kB again within 10 s" eventually 10 lag_at_most replica2 65536

# First: with the one synchronous standby stopped, a commit waits until it is back.
check "sync first replica1" "$lab" sync first replica1
sync_out=$checked
check "first is FIRST 1 (replica1)" contains "$sync_out" "synchronous_standby_names = 'FIRST 1 (replica1)'"
check "replica1 is the sync standby" contains "$sync_out" 'replica1 *streaming *sync'
check "sync first of the current primary exits 64" expect_exit 64 "$lab" sync first primary
check "stop replica1" "$lab" stop replica1
start_insert primary first
sleep 3
check "first: the insert has not committed after 3 s" insert_pending first
check "first: nobody sees the row yet" has_rows primary first 0
check "start replica1" "$lab" start replica1
check "first: the insert commits once replica1 is back" eventually 15 insert_committed first
check "first: replica1 has the row" eventually 10 has_rows replica1 first 1

# Read-your-writes (Lab/lab visibility: each insert read at once on both standbys, in new sessions).
# apply-all: a commit returns only once both standbys replayed it, so no read right after it misses,
# even with a standby replaying 1 s late (the commit waits for it); off, with that delay: every read
# there misses. The delay is reset afterwards.
replay_delay_is() { [ "$(as_postgres_on "$1" 'show recovery_min_apply_delay')" = "$2" ]; }
set_replay_delay() { # set_replay_delay NODE DELAY (0: reset, as the lab had it)
  local setting="set recovery_min_apply_delay = '$2'"
  [ "$2" != 0 ] || setting='reset recovery_min_apply_delay'
  as_postgres_on "$1" "alter system $setting" >/dev/null &&
    as_postgres_on "$1" 'select pg_reload_conf()' >/dev/null && eventually 5 replay_delay_is "$1" "$2"
}
missed_on() { sed -n "s/^$1 *missed \([0-9]*\) of .*/\1/p" <<<"$2"; }
commit_p50_ms() { sed -n 's/^commits *p50 \([0-9]*\)\..*/\1/p' <<<"$1"; }
check "sync apply-all" "$lab" sync apply-all
sync_out=$checked
check "apply-all is ANY 2 (replica1, replica2)" contains "$sync_out" "synchronous_standby_names = 'ANY 2 (replica1, replica2)'"
check "apply-all commits wait for replay" contains "$sync_out" 'synchronous_commit = remote_apply'
check "apply-all: replica1 and replica2 are quorum standbys" contains "$sync_out" 'replica2 *streaming *quorum'
check "apply-all: visibility --rows 100" "$lab" visibility --rows 100
visibility=$checked
for node in replica1 replica2; do
  check "apply-all: 0 of 100 reads on $node right after the commit missed the row" equals "$(missed_on "$node" "$visibility")" 0
done
check "replica1 replays 1 s late (recovery_min_apply_delay)" set_replay_delay replica1 1s
check "apply-all, replica1 1 s late: visibility --rows 2" "$lab" visibility --rows 2
visibility=$checked
check "apply-all, replica1 1 s late: still no read missed" equals "$(missed_on replica1 "$visibility") $(missed_on replica2 "$visibility")" '0 0'
check "apply-all, replica1 1 s late: each commit waited for it (p50 >= 1000 ms)" test "$(commit_p50_ms "$visibility")" -ge 1000
check "replica1 replays 2 s late" set_replay_delay replica1 2s
check "sync off" "$lab" sync off
sync_out=$checked
check "off: synchronous_standby_names = ''" contains "$sync_out" "^synchronous_standby_names = ''$"
check "off: synchronous_commit is on again (not printed)" equals "$(grep -c '^synchronous_commit' <<<"$sync_out")" 0
check "off: replica1 is async" contains "$sync_out" 'replica1 *streaming *async'
check "off, replica1 2 s late: visibility --rows 10" "$lab" visibility --rows 10
visibility=$checked
check "off, replica1 2 s late: all 10 reads there right after the commit missed the row" equals "$(missed_on replica1 "$visibility")" 10
check "off, replica1 2 s late: the commits did not wait for it (p50 < 1000 ms)" test "$(commit_p50_ms "$visibility")" -lt 1000
check "replica1 replays at once again" set_replay_delay replica1 0
check "replica1 catches up: it holds every visibility row" eventually 10 has_rows replica1 visibility 112

# Failover to replica1: nothing acknowledged is lost, the quorum moves along.
check "sync quorum again" "$lab" sync quorum
check "insert 500 rows" "$lab" sql primary "insert into template (name) select 'failover' from generate_series(1, 500)"
check "failover" "$lab" failover
check "failover ends with the status" contains "$checked" '^replica1 *up .* primary'
check "primary prints replica1" equals "$("$lab" primary)" replica1
status=$("$lab" status 2>&1) && rc=0 || rc=$?
check "status after failover exits 0" equals "$rc" 0
check "status: replica1 is the primary" contains "$status" '^replica1 *up .* primary *-$'
check "status: primary streams from replica1" contains "$status" '^primary *up .* standby *replica1$'
check "status: replica2 streams from replica1" contains "$status" '^replica2 *up .* standby *replica1$'
for node in primary replica1 replica2; do
  check "$node holds the 500 rows" equals "$(rows_named "$node" failover)" 500
done
check "replica1 has ANY 1 (primary, replica2)" equals "$("$lab" sql replica1 'show synchronous_standby_names')" 'ANY 1 (primary, replica2)'
check "an insert on replica1 commits" timeout 5 "$lab" sql replica1 "insert into template (name) values ('after failover')"
for node in primary replica2; do
  check "$node got the insert made on replica1" eventually 10 has_rows "$node" 'after failover' 1
done
check "env exports LAB_CURRENT_PRIMARY=replica1" contains "$("$lab" env)" "export LAB_CURRENT_PRIMARY=replica1"
check "env --json: the roles after the failover" equals \
  "$("$lab" env --json | python3 -c 'import json,sys; print(" ".join(n["name"] + ":" + n["role"] for n in json.load(sys.stdin)["nodes"]))')" \
  "primary:standby replica1:primary replica2:standby"
check "failover to the current primary exits 64" expect_exit 64 "$lab" failover replica1
check "failover to an unknown node exits 64" expect_exit 64 "$lab" failover replica7

# Restart one node at a time, then fail back to primary while replica1 is already stopped.
check "restart" "$lab" restart
check "status after restart exits 0" "$lab" status
check "stop replica1 (the current primary)" "$lab" stop replica1
check "failover primary with replica1 stopped" "$lab" failover primary
check "primary prints primary again" equals "$("$lab" primary)" primary
check "status after failing back exits 0" "$lab" status
check "primary has ANY 1 (replica1, replica2)" equals "$("$lab" sql primary 'show synchronous_standby_names')" 'ANY 1 (replica1, replica2)'
for node in primary replica1 replica2; do
  check "$node holds every row after failing back" equals "$(rows_named "$node" failover) $(rows_named "$node" 'after failover')" '500 1'
done

# No replay position and no slot: lag --bytes has no value (exit 3); start makes the slot again.
check "stop replica2" "$lab" stop replica2
check "drop replica2's slot" as_postgres_on primary "select pg_drop_replication_slot('replica2')"
check "lag --bytes without slot or connection exits 3" expect_exit 3 "$lab" lag --bytes replica2
check "and prints nothing" equals "$("$lab" lag --bytes replica2 2>/dev/null || true)" ""
check "start replica2 makes its slot again" "$lab" start replica2
check "replica2 streams through its slot" equals "$(as_postgres_on primary "select active from pg_replication_slots where slot_name = 'replica2'")" t

check "env names the primary port" contains "$("$lab" env)" "export LAB_PRIMARY_PORT=$LAB_PRIMARY_PORT"
check "unknown command exits 64" expect_exit 64 "$lab" frobnicate
check "unknown node exits 64" expect_exit 64 "$lab" sql replica3 'select 1'
check "stop of an unknown node exits 64" expect_exit 64 "$lab" stop replica3
check "bad --users exits 64" expect_exit 64 "$lab" seed --users many
running=$(pids)
check "stop" "$lab" stop
# shellcheck disable=SC2086  # one pid per word
check "postmasters are gone" none_alive $running
check "no lab postgres process remains" equals "$(lab_processes)" ""
check "stop when nothing runs exits 0" "$lab" stop
check "status of a stopped lab exits non-zero" expect_exit 1 "$lab" status
check "clean" "$lab" clean
check "clean removed LAB_DIR" test ! -e "$LAB_DIR"

finish
