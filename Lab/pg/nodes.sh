# shellcheck shell=bash
# One primary and two hot-standby replicas: where each node lives, how it is created, started,
# checked and stopped. Sourced by Lab/lab after common.sh.

node_dir() { printf '%s/%s' "$LAB_DIR" "$1"; }
node_log() { printf '%s/%s.log' "$LAB_LOGS" "$1"; }
node_pidfile() { printf '%s/postmaster.pid' "$(node_dir "$1")"; }
node_port() {
  case $1 in
    primary) printf '%s' "$LAB_PRIMARY_PORT" ;;
    replica1) printf '%s' "$LAB_REPLICA1_PORT" ;;
    replica2) printf '%s' "$LAB_REPLICA2_PORT" ;;
    *) die "unknown node '$1' (primary, replica1, replica2)" ;;
  esac
}

# The postmaster's pid from postmaster.pid (first line), or nothing when the file is absent.
node_pid() {
  local f
  f=$(node_pidfile "$1")
  if [ -r "$f" ]; then head -n 1 "$f"; fi
}

# True when the node's data dir is complete (a half-made one is never moved into place).
node_exists() { [ -f "$(node_dir "$1")/PG_VERSION" ]; }

# True when pg_ctl sees a live postmaster for the node.
node_running() {
  node_exists "$1" && as_pg "$LAB_PG_BIN/pg_ctl" status -D "$(node_dir "$1")" >/dev/null 2>&1
}

# Superuser psql over the node's Unix socket (peer auth as the postgres OS user).
pg_admin() {
  local node=$1; shift
  as_pg "$LAB_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$LAB_SOCKETS" -p "$(node_port "$node")" -d postgres "$@"
}

# App-role psql over TCP on loopback, as the demo service connects (trust for 127.0.0.1).
pg_app() {
  local node=$1; shift
  "$LAB_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$LAB_HOST" -p "$(node_port "$node")" -U lab -d lab "$@"
}

# Settings shared by every node plus the node's own port; included last from postgresql.conf.
write_lab_conf() {
  local node=$1 dir=$2
  as_pg tee "$dir/lab.conf" >/dev/null <<CONF
# Written by Lab/lab; rewritten on every start of the node.
listen_addresses = '$LAB_HOST'
port = $(node_port "$node")
unix_socket_directories = '$LAB_SOCKETS'
cluster_name = '$node'
max_connections = 200
shared_buffers = 128MB
wal_level = replica
max_wal_senders = 4
hot_standby = on
# No replication slots: keep enough WAL that a replica busy replaying a large seed never falls off.
wal_keep_size = 1GB
CONF
}

# The replication password, made once per LAB_DIR and kept in the .pgpass file (mode 600, postgres).
replication_password() {
  if ! as_pg test -s "$LAB_PGPASS"; then
    local pw
    pw=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s:*:replication:replicator:%s\n' "$LAB_HOST" "$pw" | as_pg tee "$LAB_PGPASS" >/dev/null
    as_pg chmod 600 "$LAB_PGPASS"
  fi
  as_pg cat "$LAB_PGPASS" | head -n 1 | cut -d: -f5
}

# initdb into a temporary folder, configure it, then move it into place (so a failure leaves nothing half-made).
init_primary() {
  local dir tmp
  dir=$(node_dir primary); tmp="$dir.tmp"
  as_pg rm -rf "$tmp"
  info "primary: initdb in $dir"
  as_pg "$LAB_PG_BIN/initdb" -D "$tmp" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$(node_log primary).initdb" 2>&1 \
    || die "primary: initdb failed; see $(node_log primary).initdb"
  write_lab_conf primary "$tmp"
  printf "\ninclude 'lab.conf'\n" | as_pg tee -a "$tmp/postgresql.conf" >/dev/null
  as_pg tee "$tmp/pg_hba.conf" >/dev/null <<'HBA'
# TYPE  DATABASE     USER        ADDRESS         METHOD   (written by Lab/lab)
local   all          all                         peer
host    replication  replicator  127.0.0.1/32    scram-sha-256
host    all          all         127.0.0.1/32    trust
HBA
  as_pg mv "$tmp" "$dir"
}

# Roles and database on the primary; safe to run on every start.
ensure_primary_objects() {
  local pw
  pw=$(replication_password)
  pg_admin primary -v pw="$pw" <<'SQL' || die "primary: could not create roles/database; see $(node_log primary)"
select 'create role replicator with replication login' where not exists (select from pg_roles where rolname = 'replicator') \gexec
alter role replicator with password :'pw';
select 'create role lab login' where not exists (select from pg_roles where rolname = 'lab') \gexec
select 'create database lab owner lab' where not exists (select from pg_database where datname = 'lab') \gexec
SQL
}

# pg_basebackup from the running primary into a temporary folder, make it a standby, move it into place.
make_replica() {
  local node=$1 dir tmp
  dir=$(node_dir "$node"); tmp="$dir.tmp"
  as_pg rm -rf "$tmp"
  info "$node: pg_basebackup from primary into $dir"
  as_pg env PGPASSFILE="$LAB_PGPASS" "$LAB_PG_BIN/pg_basebackup" -h "$LAB_HOST" -p "$LAB_PRIMARY_PORT" \
    -U replicator -w -D "$tmp" --wal-method=stream --checkpoint=fast >"$(node_log "$node").basebackup" 2>&1 \
    || die "$node: pg_basebackup failed; see $(node_log "$node").basebackup (is the primary up? Lab/lab status)"
  write_lab_conf "$node" "$tmp"
  as_pg touch "$tmp/standby.signal"
  write_primary_conninfo "$node" "$tmp"
  as_pg mv "$tmp" "$dir"
}

# Points a replica at the primary's current port (replacing an earlier primary_conninfo).
write_primary_conninfo() {
  local node=$1 dir=$2
  as_pg sed -i '/^primary_conninfo/d' "$dir/postgresql.auto.conf"
  printf "primary_conninfo = 'host=%s port=%s user=replicator passfile=%s application_name=%s'\n" \
    "$LAB_HOST" "$LAB_PRIMARY_PORT" "$LAB_PGPASS" "$node" | as_pg tee -a "$dir/postgresql.auto.conf" >/dev/null
}

# Starts a node unless it already runs, then waits (bounded) until it accepts connections.
start_node() {
  local node=$1 log
  log=$(node_log "$node")
  if node_running "$node"; then
    info "$node: already running (pid $(node_pid "$node"), port $(node_port "$node"))"
  else
    info "$node: starting on port $(node_port "$node") (log $log)"
    # The ports come from the environment of this start, not from when the node was made.
    write_lab_conf "$node" "$(node_dir "$node")"
    [ "$node" = primary ] || write_primary_conninfo "$node" "$(node_dir "$node")"
    if ! as_pg "$LAB_PG_BIN/pg_ctl" start -D "$(node_dir "$node")" -l "$log" -w -t "$LAB_START_TIMEOUT" >/dev/null; then
      tail -n 5 "$log" >&2 || true
      die "$node: did not start within ${LAB_START_TIMEOUT}s; see $log (port $(node_port "$node") taken? run Lab/lab stop, then start)"
    fi
  fi
  wait_ready "$node"
}

wait_ready() {
  local node=$1 deadline=$((SECONDS + LAB_START_TIMEOUT))
  until "$LAB_PG_BIN/pg_isready" -q -h "$LAB_HOST" -p "$(node_port "$node")" -d lab -U lab; do
    [ "$SECONDS" -lt "$deadline" ] \
      || die "$node: not accepting connections on $LAB_HOST:$(node_port "$node") after ${LAB_START_TIMEOUT}s; see $(node_log "$node")"
    sleep 0.2
  done
}

# Waits (bounded) until both replicas show as streaming in pg_stat_replication on the primary.
wait_streaming() {
  local deadline=$((SECONDS + LAB_SYNC_TIMEOUT)) n
  while :; do
    n=$(pg_admin primary -At -c "select count(*) from pg_stat_replication where state = 'streaming' and replay_lsn is not null and application_name in ('replica1', 'replica2')")
    [ "$n" = 2 ] && return 0
    [ "$SECONDS" -lt "$deadline" ] \
      || die "replicas not streaming after ${LAB_SYNC_TIMEOUT}s; see $LAB_LOGS/replica1.log, replica2.log and Lab/lab status"
    sleep 0.2
  done
}

# Waits (bounded) until every replica has replayed the given primary LSN.
wait_replayed() {
  local lsn=$1 node deadline=$((SECONDS + LAB_SYNC_TIMEOUT)) ok
  for node in "${LAB_REPLICAS[@]}"; do
    while :; do
      ok=$(pg_app "$node" -At -c "select coalesce(pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn, false)")
      [ "$ok" = t ] && break
      [ "$SECONDS" -lt "$deadline" ] \
        || die "$node: has not replayed $lsn after ${LAB_SYNC_TIMEOUT}s; see $(node_log "$node") and Lab/lab status"
      sleep 0.2
    done
  done
}

# Lab postgres processes: every process named postgres whose working directory is inside LAB_DIR
# (a postmaster and all its children chdir into their data dir). Never matches another cluster.
lab_pids() {
  local p cwd
  for p in /proc/[0-9]*; do
    [ "$(cat "$p/comm" 2>/dev/null)" = postgres ] || continue
    cwd=$(readlink "$p/cwd" 2>/dev/null) || continue
    case $cwd in "$LAB_DIR"/*) printf '%s\n' "${p#/proc/}" ;; esac
  done
}

# Fast shutdown, then immediate, per node; finally kill any leftover lab process (bounded).
stop_node() {
  local node=$1 dir
  dir=$(node_dir "$node")
  node_running "$node" || return 0
  info "$node: stopping (pid $(node_pid "$node"))"
  as_pg "$LAB_PG_BIN/pg_ctl" stop -D "$dir" -m fast -w -t "$LAB_STOP_TIMEOUT" >/dev/null 2>&1 \
    || as_pg "$LAB_PG_BIN/pg_ctl" stop -D "$dir" -m immediate -w -t 10 >/dev/null 2>&1 \
    || info "$node: pg_ctl stop failed; see $(node_log "$node")"
}

# The safety net after pg_ctl: signals whatever lab process is left (for example a postmaster whose
# postmaster.pid was lost): first SIGQUIT (immediate shutdown), then SIGKILL; bounded to ~5 s.
sweep_lab_processes() {
  local pids seen="" tries
  for tries in 1 2 3 4 5 6 7 8 9 10; do
    pids=$(lab_pids)
    if [ -z "$pids" ]; then
      # shellcheck disable=SC2086  # one pid per word
      wait_reaped $seen
      return 0
    fi
    seen="$seen $pids"
    if [ "$tries" -eq 2 ]; then
      info "leftover lab processes: $(echo "$pids" | tr '\n' ' ')- sending SIGQUIT"
      # shellcheck disable=SC2086
      kill -QUIT $pids 2>/dev/null || true
    elif [ "$tries" -ge 6 ]; then
      info "killing leftover lab processes: $(echo "$pids" | tr '\n' ' ')"
      # shellcheck disable=SC2086
      kill -KILL $pids 2>/dev/null || true
    fi
    sleep 0.5
  done
  pids=$(lab_pids)
  [ -z "$pids" ] || die "lab postgres processes still running: $(echo "$pids" | tr '\n' ' '); check with ps -fp"
}

# A stopped postmaster stays a zombie until its parent (usually init) reaps it, and `pgrep postgres`
# still lists it; wait a little (bounded) so that a check right after `stop` sees nothing.
wait_reaped() {
  local pid deadline=$((SECONDS + 5))
  for pid in "$@"; do
    while [ -e "/proc/$pid" ] && [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" = Z ]; do
      [ "$SECONDS" -lt "$deadline" ] || { info "postmaster $pid has exited but is not yet reaped by its parent (a zombie, harmless)"; return 0; }
      sleep 0.1
    done
  done
}
