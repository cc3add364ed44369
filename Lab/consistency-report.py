#!/usr/bin/env python3
"""The report of the read-your-writes experiment (Lab/consistency-experiment.sh).

Reads the three mode folders OUT/primary, OUT/async and OUT/apply-all: settings.txt (the primary's
synchronous_standby_names and synchronous_commit), visibility.txt (`Lab/lab visibility`), pairs.txt (the
--dry-check's write/read pairs through the service) or, after a load run, result.json (the write's latency and the
`await:` probes' visibility per node: stale first reads, not visible, time to visibility; report.md links each run's
report and the compares); and service-metrics.json. Writes OUT/report.md (one table across the three modes, an
outcome line each, what the load runs show) with OUT/consistency.svg (a bar chart per measure, after load runs),
and OUT/outcome.json (the same numbers, for the end-to-end test); prints the outcome lines.

Usage: Lab/consistency-report.py OUT
Exit status: 0 when every mode showed what it must, 1 when one did not (the report says which), 2 when a
mode folder lacks its files.
"""
import json
import os
import re
import sys

MODES = (
    ("primary", "reads on the primary (sync off, --reads primary)"),
    ("async", "reads on asynchronous replicas (sync off, --reads replicas)"),
    ("apply-all", "reads on replicas under apply-all (ANY 2 of both standbys, synchronous_commit = remote_apply)"),
)
STANDBYS = ("replica1", "replica2")
# The most stale first reads tolerated under apply-all ("nearly every first read already sees the row").
STALE_RATE_APPLY_ALL = 0.01
EXPECTED_SETTINGS = {
    "primary": {"synchronous_standby_names": "", "synchronous_commit": "on"},
    "async": {"synchronous_standby_names": "", "synchronous_commit": "on"},
    "apply-all": {"synchronous_standby_names": "ANY 2 (replica1, replica2)", "synchronous_commit": "remote_apply"},
}


def percentile(values, p):
    """The nearest-rank percentile p (0-100) of values; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def ms(value):
    return "-" if value is None else f"{value:.1f}"


def read_text(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def read_settings(folder):
    """{name: setting} from settings.txt (lines `name = value`)."""
    text = read_text(os.path.join(folder, "settings.txt"))
    if text is None:
        raise FileNotFoundError(os.path.join(folder, "settings.txt"))
    settings = {}
    for line in text.splitlines():
        name, _, value = line.partition(" = ")
        settings[name.strip()] = value.strip()
    return settings


def read_visibility(folder):
    """`Lab/lab visibility`: misses per standby, rows, and the commits' p50/p95/max in ms."""
    text = read_text(os.path.join(folder, "visibility.txt"))
    if text is None:
        raise FileNotFoundError(os.path.join(folder, "visibility.txt"))
    found = {"missed": {}, "rows": None, "commit_ms": {}}
    for line in text.splitlines():
        match = re.match(r"^(\S+)\s+missed (\d+) of (\d+)$", line)
        if match:
            found["missed"][match.group(1)] = int(match.group(2))
            found["rows"] = int(match.group(3))
        match = re.match(r"^commits\s+p50 ([\d.]+) ms\s+p95 ([\d.]+) ms\s+max ([\d.]+) ms$", line)
        if match:
            found["commit_ms"] = dict(zip(("p50", "p95", "max"), map(float, match.groups())))
    return found


def read_pairs(folder):
    """The --dry-check's pairs (Lab/consistency-pairs.sh), summed up; None after a load run."""
    text = read_text(os.path.join(folder, "pairs.txt"))
    if text is None:
        return None
    pairs = [line.split() for line in text.splitlines() if line.strip()]
    written = [p for p in pairs if p[0] == "201"]
    first_by_node, stale_by_node = {}, {}
    for p in written:
        first_by_node[p[3]] = first_by_node.get(p[3], 0) + 1
        if p[2] == "404":
            stale_by_node[p[3]] = stale_by_node.get(p[3], 0) + 1
    visible = [float(p[5]) for p in written if float(p[5]) >= 0]
    stale_visible = [float(p[5]) for p in written if p[2] == "404" and float(p[5]) >= 0]
    write_ms = [float(p[1]) for p in written]
    return {
        "pairs": len(pairs),
        "written": len(written),
        "first_reads_by_node": first_by_node,
        "stale_first_reads": sum(stale_by_node.values()),
        "stale_first_reads_by_node": stale_by_node,
        "other_first_reads": sum(1 for p in written if p[2] not in ("200", "404")),
        "not_visible_within_5s": sum(1 for p in written if float(p[5]) < 0),
        "time_to_visibility_ms": {"p50": percentile(visible, 50), "p95": percentile(visible, 95), "max": max(visible, default=None)},
        "time_to_visibility_of_stale_ms": {"p50": percentile(stale_visible, 50), "max": max(stale_visible, default=None)},
        "write_ms": {"p50": percentile(write_ms, 50), "p95": percentile(write_ms, 95)},
    }


def bucket_percentile(buckets, p):
    """Percentile p (0-100) in ms of merged HdrHistogram buckets {value_us: count}; None when empty."""
    total = sum(buckets.values())
    seen = 0
    for value in sorted(buckets):
        seen += buckets[value]
        if seen * 100 >= total * p:
            return value / 1000.0
    return None


def add_buckets(into, histogram):
    for value, count in histogram["buckets"]:
        into[value] = into.get(value, 0) + count


def read_run(folder):
    """After a load run, from result.json (every measured stage): the write's latency (template/create), and the
    await probes of template/get (stage.visibility) per node that answered their first poll; None without one."""
    path = os.path.join(folder, "result.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        result = json.load(f)
    writes, ttv, nodes = {}, {}, {}
    failures = {}
    for stage in result.get("stages", []):
        for request in stage.get("requests", []):
            if request.get("name") == "template/create":
                add_buckets(writes, request["latency"])
            for category, count in request.get("failuresByCategory", {}).items():
                key = f"{request.get('name')}: {category}"
                failures[key] = failures.get(key, 0) + count
        for row in stage.get("visibility", []):
            node = nodes.setdefault(row.get("node", "?"), {"probes": 0, "stale_first_reads": 0, "not_visible": 0, "polls": 0})
            node["probes"] += row["probes"]
            node["stale_first_reads"] += row["probes"] - row["firstPollVisible"]
            node["not_visible"] += row["notVisible"]
            node["polls"] += row["polls"]
            add_buckets(ttv, row["timeToVisibility"])
    probes = sum(n["probes"] for n in nodes.values())
    stale = sum(n["stale_first_reads"] for n in nodes.values())
    return {
        "writes": sum(writes.values()),
        "write_ms": {"p50": bucket_percentile(writes, 50), "p95": bucket_percentile(writes, 95)},
        "probes": probes,
        "stale_first_reads": stale,
        "stale_rate": stale / probes if probes else 0.0,
        "not_visible": sum(n["not_visible"] for n in nodes.values()),
        "first_reads_by_node": {name: n["probes"] for name, n in nodes.items()},
        "by_node": nodes,
        "time_to_visibility_ms": {p: bucket_percentile(ttv, q) for p, q in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))},
        "failures": failures,
    }


def judge(name, mode):
    """The problems of one mode: what it must show and did not."""
    problems = []
    for setting, expected in EXPECTED_SETTINGS[name].items():
        if mode["settings"].get(setting) != expected:
            problems.append(f"{setting} is '{mode['settings'].get(setting)}', not '{expected}'")
    pairs = mode["pairs"]
    if name == "apply-all":
        missed = {n: c for n, c in mode["visibility"]["missed"].items() if c}
        if missed:
            problems.append(f"reads right after a commit missed the row on a standby: {missed}")
    if pairs is not None:
        if pairs["written"] != pairs["pairs"]:
            problems.append(f"{pairs['pairs'] - pairs['written']} of {pairs['pairs']} writes failed")
        nodes = set(pairs["first_reads_by_node"])
        if name == "primary" and nodes - {"primary"}:
            problems.append(f"reads went to {sorted(nodes)}, not only to the primary")
        if name != "primary" and "primary" in nodes:
            problems.append("reads went to the primary, not only to the standbys")
        if name == "apply-all" and pairs["written"] >= 10 and not set(STANDBYS) <= nodes:
            problems.append(f"reads reached only {sorted(nodes)}, not both standbys")
        if name in ("primary", "apply-all") and pairs["stale_first_reads"]:
            problems.append(f"{pairs['stale_first_reads']} first reads were stale (404)")
        if pairs["other_first_reads"] or pairs["not_visible_within_5s"]:
            problems.append(f"{pairs['other_first_reads']} first reads failed, {pairs['not_visible_within_5s']} rows not visible within 5 s")
    run = mode["result"]
    if run is not None:
        nodes = set(run["first_reads_by_node"])
        if run["probes"] == 0:
            problems.append("the load run awaited no write")
        if name == "primary" and nodes - {"primary"}:
            problems.append(f"reads went to {sorted(nodes)}, not only to the primary")
        if name != "primary" and "primary" in nodes:
            problems.append("reads went to the primary, not only to the standbys")
        if name == "apply-all" and run["probes"] >= 10 and not set(STANDBYS) <= nodes:
            problems.append(f"reads reached only {sorted(nodes)}, not both standbys")
        if name == "primary" and run["stale_first_reads"]:
            problems.append(f"{run['stale_first_reads']} first reads on the primary were stale")
        # remote_apply: a commit returns once both standbys replayed it, so nearly every first read sees the row.
        if name == "apply-all" and run["stale_rate"] > STALE_RATE_APPLY_ALL:
            problems.append(f"{100 * run['stale_rate']:.1f}% of first reads were stale (more than {100 * STALE_RATE_APPLY_ALL:.0f}%)")
        if run["not_visible"]:
            problems.append(f"{run['not_visible']} writes were not visible within 5 s")
        if run["failures"]:
            problems.append("failed requests: " + ", ".join(f"{k} x{v}" for k, v in sorted(run["failures"].items())))
    return problems


def outcome_line(mode):
    vis = mode["visibility"]
    missed = ", ".join(f"{n} {vis['missed'].get(n, '?')}" for n in STANDBYS)
    line = (f"psql reads right after {vis['rows']} commits missed the row on {missed}; "
            f"commit p50 {ms(vis['commit_ms'].get('p50'))} ms, p95 {ms(vis['commit_ms'].get('p95'))} ms")
    pairs = mode["pairs"]
    if pairs is not None:
        rate = 100.0 * pairs["stale_first_reads"] / pairs["written"] if pairs["written"] else 0.0
        ttv = pairs["time_to_visibility_ms"]
        line += (f"; through the service: {pairs['stale_first_reads']} of {pairs['written']} first reads stale ({rate:.1f}%), "
                 f"time to visibility p50 {ms(ttv['p50'])} ms, max {ms(ttv['max'])} ms, "
                 f"write p50 {ms(pairs['write_ms']['p50'])} ms")
    run = mode["result"]
    if run is not None:
        ttv = run["time_to_visibility_ms"]
        by_node = ", ".join(f"{n} {c['stale_first_reads']} of {c['probes']}" for n, c in sorted(run["by_node"].items()))
        line += (f"; load run: {run['stale_first_reads']} of {run['probes']} first reads stale ({100 * run['stale_rate']:.1f}%; "
                 f"{by_node}), {run['not_visible']} not visible within 5 s, time to visibility p50 {ms(ttv['p50'])} ms, "
                 f"p99 {ms(ttv['p99'])} ms, write p50 {ms(run['write_ms']['p50'])} ms, p95 {ms(run['write_ms']['p95'])} ms")
    return line


def physics(modes):
    """The sentences that say what the load runs show across the modes; empty without load runs."""
    runs = {name: modes[name]["result"] for name, _ in MODES}
    if any(run is None for run in runs.values()):
        return []
    lines = []
    applied, asynchronous = runs["apply-all"], runs["async"]
    lines.append(f"- Under apply-all, {applied['probes'] - applied['stale_first_reads']} of {applied['probes']} first reads "
                 f"already saw the row ({100 * (1 - applied['stale_rate']):.1f}%).")
    if asynchronous["stale_first_reads"]:
        lines.append(f"- Under async, {asynchronous['stale_first_reads']} of {asynchronous['probes']} first reads were stale "
                     f"({100 * asynchronous['stale_rate']:.1f}%): the row had not reached the standby that answered.")
    else:
        lines.append(f"- Under async, no first read of {asynchronous['probes']} was stale in this run: the standbys replayed each "
                     "write before the read that followed its answer reached them.")
    a, b = applied["write_ms"]["p50"], asynchronous["write_ms"]["p50"]
    if a is not None and b is not None:
        verdict = "writes pay for it" if a > b else "the writes did not cost more in this run"
        lines.append(f"- Write latency p50: apply-all {ms(a)} ms against async {ms(b)} ms and primary "
                     f"{ms(runs['primary']['write_ms']['p50'])} ms: {verdict}.")
    return lines


def bar_chart(out, modes):
    """consistency.svg: per mode, stale first reads (%), time to visibility p95 (ms) and write p50 (ms), one panel each;
    False without load runs."""
    runs = [(name, modes[name]["result"]) for name, _ in MODES]
    if any(run is None for _, run in runs):
        return False
    panels = [("stale first reads, %", lambda r: 100 * r["stale_rate"]),
              ("time to visibility p95, ms", lambda r: r["time_to_visibility_ms"]["p95"] or 0),
              ("write latency p50, ms", lambda r: r["write_ms"]["p50"] or 0)]
    colors = {"primary": "#4c72b0", "async": "#dd8452", "apply-all": "#55a868"}
    width, height, panel_width = 720, 240, 240
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
             f'<rect width="{width}" height="{height}" fill="white"/>']
    for index, (title, value) in enumerate(panels):
        x0 = index * panel_width
        values = [value(run) for _, run in runs]
        top = max(values) or 1
        parts.append(f'<text x="{x0 + panel_width / 2}" y="18" text-anchor="middle" font-weight="bold">{title}</text>')
        for position, ((name, _), v) in enumerate(zip(runs, values)):
            bar_height = 160 * v / top
            x = x0 + 30 + position * 65
            y = 200 - bar_height
            parts.append(f'<rect x="{x}" y="{y:.1f}" width="50" height="{bar_height:.1f}" fill="{colors[name]}"/>')
            parts.append(f'<text x="{x + 25}" y="{y - 4:.1f}" text-anchor="middle">{v:.1f}</text>')
            parts.append(f'<text x="{x + 25}" y="216" text-anchor="middle">{name}</text>')
        parts.append(f'<line x1="{x0 + 20}" y1="200" x2="{x0 + panel_width - 20}" y2="200" stroke="black"/>')
    parts.append("</svg>")
    with open(os.path.join(out, "consistency.svg"), "w") as f:
        f.write("\n".join(parts) + "\n")
    return True


def write_report(out, modes):
    lines = ["# Read-your-writes on replicas", "",
             "The same writes and reads in three modes of one lab (docs/lab.md, \"Read-your-writes on replicas\").", "",
             "## Outcome", ""]
    for name, _ in MODES:
        mode = modes[name]
        verdict = "as expected" if not mode["problems"] else "NOT as expected: " + "; ".join(mode["problems"])
        lines.append(f"- **{name}** ({verdict}): {outcome_line(mode)}")
    shown = physics(modes)
    if shown:
        lines += ["", "## What the load runs show", ""] + shown
    if bar_chart(out, modes):
        lines += ["", "![stale first reads, time to visibility and write latency per mode](consistency.svg)"]
    lines += ["", "## The three modes", "",
              "| mode | synchronous_standby_names | synchronous_commit | psql: missed right after the commit (replica1 / replica2) "
              "| commit p50 / p95 ms | stale first reads (by node) | time to visibility p50 / p95 / max ms | write p50 / p95 ms |",
              "|---|---|---|---|---|---|---|---|"]
    for name, _ in MODES:
        mode = modes[name]
        vis, pairs = mode["visibility"], mode["pairs"]
        row = [name, f"'{mode['settings'].get('synchronous_standby_names', '?')}'", mode["settings"].get("synchronous_commit", "?"),
               " / ".join(f"{vis['missed'].get(n, '?')} of {vis['rows']}" for n in STANDBYS),
               f"{ms(vis['commit_ms'].get('p50'))} / {ms(vis['commit_ms'].get('p95'))}"]
        if pairs is not None:
            stale = ", ".join(f"{n} {c}" for n, c in sorted(pairs["stale_first_reads_by_node"].items())) or "none"
            ttv = pairs["time_to_visibility_ms"]
            row += [f"{pairs['stale_first_reads']} of {pairs['written']} ({stale})",
                    f"{ms(ttv['p50'])} / {ms(ttv['p95'])} / {ms(ttv['max'])}",
                    f"{ms(pairs['write_ms']['p50'])} / {ms(pairs['write_ms']['p95'])}"]
        elif mode["result"] is not None:
            run = mode["result"]
            stale = ", ".join(f"{n} {c['stale_first_reads']} of {c['probes']}" for n, c in sorted(run["by_node"].items())) or "none"
            ttv = run["time_to_visibility_ms"]
            row += [f"{run['stale_first_reads']} of {run['probes']} ({100 * run['stale_rate']:.1f}%; {stale})",
                    f"{ms(ttv['p50'])} / {ms(ttv['p95'])} / {ms(ttv['max'])}",
                    f"{ms(run['write_ms']['p50'])} / {ms(run['write_ms']['p95'])}"]
        else:
            row += ["-", "-", "-"]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "- *psql*: `Lab/lab visibility`, each insert on the primary read at once in a new session on each standby; "
              "the commit time is psql's, synchronous replication included.",
              "- *service*: POST /template, then GET /template/{id} at once and every 5 ms until 200; the first read's node is "
              "its X-Served-By; a 404 is a stale read. Time to visibility runs from the write's answer to the read that saw the row "
              "(a read is a curl process here, a few ms each: only differences of more than that mean something).",
              "- *load run*: LoadRunner's `await:` probe (Profiles/lab-consistency.yaml): after each write's answer, GET /template/{id} "
              "at once and every 5 ms until 200; each probe belongs to the node of its first poll (X-Served-By). Time to visibility "
              "runs from the end of the write's response to the end of the first poll that saw the row.", ""]
    if any(modes[name]["result"] is not None for name, _ in MODES):
        lines += ["## Load runs", ""]
        for name, _ in MODES:
            lines.append(f"- {name}: [{name}/report.html]({name}/report.html) (time to visibility per stage and node, stale reads, write latency)")
        for name in ("async", "apply-all"):
            lines.append(f"- primary against {name}: [compare-{name}/report.html](compare-{name}/report.html)")
        lines.append("")
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(lines))


def main():
    if len(sys.argv) != 2:
        print("usage: Lab/consistency-report.py OUT", file=sys.stderr)
        return 64
    out = sys.argv[1]
    modes = {}
    try:
        for name, _ in MODES:
            folder = os.path.join(out, name)
            modes[name] = {"settings": read_settings(folder), "visibility": read_visibility(folder),
                           "pairs": read_pairs(folder), "result": read_run(folder),
                           "metrics": json.loads(read_text(os.path.join(folder, "service-metrics.json")) or "null")}
    except (FileNotFoundError, ValueError) as error:
        print(f"consistency-report: cannot read {error}; run Lab/consistency-experiment.sh first", file=sys.stderr)
        return 2
    for name, _ in MODES:
        modes[name]["problems"] = judge(name, modes[name])
    write_report(out, modes)
    with open(os.path.join(out, "outcome.json"), "w") as f:
        json.dump(modes, f, indent=2, sort_keys=True)
    for name, _ in MODES:
        print(f"{name}: " + outcome_line(modes[name]) + ("" if not modes[name]["problems"] else "  <- " + "; ".join(modes[name]["problems"])))
    return 1 if any(modes[name]["problems"] for name, _ in MODES) else 0


if __name__ == "__main__":
    sys.exit(main())
