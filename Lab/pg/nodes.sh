# shellcheck shell=bash
# The three nodes (primary, replica1, replica2) as PostgreSQL clusters: where each lives, its settings,
# how it is created (initdb, pg_basebackup), started in its role, checked and stopped. Sourced by
# Lab/lab after common.sh and topology.sh; replication.sh puts the nodes together.

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
# Written by Lab/lab; rewritten on every start of the node (pg_rewind copies the source's, so the
# port is only right once this runs).
listen_addresses = '$LAB_HOST'
port = $(node_port "$node")
unix_socket_directories = '$LAB_SOCKETS'
cluster_name = '$node'
max_connections = 200
shared_buffers = 128MB
wal_level = replica
max_wal_senders = 4
max_replication_slots = 10
hot_standby = on
# pg_rewind (run by failover on the old primary) needs hint-bit changes in the WAL.
wal_log_hints = on
# One physical slot per standby keeps the WAL it still needs; a standby that is lost for good may
# hold back at most 2GB before its slot is invalidated, so it cannot fill the disk.
max_slot_wal_keep_size = 2GB
# And without a slot (a lab made before slots): enough WAL for a replica busy replaying a large seed.
wal_keep_size = 1GB
# A standby whose primary went away (restart, failover) retries every second instead of every 5 s.
wal_retrieve_retry_interval = 1s
# Standbys report their replay position every second (lag --bytes is read once a second).
wal_receiver_status_interval = 1s
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
  local node=$1 dir tmp
  dir=$(node_dir "$node"); tmp="$dir.tmp"
  as_pg rm -rf "$tmp"
  info "$node: initdb in $dir"
  as_pg "$LAB_PG_BIN/initdb" -D "$tmp" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$(node_log "$node").initdb" 2>&1 \
    || die "$node: initdb failed; see $(node_log "$node").initdb"
  write_lab_conf "$node" "$tmp"
  printf "\ninclude 'lab.conf'\n" | as_pg tee -a "$tmp/postgresql.conf" >/dev/null
  as_pg tee "$tmp/pg_hba.conf" >/dev/null <<'HBA'
# TYPE  DATABASE     USER        ADDRESS         METHOD   (written by Lab/lab)
local   all          all                         peer
host    replication  replicator  127.0.0.1/32    scram-sha-256
host    all          all         127.0.0.1/32    trust
HBA
  as_pg mv "$tmp" "$dir"
}

# pg_basebackup from the running current primary (through NODE's slot) into a temporary folder,
# make it a standby, move it into place. --no-sync: the standby's first start fsyncs its whole data
# dir anyway (it starts from a backup_label), so syncing here too only doubles the wait.
make_replica() {
  local node=$1 dir tmp
  dir=$(node_dir "$node"); tmp="$dir.tmp"
  as_pg rm -rf "$tmp"
  info "$node: pg_basebackup from $TOPOLOGY_PRIMARY into $dir"
  as_pg env PGPASSFILE="$LAB_PGPASS" "$LAB_PG_BIN/pg_basebackup" -h "$LAB_HOST" -p "$(node_port "$TOPOLOGY_PRIMARY")" \
    -U replicator -w -D "$tmp" --wal-method=stream --slot="$node" --checkpoint=fast --no-sync >"$(node_log "$node").basebackup" 2>&1 \
    || die "$node: pg_basebackup failed; see $(node_log "$node").basebackup (is $TOPOLOGY_PRIMARY up? Lab/lab status)"
  write_lab_conf "$node" "$tmp"
  configure_standby "$node" "$tmp"
  as_pg mv "$tmp" "$dir"
}

# Starts the stopped NODE as what the topology says it is, then waits (bounded) until it accepts
# connections. The ports come from the environment of this start, not from when the node was made.
start_postmaster() {
  local node=$1 dir log
  dir=$(node_dir "$node"); log=$(node_log "$node")
  write_lab_conf "$node" "$dir"
  is_current_primary "$node" || configure_standby "$node" "$dir"
  info "$node: starting on port $(node_port "$node") as $(role_word "$node") (log $log)"
  if ! as_pg "$LAB_PG_BIN/pg_ctl" start -D "$dir" -l "$log" -w -t "$LAB_START_TIMEOUT" >/dev/null; then
    tail -n 5 "$log" >&2 || true
    die "$node: did not start within ${LAB_START_TIMEOUT}s; see $log (port $(node_port "$node") taken? run Lab/lab stop, then start)"
  fi
  wait_ready "$node"
}

role_word() { if is_current_primary "$1"; then printf 'the primary'; else printf 'a standby of %s' "$TOPOLOGY_PRIMARY"; fi; }

wait_ready() {
  local node=$1 deadline=$((SECONDS + LAB_START_TIMEOUT))
  until "$LAB_PG_BIN/pg_isready" -q -h "$LAB_HOST" -p "$(node_port "$node")" -d lab -U lab; do
    [ "$SECONDS" -lt "$deadline" ] \
      || die "$node: not accepting connections on $LAB_HOST:$(node_port "$node") after ${LAB_START_TIMEOUT}s; see $(node_log "$node")"
    sleep 0.2
  done
}

# True when NODE's data dir says it starts as a standby.
has_standby_signal() { [ -e "$(node_dir "$1")/standby.signal" ]; }

# True when the running NODE is in recovery (a standby).
node_in_recovery() { [ "$(pg_admin "$1" -At -c 'select pg_is_in_recovery()')" = t ]; }

# "shut down", "shut down in recovery", "in production", ... from the stopped NODE's pg_control.
cluster_state() {
  as_pg "$LAB_PG_BIN/pg_controldata" -D "$(node_dir "$1")" | sed -n 's/^Database cluster state: *//p'
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
