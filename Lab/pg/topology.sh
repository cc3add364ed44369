# shellcheck shell=bash
# The current topology: which node is the primary (the only writer) and which two are its standbys.
# Node names are data-dir names and keep their ports forever; after a failover the node named
# "primary" may be a standby. The current primary's name is kept in $LAB_DIR/current-primary
# (absent: "primary", as in a lab that never failed over). Sourced by Lab/lab after common.sh.

# True for a node name of the lab.
is_node() { case $1 in primary | replica1 | replica2) return 0 ;; *) return 1 ;; esac; }

topology_file() { printf '%s/current-primary' "$LAB_DIR"; }

# Reads the current primary into TOPOLOGY_PRIMARY and the other two nodes (in LAB_NODES order) into
# TOPOLOGY_STANDBYS; called once per command and again after a failover changes the file.
# shellcheck disable=SC2034  # read by the other Lab/pg files
load_topology() {
  local file name=primary node
  file=$(topology_file)
  if [ -s "$file" ]; then read -r name <"$file" || true; fi
  is_node "$name" || die "$file holds '$name', not a node name; write the current primary's name (primary, replica1 or replica2) into it"
  TOPOLOGY_PRIMARY=$name
  TOPOLOGY_STANDBYS=()
  for node in "${LAB_NODES[@]}"; do
    [ "$node" = "$name" ] || TOPOLOGY_STANDBYS+=("$node")
  done
}

# Persists NODE as the current primary (atomically: written beside the file, then renamed).
set_current_primary() {
  local node=$1 file
  file=$(topology_file)
  printf '%s\n' "$node" | as_pg tee "$file.tmp" >/dev/null
  as_pg mv "$file.tmp" "$file"
  load_topology
  info "$node is the current primary (recorded in $file)"
}

is_current_primary() { [ "$1" = "$TOPOLOGY_PRIMARY" ]; }

# The standby that is neither the current primary nor NODE.
other_standby() {
  local node
  for node in "${TOPOLOGY_STANDBYS[@]}"; do
    [ "$node" = "$1" ] || { printf '%s' "$node"; return 0; }
  done
}

# The node listening on PORT, or nothing.
node_at_port() {
  local node
  for node in "${LAB_NODES[@]}"; do
    [ "$(node_port "$node")" = "$1" ] && { printf '%s' "$node"; return 0; }
  done
  return 0
}

# "a, b": the current standbys, for synchronous_standby_names and SQL lists of names.
standby_list() { local IFS=,; printf '%s' "${TOPOLOGY_STANDBYS[*]}" | sed 's/,/, /g'; }
standby_sql_list() { printf "'%s', '%s'" "${TOPOLOGY_STANDBYS[0]}" "${TOPOLOGY_STANDBYS[1]}"; }
