# shellcheck shell=bash
# `Lab/lab env`: the lab's topology, the one source every other program reads (bash through the export
# lines, the lab service through `--topology`, failover-report.py through the JSON a run keeps). Both
# forms come from the same facts below, so they cannot disagree. Sourced by Lab/lab after nodes.sh.

# The role and database every lab node serves the experiments with (pg_app connects the same way).
LAB_APP_USER=lab
LAB_APP_DB=lab

# node_role NODE: "primary" for the current primary, else "standby" (by the topology file, not by asking
# the server: the answer holds while the lab is stopped).
node_role() { if is_current_primary "$1"; then printf primary; else printf standby; fi; }
node_url() { printf 'postgresql://%s@%s:%s/%s' "$LAB_APP_USER" "$LAB_HOST" "$(node_port "$1")" "$LAB_APP_DB"; }
service_pidfile() { printf '%s/service.pid' "$LAB_DIR"; }

# Export lines: LAB_DIR, LAB_CURRENT_PRIMARY, LAB_SERVICE_PIDFILE and per node LAB_<NODE>_HOST, _PORT,
# _USER, _DB, _URL, _PIDFILE, _DATADIR, _ROLE.
cmd_env() {
  local node up
  printf 'export LAB_DIR=%q\n' "$LAB_DIR"
  printf 'export LAB_CURRENT_PRIMARY=%q\n' "$TOPOLOGY_PRIMARY"
  printf 'export LAB_SERVICE_PIDFILE=%q\n' "$(service_pidfile)"
  for node in "${LAB_NODES[@]}"; do
    up=${node^^}
    printf 'export LAB_%s_HOST=%q\n' "$up" "$LAB_HOST"
    printf 'export LAB_%s_PORT=%q\n' "$up" "$(node_port "$node")"
    printf 'export LAB_%s_USER=%q\n' "$up" "$LAB_APP_USER"
    printf 'export LAB_%s_DB=%q\n' "$up" "$LAB_APP_DB"
    printf 'export LAB_%s_URL=%q\n' "$up" "$(node_url "$node")"
    printf 'export LAB_%s_PIDFILE=%q\n' "$up" "$(node_pidfile "$node")"
    printf 'export LAB_%s_DATADIR=%q\n' "$up" "$(node_dir "$node")"
    printf 'export LAB_%s_ROLE=%q\n' "$up" "$(node_role "$node")"
  done
}

# json_string TEXT: TEXT as a JSON string (backslash, quote and control characters escaped).
json_string() {
  local text=$1 out='' char code i
  for ((i = 0; i < ${#text}; i++)); do
    char=${text:i:1}
    case $char in
      '"') out+='\"' ;;
      \\) out+=\\\\ ;;
      *)
        printf -v code '%d' "'$char"
        if [ "$code" -ge 0 ] && [ "$code" -lt 32 ]; then printf -v char '\\u%04x' "$code"; fi
        out+=$char
        ;;
    esac
  done
  printf '"%s"' "$out"
}

# One JSON object (documented in Lab/pg/README.md): the lab folder, the current primary, the service's
# pid file and every node in LAB_NODES order with its role now, address, folders and login.
cmd_env_json() {
  local node sep=''
  printf '{\n'
  printf '  "lab_dir": %s,\n' "$(json_string "$LAB_DIR")"
  printf '  "current_primary": %s,\n' "$(json_string "$TOPOLOGY_PRIMARY")"
  printf '  "service_pid_file": %s,\n' "$(json_string "$(service_pidfile)")"
  printf '  "nodes": ['
  for node in "${LAB_NODES[@]}"; do
    printf '%s\n    {"name": %s, "role": %s, "host": %s, "port": %s, "data_dir": %s, "pid_file": %s, "log": %s, ' \
      "$sep" "$(json_string "$node")" "$(json_string "$(node_role "$node")")" "$(json_string "$LAB_HOST")" \
      "$(node_port "$node")" "$(json_string "$(node_dir "$node")")" "$(json_string "$(node_pidfile "$node")")" \
      "$(json_string "$(node_log "$node")")"
    printf '"database": %s, "user": %s, "url": %s}' \
      "$(json_string "$LAB_APP_DB")" "$(json_string "$LAB_APP_USER")" "$(json_string "$(node_url "$node")")"
    sep=,
  done
  printf '\n  ]\n}\n'
}
