#!/usr/bin/env python3
"""Turns the raw outputs of Benchmarks/run.sh into the Markdown summary and judges the goals.

    python3 summarize.py RESULTS_DIR SUMMARY_MD

RESULTS_DIR holds one group of files per measured run, all named after the run (e.g. `c-100`):
    NAME.out      the tool's stdout (C program: one JSON line; wrk: its report)
    NAME.time     `/usr/bin/time -f '%M %P %e %U %S'`: max RSS KB, CPU %, wall s, user s, sys s
    NAME.server   server CPU ticks before and after the run, CLK_TCK, wall seconds
    NAME.cores    not-busy (idle, iowait, irq, softirq) and total jiffies of core 0 and core 1,
                  before then after the run
    NAME.rc       the tool's exit status
plus tool-specific files (`locust-100-1_stats.csv`, `lr-100-1/stages.csv`) and `meta.txt`
(`key=value` lines about the machine and the run; `parts` says which of run.sh's parts ran).
Run names: c-USERS-ROUND, lr-USERS-ROUND, locust-USERS-ROUND, wrk-USERS-ROUND for throughput (rounds
1, 2, ...: each tool and user count stands for its median round by requests/s, max RSS for the median
of its rounds); delay-wrk and delay-lr for the 20 ms latency check; the open part's runs (LoadRunner's
`NAME/result.json`) are open_model.py's, the scenarios part's (`scenario-CASE-ROUND/result.json`) scenarios.py's.

Prints the summary and writes it to SUMMARY_MD. Exit status: 0 when every goal that could be
judged passed (goals needing LoadRunner are SKIP without it), 1 when a goal failed or was not
judged (a saturated generator, failed or too noisy scenario runs), 2 when a tool that ran produced no result.
"""
import csv
import json
import os
import re
import sys

import open_model
import scenarios

# The goals from the issues; the numbers are the contract, kept in one place.
MIN_RATIO_TO_C_AT_100 = 1.0  # issue 14
MIN_RATIO_TO_C = 0.8  # at 1000 users
MIN_RATIO_TO_LOCUST = 4.0
# Issue 14: LoadRunner's requests/s at more users over its own at 100 ("flat"), one core.
MIN_FLAT_RATIO = {1000: 0.9, 10000: 0.8}
MAX_RSS_MB = {1000: 48.0, 10000: 128.0}  # issue 14
MAX_P50_DIFFERENCE = 0.05
THROUGHPUT_USERS = (100, 1000, 10000)
PROFILED_USERS = (100, 10000)  # run.sh's profile-lr-USERS.txt
SERVER_CPU_WARNING = 85.0  # percent of core 1
OTHERS_WARNING = 10.0  # percent of a core taken by processes other than the measured ones
TOOL_TITLES = {
    "c": "C, libcurl multi (Benchmarks/curl-multi.c)",
    "lr": "LoadRunner",
    "locust": "Locust FastHttpUser",
    "wrk": "wrk -t1",
}


class Run:
    """What one tool measured in one run; `rps is None` when the tool produced no number."""

    def __init__(self, name):
        self.name = name
        self.rps = None
        self.failures = None
        self.p50_ms = None
        self.rss_mb = None
        self.cpu_percent = None
        self.cpu_seconds = None
        self.wall_seconds = None
        self.server_cpu_percent = None
        self.generator_core_busy_percent = None  # all processes on core 0, from /proc/stat
        self.server_core_busy_percent = None
        self.rc = None
        self.error = None
        self.rounds = [self]  # a throughput run: every round of its tool and user count (median_round)

    @property
    def cpu_micros_per_request(self):
        """Generator CPU time per request, from the CPU share over the whole process lifetime."""
        if not (self.rps and self.cpu_seconds and self.wall_seconds):
            return None
        return self.cpu_seconds / self.wall_seconds / self.rps * 1e6


def read_text(path):
    with open(path) as f:
        return f.read()


def aggregated_row(path, name_column):
    """The last row of a CSV whose `name_column` is `Aggregated` (Locust's and LoadRunner's total)."""
    with open(path, newline="") as f:
        rows = [row for row in csv.DictReader(f) if row.get(name_column) == "Aggregated"]
    if not rows:
        raise ValueError(f"{path}: no row with {name_column} = Aggregated")
    return rows[-1]


def wrk_duration_ms(text):
    """Converts wrk's formatted latency (`352.00us`, `20.99ms`, `1.02s`, `1.50m`) to milliseconds."""
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"unrecognised wrk latency {text!r}")
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}
    return float(match.group(1)) * scale[match.group(2)]


def parse_c(raw, run):
    result = json.loads(read_text(os.path.join(raw, run.name + ".out")).strip().splitlines()[-1])
    run.rps, run.failures = result["rps"], result["failures"]


def parse_wrk(raw, run):
    text = read_text(os.path.join(raw, run.name + ".out"))
    run.rps = float(re.search(r"^Requests/sec:\s+([0-9.]+)", text, re.M).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    run.p50_ms = wrk_duration_ms(p50.group(1)) if p50 else None
    # wrk counts socket errors and non-2xx/3xx responses separately; both are failures here.
    socket_errors = re.search(r"^\s*Socket errors:(.*)$", text, re.M)
    failures = sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1))) if socket_errors else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    run.failures = failures + (int(non_2xx.group(1)) if non_2xx else 0)


def parse_locust(raw, run):
    row = aggregated_row(os.path.join(raw, run.name + "_stats.csv"), "Name")
    run.rps, run.failures = float(row["Requests/s"]), int(row["Failure Count"])
    run.p50_ms = float(row["50%"]) if row["50%"] not in ("", "N/A") else None


def parse_loadrunner(raw, run):
    row = aggregated_row(os.path.join(raw, run.name, "stages.csv"), "name")
    run.rps, run.failures = float(row["rps"]), int(row["failures"])
    run.p50_ms = float(row["p50_ms"])


PARSERS = {"c": parse_c, "wrk": parse_wrk, "locust": parse_locust, "lr": parse_loadrunner,
           "delay-wrk": parse_wrk, "delay-lr": parse_loadrunner}


def load_run(raw, name, parser):
    """Reads every file of one run; returns None if the run did not take place (no .rc file)."""
    rc_path = os.path.join(raw, name + ".rc")
    if not os.path.exists(rc_path):
        return None
    run = Run(name)
    run.rc = int(read_text(rc_path).strip() or "0")
    try:
        parser(raw, run)
    except (OSError, ValueError, KeyError, IndexError, AttributeError) as error:
        if run.rc != 0:
            run.error = f"no result: exit status {run.rc}, see {name}.log"
        else:
            run.error = f"no result: {error}"
        run.rps = None
    time_path = os.path.join(raw, name + ".time")
    if os.path.exists(time_path):
        # /usr/bin/time puts "Command exited with non-zero status N" first; the numbers are last.
        fields = read_text(time_path).strip().splitlines()[-1].split()
        if len(fields) == 5:
            run.rss_mb = int(fields[0]) / 1024
            run.cpu_percent = fields[1]
            run.wall_seconds = float(fields[2])
            run.cpu_seconds = float(fields[3]) + float(fields[4])
    server_path = os.path.join(raw, name + ".server")
    if os.path.exists(server_path):
        before, after, ticks_per_second, wall = read_text(server_path).split()
        if float(wall) > 0:
            run.server_cpu_percent = (int(after) - int(before)) / int(ticks_per_second) / float(wall) * 100
    cores_path = os.path.join(raw, name + ".cores")
    if os.path.exists(cores_path):
        values = [int(v) for v in read_text(cores_path).split()]
        if len(values) == 8:
            idle0, total0, idle1, total1, idle0_after, total0_after, idle1_after, total1_after = values
            if total0_after > total0:
                run.generator_core_busy_percent = 100 - (idle0_after - idle0) / (total0_after - total0) * 100
            if total1_after > total1:
                run.server_core_busy_percent = 100 - (idle1_after - idle1) / (total1_after - total1) * 100
    return run


def load_rounds(raw, tool, users):
    """Every round of one tool at one user count (`TOOL-USERS-1`, `-2`, ... until one did not take place)."""
    rounds = []
    while (run := load_run(raw, f"{tool}-{users}-{len(rounds) + 1}", PARSERS[tool])) is not None:
        rounds.append(run)
    return rounds


def median_round(rounds):
    """The round that stands for its tool and user count: the median by requests/s (of an even number, the
    lower of the middle two), with the median max RSS of the rounds; the first failed round if any failed (its
    error is what the table and goals report). `rounds` is kept on it for the table."""
    failed = [run for run in rounds if run.error or run.rps is None]
    if failed:
        chosen = failed[0]
    else:
        chosen = sorted(rounds, key=lambda run: run.rps)[(len(rounds) - 1) // 2]
        sizes = sorted(run.rss_mb for run in rounds if run.rss_mb is not None)
        if sizes:
            chosen.rss_mb = sizes[(len(sizes) - 1) // 2]
    chosen.rounds = rounds
    return chosen


def others_on_cores(run):
    """How much of core 0 / core 1 went to processes other than the generator / the server.

    Busy share of the core (user, system, steal) minus the tool's own share. Approximate: the
    windows differ by process start-up, and the kernel charges some of the loopback traffic's
    softirq work to the processes, some to no one (run.sh counts softirq as not busy).
    """
    def other(busy, own):
        return None if busy is None or own is None else max(0.0, busy - own)

    generator = None
    if run.cpu_percent and run.cpu_percent.rstrip("%").isdigit():
        generator = float(run.cpu_percent.rstrip("%"))
    return (other(run.generator_core_busy_percent, generator),
            other(run.server_core_busy_percent, run.server_cpu_percent))


def others_text(run):
    core0, core1 = others_on_cores(run)
    return f"{number(core0, 0, '%')} / {number(core1, 0, '%')}"


def number(value, digits=0, suffix=""):
    return "-" if value is None else f"{value:,.{digits}f}{suffix}"


def throughput_table(runs):
    lines = [
        "| generator | users | requests/s | vs C | rounds, requests/s | generator CPU | CPU µs/request | max RSS MB "
        "| server CPU | others on core 0 / 1 | failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for users in THROUGHPUT_USERS:
        c = runs.get(("c", users))
        for tool in ("c", "lr", "locust", "wrk"):
            run = runs.get((tool, users))
            if run is None:
                if tool == "lr":
                    lines.append(f"| {TOOL_TITLES[tool]} | {users} | not run (no binary) | | | | | | | | |")
                continue
            if run.error:
                lines.append(f"| {TOOL_TITLES[tool]} | {users} | {run.error} (`{run.name}`) | | | | | | | | |")
                continue
            ratio = run.rps / c.rps if c and c.rps and run.rps else None
            rounds = " / ".join(number(each.rps) for each in run.rounds)
            lines.append(
                f"| {TOOL_TITLES[tool]} | {users} | {number(run.rps)} | {number(ratio, 2, 'x')} | {rounds} "
                f"| {run.cpu_percent or '-'} | {number(run.cpu_micros_per_request, 1)} "
                f"| {number(run.rss_mb, 1)} | {number(run.server_cpu_percent, 0, '%')} "
                f"| {others_text(run)} | {number(run.failures)} |"
            )
    return lines


def latency_table(delay_wrk, delay_lr, users):
    lines = [
        "| generator | users | requests/s | p50 ms | generator CPU | server CPU | others on core 0 / 1 | failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for title, run in (("wrk -t1", delay_wrk), ("LoadRunner", delay_lr)):
        if run is None:
            lines.append(f"| {title} | {users} | not run (no binary) | | | | | |")
        elif run.error:
            lines.append(f"| {title} | {users} | {run.error} | | | | | |")
        else:
            lines.append(
                f"| {title} | {users} | {number(run.rps)} | {number(run.p50_ms, 2)} "
                f"| {run.cpu_percent or '-'} | {number(run.server_cpu_percent, 0, '%')} "
                f"| {others_text(run)} | {number(run.failures)} |"
            )
    return lines


def flat_goal(runs, users):
    """LoadRunner's requests/s at `users` over its own at 100 users (issue 14: flat as users grow)."""
    lr_100, lr_more = runs.get(("lr", 100)), runs.get(("lr", users))
    minimum = MIN_FLAT_RATIO[users]
    return (f"LoadRunner at {users} users / LoadRunner at 100 users", [("LoadRunner", lr_100), ("LoadRunner", lr_more)],
            lambda: lr_more.rps / lr_100.rps, f">= {minimum}x",
            lambda v: v >= minimum, lambda v: f"{v:.2f}x", None)


def memory_goal(runs, users):
    """LoadRunner's max RSS at `users` (issue 14)."""
    run, maximum = runs.get(("lr", users)), MAX_RSS_MB[users]
    return (f"LoadRunner max RSS at {users} users", [("LoadRunner", run)],
            lambda: run.rss_mb, f"< {maximum:g} MB", lambda v: v < maximum, lambda v: f"{v:.1f} MB", None)


def closed_goals(runs, delay_wrk, delay_lr):
    """The closed-model goals, as judge_goals takes them."""
    lr_100, lr_1000 = runs.get(("lr", 100)), runs.get(("lr", 1000))
    return [
        # (goal, runs it needs as (title, run), value from those runs, target, test, format,
        #  why the goal cannot be judged as stated, or None)
        ("LoadRunner / C at 100 users", [("LoadRunner", lr_100), ("C", runs.get(("c", 100)))],
         lambda: lr_100.rps / runs[("c", 100)].rps, f">= {MIN_RATIO_TO_C_AT_100}x",
         lambda v: v >= MIN_RATIO_TO_C_AT_100, lambda v: f"{v:.2f}x", None),
        ("LoadRunner / Locust FastHttpUser at 100 users",
         [("LoadRunner", lr_100), ("Locust", runs.get(("locust", 100)))],
         lambda: lr_100.rps / runs[("locust", 100)].rps, f">= {MIN_RATIO_TO_LOCUST:g}x",
         lambda v: v >= MIN_RATIO_TO_LOCUST, lambda v: f"{v:.2f}x", None),
        ("LoadRunner / C at 1000 users", [("LoadRunner", lr_1000), ("C", runs.get(("c", 1000)))],
         lambda: lr_1000.rps / runs[("c", 1000)].rps, f">= {MIN_RATIO_TO_C}x",
         lambda v: v >= MIN_RATIO_TO_C, lambda v: f"{v:.2f}x", None),
        flat_goal(runs, 1000),
        flat_goal(runs, 10000),
        memory_goal(runs, 1000),
        memory_goal(runs, 10000),
        ("LoadRunner p50 vs wrk p50, 20 ms server delay", [("LoadRunner", delay_lr), ("wrk", delay_wrk)],
         lambda: (delay_lr.p50_ms - delay_wrk.p50_ms) / delay_wrk.p50_ms,
         f"within ±{MAX_P50_DIFFERENCE * 100:g} %",
         lambda v: abs(v) <= MAX_P50_DIFFERENCE, lambda v: f"{v * 100:+.1f} %", None),
    ]


def judge_goals(goals):
    """One row per goal of the issue: measured value, target, and PASS / FAIL / SKIP.

    A goal is SKIP when a run it needs did not take place (no LoadRunner binary, no Locust)
    and NO RESULT when such a run failed; neither counts as a failed goal. A goal whose
    condition did not hold (a lag goal with the generator saturated) is NOT JUDGED, with the
    reason, and counts as failed: the measurement it asks for was not made.
    """
    lines = ["| goal | measured | target | result |", "|---|---:|---:|---|"]
    failed = False
    for goal, needed, value_of, target, test, formatted, not_judged in goals:
        # dict.fromkeys: one name per tool, in order, when a goal needs two runs of one tool.
        missing = list(dict.fromkeys(title for title, run in needed if run is None))
        broken = list(dict.fromkeys(title for title, run in needed if run is not None and run.error))
        if missing:
            lines.append(f"| {goal} | - | {target} | SKIP ({', '.join(missing)} not run) |")
            continue
        try:
            value = None if broken else value_of()
        except (TypeError, ZeroDivisionError):
            value = None
        if value is None:
            lines.append(f"| {goal} | - | {target} | NO RESULT ({', '.join(broken) or 'missing numbers'}) |")
            continue
        reason = not_judged() if not_judged else None
        if reason:
            failed = True
            lines.append(f"| {goal} | {formatted(value)} | {target} | **NOT JUDGED**: {reason} |")
            continue
        ok = test(value)
        failed |= not ok
        lines.append(f"| {goal} | {formatted(value)} | {target} | {'PASS' if ok else '**FAIL**'} |")
    return lines, failed


def read_meta(raw):
    """`key=value` lines of meta.txt (run.sh's notes about the machine and the run); {} without it."""
    meta = {}
    meta_path = os.path.join(raw, "meta.txt")
    if os.path.exists(meta_path):
        for line in read_text(meta_path).splitlines():
            key, _, value = line.partition("=")
            meta[key] = value
    return meta


def parts_run(raw, meta):
    """Which parts run.sh ran (BENCH_PARTS): meta's `parts`; without it the closed part, plus the
    open and scenarios parts if any of their runs is there."""
    if "parts" in meta:
        return meta["parts"].split()
    opened = any(os.path.exists(os.path.join(raw, name + ".rc")) for name in open_model.RUN_NAMES)
    return ["closed"] + (["open"] if opened else []) + (["scenarios"] if scenarios.run_names(raw) else [])


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: summarize.py RESULTS_DIR SUMMARY_MD")
    raw, summary_path = sys.argv[1], sys.argv[2]
    meta = read_meta(raw)
    parts = parts_run(raw, meta)
    runs = {}
    delay_wrk = delay_lr = None
    goals = []
    if "closed" in parts:
        for tool in ("c", "lr", "locust", "wrk"):
            for users in THROUGHPUT_USERS:
                rounds = load_rounds(raw, tool, users)
                if rounds:
                    runs[(tool, users)] = median_round(rounds)
        delay_wrk = load_run(raw, "delay-wrk", PARSERS["delay-wrk"])
        delay_lr = load_run(raw, "delay-lr", PARSERS["delay-lr"])
        goals += closed_goals(runs, delay_wrk, delay_lr)
    open_runs = {}
    if "open" in parts:
        for name in open_model.RUN_NAMES:
            run = load_run(raw, name, open_model.parse_result)
            if run is not None:
                open_runs[name] = run
        goals += open_model.goals(open_runs, meta)
    scenario_runs = {}
    if "scenarios" in parts:
        for _, _, name in scenarios.run_names(raw):
            scenario_runs[name] = load_run(raw, name, scenarios.parse_result)
        goals += scenarios.goals(scenario_runs)
    goal_lines, failed = judge_goals(goals)
    every_run = [run for run in [each for median in runs.values() for each in median.rounds] + [delay_wrk, delay_lr]
                 + list(open_runs.values()) + list(scenario_runs.values()) if run]
    # A server near one full core caps every generator alike and hides their differences.
    warnings = [
        f"- Server CPU was {run.server_cpu_percent:.0f}% during `{run.name}`: the server, not the "
        f"generator, may have set that rate."
        for run in every_run
        if run.server_cpu_percent is not None and run.server_cpu_percent > SERVER_CPU_WARNING
    ]
    # On a shared machine other processes take turns on the pinned cores; say when they did.
    noisy = []
    for run in every_run:
        core0, core1 = others_on_cores(run)
        if (core0 or 0) > OTHERS_WARNING or (core1 or 0) > OTHERS_WARNING:
            noisy.append(f"`{run.name}` ({number(core0, 0, '%')} / {number(core1, 0, '%')})")
    if noisy:
        warnings.append(
            f"- Other processes took over {OTHERS_WARNING:g}% of a pinned core (core 0 / core 1) during "
            f"{', '.join(noisy)}: those numbers are low by up to that much, unevenly between tools. "
            "Rerun on a quiet machine (or with BENCH_QUIET_WAIT=120) before recording this table."
        )
    delay_users = meta.get("delay_users", "50")
    profiles = [f"profile-lr-{users}.txt" for users in PROFILED_USERS
                if os.path.exists(os.path.join(raw, f"profile-lr-{users}.txt"))]
    profile_line = (f"Profiles of LoadRunner (perf record -g, separate runs after the measured ones): "
                    f"{', '.join(f'`{name}`' for name in profiles)} in {raw}." if profiles else
                    f"Profiles of LoadRunner: {meta.get('profile_note') or 'none in this run'}.")

    closed_section = [
        "## Throughput",
        "",
        *throughput_table(runs),
        "",
        f"## Latency: 20 ms server delay, {delay_users} users, {meta.get('delay_seconds', '?')} s",
        "",
        *latency_table(delay_wrk, delay_lr, delay_users),
        "",
        profile_line,
        "",
    ]
    out = [
        "# LoadRunner benchmark",
        "",
        f"Run {meta.get('date', '?')} on {meta.get('machine', '?')}; generators pinned to core 0 "
        f"(`taskset -c 0`), server on core 1. "
        + (f"Throughput runs: {meta.get('bench_seconds', '?')} s measured "
           f"(+{meta.get('warmup_seconds', '?')} s warm-up where the tool has one), keep-alive "
           f"GET of a 50-byte JSON body from nginx (one worker), no think time."
           if "closed" in parts else
           "Keep-alive GET of a 50-byte JSON body from nginx (one worker) or delay_server.py."),
        "",
        f"Versions: {meta.get('versions', '?')}.",
        "",
        "## Goals",
        "",
        *goal_lines,
        "",
        *(closed_section if "closed" in parts else []),
        *([*open_model.section(open_runs, meta, others_text), ""] if "open" in parts else []),
        *([*scenarios.section(scenario_runs, meta, others_text), ""] if "scenarios" in parts else []),
        "Generator CPU is the share of one core over the process lifetime (100% = core 0 saturated); "
        "CPU µs/request = CPU seconds / wall seconds / requests/s. Server CPU is the nginx worker's "
        "(or the delay server's) share of core 1 during the run. Others on core 0 / 1: the share of each "
        "core that other processes on this (shared) machine took meanwhile. Compare only numbers from one run.",
        "",
        *([*warnings, ""] if warnings else []),
        f"Reproduce: `{meta.get('command', 'Benchmarks/run.sh')}`",
    ]
    text = "\n".join(out) + "\n"
    with open(summary_path, "w") as f:
        f.write(text)
    print(text, end="")
    broken = [run.name for run in every_run if run.error]
    if broken:
        print(f"summarize: no result from {', '.join(broken)}; see their .log files in {raw}", file=sys.stderr)
        sys.exit(2)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
