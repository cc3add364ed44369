#!/usr/bin/env bash
# fetch-memory.sh: peak memory and time of loading a `fetch` data source, through the real run path.
#
#   Benchmarks/fetch-memory.sh                  # 1 MB, 20 MB and 100 MB id arrays, plus 100,000 uuids
#   FETCH_SIZES_MB="1 20" Benchmarks/fetch-memory.sh
#   LOADRUNNER_BIN=path/to/LoadRunner Benchmarks/fetch-memory.sh
#
# For each size, a JSON array of quoted uuids (the shape of /user/get-ids) is written to a temporary
# folder and served by Python's http.server on 127.0.0.1. LoadRunner runs a tiny profile against it
# (one stage, 1 user, 1 s; the request uses the fetched ids) under /usr/bin/time, which gives the
# peak RSS and the elapsed time. The table in Benchmarks/results/fetch-memory-VALUES.md lists, per body:
# peak RSS, peak RSS / body, (peak RSS - baseline) / body, and the elapsed time minus the baseline's,
# which is about the time to fetch and parse the body; the baseline is the same run with a 3-element array.
#
# Environment:
#   LOADRUNNER_BIN   the LoadRunner executable (default .build/release/LoadRunner)
#   FETCH_SIZES_MB   body sizes in MB (default "1 20 100")
#   FETCH_VALUES     uuids (default: quoted uuids, 39 bytes each) or numbers (7-digit integers, 8 bytes each)
#   FETCH_MAX_BYTES  the sources' max_bytes (default 1GiB); empty leaves it out (for builds without it)
# Exit status: 0 every run loaded its data and finished; 1 a run failed (its stderr is printed);
# 2 a tool is missing.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${LOADRUNNER_BIN:-$ROOT/.build/release/LoadRunner}
read -r -a SIZES <<<"${FETCH_SIZES_MB:-1 20 100}"
MAX_BYTES=${FETCH_MAX_BYTES-1GiB}
VALUES=${FETCH_VALUES:-uuids}
[[ $VALUES == uuids || $VALUES == numbers ]] || { echo "fetch-memory.sh: FETCH_VALUES must be uuids or numbers" >&2; exit 2; }
RESULTS=$HERE/results
for tool in python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "fetch-memory.sh: needs $tool" >&2; exit 2; }
done
[[ -x $BIN ]] || { echo "fetch-memory.sh: no LoadRunner at $BIN; build it (make release) or set LOADRUNNER_BIN" >&2; exit 2; }

WORK=$(mktemp -d /tmp/lr-fetch-memory.XXXXXX)
SERVER_PID=
cleanup() {
    if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# The bodies: quoted uuids (39 bytes each with the comma) or 7-digit numbers (8 bytes), up to the size asked for.
python3 - "$WORK" "$VALUES" "${SIZES[@]}" <<'PY'
import sys, uuid, os, random
folder, kind, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
width = 39 if kind == "uuids" else 8
def value():
    return '"%s"' % uuid.uuid4() if kind == "uuids" else str(random.randrange(1_000_000, 10_000_000))
def write(name, count):
    with open(os.path.join(folder, name), "w") as f:
        f.write("[" + ",".join(value() for _ in range(count)) + "]")
write("ids-baseline.json", 3)
write("ids-100k.json", 100_000)
for mb in sizes:
    write("ids-%dmb.json" % mb, mb * 1_000_000 // width)
open(os.path.join(folder, "ok.json"), "w").write('{"ok":true}')
PY

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/ok.json', timeout=1)" 2>/dev/null && break
    sleep 0.1
done

# run NAME FILE: one bounded run; prints "peak_kb elapsed_s body_bytes".
run() {
    local name=$1 file=$2
    cat >"$WORK/$name.yaml" <<YAML
name: fetch memory $name
target: http://127.0.0.1:$PORT
timeout: 60s
data:
  ids: { fetch: /$file${MAX_BYTES:+, max_bytes: $MAX_BYTES} }
requests:
  - { name: get, path: "/ok.json?id={{ ids }}" }
stages:
  - { users: 1, duration: 1s }
YAML
    if ! timeout 300 /usr/bin/time -f "%M %e" -o "$WORK/$name.time" \
        "$BIN" run "$WORK/$name.yaml" --out "$WORK/out-$name" --quiet >"$WORK/$name.out" 2>"$WORK/$name.err"; then
        echo "fetch-memory.sh: the $name run failed:" >&2
        cat "$WORK/$name.err" >&2
        exit 1
    fi
    echo "$(cat "$WORK/$name.time") $(stat -c %s "$WORK/$file")"
}

mkdir -p "$RESULTS"
read -r BASE_KB BASE_S _ < <(run baseline ids-baseline.json)
{
    echo "# fetch source: peak memory and time ($VALUES)"
    echo
    echo "LoadRunner: \`$BIN\` ($("$BIN" --version 2>/dev/null || echo unknown)); $(date -u +%Y-%m-%dT%H:%MZ); baseline (3 ids): ${BASE_KB} KB peak RSS, ${BASE_S} s"
    echo
    echo "| body | values | peak RSS | peak / body | (peak - baseline) / body | load time (elapsed - baseline) |"
    echo "|---|---|---|---|---|---|"
    for case in 100k "${SIZES[@]}"; do
        if [[ $case == 100k ]]; then file=ids-100k.json; label="100,000 $VALUES"; else file=ids-${case}mb.json; label="${case} MB"; fi
        read -r KB ELAPSED BYTES < <(run "$case" "$file")
        python3 - "$label" "$KB" "$ELAPSED" "$BYTES" "$BASE_KB" "$BASE_S" "$VALUES" <<'PY'
import sys
label, kb, seconds, body, base, base_s = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
width = 39 if sys.argv[7] == "uuids" else 8
peak = kb * 1024
print("| %s (%.1f MB) | %d | %.1f MB | %.2fx | %.2fx | %.2f s |" % (
    label, body / 1e6, (body + width - 2) // width, peak / 1e6, peak / body, (peak - base * 1024) / body, seconds - base_s))
PY
    done
} | tee "$RESULTS/fetch-memory-$VALUES.md"
