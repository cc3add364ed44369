# shellcheck shell=bash
# Shared settings and helpers for Lab/lab: configuration from the environment, messages, and running
# commands as the `postgres` OS user (PostgreSQL refuses to run as root). Sourced, never executed.

# Configuration. Every path the lab writes lives under LAB_DIR.
# shellcheck disable=SC2034  # the settings are read by the other Lab/pg files and Lab/lab
lab_configure() {
  local repo_root=$1
  LAB_DIR=${LAB_DIR:-"$repo_root/Lab/data"}
  # Resolve to an absolute path without requiring it to exist yet.
  LAB_DIR=$(realpath -m -- "$LAB_DIR")
  # Below Linux's ephemeral range (32768-60999): a port there can be taken at any moment by an
  # outgoing connection of another program (a load test opens thousands).
  LAB_PRIMARY_PORT=${LAB_PRIMARY_PORT:-25432}
  LAB_REPLICA1_PORT=${LAB_REPLICA1_PORT:-25433}
  LAB_REPLICA2_PORT=${LAB_REPLICA2_PORT:-25434}
  LAB_PG_BIN=${LAB_PG_BIN:-/usr/lib/postgresql/15/bin}
  LAB_START_TIMEOUT=${LAB_START_TIMEOUT:-60}   # seconds per node to accept connections
  LAB_SYNC_TIMEOUT=${LAB_SYNC_TIMEOUT:-300}    # seconds for replicas to stream / replay
  LAB_STOP_TIMEOUT=${LAB_STOP_TIMEOUT:-30}     # seconds per node for a fast shutdown
  LAB_HOST=127.0.0.1
  LAB_SOCKETS="$LAB_DIR/sockets"
  LAB_LOGS="$LAB_DIR/logs"
  LAB_PGPASS="$LAB_DIR/.pgpass"
  LAB_MARKER="$LAB_DIR/.lab"   # proves LAB_DIR was made by this script before `clean` removes it
  LAB_SCRIPTS="$repo_root/Lab/pg"   # the SQL files the lab runs (template.sql, seed.sql)
  LAB_NODES=(primary replica1 replica2)
}

# Messages go to stderr so stdout stays parseable (`sql`, `env`).
info() { printf 'lab: %s\n' "$*" >&2; }
die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }
warn() { printf 'lab: warning: %s\n' "$*" >&2; }

# Runs a command as the postgres OS user; works when invoked as root or as postgres itself.
as_pg() {
  if [ "$(id -un)" = postgres ]; then
    "$@"
  elif [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    die "run Lab/lab as root or as the postgres user (PostgreSQL server commands must run as postgres)"
  fi
}

# Checks the environment once, before any command that touches the servers.
lab_preflight() {
  [ -x "$LAB_PG_BIN/postgres" ] || die "no PostgreSQL server in $LAB_PG_BIN; install postgresql-15 or set LAB_PG_BIN"
  id postgres >/dev/null 2>&1 || die "no 'postgres' OS user; install postgresql-15 (it creates the user)"
  local port
  for port in "$LAB_PRIMARY_PORT" "$LAB_REPLICA1_PORT" "$LAB_REPLICA2_PORT"; do
    if ! [[ $port =~ ^[0-9]+$ ]] || [ "$port" -lt 1024 ] || [ "$port" -gt 65535 ]; then
      die "port '$port' is not a number in 1024-65535 (LAB_*_PORT)"
    fi
  done
  # A Unix socket path is limited to 107 bytes; ".s.PGSQL.NNNNN.lock" is appended.
  [ "${#LAB_SOCKETS}" -le 80 ] || die "LAB_DIR is too long for Unix sockets ($LAB_SOCKETS); choose a shorter LAB_DIR"
}

# Creates LAB_DIR (and its sockets/logs folders) owned by postgres, and marks it as a lab folder.
lab_prepare_dir() {
  if [ -d "$LAB_DIR" ] && [ ! -e "$LAB_MARKER" ] && [ -n "$(ls -A "$LAB_DIR")" ]; then
    die "$LAB_DIR exists, is not empty and was not made by Lab/lab; choose another LAB_DIR"
  fi
  mkdir -p "$LAB_DIR" "$LAB_SOCKETS" "$LAB_LOGS"
  touch "$LAB_MARKER"
  # Keep the lab's files out of git without editing the repository's .gitignore.
  [ -e "$LAB_DIR/.gitignore" ] || printf '*\n' >"$LAB_DIR/.gitignore"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$LAB_DIR"; fi
  chmod 700 "$LAB_DIR"
  as_pg test -w "$LAB_DIR" \
    || die "the postgres user cannot write $LAB_DIR; make its parent folders searchable (chmod o+x) or choose another LAB_DIR"
}

# Seconds since the epoch with microseconds, for timings.
now() { printf '%s' "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
