# shellcheck shell=bash
# Synchronous replication on the current primary: `Lab/lab sync quorum|first [NODE]|apply-all|off`, and
# how a failover carries the mode over to the new primary. Sourced by Lab/lab.

# synchronous_standby_names for MODE: quorum -> 'ANY 1 (<both standbys>)', first NODE -> 'FIRST 1 (NODE)',
# apply-all -> 'ANY 2 (<both standbys>)', off -> '' (asynchronous).
sync_names_for() {
  case $1 in
    quorum) printf 'ANY 1 (%s)' "$(standby_list)" ;;
    first) printf 'FIRST 1 (%s)' "$2" ;;
    apply-all) printf 'ANY 2 (%s)' "$(standby_list)" ;;
    off) ;;
  esac
}

# synchronous_commit for MODE: remote_apply for apply-all (a commit returns once every standby has
# replayed it, so a read on either standby right after sees the row), on for every other mode.
sync_commit_for() {
  case $1 in
    apply-all) printf remote_apply ;;
    *) printf on ;;
  esac
}

# The sync_state pg_stat_replication shows for STANDBY once MODE [NODE] is in force.
expected_sync_state() {
  local standby=$1 mode=$2 node=${3:-}
  case $mode in
    quorum | apply-all) printf quorum ;;
    first) if [ "$standby" = "$node" ]; then printf sync; else printf async; fi ;;
    *) printf async ;;
  esac
}

# ALTER SYSTEM on the current primary and a reload; waits (bounded) until new sessions see it and the
# streaming standbys show the expected sync_state.
apply_sync_mode() {
  local mode=$1 node=${2:-} primary=$TOPOLOGY_PRIMARY names commit
  names=$(sync_names_for "$mode" "$node")
  commit=$(sync_commit_for "$mode")
  info "$primary: synchronous_standby_names = '$names'"
  pg_admin "$primary" -c "alter system set synchronous_commit = $commit" \
    -c "alter system set synchronous_standby_names = '$names'" -c 'select pg_reload_conf()' >/dev/null \
    || die "$primary: could not set synchronous_standby_names; see $(node_log "$primary")"
  wait_for_setting "$primary" synchronous_standby_names "$names"
  wait_for_setting "$primary" synchronous_commit "$commit"
  wait_for_sync_states "$mode" "$node"
}

# Waits (at most 10 s) until a new session on NODE shows NAME = VALUE (the postmaster reloads asynchronously).
wait_for_setting() {
  local node=$1 name=$2 value=$3 deadline=$((SECONDS + 10))
  until [ "$(pg_admin "$node" -At -c "show $name")" = "$value" ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "$node: $name is not '$value' 10 s after the reload; see $(node_log "$node")"
    sleep 0.1
  done
}

# Waits (at most 5 s, no error) until each streaming standby reports the sync_state of MODE.
wait_for_sync_states() {
  local mode=$1 node=${2:-} deadline=$((SECONDS + 5)) standby state settled
  while [ "$SECONDS" -lt "$deadline" ]; do
    settled=1
    while IFS='|' read -r standby state; do
      [ -n "$standby" ] || continue
      [ "$state" = "$(expected_sync_state "$standby" "$mode" "$node")" ] || settled=0
    done < <(pg_admin "$TOPOLOGY_PRIMARY" -At -c "select application_name, sync_state from pg_stat_replication where state = 'streaming'" || true)
    [ "$settled" = 1 ] && return 0
    sleep 0.1
  done
}

# stdout: the setting (and synchronous_commit when it is not the default on), then one line per current
# standby: name, replication state, sync_state.
print_sync_report() {
  local primary=$TOPOLOGY_PRIMARY commit
  printf 'synchronous_standby_names = %s\n' "'$(pg_admin "$primary" -At -c 'show synchronous_standby_names')'"
  commit=$(pg_admin "$primary" -At -c 'show synchronous_commit')
  [ "$commit" = on ] || printf 'synchronous_commit = %s\n' "$commit"
  pg_admin "$primary" -At -F ' ' -c "select rpad(s.name, 9), rpad(coalesce(r.state, 'disconnected'), 12), coalesce(r.sync_state, '-')
      from unnest(array[$(standby_sql_list)]) as s(name)
      left join lateral (select state, sync_state from pg_stat_replication where application_name = s.name
                         order by state = 'streaming' desc limit 1) r on true
     order by s.name"
}

# The synchronous_standby_names in NODE's configuration files (it may be stopped): postgres -C.
configured_sync_names() {
  as_pg "$LAB_PG_BIN/postgres" -C synchronous_standby_names -D "$(node_dir "$1")" 2>/dev/null
}

# The mode ("quorum", "apply-all", "first NODE" or "off") the new primary NEW gets when OLD hands over: the
# same kind as OLD's setting, with NEW replaced by OLD in a FIRST list (OLD takes NEW's place as a standby).
sync_mode_after_failover() {
  local old=$1 new=$2 names standby
  names=$(configured_sync_names "$old") || names=''
  if [ -z "$names" ]; then
    printf off
  elif [[ $names =~ ^[[:space:]]*[Aa][Nn][Yy][[:space:]]+2[[:space:]] ]]; then
    printf apply-all
  elif [[ $names =~ ^[[:space:]]*[Aa][Nn][Yy][[:space:]] ]]; then
    printf quorum
  elif [[ $names =~ ^[[:space:]]*([Ff][Ii][Rr][Ss][Tt][[:space:]]+1[[:space:]]*)?\(?[[:space:]]*\"?([a-z0-9_]+)\"?[[:space:]]*\)?[[:space:]]*$ ]]; then
    standby=${BASH_REMATCH[2]}
    [ "$standby" = "$new" ] && standby=$old
    if is_node "$standby"; then printf 'first %s' "$standby"; return 0; fi
    warn "$old had synchronous_standby_names = '$names', which names no lab node; $new starts asynchronous (run Lab/lab sync)"
    printf off
  else
    warn "$old had synchronous_standby_names = '$names', which Lab/lab does not write; $new starts asynchronous (run Lab/lab sync)"
    printf off
  fi
}
