# shellcheck shell=bash
# `Lab/lab failover [NODE]`: promote a standby and make the old primary and the other standby its
# standbys, losing nothing the old primary wrote when it is (or was) shut down cleanly. Sourced by Lab/lab.
#
# Steps: stop the old primary cleanly (its walsenders hand every WAL record, up to its shutdown
# checkpoint, to the standbys that stream); wait until NEW has replayed past that checkpoint;
# `pg_ctl promote -w`; record NEW as the current primary; carry the sync mode over; slots; then the
# old primary and the other standby are each stopped, pg_rewind'ed from NEW (pg_rewind compares the
# node's end of WAL with the point where NEW's timeline forked: "no rewind required", or it rewinds),
# and started as standbys of NEW; finally wait until both stream and have replayed NEW's current LSN.

failover() {
  local new=$1 old=$TOPOLOGY_PRIMARY other mode t0 node
  other=$(other_standby "$new")
  t0=$(now)
  for node in "$old" "$other" "$new"; do
    node_exists "$node" || die "$node has no data dir ($(node_dir "$node")); run Lab/lab start"
  done
  require_rewindable "$old"
  require_rewindable "$other"
  mode=$(sync_mode_after_failover "$old" "$new")
  info "failover: $new becomes the primary; $old and $other become its standbys"
  prepare_new_primary "$new" "$old"
  stop_node "$old"
  ! node_running "$old" || die "$old is still running after pg_ctl stop; not promoting $new next to it (see $(node_log "$old"))"
  wait_for_wal_of "$old" "$new"
  promote "$new"
  set_current_primary "$new"
  reset_standby_settings "$new"
  # shellcheck disable=SC2086  # "first NODE" is two words
  apply_sync_mode $mode
  ensure_primary_objects
  ensure_slots
  rejoin_as_standby "$old"
  rejoin_as_standby "$other"
  wait_streaming
  wait_replayed "$(current_wal_lsn)"
  info "failover to $new done in $(elapsed "$t0")s; $old: $(rewind_result "$old"); $other: $(rewind_result "$other")"
}

# pg_rewind refuses a target whose pg_control says neither data checksums nor wal_log_hints (a lab
# made before Lab/lab turned wal_log_hints on, never restarted since): fail before changing anything.
require_rewindable() {
  local node=$1 control
  control=$(as_pg "$LAB_PG_BIN/pg_controldata" -D "$(node_dir "$node")") || die "$node: pg_controldata failed on $(node_dir "$node")"
  grep -q '^wal_log_hints setting: *on' <<<"$control" && return 0
  grep -q '^Data page checksum version: *[1-9]' <<<"$control" && return 0
  die "$node runs without wal_log_hints, which pg_rewind needs (a lab made before failover support); run Lab/lab restart once, then failover"
}

# NEW must run and stream from the old primary (if that runs) so the old primary's clean shutdown
# hands it everything.
prepare_new_primary() {
  local new=$1 old=$2
  if ! node_running "$new"; then
    has_standby_signal "$new" \
      || die "$new is stopped and has no standby.signal (promoted by hand?); start it as a primary yourself or write its name into $(topology_file)"
    bring_up_standby "$new"
  fi
  if node_running "$old" && node_in_recovery "$new"; then wait_streaming "$new"; fi
}

# Waits until NEW has replayed past the old primary's shutdown checkpoint (the end of its WAL, read
# from its pg_control). Dies when NEW stops receiving short of it: promoting would lose those commits.
wait_for_wal_of() {
  local old=$1 new=$2 state end
  state=$(cluster_state "$old")
  if [ "$state" != "shut down" ]; then
    warn "$old was not shut down cleanly ($state): cannot tell whether $new has all of its WAL; pg_rewind discards on $old what $new lacks"
    return 0
  fi
  end=$(as_pg "$LAB_PG_BIN/pg_controldata" -D "$(node_dir "$old")" | sed -n 's/^Latest checkpoint location: *//p')
  wait_replayed_past "$new" "$end" \
    || die "$new has not received all WAL of $old (which ends at $end; $new replayed $(replay_lsn_of "$new")): promoting it would lose commits. Start $old (Lab/lab start $old) so $new catches up, then fail over again"
}

replay_lsn_of() { pg_admin "$1" -At -c 'select pg_last_wal_replay_lsn()' || printf '?'; }

# Waits (bounded by LAB_SYNC_TIMEOUT) until NODE has replayed past LSN; gives up earlier (return 1)
# when NODE has replayed all it received and nothing has changed for 2 s.
wait_replayed_past() {
  local node=$1 lsn=$2 deadline=$((SECONDS + LAB_SYNC_TIMEOUT)) row last='' still=0
  while [ "$SECONDS" -lt "$deadline" ]; do
    row=$(pg_admin "$node" -At -c "select pg_last_wal_replay_lsn() > '$lsn'::pg_lsn,
        coalesce(pg_last_wal_receive_lsn(), '0/0') <= pg_last_wal_replay_lsn(), pg_last_wal_replay_lsn()") || row=''
    case $row in t\|*) return 0 ;; esac
    if [ "$row" = "$last" ] && [[ $row == *\|t\|* ]]; then still=$((still + 1)); else still=0; fi
    [ "$still" -lt 10 ] || return 1
    last=$row
    sleep 0.2
  done
  return 1
}

promote() {
  local node=$1
  if ! node_in_recovery "$node"; then
    info "$node: already promoted"
    return 0
  fi
  info "$node: pg_ctl promote"
  as_pg "$LAB_PG_BIN/pg_ctl" promote -D "$(node_dir "$node")" -w -t "$LAB_START_TIMEOUT" >/dev/null \
    || die "$node: promotion did not finish within ${LAB_START_TIMEOUT}s; see $(node_log "$node")"
}

# A primary has no use for its standby settings (and pg_rewind copies its postgresql.auto.conf to the others).
reset_standby_settings() {
  local node=$1
  pg_admin "$node" -c 'alter system reset primary_conninfo' -c 'alter system reset primary_slot_name' >/dev/null \
    || die "$node: could not reset primary_conninfo; see $(node_log "$node")"
}

# Stops NODE cleanly, pg_rewinds it from the current primary and starts it as its standby.
rejoin_as_standby() {
  local node=$1
  stop_node "$node"
  rewind_node "$node"
  start_postmaster "$node"
  drop_standby_slots "$node"
}

# pg_rewind of the stopped NODE from the current primary, as the postgres OS user over the Unix
# socket (peer auth). pg_rewind copies the source's configuration files too: start_postmaster
# rewrites lab.conf and the standby settings afterwards. A standby that was not shut down cleanly
# is left alone (pg_rewind would run it in single-user mode, which refuses standby.signal).
rewind_node() {
  local node=$1 state out log
  log="$(node_log "$node").rewind"
  state=$(cluster_state "$node")
  if [ "$state" != "shut down" ] && [ "$state" != "shut down in recovery" ] && has_standby_signal "$node"; then
    warn "$node was not shut down cleanly ($state); starting it without pg_rewind"
    return 0
  fi
  # pg_rewind reads the source's timeline from its pg_control, which a freshly promoted server
  # updates only at its next checkpoint (see the pg_rewind documentation).
  pg_admin "$TOPOLOGY_PRIMARY" -c checkpoint || die "$TOPOLOGY_PRIMARY: checkpoint failed; see $(node_log "$TOPOLOGY_PRIMARY")"
  info "$node: pg_rewind from $TOPOLOGY_PRIMARY (log $log)"
  if ! out=$(as_pg "$LAB_PG_BIN/pg_rewind" --target-pgdata="$(node_dir "$node")" \
      --source-server="host=$LAB_SOCKETS port=$(node_port "$TOPOLOGY_PRIMARY") user=postgres dbname=postgres" 2>&1); then
    printf '%s\n' "$out" >>"$log"
    printf '%s\n' "$out" | tail -n 5 >&2
    die "$node: pg_rewind failed; see $log"
  fi
  printf '%s: pg_rewind from %s\n%s\n' "$(date -Is)" "$TOPOLOGY_PRIMARY" "$out" >>"$log"
  if grep -q 'no rewind required' <<<"$out"; then
    REWIND_RESULTS+=("$node:no rewind required")
  else
    REWIND_RESULTS+=("$node:rewound")
  fi
}

REWIND_RESULTS=()
rewind_result() {
  local entry result="not rewound"
  for entry in "${REWIND_RESULTS[@]}"; do
    [ "${entry%%:*}" = "$1" ] && result=${entry#*:}
  done
  printf '%s' "$result"
}
