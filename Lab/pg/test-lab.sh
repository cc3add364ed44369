#!/usr/bin/env bash
# End-to-end test of Lab/lab against real PostgreSQL: a throwaway LAB_DIR and random free loopback
# ports, so it never touches a lab you are using. Always stops and removes its lab (trap EXIT).
# Usage: Lab/pg/test-lab.sh   (as root or postgres; takes about half a minute)
set -euo pipefail

lab="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lab"
LAB_DIR=$(mktemp -d /tmp/lab-test.XXXXXX)
export LAB_DIR

# shellcheck source=Lab/pg/test-ports.sh
. "$(dirname "${BASH_SOURCE[0]}")/test-ports.sh"
lab_pick_test_ports

cleanup() {
  "$lab" clean >/dev/null 2>&1 || true
  rm -rf -- "$LAB_DIR"
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
expect_exit() { local want=$1 rc=0; shift; "$@" || rc=$?; [ "$rc" -eq "$want" ] || { echo "exit $rc, wanted $want"; return 1; }; }
equals() { [ "$1" = "$2" ] || { echo "got '$1', wanted '$2'"; return 1; }; }
contains() { grep -q -- "$2" <<<"$1" || { echo "'$2' not in:"; echo "$1"; return 1; }; }
pids() { local n; for n in primary replica1 replica2; do head -n 1 "$LAB_DIR/$n/postmaster.pid" 2>/dev/null || true; done | tr '\n' ' '; }
# Live (non-zombie) postgres processes whose working directory is inside LAB_DIR.
lab_processes() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(cat "$p/comm" 2>/dev/null)" = postgres ] || continue
    case $(readlink "$p/cwd" 2>/dev/null) in "$LAB_DIR"/*) echo "${p#/proc/}" ;; esac
  done
}
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
check "the failure says read-only" contains "$out" 'read-only'
check "re-seeding replaces the table" "$lab" seed --users 1000
check "replica2 holds 1000 rows after re-seed" equals "$("$lab" sql replica2 'select count(*) from users')" 1000
check "env names the primary port" contains "$("$lab" env)" "export LAB_PRIMARY_PORT=$LAB_PRIMARY_PORT"
check "unknown command exits 64" expect_exit 64 "$lab" frobnicate
check "unknown node exits 64" expect_exit 64 "$lab" sql replica3 'select 1'
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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
