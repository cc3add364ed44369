# shellcheck shell=bash
# `Lab/lab lag`: how far each standby is behind the current primary, read on the primary from
# pg_current_wal_lsn(), pg_stat_replication and, for a standby that is not connected, its slot's
# restart_lsn (which stays put while the primary writes on, so the lag keeps growing). Sourced by Lab/lab.

# SQL for the bytes the standby NODE is behind the current primary: by replay_lsn while it streams, else by its
# slot's restart_lsn; NULL when neither is known.
lag_bytes_expression() {
  local node=$1
  printf "pg_wal_lsn_diff(pg_current_wal_lsn(), coalesce(
    (select replay_lsn from pg_stat_replication where application_name = '%s' and replay_lsn is not null
      order by replay_lsn desc limit 1),
    (select restart_lsn from pg_replication_slots where slot_name = '%s')))::bigint" "$node" "$node"
}

# stdout: one integer, or nothing and return 3 when there is no value. One psql call: it is meant
# to be run once a second by a monitor.
print_lag_bytes() {
  local node=$1 bytes
  bytes=$(pg_admin "$TOPOLOGY_PRIMARY" -At -c "select $(lag_bytes_expression "$node")") \
    || die "cannot read the lag of $node on $TOPOLOGY_PRIMARY (port $(node_port "$TOPOLOGY_PRIMARY")); is it running? (Lab/lab status)"
  [ -n "$bytes" ] || return 3
  # Under load, replay can pass the primary position read a moment earlier: never report less than 0.
  case $bytes in -*) bytes=0 ;; esac
  printf '%s\n' "$bytes"
}

# stdout: a title, then a table with one row per current standby (also one that is not connected).
print_lag_report() {
  local primary=$TOPOLOGY_PRIMARY
  printf 'standbys of %s (port %s):\n' "$primary" "$(node_port "$primary")"
  pg_admin "$primary" -P pager=off -P null='-' <<SQL || die "cannot read pg_stat_replication on $primary; is it running? (Lab/lab status)"
select s.name as standby, coalesce(r.state, 'disconnected') as state, r.sync_state,
       pg_current_wal_lsn() as primary_lsn, r.sent_lsn, r.write_lsn, r.flush_lsn, r.replay_lsn,
       sl.restart_lsn as slot_restart_lsn,
       pg_wal_lsn_diff(pg_current_wal_lsn(), coalesce(r.replay_lsn, sl.restart_lsn))::bigint as behind_bytes,
       r.write_lag, r.flush_lag, r.replay_lag
  from unnest(array[$(standby_sql_list)]) as s(name)
  left join lateral (select * from pg_stat_replication where application_name = s.name
                     order by replay_lsn desc nulls last limit 1) r on true
  left join pg_replication_slots sl on sl.slot_name = s.name
 order by s.name;
SQL
}
