# shellcheck shell=bash
# Sourced by the lab's tests: picks three distinct free loopback ports for a throwaway lab and exports
# them as LAB_PRIMARY_PORT, LAB_REPLICA1_PORT and LAB_REPLICA2_PORT. The range 20000-32767 lies below
# Linux's ephemeral ports (32768-60999), so no outgoing connection can take a port between the pick and
# the start, and the default lab ports (25432-25434, and 25452-25454 of the read-your-writes experiment) are
# skipped so a running lab is never disturbed.
lab_pick_test_ports() {
  local ports=() port
  while [ "${#ports[@]}" -lt 3 ]; do
    port=$((20000 + RANDOM % 12768))
    case " ${ports[*]-} 25432 25433 25434 25452 25453 25454 " in *" $port "*) continue ;; esac
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    ports+=("$port")
  done
  export LAB_PRIMARY_PORT=${ports[0]} LAB_REPLICA1_PORT=${ports[1]} LAB_REPLICA2_PORT=${ports[2]}
}
