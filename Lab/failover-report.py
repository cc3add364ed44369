#!/usr/bin/env python3
"""The report of the failover experiment (Lab/failover-experiment.sh).

Reads the two LoadRunner runs in OUT/quorum and OUT/first (result.json, service-metrics.json, the
lab's topology as `Lab/lab env --json` printed it (lab-env.json: node names and logs), the primary's
log) and writes OUT/report.md: what was done, each run's charts, actions and checks, and an
outcome statement computed from those files. Also writes OUT/outcome.json (the same numbers, for the
end-to-end test) and prints the two outcome statements.

Usage: Lab/failover-report.py OUT [--query-timeout-ms N]
Exit status: 0 when every check passed, every required action succeeded and no acknowledged write is
missing from any node; 1 otherwise; 2 when a run's result.json cannot be read.
"""
import argparse
import json
import os
import re
import sys

# Only for a run folder written before the experiment kept lab-env.json: the lab's node names then.
EARLIER_NODES = ("primary", "replica1", "replica2")
# The names the four failover profiles give their actions and checks; the report finds them by name.
ROW_CHECKS = {  # check name -> the node whose rows it counts ("current": the current primary)
    "rows on node primary (a standby after the failover)": "primary",
    "rows on node replica1 (the new primary)": "replica1",
    "rows on node replica2": "replica2",
    "rows on the current primary (Lab/lab primary)": "current",
    "rows on the primary, at least the acknowledged writes": "primary",
}
NEW_PRIMARY_CHECK = "the new primary is replica1"
CAUGHT_UP_CHECK = "{} caught up (rows behind the primary)"
# PostgreSQL's warnings when a backend stops waiting for its synchronous standby (the commit stays).
CANCELLED_WAIT = re.compile(r"WARNING:\s+cancel\w* (?:the )?wait for synchronous replication")
CHARTS = (
    ("chart-throughput.svg", "Requests and failures per second, with the actions"),
    ("chart-latency.svg", "Latency per second (p50, p95)"),
    ("chart-command-bytes.svg", "Replication lag per replica: bytes behind the primary"),
    ("chart-command-rows.svg", "Rows in template on the primary"),
    ("chart-monitors.svg", "CPU of each node and of the service"),
)


class Run:
    """One LoadRunner run of the experiment: its result.json and the files the experiment kept beside it."""

    def __init__(self, out, name):
        self.name = name
        self.dir = os.path.join(out, name)
        with open(os.path.join(self.dir, "result.json")) as f:
            self.result = json.load(f)
        self.metrics = read_json(os.path.join(self.dir, "service-metrics.json"))
        self.exit_status = read_text(os.path.join(self.dir, "exit-status")).strip() or "?"
        # The lab's nodes, by name, from `Lab/lab env --json` (the experiment keeps it in the run folder).
        topology = read_json(os.path.join(self.dir, "lab-env.json")) or {}
        self.node_facts = {n["name"]: n for n in topology.get("nodes", [])}
        self.nodes = tuple(self.node_facts) or EARLIER_NODES
        # The primary when the run started (the topology is written just before it).
        self.primary = topology.get("current_primary", "primary")
        self.standbys = tuple(n for n in self.nodes if n != self.primary)
        self.load_end = max(st["endSeconds"] for st in self.result["stages"])
        # The end of the last stage with users: a last stage of 0 users only collects answers.
        self.writing_end = max((st["endSeconds"] for st in self.result["stages"] if st["users"] > 0), default=self.load_end)

    def node_log(self, node):
        """The copy of NODE's PostgreSQL log the experiment kept in lab-logs/."""
        name = os.path.basename(self.node_facts.get(node, {}).get("log", f"{node}.log"))
        return read_text(os.path.join(self.dir, "lab-logs", name))

    def action(self, name):
        """The executed run of the action called `name`, or None."""
        action = next((a for a in self.result.get("actions", []) if a["name"] == name), None)
        return action.get("run") if action else None

    def monitor_values(self, name, after, until):
        """(seconds, value) of command monitor `name` sampled in (after, until], those with a value."""
        monitor = next((m for m in self.result.get("commandMonitors", []) if m["name"] == name), {})
        return [(s["atSeconds"], s["value"]) for s in monitor.get("samples", [])
                if "value" in s and after < s["atSeconds"] <= until]

    def seconds(self):
        """(second, acknowledged, failed) for each whole second while users were writing, by the second a
        request completed."""
        return [(s["second"], s["aggregated"]["requests"] - s["aggregated"]["failures"], s["aggregated"]["failures"])
                for s in self.result["series"] if s["second"] + 1 <= self.writing_end]

    def totals(self):
        """(sent, acknowledged, failed) over the whole run, as the checks' `requests.insert.*` see them."""
        total = self.result["series"][-1]["aggregated"]["total"] if self.result["series"] else {"requests": 0, "failures": 0}
        sent, failed = total["requests"], total["failures"]
        return sent, sent - failed, failed

    def failures(self):
        """Failed requests by message (and category when the message does not say it), e.g. {"HTTP 503": 20}."""
        counts = {}
        for f in self.result.get("failures", []):
            key = f["message"] if f["category"] == "http_status" else f"{f['category']}: {f['message']}"
            counts[key] = counts.get(key, 0) + f["occurrences"]
        return counts

    def rows(self):
        """Row counts read by the row-count checks (ROW_CHECKS), by node ("current" for the current primary)."""
        rows = {}
        for check in self.result.get("checks", []):
            node = ROW_CHECKS.get(check["name"])
            if node and as_int(check.get("actual")) is not None:
                rows[node] = as_int(check["actual"])
        return rows

    def check_output(self, name):
        """The compared output of the check called `name`, or None."""
        check = next((c for c in self.result.get("checks", []) if c["name"] == name), None)
        return check.get("actual") if check else None

    def rows_behind(self, node):
        """The output of the check that waits for NODE to catch up and prints the rows it lacks."""
        return as_int(self.check_output(CAUGHT_UP_CHECK.format(node)))

    def all_passed(self):
        """Every check ran and passed, every required action ran and exited 0."""
        checks = self.result.get("checks", [])
        actions = [a for a in self.result.get("actions", []) if a["required"]]
        return (bool(checks) and all(c["passed"] for c in checks)
                and all(a.get("run") and a["run"].get("exitStatus") == 0 for a in actions))


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def read_text(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def as_int(text):
    text = (text or "").strip()
    return int(text) if text.lstrip("-").isdigit() else None


def first_line(text):
    return next((line.strip() for line in (text or "").splitlines() if line.strip()), "")


def per_second(rows):
    """Mean acknowledged writes per second over `rows` of `Run.seconds()`."""
    return round(sum(r[1] for r in rows) / len(rows)) if rows else 0


def longest_zero_run(seconds, touching_from, touching_to):
    """(first, last) second of the longest run of consecutive seconds without an acknowledged write that
    overlaps [touching_from, touching_to], or None."""
    best, run = None, []
    for row in seconds + [(None, 1, 0)]:
        if row[0] is not None and row[1] == 0:
            run.append(row[0])
            continue
        if run and run[0] < touching_to and run[-1] + 1 > touching_from and (best is None or len(run) > best[1] - best[0] + 1):
            best = (run[0], run[-1])
        run = []
    return best


def quorum_outcome(run):
    sent, acked, failed = run.totals()
    rows = run.rows()
    node_rows = [rows.get(n) for n in run.nodes]
    known = [r for r in node_rows if r is not None]
    o = {"sent": sent, "acknowledged": acked, "failed": failed, "rows": dict(zip(run.nodes, node_rows)),
         "rows_on_current_primary": rows.get("current"),
         "new_primary": run.check_output(NEW_PRIMARY_CHECK) or "?",
         "lost": max(0, acked - min(known)) if len(known) == len(run.nodes) else None,
         "extra": max(0, max(known) - acked) if known else None,
         "load_seconds": round(run.load_end, 1)}
    seconds = run.seconds()
    stop = run.action("stop replica2")
    if stop:
        lag = run.monitor_values("replica2 lag", stop["startSeconds"], run.load_end)
        counts = [as_int(line) for line in (stop.get("stdout") or "").split()]
        rows_down = counts[1] if len(counts) > 1 else None
        o["stop"] = {"at_seconds": round(stop["startSeconds"], 1), "down_at_seconds": round(stop["endSeconds"], 1),
                     "rows_at_stop": counts[0] if counts else None, "rows_when_down": rows_down,
                     "acknowledged_after_down": None if rows_down is None else acked - rows_down,
                     "replica2_lag_samples_while_down": [v for _, v in lag],
                     "replica2_lag_max_bytes": max((v for _, v in lag), default=None),
                     "writes_per_second_before": per_second([r for r in seconds if r[0] + 1 <= stop["startSeconds"]]),
                     "writes_per_second_after": per_second([r for r in seconds if r[0] >= stop["endSeconds"]])}
    for key, name in (("restart_seconds", "restart every node"), ("failover_seconds", "failover to replica1")):
        action = run.action(name)
        if action:
            o[key] = round(action["endSeconds"] - action["startSeconds"], 1)
    current = "" if o["rows_on_current_primary"] is None else f" with {o['rows_on_current_primary']} rows"
    o["statement"] = (f"acknowledged writes: {acked} of {sent} sent ({failed} failed); rows on primary/replica1/replica2: "
                      + "/".join("?" if r is None else str(r) for r in node_rows)
                      + f"; current primary: {o['new_primary']}{current}; lost: {'?' if o['lost'] is None else o['lost']}")
    return o


def first_outcome(run, query_timeout_ms):
    sent, acked, failed = run.totals()
    rows = run.rows()
    o = {"sent": sent, "acknowledged": acked, "failed": failed, "failures": run.failures(),
         "rows_on_primary": rows.get("primary"),
         "rows_behind": {n: run.rows_behind(n) for n in run.standbys},
         "cancelled_sync_waits_in_primary_log": len(CANCELLED_WAIT.findall(run.node_log(run.primary)))}
    if o["rows_on_primary"] is not None:
        o["committed_without_ack"] = o["rows_on_primary"] - acked
    o["service_503s"] = service_failures(read_text(os.path.join(run.dir, "service.log")))
    stop, start = run.action("stop replica1"), run.action("start replica1")
    seconds = run.seconds()
    if stop and start:
        # LoadRunner counts a write in the second it was sent. A write sent while replica1 was down is acknowledged
        # only if replica1 streams again within the service's query timeout, so the seconds that can hold no
        # acknowledged write are those sent after the stop and ending one query timeout before the restart began.
        inside = [r for r in seconds if r[0] >= stop["endSeconds"]
                  and r[0] + 1 + query_timeout_ms / 1000 <= start["startSeconds"]]
        zero = longest_zero_run(seconds, stop["startSeconds"], start["endSeconds"])
        after = [r for r in seconds if r[0] >= start["endSeconds"]]
        visible = run.monitor_values("rows on the primary", stop["endSeconds"], start["startSeconds"])
        o["down"] = {"stop_at_seconds": round(stop["startSeconds"], 1), "stopped_at_seconds": round(stop["endSeconds"], 1),
                     "start_at_seconds": round(start["startSeconds"], 1), "back_at_seconds": round(start["endSeconds"], 1),
                     "seconds_fully_down": len(inside),
                     "zero_ack_seconds_while_down": sum(1 for r in inside if r[1] == 0),
                     "zero_ack_run": zero, "zero_ack_run_seconds": zero[1] - zero[0] + 1 if zero else 0,
                     "acks_while_down": sum(r[1] for r in inside),
                     "failures_while_down": sum(r[2] for r in seconds
                                                if stop["startSeconds"] <= r[0] + 1 and r[0] <= start["endSeconds"]),
                     "visible_rows_while_down": sorted({v for _, v in visible}),
                     "seconds_around": [r for r in seconds if stop["startSeconds"] - 2 <= r[0] <= start["endSeconds"] + 1],
                     "writes_per_second_before": per_second([r for r in seconds if r[0] + 1 <= stop["startSeconds"]]),
                     "writes_per_second_after": per_second(after),
                     "acks_after": sum(r[1] for r in after),
                     "resumed_at_second": next((r[0] for r in seconds if r[0] + 1 > start["startSeconds"] and r[1] > 0), None)}
    d = o.get("down", {})
    zero = d.get("zero_ack_run")
    failures = ", ".join(f"{v} {k}" for k, v in o["failures"].items()) or "none"
    o["statement"] = (
        f"replica1 stopped at {d.get('stop_at_seconds', '?')} s and back at {d.get('back_at_seconds', '?')} s: "
        f"{d.get('zero_ack_run_seconds', 0)} seconds with zero acknowledged writes"
        f"{f' (seconds {zero[0]}-{zero[1]})' if zero else ''}; failed writes: {failed} ({failures}); "
        f"writes resumed at second {d.get('resumed_at_second', '?')} ({d.get('acks_after', '?')} acknowledged after replica1 was back); "
        f"acknowledged {acked} of {sent} sent; rows on primary {o.get('rows_on_primary', '?')} "
        f"({o.get('committed_without_ack', '?')} committed without acknowledgement); rows replica1/replica2 lack at the end: "
        f"{o['rows_behind']['replica1']}/{o['rows_behind']['replica2']}")
    return o


def service_failures(log):
    """The service's failed writes by outcome, from its log: {"unknown": N, "not_written": M}."""
    lines = [line for line in log.splitlines() if "POST /template:" in line and " error " in line]
    return {"unknown": sum(1 for line in lines if "outcome unknown" in line),
            "not_written": sum(1 for line in lines if "nothing was written" in line)}


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def run_section(run):
    """Charts, actions, checks and the service's write counts of one run, as Markdown lines."""
    lines = [f"Run folder `{run.name}/`: [report.md]({run.name}/report.md), [report.html]({run.name}/report.html) "
             f"(every table and chart of the run); LoadRunner exit status {run.exit_status}.", ""]
    for file, title in CHARTS:
        if os.path.exists(os.path.join(run.dir, file)):
            lines += [f"![{title}]({run.name}/{file})", ""]
    actions = []
    for a in run.result.get("actions", []):
        ex = a.get("run")
        if ex:
            outcome = "timed out" if ex.get("timedOut") else f"exit {ex.get('exitStatus')}"
            output = first_line(ex.get("stdout")) if ex.get("exitStatus") == 0 else first_line(ex.get("stderr"))
            actions.append([a["name"], a["when"], f"{ex['startSeconds']:.1f}", f"{ex['endSeconds']:.1f}", outcome,
                            f"`{output}`" if output else ""])
        else:
            actions.append([a["name"], a["when"], "-", "-", f"skipped: {a.get('skippedBecause') or ''}", ""])
    lines += ["Actions (seconds since the run started; `at end` ones ran after the load, in order):", "",
              table(["Action", "When", "Start s", "End s", "Outcome", "Output"], actions), ""]
    checks = run.result.get("checks", [])
    rows = [[c["name"], f"{c['comparison']} `{c['expression']}`", c.get("expected") or "-", c.get("actual") or "-",
             "PASS" if c["passed"] else f"FAIL: {c.get('problem') or ''}"] for c in checks]
    lines += [f"Checks: {sum(1 for c in checks if c['passed'])} of {len(checks)} passed.", "",
              table(["Check", "Expectation", "Expected", "Actual", "Result"], rows), ""]
    if run.metrics and isinstance(run.metrics.get("writes"), dict):
        writes = ", ".join(f"{n} {run.metrics['writes'].get(n, 0)}" for n in run.nodes)
        lines += [f"The service's own count of acknowledged writes by the node that committed them: {writes}.", ""]
    return lines


def quorum_story(run, q):
    s = q.get("stop", {})
    lag = s.get("replica2_lag_max_bytes")
    if q.get("lost") == 0 and q["failed"] == 0:
        verdict = (f"**Nothing acknowledged was lost**: {q['acknowledged']} writes acknowledged, and each node, whatever "
                   f"its role after the failover, holds exactly that many rows ("
                   + ", ".join(f"{n} {q['rows'][n]}" for n in run.nodes) + ").")
    else:
        verdict = f"**Not as expected**: {q['statement']}."
    return [
        "## 1. Quorum commit: a replica lost under load, every node restarted, failover", "",
        "`Lab/lab sync quorum` sets `synchronous_standby_names = 'ANY 1 (replica1, replica2)'`: each commit "
        f"waits until one of the two replicas has flushed it. 10 users shared {q['sent']} writes. Stopping replica2 "
        f"began at {s.get('at_seconds', '?')} s, when the primary held {s.get('rows_at_stop', '?')} rows, and it was "
        f"down at {s.get('down_at_seconds', '?')} s ({s.get('rows_when_down', '?')} rows). replica1 alone kept the "
        f"quorum and the writes went on: {s.get('acknowledged_after_down', '?')} more were acknowledged "
        f"({s.get('writes_per_second_before', '?')} acknowledged/s before the stop, "
        f"{s.get('writes_per_second_after', '?')} after), with {q['failed']} failures. While it was down, "
        "replica2's lag (read on the primary from its replication slot) grew to "
        f"{f'{lag:,} bytes' if lag is not None else '?'}. After the load ({q['load_seconds']} s) `Lab/lab restart` "
        f"stopped and started every node, one at a time ({q.get('restart_seconds', '?')} s, replica2 included), "
        "and `Lab/lab failover` promoted replica1, rewound the old primary into its standby and pointed replica2 "
        f"at it, with `ANY 1 (primary, replica2)` ({q.get('failover_seconds', '?')} s, until both had replayed "
        f"everything). The current primary is now {q['new_primary']}. Then every node was counted.", "",
        verdict, "",
    ] + run_section(run)


def first_story(run, f, query_timeout_ms):
    d = f.get("down", {})
    visible = d.get("visible_rows_while_down", [])
    cancelled = f["cancelled_sync_waits_in_primary_log"]
    if cancelled:
        why = (f"PostgreSQL cancelled {cancelled} of those waits (its log warns \"canceling wait for synchronous "
               "replication ... the transaction has already committed locally, but might not have been replicated "
               "to the standby\"): a cancelled wait leaves the commit in place.")
    else:
        why = ("The service stopped waiting, but the COMMITs it had sent did not stop: each was already in the "
               "primary's WAL and only waited for replica1 (the primary's log has no cancelled wait), so they all "
               "completed the moment replica1 was back.")
    if len(visible) == 1:
        why += (f" Until then other sessions did not see them: the primary's row count stayed at {visible[0]} while "
                "replica1 was down.")
    split = f.get("service_503s", {})
    if split and split["unknown"] + split["not_written"] == f["failed"] and f["failed"]:
        why += (f" The service's log tells its {f['failed']} 503s apart: {split['unknown']} with the outcome unknown "
                f"(the commit was sent) and {split['not_written']} with nothing written (no free connection: the pool's "
                "connections were all held by commits still waiting).")
        if split["unknown"] == f.get("committed_without_ack"):
            why += " Every write of unknown outcome did commit: the extra rows are exactly those."
    lines = [
        "## 2. One synchronous standby, lost for a while", "",
        "`Lab/lab sync first replica1` sets `synchronous_standby_names = 'FIRST 1 (replica1)'`: each commit waits "
        f"for replica1 alone. 10 users wrote for {run.result['stages'][0]['endSeconds']:.0f} s. replica1 was "
        f"stopped at {d.get('stop_at_seconds', '?')} s (`Lab/lab stop` returned at {d.get('stopped_at_seconds', '?')} s) "
        f"and started at {d.get('start_at_seconds', '?')} s (streaming again at {d.get('back_at_seconds', '?')} s). In "
        "between every "
        f"COMMIT on the primary waited: **{d.get('zero_ack_run_seconds', 0)} seconds in which not one write sent was "
        f"acknowledged** (a write counts in the second it was sent), {d.get('failures_while_down', '?')} writes ended with the service's 503 after {query_timeout_ms} ms "
        f"({f['failed']} failures in all: "
        + (", ".join(f"{v} {k}" for k, v in f["failures"].items()) or "none")
        + f"). Writes resumed at second {d.get('resumed_at_second', '?')} "
        f"({d.get('writes_per_second_before', '?')} acknowledged/s before the stop, "
        f"{d.get('writes_per_second_after', '?')} after the start).", "",
    ]
    around = d.get("seconds_around", [])
    if around:
        lines += [table(["second"] + [str(r[0]) for r in around],
                        [["acknowledged"] + [r[1] for r in around], ["failed (503)"] + [r[2] for r in around]]), ""]
    lines += [
        f"**Rows on the primary: {f.get('rows_on_primary', '?')} for {f['acknowledged']} acknowledged writes** of "
        f"{f['sent']} sent: {f.get('committed_without_ack', '?')} rows were committed without an acknowledgement. "
        + why + " That is why the check is *at least*, not *equals*: a 503 from a primary with a synchronous "
        "standby means *unknown*, not *not written*, and a client that retries blindly writes twice. Both replicas "
        f"caught up: at the end replica1 lacked {f['rows_behind']['replica1']} rows of the primary's and replica2 "
        f"{f['rows_behind']['replica2']}.", "",
    ]
    return lines + run_section(run)


def write_report(out, quorum, first, q, f, query_timeout_ms):
    timings = "; ".join(line for line in read_text(os.path.join(out, "timings.txt")).splitlines() if line)
    lines = [
        "# Failover under write load (experiment 2)", "",
        "Two scenarios, each on a fresh PostgreSQL 15 lab (a primary and two streaming replicas, `Lab/lab clean` "
        "then `start`). `lab-service` writes one row into `template` per `POST /template` and acknowledges it (201) "
        "only after its commit returned; it gives up on a write after "
        f"{query_timeout_ms} ms and answers 503 (outcome unknown). LoadRunner sends the writes, runs the profile's "
        "actions at their moments (the markers on the charts), samples each replica's lag and the primary's rows every "
        "second, and afterwards checks the rows on every node against the writes it saw acknowledged.", "",
        "## Outcome", "",
        f"- **Quorum** (`ANY 1 (replica1, replica2)`): {q['statement']}.",
        f"- **First** (`FIRST 1 (replica1)`): {f['statement']}.", "",
    ]
    lines += quorum_story(quorum, q)
    lines += first_story(first, f, query_timeout_ms)
    lines += [
        "## The two lessons", "",
        "1. **Quorum commit rides out a lost replica**: with `ANY 1` of two, one replica is enough; no write failed "
        "and after restarts and a failover every node holds exactly the acknowledged rows.",
        "2. **A single synchronous standby stalls every write while it is away**, and a write that timed out may "
        "still be committed: rows can exceed acknowledgements, never the reverse.", "",
        f"Durations: {timings}.", "",
    ]
    with open(os.path.join(out, "report.md"), "w") as fh:
        fh.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the experiment's report folder, with quorum/ and first/")
    parser.add_argument("--query-timeout-ms", type=int, default=3000, help="the service's write timeout, for the text")
    args = parser.parse_args()
    try:
        quorum, first = Run(args.out, "quorum"), Run(args.out, "first")
    except (OSError, ValueError, KeyError) as error:
        print(f"failover-report: cannot read a run's result.json in {args.out}: {error}", file=sys.stderr)
        return 2
    q, f = quorum_outcome(quorum), first_outcome(first, args.query_timeout_ms)
    write_report(args.out, quorum, first, q, f, args.query_timeout_ms)
    with open(os.path.join(args.out, "outcome.json"), "w") as fh:
        json.dump({"quorum": q, "first": f}, fh, indent=1)
    print("quorum:", q["statement"])
    print("first: ", f["statement"])
    if quorum.all_passed() and first.all_passed() and q.get("lost") == 0:
        return 0
    print("failover-report: a check or a required action failed, or acknowledged writes are missing; see report.md",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
