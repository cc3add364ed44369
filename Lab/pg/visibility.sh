# shellcheck shell=bash
# `Lab/lab visibility [--rows N]`: can a reader on a standby see a row right after its INSERT returned on
# the primary? N single-row autocommit inserts into `template` (name 'visibility') on the current
# primary, each followed at once by a new session on each standby that looks for that id. One psql
# process runs the whole sequence (`\connect` between nodes, a few milliseconds each), so nothing but a
# connection stands between the commit and the read. Sourced by Lab/lab after nodes.sh and topology.sh.

# The psql script: per row, the timed insert on the primary (its id kept with \gset), then one
# `select 'NODE', count(*)` per standby (1 = seen, 0 = missed).
visibility_script() {
  local rows=$1 i node
  for ((i = 1; i <= rows; i++)); do
    printf '\\connect "host=%s port=%s user=%s dbname=%s"\n' "$LAB_HOST" "$(node_port "$TOPOLOGY_PRIMARY")" lab lab
    printf '\\timing on\n'
    printf "insert into template (name) values ('visibility') returning id \\\\gset\n"
    printf '\\timing off\n'
    for node in "${TOPOLOGY_STANDBYS[@]}"; do
      printf '\\connect "host=%s port=%s user=%s dbname=%s"\n' "$LAB_HOST" "$(node_port "$node")" lab lab
      printf "select '%s', count(*) from template where id = :id;\n" "$node"
    done
  done
}

# stdout: per standby `NODE  missed M of N`, then `commits  p50 X ms  p95 Y ms  max Z ms` (psql's \timing
# of each insert: the client's wait for the commit, synchronous replication included). Exit 1 when a
# node does not answer.
print_visibility() {
  local rows=$1 node
  for node in "$TOPOLOGY_PRIMARY" "${TOPOLOGY_STANDBYS[@]}"; do
    node_running "$node" || die "$node is not running; run Lab/lab start"
  done
  visibility_script "$rows" \
    | "$LAB_PG_BIN/psql" -X -q -At -F ' ' -v ON_ERROR_STOP=1 -h "$LAB_HOST" -p "$(node_port "$TOPOLOGY_PRIMARY")" -U lab -d lab \
    | awk -v rows="$rows" -v standbys="${TOPOLOGY_STANDBYS[*]}" '
        $1 == "Time:" { ms[++commits] = $2 + 0; next }
        NF == 2 { missed[$1] += ($2 == 0); seen[$1]++ }
        END {
          n = split(standbys, names, " ")
          for (i = 1; i <= n; i++) {
            if (seen[names[i]] != rows) { printf "read %d of %d rows on %s\n", seen[names[i]], rows, names[i] > "/dev/stderr"; exit 1 }
            printf "%-9s missed %d of %d\n", names[i], missed[names[i]], rows
          }
          if (commits != rows) { printf "timed %d of %d inserts\n", commits, rows > "/dev/stderr"; exit 1 }
          for (i = 2; i <= commits; i++) { v = ms[i]; for (j = i - 1; j >= 1 && ms[j] > v; j--) ms[j + 1] = ms[j]; ms[j + 1] = v }
          printf "commits   p50 %.2f ms  p95 %.2f ms  max %.2f ms\n", ms[int((rows + 1) / 2)], ms[int(rows * 0.95 + 0.999)], ms[rows]
        }' \
    || die "visibility check failed on $TOPOLOGY_PRIMARY or a standby; see $LAB_LOGS"
}
