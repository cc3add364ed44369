# shellcheck shell=bash
# `Lab/lab status`: replication as the primary sees it, then one line per node.
# Returns non-zero when a node is down or a replica is not streaming.

replication_report_sql="
select application_name, state, sync_state, sent_lsn, write_lsn, flush_lsn, replay_lsn,
       write_lag, flush_lag, replay_lag,
       pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) as replay_lag_bytes
from pg_stat_replication order by application_name"

lab_status() {
  local healthy=0 node state pid role streaming
  if node_running primary; then
    echo "replication on the primary (port $LAB_PRIMARY_PORT):"
    pg_admin primary -P pager=off -P null='-' -c "$replication_report_sql" || healthy=1
  fi
  printf '%-9s %-5s %-6s %-8s %s\n' node state port pid role
  for node in "${LAB_NODES[@]}"; do
    pid=- role=-
    if ! node_exists "$node"; then
      state=absent
    elif node_running "$node" && "$LAB_PG_BIN/pg_isready" -q -h "$LAB_HOST" -p "$(node_port "$node")"; then
      state=up
      pid=$(node_pid "$node")
      role=$(pg_admin "$node" -At -c "select case when pg_is_in_recovery() then 'standby' else 'primary' end") || role='?'
    else
      state=down
    fi
    printf '%-9s %-5s %-6s %-8s %s\n' "$node" "$state" "$(node_port "$node")" "$pid" "$role"
    if [ "$state" != up ]; then
      info "$node is $state (data $(node_dir "$node"), log $(node_log "$node")); run Lab/lab start"
      healthy=1
    fi
  done
  if node_running primary; then
    for node in "${LAB_REPLICAS[@]}"; do
      streaming=$(pg_admin primary -At -c "select count(*) from pg_stat_replication where application_name = '$node' and state = 'streaming'") || streaming=0
      if [ "$streaming" != 1 ]; then
        info "$node is not streaming from the primary; see $(node_log "$node")"
        healthy=1
      fi
    done
  fi
  return "$healthy"
}
