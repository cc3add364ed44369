# shellcheck shell=bash
# shellcheck disable=SC2154  # work is set by the script that sources this file (a private temporary folder)
# The read-your-writes measurement that needs no load tool: write/read pairs through lab-service with curl.
# Sourced by Lab/consistency-experiment.sh.

# consistency_pairs BASE_URL N LABEL: N times, POST /template, then GET /template/{id} at once and again
# every 5 ms (plus curl's start, a few ms) until it answers 200, for at most 5 s. One line per pair:
#   POST_STATUS POST_MS FIRST_STATUS FIRST_NODE READS VISIBLE_MS
# POST_MS is curl's total time of the write; FIRST_* the first read's status and X-Served-By (a 404 from a
# standby is a stale read); READS how many reads it took; VISIBLE_MS the time from the write's answer to the
# read that saw the row (-1: not visible within 5 s; a failed write gives "- - 0 -1").
consistency_pairs() {
  local base=$1 count=$2 label=$3 i post_status post_s id t0 status node first_status first_node reads visible_ms
  for ((i = 1; i <= count; i++)); do
    read -r post_status post_s < <(curl -sS -o "$work/pair-post" -w '%{http_code} %{time_total}\n' --max-time 15 \
      -H 'content-type: application/json' --data-binary "{\"name\": \"$label $i\"}" "$base/template" || echo "000 0")
    t0=$EPOCHREALTIME
    id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$work/pair-post")
    first_status=- first_node=- reads=0 visible_ms=-1
    if [ "$post_status" = 201 ] && [ -n "$id" ]; then
      while :; do
        read -r status node < <(curl -sS -o /dev/null -w '%{http_code} %header{x-served-by}\n' --max-time 5 "$base/template/$id" || echo "000 -")
        reads=$((reads + 1))
        [ "$reads" -gt 1 ] || { first_status=$status first_node=${node:--}; }
        if [ "$status" = 200 ]; then
          visible_ms=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
          break
        fi
        awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { exit !(b - a < 5) }' || break
        sleep 0.005
      done
    fi
    printf '%s %s %s %s %s %s\n' "$post_status" "$(awk -v s="$post_s" 'BEGIN { printf "%.2f", s * 1000 }')" \
      "$first_status" "$first_node" "$reads" "$visible_ms"
  done
}
