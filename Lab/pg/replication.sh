# shellcheck shell=bash
# Streaming replication between the current primary and its two standbys: bringing each up in its
# role, the standby settings, one physical slot per standby, and the bounded waits for streaming and
# replay. Sourced by Lab/lab after nodes.sh and topology.sh.

# The connection string a standby uses to stream from the current primary; its application_name is
# the node name, which pg_stat_replication and synchronous_standby_names refer to.
primary_conninfo_for() {
  printf 'host=%s port=%s user=replicator passfile=%s application_name=%s' \
    "$LAB_HOST" "$(node_port "$TOPOLOGY_PRIMARY")" "$LAB_PGPASS" "$1"
}

# Makes the stopped NODE (data in DIR) a standby of the current primary: standby.signal, and
# primary_conninfo and primary_slot_name (the slot is named after the node) in postgresql.auto.conf.
configure_standby() {
  local node=$1 dir=$2
  as_pg touch "$dir/postgresql.auto.conf"
  as_pg sed -i '/^primary_conninfo/d; /^primary_slot_name/d' "$dir/postgresql.auto.conf"
  printf "primary_conninfo = '%s'\nprimary_slot_name = '%s'\n" "$(primary_conninfo_for "$node")" "$node" \
    | as_pg tee -a "$dir/postgresql.auto.conf" >/dev/null
  as_pg touch "$dir/standby.signal"
}

# Points a running standby at the current primary and its slot if it is not already (a lab made
# before slots, for example): ALTER SYSTEM and a reload, as both settings are reloadable since PG 13.
adopt_running_standby() {
  local node=$1 have want
  want="$(primary_conninfo_for "$node")|$node"
  have=$(pg_admin "$node" -At -c "select current_setting('primary_conninfo') || '|' || current_setting('primary_slot_name')")
  [ "$have" = "$want" ] && return 0
  info "$node: pointing it at $TOPOLOGY_PRIMARY through slot $node (reload)"
  pg_admin "$node" -c "alter system set primary_conninfo = '$(primary_conninfo_for "$node")'" \
    -c "alter system set primary_slot_name = '$node'" -c 'select pg_reload_conf()' >/dev/null \
    || die "$node: could not change primary_conninfo; see $(node_log "$node")"
}

# Roles, database and the template table on the current primary; safe to run on every start. Local
# commits only: with synchronous standbys configured and none connected yet, a commit would wait.
ensure_primary_objects() {
  local node=$TOPOLOGY_PRIMARY pw
  pw=$(replication_password)
  pg_admin "$node" -v pw="$pw" <<'SQL' || die "$node: could not create roles/database; see $(node_log "$node")"
set synchronous_commit = local;
select 'create role replicator with replication login' where not exists (select from pg_roles where rolname = 'replicator') \gexec
alter role replicator with password :'pw';
select 'create role lab login' where not exists (select from pg_roles where rolname = 'lab') \gexec
select 'create database lab owner lab' where not exists (select from pg_database where datname = 'lab') \gexec
SQL
  pg_app "$node" -c 'set synchronous_commit = local; set client_min_messages = warning' -f "$LAB_SCRIPTS/template.sql" \
    || die "$node: could not create table template from $LAB_SCRIPTS/template.sql; see $(node_log "$node")"
}

# One physical slot per current standby on the current primary, reserving WAL from now on. Drops
# slots that cannot serve: one named after the primary itself, and inactive ones whose WAL is lost.
ensure_slots() {
  local node=$TOPOLOGY_PRIMARY names made sql
  names=$(standby_sql_list)
  sql="
\\o /dev/null
select pg_drop_replication_slot(slot_name) from pg_replication_slots
 where not active and slot_type = 'physical'
   and (slot_name = '$node' or (slot_name in ($names) and wal_status = 'lost'));
\\o
select coalesce(string_agg((pg_create_physical_replication_slot(name, true)).slot_name::text, ', '), '')
  from unnest(array[$names]) as name
 where not exists (select from pg_replication_slots where slot_name = name);
"
  made=$(pg_admin "$node" -At <<<"$sql") || die "$node: could not create the replication slots; see $(node_log "$node")"
  [ -z "$made" ] || info "$node: created replication slots $made"
}

# A standby keeps the slots it had as a primary (pg_rewind leaves pg_replslot alone); they would
# hold back WAL for nothing.
drop_standby_slots() {
  local node=$1 dropped
  dropped=$(pg_admin "$node" -At -c "select coalesce(string_agg(slot_name::text, ', '), '') from
      (select slot_name, pg_drop_replication_slot(slot_name) from pg_replication_slots
        where not active and slot_name in ('primary', 'replica1', 'replica2')) s") || dropped='?'
  [ -z "$dropped" ] || info "$node: dropped its old replication slots $dropped"
}

# Creates the current primary if no node exists yet, starts it, and makes its roles, table and slots.
bring_up_primary() {
  local node=$TOPOLOGY_PRIMARY
  if ! node_exists "$node"; then
    any_node_exists && die "$node, the current primary ($(topology_file)), has no data dir $(node_dir "$node"); run Lab/lab clean, then start"
    init_primary "$node"
  fi
  if node_running "$node"; then
    info "$node: already running (pid $(node_pid "$node"), port $(node_port "$node"))"
    wait_ready "$node"
  else
    has_standby_signal "$node" \
      && die "$node is the current primary ($(topology_file)) but its data dir has a standby.signal; write the name of the node without standby.signal into $(topology_file)"
    start_postmaster "$node"
  fi
  node_in_recovery "$node" && die "$node is the current primary but runs as a standby; see $(node_log "$node") and Lab/lab status"
  ensure_primary_objects
  ensure_slots
}

any_node_exists() { local node; for node in "${LAB_NODES[@]}"; do node_exists "$node" && return 0; done; return 1; }

# Creates (pg_basebackup) or starts the standby NODE of the current primary. A stopped node without
# standby.signal was a primary (a failover stopped before its end): pg_rewind makes it a standby.
bring_up_standby() {
  local node=$1
  if ! node_exists "$node"; then
    node_running "$TOPOLOGY_PRIMARY" || die "$node: cannot make it, $TOPOLOGY_PRIMARY is not running; run Lab/lab start"
    make_replica "$node"
  fi
  if node_running "$node"; then
    info "$node: already running (pid $(node_pid "$node"), port $(node_port "$node"))"
    wait_ready "$node"
    node_in_recovery "$node" \
      || die "$node runs as a primary but $TOPOLOGY_PRIMARY is the current primary; run Lab/lab stop $node, then Lab/lab start $node to rewind it into a standby"
    adopt_running_standby "$node"
    return 0
  fi
  if ! has_standby_signal "$node"; then
    node_running "$TOPOLOGY_PRIMARY" || die "$node was a primary; start $TOPOLOGY_PRIMARY first so pg_rewind can make $node its standby"
    rewind_node "$node"
  fi
  start_postmaster "$node"
  drop_standby_slots "$node"
}

# Waits (bounded) until every given standby (default: both) streams in pg_stat_replication on the
# current primary.
wait_streaming() {
  local nodes=("$@") deadline=$((SECONDS + LAB_SYNC_TIMEOUT)) names n
  [ "${#nodes[@]}" -gt 0 ] || nodes=("${TOPOLOGY_STANDBYS[@]}")
  names=$(printf "'%s'," "${nodes[@]}"); names=${names%,}
  while :; do
    n=$(pg_admin "$TOPOLOGY_PRIMARY" -At -c "select count(distinct application_name) from pg_stat_replication
          where state = 'streaming' and replay_lsn is not null and application_name in ($names)") || n=0
    [ "$n" = "${#nodes[@]}" ] && return 0
    [ "$SECONDS" -lt "$deadline" ] \
      || die "${nodes[*]} not streaming from $TOPOLOGY_PRIMARY after ${LAB_SYNC_TIMEOUT}s; see $(node_log "${nodes[0]}") and Lab/lab status"
    sleep 0.2
  done
}

# Waits (bounded) until every current standby has replayed the given LSN of the current primary.
wait_replayed() {
  local lsn=$1 node deadline=$((SECONDS + LAB_SYNC_TIMEOUT)) ok
  for node in "${TOPOLOGY_STANDBYS[@]}"; do
    while :; do
      ok=$(pg_admin "$node" -At -c "select coalesce(pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn, false)") || ok=f
      [ "$ok" = t ] && break
      [ "$SECONDS" -lt "$deadline" ] \
        || die "$node: has not replayed $lsn after ${LAB_SYNC_TIMEOUT}s; see $(node_log "$node") and Lab/lab status"
      sleep 0.2
    done
  done
}

current_wal_lsn() { pg_admin "$TOPOLOGY_PRIMARY" -At -c 'select pg_current_wal_lsn()'; }
