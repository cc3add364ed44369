#!/usr/bin/env python3
"""The report of the read-your-writes experiment (Lab/consistency-experiment.sh).

Reads the three mode folders OUT/primary, OUT/async and OUT/apply-all: settings.txt (the primary's
synchronous_standby_names and synchronous_commit), visibility.txt (`Lab/lab visibility`), pairs.txt (the
--dry-check's write/read pairs through the service) or, after a load run, result.json (the write's latency;
report.md links each run's report and the compares); and service-metrics.json. Writes OUT/report.md (one table across the three modes, an outcome
line each) and OUT/outcome.json (the same numbers, for the end-to-end test); prints the outcome lines.

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


def read_run(folder):
    """After a load run: the write's latency (template/create, every measured stage) from result.json; None without one."""
    path = os.path.join(folder, "result.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        result = json.load(f)
    buckets = {}
    for stage in result.get("stages", []):
        for request in stage.get("requests", []):
            if request.get("name") == "template/create":
                for value, count in request["latency"]["buckets"]:
                    buckets[value] = buckets.get(value, 0) + count
    total = sum(buckets.values())

    def bucket_percentile(p):
        seen = 0
        for value in sorted(buckets):
            seen += buckets[value]
            if seen * 100 >= total * p:
                return value / 1000.0
        return None

    return {"writes": total, "write_ms": {"p50": bucket_percentile(50), "p95": bucket_percentile(95)}}


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
    return line


def write_report(out, modes):
    lines = ["# Read-your-writes on replicas", "",
             "The same writes and reads in three modes of one lab (docs/lab.md, \"Read-your-writes on replicas\").", "",
             "## Outcome", ""]
    for name, _ in MODES:
        mode = modes[name]
        verdict = "as expected" if not mode["problems"] else "NOT as expected: " + "; ".join(mode["problems"])
        lines.append(f"- **{name}** ({verdict}): {outcome_line(mode)}")
    lines += ["", "## The three modes", "",
              "| mode | synchronous_standby_names | synchronous_commit | psql: missed right after the commit (replica1 / replica2) "
              "| commit p50 / p95 ms | service: stale first reads | time to visibility p50 / p95 / max ms | write p50 / p95 ms |",
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
        else:
            run = mode["result"] or {"write_ms": {}}
            row += [f"see [{name}/report.html]({name}/report.html)", f"see [{name}/report.html]({name}/report.html)",
                    f"{ms(run['write_ms'].get('p50'))} / {ms(run['write_ms'].get('p95'))}"]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "- *psql*: `Lab/lab visibility`, each insert on the primary read at once in a new session on each standby; "
              "the commit time is psql's, synchronous replication included.",
              "- *service*: POST /template, then GET /template/{id} at once and every 5 ms until 200; the first read's node is "
              "its X-Served-By; a 404 is a stale read. Time to visibility runs from the write's answer to the read that saw the row "
              "(a read is a curl process here, a few ms each: only differences of more than that mean something).", ""]
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
