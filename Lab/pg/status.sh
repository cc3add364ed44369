# shellcheck shell=bash
# `Lab/lab status`: replication as the current primary sees it, then one line per node with its role
# and, for a standby, the node it streams from. Returns non-zero when a node is down, runs in the
# wrong role, or a standby does not stream from the current primary.

replication_report_sql="
select application_name, state, sync_state, sent_lsn, write_lsn, flush_lsn, replay_lsn,
       write_lag, flush_lag, replay_lag,
       pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) as replay_lag_bytes
from pg_stat_replication order by application_name"

lab_status() {
  local healthy=0 node primary=$TOPOLOGY_PRIMARY
  if node_running "$primary"; then
    echo "replication on the current primary $primary (port $(node_port "$primary")):"
    pg_admin "$primary" -P pager=off -P null='-' -c "$replication_report_sql" || healthy=1
  fi
  printf '%-9s %-6s %-6s %-8s %-8s %s\n' node state port pid role 'streams from'
  for node in "${LAB_NODES[@]}"; do
    print_node_status "$node" || healthy=1
  done
  if node_running "$primary"; then
    for node in "${TOPOLOGY_STANDBYS[@]}"; do
      streams_from_primary "$node" || { info "$node is not streaming from $primary; see $(node_log "$node")"; healthy=1; }
    done
  fi
  return "$healthy"
}

# One line: node, up/down/absent, port, pid, role (from pg_is_in_recovery), the node it streams from.
print_node_status() {
  local node=$1 state pid=- role=- upstream=- ok=0
  if ! node_exists "$node"; then
    state=absent
  elif node_running "$node" && "$LAB_PG_BIN/pg_isready" -q -h "$LAB_HOST" -p "$(node_port "$node")" -d lab -U lab; then
    state=up
    pid=$(node_pid "$node")
    role=$(pg_admin "$node" -At -c "select case when pg_is_in_recovery() then 'standby' else 'primary' end") || role='?'
    [ "$role" != standby ] || upstream=$(upstream_of "$node")
  else
    state=down
  fi
  printf '%-9s %-6s %-6s %-8s %-8s %s\n' "$node" "$state" "$(node_port "$node")" "$pid" "$role" "$upstream"
  if [ "$state" != up ]; then
    info "$node is $state (data $(node_dir "$node"), log $(node_log "$node")); run Lab/lab start $node"
    ok=1
  elif [ "$role" != "$(expected_role "$node")" ]; then
    info "$node runs as $role but the topology ($(topology_file)) makes it $(expected_role "$node"); see Lab/pg/README.md"
    ok=1
  fi
  return "$ok"
}

expected_role() { if is_current_primary "$1"; then printf primary; else printf standby; fi; }

# The node a standby's WAL receiver streams from (by sender port), or "-".
upstream_of() {
  local port
  port=$(pg_admin "$1" -At -c "select sender_port from pg_stat_wal_receiver where status = 'streaming'") || port=''
  port=$(node_at_port "$port")
  printf '%s' "${port:--}"
}

streams_from_primary() {
  [ "$(pg_admin "$TOPOLOGY_PRIMARY" -At -c "select count(*) from pg_stat_replication where application_name = '$1' and state = 'streaming'")" -ge 1 ] 2>/dev/null
}
