#!/usr/bin/env bash
# run.sh: measures LoadRunner against its peers, side by side, in one run.
#
#   Benchmarks/run.sh                      # both parts, about 14 minutes in all
#   BENCH_PARTS=closed Benchmarks/run.sh   # the closed-model part only, 15 s per throughput run, about 11 minutes
#   BENCH_PARTS=open Benchmarks/run.sh     # the open-model part only, about 3 minutes
#   BENCH_PARTS=scenarios Benchmarks/run.sh  # plain vs kept body vs flow, about 2 minutes
#   BENCH_SECONDS=8 Benchmarks/run.sh      # shorter runs
#   LOADRUNNER_BIN=path/to/LoadRunner Benchmarks/run.sh
#
# Every generator runs pinned to core 0 (taskset -c 0) against nginx (one worker) pinned to
# core 1, keep-alive GET /json (a 50-byte body), no think time, one after the other:
#   for 100, 1000 and 10000 users, THROUGHPUT_ROUNDS interleaved rounds of: the C baseline
#   (curl-multi.c), LoadRunner, Locust FastHttpUser (100 only), wrk, each round in a rotated order
#   (runs named TOOL-USERS-ROUND; the goals take each tool's median round); then LoadRunner once
#   more at 100 and 10000 users under `perf record -g`
#   (profile-lr-USERS.txt: where its time goes; skipped with a note without a working perf); then
#   the latency check: wrk and LoadRunner, 50 users, against delay_server.py (every reply 20 ms late).
# The open part (LoadRunner only): open stages at 1,000/s and 10,000/s against nginx (rate
# accuracy, lag), 20 closed users pacing 20 ms (CPU per request beside the open 1,000/s), and
# 200/s open beside 10 closed users against delay_server.py pausing 1 s of every 4 s
# (coordinated omission).
# The scenarios part (LoadRunner only, not in the default): 100 users against nginx in three
# profiles, in interleaved rounds: the plain mix, the same request beside one that keeps its body
# for assertions, and a 3-step flow with one JSON capture per iteration (CPU per request).
# Raw outputs go to Benchmarks/results/ (one NAME.out/.log/.time/.server/.rc per run);
# summarize.py turns them into Benchmarks/results/summary.md and prints it.
#
# Environment:
#   BENCH_PARTS     which parts to run: any of `closed`, `open`, `scenarios` (default "closed open")
#   BENCH_SECONDS   measured seconds per throughput run (default 15)
#   THROUGHPUT_ROUNDS  rounds of the closed part's throughput runs (default 3)
#   DELAY_SECONDS   measured seconds per latency-check run (default 10)
#   OPEN_SECONDS    measured seconds per open-part run against nginx (default 30; the
#                   coordinated-omission runs measure 20 s, five whole pause cycles)
#   SCENARIO_SECONDS  measured seconds per scenarios-part run (default 10)
#   SCENARIO_ROUNDS   rounds of the scenarios part's three runs (default 3)
#   LOADRUNNER_BIN  the LoadRunner executable (default .build/release/LoadRunner); `none`, or
#                   no binary at all, skips its rows and goals
#   BENCH_PROFILE   0 skips the perf-profiled runs of LoadRunner (default 1)
#   BENCH_QUIET_WAIT  before each run, wait up to this many seconds for both cores to be under
#                   10% busy (default 0: don't wait); for shared machines, see README.md
# Exit status: 0 every goal that could be judged passed; 1 a goal failed (or was not judged:
# a saturated generator, failed or too noisy scenario runs); 2 a tool produced no result or the
# harness could not run (message on stderr).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
RESULTS=$HERE/results
BENCH_PARTS=${BENCH_PARTS:-closed open}
BENCH_SECONDS=${BENCH_SECONDS:-15}
DELAY_SECONDS=${DELAY_SECONDS:-10}
OPEN_SECONDS=${OPEN_SECONDS:-30}
SCENARIO_SECONDS=${SCENARIO_SECONDS:-10}
SCENARIO_ROUNDS=${SCENARIO_ROUNDS:-3}
THROUGHPUT_ROUNDS=${THROUGHPUT_ROUNDS:-3}
BENCH_QUIET_WAIT=${BENCH_QUIET_WAIT:-0}
BENCH_PROFILE=${BENCH_PROFILE:-1}
THROUGHPUT_USERS="100 1000 10000"
PROFILED_USERS="100 10000"  # LoadRunner's runs under perf record (closed part)
PERF_FREQUENCY=999    # samples per second: enough for a 1% share, light enough not to change the run much
QUIET_BUSY_PERCENT=10
WARMUP_SECONDS=2      # dropped from the statistics by the C program and LoadRunner
DELAY_USERS=50        # 50 users x 50 requests/s keeps the Python delay server well below one core
CO_SECONDS=20         # coordinated omission: measured seconds, whole pause cycles (README.md)
CO_DELAY_MS=5         # the pausing server's delay outside pauses
CO_PAUSE_EVERY=4      # seconds per pause cycle
CO_PAUSE_FOR=1        # seconds of pause at the end of each cycle
GENERATOR_CPU=0
SERVER_CPU=1
TIME_FORMAT='%M %P %e %U %S'  # max RSS KB, CPU %, wall s, user s, sys s (read by summarize.py)

die() {
    echo "run.sh: $*" >&2
    exit 2
}

# --- Processes this script starts; cleanup() stops exactly these, whatever happens. ---------
TOOL_PID=""        # the `timeout` wrapping the generator now running
NGINX_PID=""
NGINX_WORKER=""
DELAY_PID=""
PAUSE_PID=""       # the pausing delay_server.py of the open part

# Sends TERM, waits up to 5 s, then KILL: a stuck process cannot hold the script forever.
# shellcheck disable=SC2317  # called from the EXIT trap
stop_process() {
    local pid=$1
    if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317  # the EXIT trap
cleanup() {
    stop_process "$TOOL_PID"
    stop_process "$DELAY_PID"
    stop_process "$PAUSE_PID"
    stop_process "$NGINX_PID"
    stop_process "$NGINX_WORKER"  # only still there if its master had to be killed
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Checks before anything starts. -----------------------------------------------------------
RUN_CLOSED=0
RUN_OPEN=0
RUN_SCENARIOS=0
for part in $BENCH_PARTS; do
    case $part in
        closed) RUN_CLOSED=1 ;;
        open) RUN_OPEN=1 ;;
        scenarios) RUN_SCENARIOS=1 ;;
        *) die "BENCH_PARTS: unknown part '$part'; write closed, open, scenarios or several, e.g. \"closed open\"" ;;
    esac
done
((RUN_CLOSED || RUN_OPEN || RUN_SCENARIOS)) \
    || die "BENCH_PARTS is empty; write closed, open, scenarios or several, e.g. \"closed open\""
[[ "$BENCH_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a whole number of seconds, got '$BENCH_SECONDS'"
[[ "$DELAY_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "DELAY_SECONDS must be a whole number of seconds, got '$DELAY_SECONDS'"
[[ "$OPEN_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "OPEN_SECONDS must be a whole number of seconds, got '$OPEN_SECONDS'"
[[ "$SCENARIO_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "SCENARIO_SECONDS must be a whole number of seconds, got '$SCENARIO_SECONDS'"
[[ "$SCENARIO_ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "SCENARIO_ROUNDS must be a whole number (1 or more), got '$SCENARIO_ROUNDS'"
[[ "$THROUGHPUT_ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "THROUGHPUT_ROUNDS must be a whole number (1 or more), got '$THROUGHPUT_ROUNDS'"
[[ "$BENCH_QUIET_WAIT" =~ ^[0-9]+$ ]] || die "BENCH_QUIET_WAIT must be a whole number of seconds, got '$BENCH_QUIET_WAIT'"
[[ "$BENCH_PROFILE" =~ ^[01]$ ]] || die "BENCH_PROFILE must be 0 (no perf profiles) or 1, got '$BENCH_PROFILE'"
(( $(nproc) >= 2 )) || die "needs 2 cores (generator on core $GENERATOR_CPU, server on core $SERVER_CPU); this machine has $(nproc)"
tools="nginx taskset timeout curl python3"
if ((RUN_CLOSED)); then tools+=" wrk cc"; fi
for tool in $tools; do
    command -v "$tool" >/dev/null || die "$tool not found; install it (apt-get install nginx-light wrk util-linux coreutils gcc curl python3)"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found; install it: apt-get install -y time"
HAVE_LOCUST=0
if ((RUN_CLOSED)); then
    if python3 -c "import locust" 2>/dev/null && command -v locust >/dev/null; then
        HAVE_LOCUST=1
    else
        echo "run.sh: locust not installed (pip install locust): its row is skipped" >&2
    fi
fi
if [[ "${LOADRUNNER_BIN:-}" == none ]]; then
    LOADRUNNER_BIN=""
    echo "run.sh: LOADRUNNER_BIN=none: LoadRunner's rows are skipped" >&2
elif [[ -n "${LOADRUNNER_BIN:-}" ]]; then
    [[ -x "$LOADRUNNER_BIN" ]] || die "LOADRUNNER_BIN=$LOADRUNNER_BIN is not an executable file"
elif [[ -x "$ROOT/.build/release/LoadRunner" ]]; then
    LOADRUNNER_BIN=$ROOT/.build/release/LoadRunner
else
    LOADRUNNER_BIN=""
    echo "run.sh: no LoadRunner binary (set LOADRUNNER_BIN or run make release): its rows are skipped" >&2
fi
# 10,000 connections on each side (each process has its own limit), plus files: raise the soft limit if it is low.
(( $(ulimit -n) >= 12288 )) || ulimit -n 12288 2>/dev/null \
    || die "cannot raise the open-file limit to 12288 for the 10,000-user runs (ulimit -n is $(ulimit -n), hard limit $(ulimit -Hn)); raise the hard limit (ulimit -Hn, /etc/security/limits.conf)"
# The perf-profiled runs: perf must be able to record here (installed, allowed by perf_event_paranoid).
PROFILE_NOTE=""
if ((!RUN_CLOSED)) || [[ -z "$LOADRUNNER_BIN" ]]; then
    BENCH_PROFILE=0
elif ((BENCH_PROFILE == 0)); then
    PROFILE_NOTE="not taken (BENCH_PROFILE=0)"
elif ! command -v perf >/dev/null; then
    BENCH_PROFILE=0
    PROFILE_NOTE="not taken: perf is not installed (apt-get install -y linux-perf)"
elif ! perf record -q -o /dev/null -- true >/dev/null 2>&1; then
    BENCH_PROFILE=0
    PROFILE_NOTE="not taken: perf cannot record here (try as root, or lower /proc/sys/kernel/perf_event_paranoid)"
fi
if [[ -n "$PROFILE_NOTE" ]]; then echo "run.sh: profiles $PROFILE_NOTE" >&2; fi

# --- Fresh results: remove only what a previous run wrote. ------------------------------------
mkdir -p "$RESULTS"
rm -rf "${RESULTS:?}"/{c,lr,locust,wrk,open,closed,co,scenario,profile}-* "${RESULTS:?}"/delay-* "${RESULTS:?}"/{nginx,profiles,bin} \
    "${RESULTS:?}"/{summary.md,meta.txt,delay.port,pause.port,pause-server.log}
mkdir -p "$RESULTS/bin" "$RESULTS/profiles" "$RESULTS/nginx/tmp"

if ((RUN_CLOSED)); then
    cc -O2 -Wall -o "$RESULTS/bin/curl-multi" "$HERE/curl-multi.c" -lcurl \
        || die "cannot build curl-multi.c; install libcurl4-openssl-dev"
fi

# The profiles with this run's durations: measured seconds + warm-up.
for profile in bench-100 bench-1000 bench-10000 delay-50 open-1000 open-10000 closed-pacing-1000 co-open-200 co-closed-10 \
    scenario-plain scenario-kept scenario-flow; do
    case $profile in
        delay-*) seconds=$DELAY_SECONDS ;;
        scenario-*) seconds=$SCENARIO_SECONDS ;;
        open-* | closed-*) seconds=$OPEN_SECONDS ;;
        co-*) seconds=$CO_SECONDS ;;
        *) seconds=$BENCH_SECONDS ;;
    esac
    sed -E "s/duration: [0-9]+s/duration: $((seconds + WARMUP_SECONDS))s/; s/warmup: [0-9]+s/warmup: ${WARMUP_SECONDS}s/" \
        "$HERE/profiles/$profile.yaml" >"$RESULTS/profiles/$profile.yaml"
done

# --- Helpers. ----------------------------------------------------------------------------------
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_delay_server VAR PORT_FILE LOG ARGS...: starts delay_server.py on the server core with
# ARGS, stores its PID in the variable VAR (so cleanup() stops it) and waits until it answers.
start_delay_server() {
    local var=$1 port_file=$2 log=$3
    shift 3
    taskset -c "$SERVER_CPU" python3 "$HERE/delay_server.py" --port-file "$port_file" "$@" >"$log" 2>&1 &
    printf -v "$var" '%s' "$!"
    for _ in $(seq 50); do [[ -s "$port_file" ]] && break; sleep 0.1; done
    [[ -s "$port_file" ]] || die "delay_server.py did not start; see $log"
    wait_for_http "http://127.0.0.1:$(cat "$port_file")/json" || die "delay_server.py does not answer; see $log"
}

# Polls URL for up to 5 s; fails if it never answers.
wait_for_http() {
    for _ in $(seq 50); do
        curl -s -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.1
    done
    return 1
}

# User + system CPU ticks of a process so far (fields 14 and 15 of /proc/PID/stat; the
# command name in parentheses may hold spaces, so fields are counted after its `) `).
cpu_ticks() {
    [[ -r "/proc/$1/stat" ]] || die "server process $1 has gone; see $RESULTS/nginx/error.log or $RESULTS/delay-server.log"
    sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# "Not busy" and total jiffies of the generator core and the server core, on one line: the
# machine is shared, so summarize.py sets these against the tools' own CPU time to show how
# much of each core other processes took. Fields: user nice system idle iowait irq softirq
# steal. irq and softirq count as not busy: on loopback they are mostly the benchmark's own
# packets, and only partly charged to the processes that caused them.
core_jiffies() {
    awk -v g="cpu$GENERATOR_CPU" -v s="cpu$SERVER_CPU" '
        $1 == g || $1 == s {
            total = 0; for (i = 2; i <= 9; i++) total += $i
            t[$1] = ($5 + $6 + $7 + $8) " " total }
        END { print t[g], t[s] }' /proc/stat
}

# Waits (at most BENCH_QUIET_WAIT seconds) until both cores were under QUIET_BUSY_PERCENT busy
# for a whole second, so that a neighbour's burst of work does not land in the next run.
# Gives up with a note, not an error: summarize.py still flags a noisy run.
wait_for_quiet_cores() {
    local waited=0 before busy
    while ((waited < BENCH_QUIET_WAIT)); do
        before=$(core_jiffies)
        sleep 1
        waited=$((waited + 1))
        busy=$(echo "$before $(core_jiffies)" | awk '{
            b0 = 100 - ($5 - $1) / ($6 - $2 + 1e-9) * 100; b1 = 100 - ($7 - $3) / ($8 - $4 + 1e-9) * 100
            printf "%.0f", (b0 > b1 ? b0 : b1) }')
        ((busy < QUIET_BUSY_PERCENT)) && return 0
    done
    if ((BENCH_QUIET_WAIT > 0)); then
        echo "run.sh: cores still ${busy}% busy after ${BENCH_QUIET_WAIT} s; running anyway" >&2
    fi
}

# run_tool NAME SERVER_PID LIMIT_SECONDS COMMAND...: runs COMMAND on the generator core under
# /usr/bin/time, killed after LIMIT_SECONDS; keeps its stdout (NAME.out), stderr (NAME.log),
# resources (NAME.time), the server's CPU ticks (NAME.server), the cores' not-busy and total
# jiffies before and after (NAME.cores) and the exit status (NAME.rc).
# A failing tool is recorded, not fatal: summarize.py reports it.
run_tool() {
    local name=$1 server_pid=$2 limit=$3 rc=0
    shift 3
    wait_for_quiet_cores
    echo "run.sh: $name ($(date +%T)): $*" >&2
    local ticks_before cores_before started=$EPOCHREALTIME
    ticks_before=$(cpu_ticks "$server_pid")
    cores_before=$(core_jiffies)
    # In the background and `wait`ed for, so INT/TERM reach the traps at once.
    timeout --kill-after=5 "$limit" taskset -c "$GENERATOR_CPU" \
        /usr/bin/time -f "$TIME_FORMAT" -o "$RESULTS/$name.time" "$@" \
        >"$RESULTS/$name.out" 2>"$RESULTS/$name.log" &
    TOOL_PID=$!
    wait "$TOOL_PID" || rc=$?
    TOOL_PID=""
    local wall_seconds
    wall_seconds=$(awk -v start="$started" -v end="$EPOCHREALTIME" 'BEGIN { print end - start }')
    echo "$ticks_before $(cpu_ticks "$server_pid") $(getconf CLK_TCK) $wall_seconds" >"$RESULTS/$name.server"
    echo "$cores_before $(core_jiffies)" >"$RESULTS/$name.cores"
    echo "$rc" >"$RESULTS/$name.rc"
    if [[ $rc -ne 0 ]]; then
        echo "run.sh: $name exited with status $rc; see $RESULTS/$name.log" >&2
    fi
}

# throughput_run TOOL USERS ROUND LIMIT: one measured throughput run, named TOOL-USERS-ROUND.
throughput_run() {
    local tool=$1 users=$2 round=$3 limit=$4 name="$1-$2-$3"
    case $tool in
        c) run_tool "$name" "$NGINX_WORKER" "$limit" \
            "$RESULTS/bin/curl-multi" "$TARGET/json" "$users" "$BENCH_SECONDS" "$WARMUP_SECONDS" ;;
        lr) run_tool "$name" "$NGINX_WORKER" "$limit" \
            "$LOADRUNNER_BIN" run "$RESULTS/profiles/bench-$users.yaml" --target "$TARGET" \
            --out "$RESULTS/$name" --quiet ;;
        # Stats reset once all users run.
        locust) run_tool "$name" "$NGINX_WORKER" "$limit" \
            locust -f "$HERE/locustfile.py" --headless -u "$users" -r "$users" -t "${BENCH_SECONDS}s" \
            --host "$TARGET" --csv "$RESULTS/$name" --only-summary --reset-stats ;;
        wrk) run_tool "$name" "$NGINX_WORKER" "$limit" \
            wrk -t1 -c"$users" -d"${BENCH_SECONDS}s" --latency "$TARGET/json" ;;
    esac
}

# profile_run USERS LIMIT: LoadRunner with bench-USERS.yaml on the generator core under `perf record -g`
# (perf itself on that core too, so nginx keeps core 1), then a text summary of the samples in
# profile-lr-USERS.txt: the share of each library (dso), then the functions above 1% of the samples with
# their callers, Swift names demangled when `swift demangle` is there. perf.data is removed (it is large).
# A failed recording or report is noted in the file, never fatal.
profile_run() {
    local users=$1 limit=$2 data="$RESULTS/profile-lr-$1.data" text="$RESULTS/profile-lr-$1.txt"
    run_tool "profile-lr-$users" "$NGINX_WORKER" "$limit" \
        perf record -q -g -F "$PERF_FREQUENCY" -o "$data" -- \
        "$LOADRUNNER_BIN" run "$RESULTS/profiles/bench-$users.yaml" --target "$TARGET" \
        --out "$RESULTS/profile-lr-$users" --quiet
    local demangle=(cat)
    if command -v swift >/dev/null; then demangle=(swift demangle --simplified); fi
    {
        echo "# LoadRunner, $users users, no think time, against nginx: perf record -g -F $PERF_FREQUENCY (cpu-clock)"
        echo "# $(perf --version 2>&1); run $(date -u +%Y-%m-%dT%H:%M:%SZ); see Benchmarks/README.md (Profiles)"
        echo
        echo "## Share of samples by library (perf report --sort dso)"
        timeout 120 perf report -i "$data" --stdio --no-children --sort dso -g none --percent-limit 0.5 2>&1 | grep -v '^$'
        echo
        echo "## Functions with at least 1% of the samples, with their callers (perf report --no-children)"
        timeout 300 perf report -i "$data" --stdio --no-children --percent-limit 1 2>&1 | head -n 400 | "${demangle[@]}"
    } >"$text" 2>&1 || echo "run.sh: the profile of $users users is incomplete; see $text" >&2
    rm -f "$data" "$data.old"
}

# --- nginx on core 1. ---------------------------------------------------------------------------
NGINX_PORT=$(free_port)
TARGET=http://127.0.0.1:$NGINX_PORT
sed -e "s|@PORT@|$NGINX_PORT|g; s|@PREFIX@|$RESULTS/nginx|g" "$HERE/nginx.conf" >"$RESULTS/nginx/nginx.conf"
nginx -t -q -e "$RESULTS/nginx/error.log" -p "$RESULTS/nginx/" -c nginx.conf \
    || die "nginx rejects $RESULTS/nginx/nginx.conf (see above)"
taskset -c "$SERVER_CPU" nginx -e "$RESULTS/nginx/error.log" -p "$RESULTS/nginx/" -c nginx.conf &
NGINX_PID=$!
wait_for_http "$TARGET/json" || die "nginx does not answer on $TARGET/json; see $RESULTS/nginx/error.log"
NGINX_WORKER=$(pgrep -P "$NGINX_PID" | head -n 1)
[[ -n "$NGINX_WORKER" ]] || die "nginx started no worker; see $RESULTS/nginx/error.log"

# --- What the summary says about this run. ----------------------------------------------------
{
    echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine=$(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), Linux $(uname -r)"
    versions="$(nginx -v 2>&1 | sed 's/.*: //')"
    # `wrk -v` prints its version and exits 1: under pipefail that must not end the script.
    if ((RUN_CLOSED)); then versions+=", $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2 || true)"; fi
    versions+=", libcurl $(curl-config --version 2>/dev/null | cut -d' ' -f2 || echo '?')"
    if ((HAVE_LOCUST)); then
        versions+=", $(locust --version 2>/dev/null | cut -d' ' -f1-2), $(python3 --version)"
    fi
    if [[ -n "$LOADRUNNER_BIN" ]]; then
        versions+=", LoadRunner $(timeout 10 "$LOADRUNNER_BIN" --version 2>/dev/null | head -n 1 || echo '?')"
    fi
    echo "versions=$versions"
    echo "parts=$BENCH_PARTS"
    echo "bench_seconds=$BENCH_SECONDS"
    echo "warmup_seconds=$WARMUP_SECONDS"
    echo "delay_seconds=$DELAY_SECONDS"
    echo "delay_users=$DELAY_USERS"
    echo "open_seconds=$OPEN_SECONDS"
    echo "co_seconds=$CO_SECONDS"
    echo "co_delay_ms=$CO_DELAY_MS"
    echo "co_pause_every=$CO_PAUSE_EVERY"
    echo "co_pause_for=$CO_PAUSE_FOR"
    echo "scenario_seconds=$SCENARIO_SECONDS"
    echo "scenario_rounds=$SCENARIO_ROUNDS"
    echo "throughput_rounds=$THROUGHPUT_ROUNDS"
    echo "profile_note=$PROFILE_NOTE"
    command="Benchmarks/run.sh"
    if [[ "$BENCH_SECONDS" != 15 ]]; then command="BENCH_SECONDS=$BENCH_SECONDS $command"; fi
    if [[ "$DELAY_SECONDS" != 10 ]]; then command="DELAY_SECONDS=$DELAY_SECONDS $command"; fi
    if [[ "$OPEN_SECONDS" != 30 ]]; then command="OPEN_SECONDS=$OPEN_SECONDS $command"; fi
    if [[ "$SCENARIO_SECONDS" != 10 ]]; then command="SCENARIO_SECONDS=$SCENARIO_SECONDS $command"; fi
    if [[ "$SCENARIO_ROUNDS" != 3 ]]; then command="SCENARIO_ROUNDS=$SCENARIO_ROUNDS $command"; fi
    if [[ "$THROUGHPUT_ROUNDS" != 3 ]]; then command="THROUGHPUT_ROUNDS=$THROUGHPUT_ROUNDS $command"; fi
    if [[ "$BENCH_PARTS" != "closed open" ]]; then command="BENCH_PARTS=\"$BENCH_PARTS\" $command"; fi
    echo "command=$command"
} >"$RESULTS/meta.txt"

# ===== The closed part (BENCH_PARTS has `closed`). =============================================
if ((RUN_CLOSED)); then
    # --- Throughput: each generator in turn, same server, same core, in interleaved rounds. ---------
    # Each round runs the tools in a rotated order (C, LoadRunner, Locust, wrk; then LoadRunner,
    # Locust, wrk, C; ...), so that no tool always runs first or last: a neighbour's burst or a drift
    # of the machine lands on every tool alike, and the goals take each tool's median round.
    limit=$((BENCH_SECONDS + WARMUP_SECONDS + 60))  # a hung tool is killed after this
    for users in $THROUGHPUT_USERS; do
        tools=(c)
        if [[ -n "$LOADRUNNER_BIN" ]]; then tools+=(lr); fi
        # Locust at 100 users only (the goal compares there).
        if ((HAVE_LOCUST)) && [[ $users == 100 ]]; then tools+=(locust); fi
        tools+=(wrk)
        for ((round = 1; round <= THROUGHPUT_ROUNDS; round++)); do
            for ((i = 0; i < ${#tools[@]}; i++)); do
                throughput_run "${tools[$(((i + round - 1) % ${#tools[@]}))]}" "$users" "$round" "$limit"
            done
        done
    done

    # --- Where LoadRunner's time goes: the same runs again under perf (not measured, the profile is kept). --
    if ((BENCH_PROFILE)); then
        for users in $PROFILED_USERS; do
            profile_run "$users" "$limit"
        done
    fi

    # --- Latency: a server with a fixed 20 ms delay, on core 1 (nginx is idle by now). -------------
    start_delay_server DELAY_PID "$RESULTS/delay.port" "$RESULTS/delay-server.log" --delay-ms 20
    DELAY_TARGET=http://127.0.0.1:$(cat "$RESULTS/delay.port")

    limit=$((DELAY_SECONDS + WARMUP_SECONDS + 60))
    run_tool delay-wrk "$DELAY_PID" "$limit" \
        wrk -t1 -c"$DELAY_USERS" -d"${DELAY_SECONDS}s" --latency "$DELAY_TARGET/json"
    if [[ -n "$LOADRUNNER_BIN" ]]; then
        run_tool delay-lr "$DELAY_PID" "$limit" \
            "$LOADRUNNER_BIN" run "$RESULTS/profiles/delay-$DELAY_USERS.yaml" --target "$DELAY_TARGET" \
            --out "$RESULTS/delay-lr" --quiet
    fi
    stop_process "$DELAY_PID"
    DELAY_PID=""
fi

# ===== The open part (BENCH_PARTS has `open`; LoadRunner only). ================================
# open_run NAME SERVER_PID TARGET LIMIT: LoadRunner with results/profiles/NAME.yaml against
# TARGET (its default curl loops: one per 250 users, so one here; result.json records them).
open_run() {
    run_tool "$1" "$2" "$4" \
        "$LOADRUNNER_BIN" run "$RESULTS/profiles/$1.yaml" --target "$3" --out "$RESULTS/$1" --quiet
}
if ((RUN_OPEN)) && [[ -n "$LOADRUNNER_BIN" ]]; then
    # Rate accuracy at 1,000/s and 10,000/s; the closed pacing run sits next to the open 1,000/s
    # one for the CPU comparison, so both see the machine in the same state.
    limit=$((OPEN_SECONDS + WARMUP_SECONDS + 60))
    open_run open-1000 "$NGINX_WORKER" "$TARGET" "$limit"
    open_run closed-pacing-1000 "$NGINX_WORKER" "$TARGET" "$limit"
    open_run open-10000 "$NGINX_WORKER" "$TARGET" "$limit"

    # Coordinated omission: the same pausing server for the open and the closed run.
    start_delay_server PAUSE_PID "$RESULTS/pause.port" "$RESULTS/pause-server.log" \
        --delay-ms "$CO_DELAY_MS" --pause-every "$CO_PAUSE_EVERY" --pause-for "$CO_PAUSE_FOR"
    PAUSE_TARGET=http://127.0.0.1:$(cat "$RESULTS/pause.port")
    limit=$((CO_SECONDS + WARMUP_SECONDS + 60))
    open_run co-open-200 "$PAUSE_PID" "$PAUSE_TARGET" "$limit"
    open_run co-closed-10 "$PAUSE_PID" "$PAUSE_TARGET" "$limit"
elif ((RUN_OPEN)); then
    echo "run.sh: no LoadRunner binary: the open part has nothing to run; its goals are skipped" >&2
fi

# ===== The scenarios part (BENCH_PARTS has `scenarios`; LoadRunner only). =====================
# Rounds of the three cases against nginx, each round in a rotated order (plain, kept, flow;
# then kept, flow, plain; ...) so that no case always runs first or last in a round: a neighbour's
# burst or a drift of the machine lands on every case alike. Runs are named scenario-CASE-ROUND.
if ((RUN_SCENARIOS)) && [[ -n "$LOADRUNNER_BIN" ]]; then
    limit=$((SCENARIO_SECONDS + WARMUP_SECONDS + 60))
    cases=(plain kept flow)
    for ((round = 1; round <= SCENARIO_ROUNDS; round++)); do
        for ((i = 0; i < ${#cases[@]}; i++)); do
            case=${cases[$(((i + round - 1) % ${#cases[@]}))]}
            run_tool "scenario-$case-$round" "$NGINX_WORKER" "$limit" \
                "$LOADRUNNER_BIN" run "$RESULTS/profiles/scenario-$case.yaml" --target "$TARGET" \
                --out "$RESULTS/scenario-$case-$round" --quiet
        done
    done
elif ((RUN_SCENARIOS)); then
    echo "run.sh: no LoadRunner binary: the scenarios part has nothing to run; its goals are skipped" >&2
fi

# --- The table. ----------------------------------------------------------------------------------
status=0
python3 "$HERE/summarize.py" "$RESULTS" "$RESULTS/summary.md" || status=$?
echo "run.sh: raw outputs and summary.md in $RESULTS" >&2
exit "$status"
