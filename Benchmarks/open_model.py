"""The open model's part of the benchmark summary: rate accuracy, coordinated omission, CPU per request.

summarize.py loads each run of this part with its own `load_run` (exit status, /usr/bin/time,
server CPU, cores) and `parse_result` below, which reads the run's `NAME/result.json`; this module
turns those runs into the "Open model" section and its rows of the Goals table. Runs:

    open-1000, open-10000     open stages at 1,000/s and 10,000/s against nginx (rate accuracy);
                              open-1000 is also the open side of the CPU comparison
    closed-pacing-1000        20 closed users pacing 20 ms against nginx (the CPU comparison's closed side)
    co-open-200, co-closed-10 open at 200/s and 10 closed users against delay_server.py pausing
                              1 s of every 4 s (coordinated omission)

Percentiles are recomputed from result.json's histogram buckets with the rank rule of
docs/results.md: the first bucket at which the running count reaches p/100 x count.
"""
import json
import os

# The goals from issue 11, kept in one place.
MAX_RATE_ERROR = 0.005  # achieved / target within ±0.5%
MAX_LAG_P99_MS = 1.0  # lag p99 when the generator is not saturated
MAX_TRUTH_ERROR = 0.10  # open-model p95 / p99 within ±10% of the analytic truth
MAX_CPU_RATIO = 1.10  # open / closed CPU µs per request in the load window at the same rate
RATE_RUNS = (("open-1000", 1000), ("open-10000", 10000))
CO_OPEN, CO_CLOSED = "co-open-200", "co-closed-10"
CPU_OPEN, CPU_CLOSED = "open-1000", "closed-pacing-1000"
RUN_NAMES = ("open-1000", "closed-pacing-1000", "open-10000", CO_OPEN, CO_CLOSED)


def percentile_micros(histogram, p):
    """The p-th percentile (0 < p <= 100) of a result.json histogram, in µs; None when it is empty."""
    buckets = histogram.get("buckets", []) if histogram else []
    total = sum(count for _, count in buckets)
    if total == 0:
        return None
    rank, seen = p / 100 * total, 0
    for value, count in buckets:
        seen += count
        if seen >= rank:
            return value
    return buckets[-1][0]


class OpenFigures:
    """What one LoadRunner run of this part measured, read from its result.json (first stage)."""

    def __init__(self, result):
        stage = result["stages"][0]
        aggregated = stage["aggregated"]
        self.open = stage.get("open")  # None for a closed stage
        self.window_seconds = stage["windowEndSeconds"] - stage["windowStartSeconds"]
        self.requests = aggregated["requests"]
        self.failures = aggregated["failures"]
        self.new_connections = aggregated.get("newConnections")  # in the stage window
        self.latency = aggregated["latency"]
        self.service = aggregated.get("service")
        self.lag = aggregated.get("lag")
        generator = stage.get("generator", {})
        # The process's CPU over the stage window, % of one core (LoadRunner's own /proc readings): the load alone,
        # without start-up and the reports written after it.
        self.window_cpu_percent = generator.get("cpuPercent")
        self.window_completed = self.requests - self.failures
        self.saturated = bool(generator.get("saturated"))
        self.saturation_cause = generator.get("saturationCause", {}).get("kind")
        self.loops = len(generator.get("loops", [])) or None
        # Every request of the run, warm-up included: the CPU time covers the whole process too.
        total = result["series"][-1]["aggregated"]["total"] if result.get("series") else None
        self.run_completed = total["requests"] - total["failures"] if total else None

    def latency_ms(self, p, histogram=None):
        micros = percentile_micros(self.latency if histogram is None else histogram, p)
        return None if micros is None else micros / 1000

    @property
    def target_per_second(self):
        return self.open["targetStartPerSecond"] if self.open else None

    @property
    def achieved_per_second(self):
        """Requests sent per second of the stage window (docs/metrics.md: sent / window seconds)."""
        return self.open["sent"] / self.window_seconds if self.open and self.window_seconds else None

    @property
    def window_rps(self):
        return self.requests / self.window_seconds if self.window_seconds else None


def parse_result(raw, run):
    """A summarize.load_run parser: puts the run's OpenFigures on `run.open_figures`."""
    with open(os.path.join(raw, run.name, "result.json")) as f:
        run.open_figures = OpenFigures(json.load(f))
    run.rps = run.open_figures.window_rps
    run.failures = run.open_figures.failures


def cpu_micros_per_completed(run):
    """User + system CPU seconds of the whole process over the requests it completed, in µs: start-up, warm-up and
    the reports written after the load included."""
    figures = getattr(run, "open_figures", None)
    if not (figures and figures.run_completed and run.cpu_seconds is not None):
        return None
    return run.cpu_seconds / figures.run_completed * 1e6


def window_cpu_micros_per_completed(run):
    """The process's CPU over the stage window (result.json `generator.cpuPercent`) over the requests completed in
    that window, in µs: the generator's CPU per request while it makes the load, which the goal is about."""
    figures = getattr(run, "open_figures", None)
    if not (figures and figures.window_completed and figures.window_cpu_percent is not None):
        return None
    return figures.window_cpu_percent / 100 * figures.window_seconds / figures.window_completed * 1e6


def cpu_ratio(per_request, runs):
    """Open / closed CPU per request by `per_request` (one of the two functions above); None without both."""
    opened, closed = (per_request(runs[name]) if usable(runs.get(name)) else None for name in (CPU_OPEN, CPU_CLOSED))
    return opened / closed if opened and closed else None


def co_truth_ms(meta):
    """The analytic p95 and p99 of the pausing server at a uniform arrival rate, in ms.

    A share P/E of the arrivals (pause P s every E s) lands in a pause and waits uniformly 0..P s,
    so the p-th percentile is d + P x (1 - (1 - p) x E / P) for the server's delay d (README.md).
    """
    every, pause = float(meta.get("co_pause_every", 4)), float(meta.get("co_pause_for", 1))
    delay_ms = float(meta.get("co_delay_ms", 5))

    def truth(p):
        return delay_ms + pause * 1000 * (1 - (1 - p) * every / pause)

    return truth(0.95), truth(0.99)


def goals(runs, meta):
    """This part's goals as summarize.judge_goals takes them (the last field: why not judged)."""
    def figures(name):
        return runs[name].open_figures

    rows = []
    for name, rate in RATE_RUNS:
        run = runs.get(name)
        rows.append((f"Open model {rate:,}/s: achieved (sent) / target rate", [("LoadRunner", run)],
                     lambda name=name: figures(name).achieved_per_second / figures(name).target_per_second - 1,
                     f"within ±{MAX_RATE_ERROR * 100:g} %", lambda v: abs(v) <= MAX_RATE_ERROR,
                     lambda v: f"{v * 100:+.2f} %", None))
        rows.append((f"Open model {rate:,}/s: lag p99", [("LoadRunner", run)],
                     lambda name=name: figures(name).latency_ms(99, figures(name).lag),
                     f"< {MAX_LAG_P99_MS:g} ms", lambda v: v < MAX_LAG_P99_MS, lambda v: f"{v:.3f} ms",
                     lambda name=name: saturation_note(figures(name))))
    truth95, truth99 = co_truth_ms(meta)
    for p, truth in ((95, truth95), (99, truth99)):
        rows.append((f"Open model p{p} vs truth, 1 s pause every 4 s, 200/s", [("LoadRunner", runs.get(CO_OPEN))],
                     lambda p=p, truth=truth: figures(CO_OPEN).latency_ms(p) / truth - 1,
                     f"within ±{MAX_TRUTH_ERROR * 100:g} % of {truth / 1000:.3f} s",
                     lambda v: abs(v) <= MAX_TRUTH_ERROR, lambda v: f"{v * 100:+.1f} %", None))
    # Judged on the load window: the generator's CPU per request while it makes the load. The whole process's ratio
    # (start-up and reports included) is printed beside it in the CPU table, not judged.
    rows.append(("CPU per request, open / closed model at 1,000/s",
                 [("LoadRunner open", runs.get(CPU_OPEN)), ("LoadRunner closed", runs.get(CPU_CLOSED))],
                 lambda: cpu_ratio(window_cpu_micros_per_completed, runs),
                 f"<= {MAX_CPU_RATIO:.2f}x", lambda v: v <= MAX_CPU_RATIO, lambda v: f"{v:.2f}x", None))
    return rows


def saturation_note(figures):
    """Why a lag goal cannot be judged: the generator was saturated (the goal presumes it was not)."""
    if not figures.saturated:
        return None
    return f"generator saturated ({figures.saturation_cause or 'see result.json'})"


def number(value, digits=0, suffix=""):
    return "-" if value is None else f"{value:,.{digits}f}{suffix}"


def usable(run):
    return run is not None and not run.error and getattr(run, "open_figures", None) is not None


def missing_row(title, run, columns):
    text = "not run" if run is None else run.error
    return f"| {title} | {text} |" + " |" * (columns - 2)


def rate_table(runs, others_text):
    lines = [
        "| run | target/s | due | sent | completed | missed | achieved/s (sent) | achieved / target "
        "| lag p50 / p99 / max ms | latency p99 ms | service p99 ms | peak in-flight | connections opened "
        "| loops | saturated | generator CPU | others on core 0 / 1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for name, _ in RATE_RUNS:
        run = runs.get(name)
        if not usable(run):
            lines.append(missing_row(f"`{name}`", run, 17))
            continue
        f, o = run.open_figures, run.open_figures.open or {}
        ratio = f.achieved_per_second / f.target_per_second if f.achieved_per_second and f.target_per_second else None
        lag = " / ".join(number(f.latency_ms(p, f.lag), 3) for p in (50, 99, 100))
        lines.append(
            f"| `{name}` | {number(f.target_per_second)} | {number(o.get('due'))} | {number(o.get('sent'))} "
            f"| {number(o.get('completed'))} | {number(o.get('missed'))} | {number(f.achieved_per_second, 1)} "
            f"| {number(ratio, 4)} | {lag} | {number(f.latency_ms(99), 3)} | {number(f.latency_ms(99, f.service), 3)} "
            f"| {number(o.get('peakInFlight'))} | {number(o.get('connectionsOpened'))} | {number(f.loops)} "
            f"| {saturation_note(f) or 'no'} | {run.cpu_percent or '-'} | {others_text(run)} |"
        )
    return lines


def co_table(runs, meta, others_text):
    truth95, truth99 = co_truth_ms(meta)
    delay_ms = float(meta.get("co_delay_ms", 5))
    lines = [
        "| run | model | requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | failures | server CPU "
        "| others on core 0 / 1 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| analytic truth | open, 200/s | | | {number(delay_ms, 3)} | {number(truth95, 3)} | {number(truth99, 3)} "
        f"| {number(delay_ms + float(meta.get('co_pause_for', 1)) * 1000, 3)} | | | |",
    ]
    for name, model in ((CO_OPEN, "open, 200/s, latency from the intended time"),
                        (CO_CLOSED, "closed, 10 users, no think time")):
        run = runs.get(name)
        if not usable(run):
            lines.append(missing_row(f"`{name}`", run, 11))
            continue
        f = run.open_figures
        lines.append(
            f"| `{name}` | {model} | {number(f.requests)} | {number(f.window_rps, 1)} | {number(f.latency_ms(50), 3)} "
            f"| {number(f.latency_ms(95), 3)} | {number(f.latency_ms(99), 3)} | {number(f.latency_ms(100), 3)} "
            f"| {number(f.failures)} | {number(run.server_cpu_percent, 0, '%')} | {others_text(run)} |"
        )
    if usable(runs.get(CO_OPEN)) and usable(runs.get(CO_CLOSED)):
        opened, closed = runs[CO_OPEN].open_figures, runs[CO_CLOSED].open_figures
        ratios = [(p, opened.latency_ms(p), closed.latency_ms(p)) for p in (95, 99)]
        lines += ["", "Open / closed: " + ", ".join(
            f"p{p} {number(o / c if o and c else None, 1, 'x')}" for p, o, c in ratios) + "."]
    return lines


def cpu_table(runs, others_text):
    lines = [
        "| run | model | completed (whole run) | CPU s (user + sys) | CPU µs/request | generator CPU | loops "
        "| new connections (window) | others on core 0 / 1 | completed (window) | window CPU "
        "| window CPU µs/request |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, model in ((CPU_OPEN, "open, 1,000/s"), (CPU_CLOSED, "closed, 20 users pacing 20 ms")):
        run = runs.get(name)
        if not usable(run):
            lines.append(missing_row(f"`{name}`", run, 12))
            continue
        f = run.open_figures
        lines.append(
            f"| `{name}` | {model} | {number(f.run_completed)} | {number(run.cpu_seconds, 2)} "
            f"| {number(cpu_micros_per_completed(run), 1)} | {run.cpu_percent or '-'} | {number(f.loops)} "
            f"| {number(f.new_connections)} | {others_text(run)} | {number(f.window_completed)} "
            f"| {number(f.window_cpu_percent, 1, '%')} | {number(window_cpu_micros_per_completed(run), 1)} |"
        )
    window, whole = cpu_ratio(window_cpu_micros_per_completed, runs), cpu_ratio(cpu_micros_per_completed, runs)
    lines += ["", f"Open / closed CPU per request: load window {number(window, 2, 'x')} (the goal), "
                  f"whole process {number(whole, 2, 'x')}."]
    return lines


def section(runs, meta, others_text):
    """The "Open model" section of summary.md, as lines; `others_text(run)` formats the cores' noise."""
    seconds, co_seconds = meta.get("open_seconds", "?"), meta.get("co_seconds", "?")
    every, pause = meta.get("co_pause_every", "4"), meta.get("co_pause_for", "1")
    return [
        "## Open model",
        "",
        f"### Rate accuracy: open stages against nginx, {seconds} s measured "
        f"(+{meta.get('warmup_seconds', '?')} s warm-up)",
        "",
        *rate_table(runs, others_text),
        "",
        "Achieved = requests sent (due arrivals that went out) per second of the stage window; lag = actual send "
        "− intended time; latency runs from the intended time, service is libcurl's own time. Loops: curl "
        "event loops the run used (LoadRunner's default; result.json `generator.loops`).",
        "",
        f"### Coordinated omission: delay_server.py pausing {pause} s every {every} s "
        f"(+{meta.get('co_delay_ms', '?')} ms per reply), {co_seconds} s windows",
        "",
        *co_table(runs, meta, others_text),
        "",
        "### CPU per request at 1,000 requests/s against nginx",
        "",
        *cpu_table(runs, others_text),
        "",
        "CPU µs/request = the process's user + system CPU time (/usr/bin/time) over every request it completed: the "
        "whole process, start-up, warm-up and the reports written after the load included. Window CPU µs/request = "
        "the process's CPU in the stage window (result.json `generator.cpuPercent`, % of one core, from /proc) over "
        "the requests completed in that window: the generator's CPU per request while it makes the load. The goal "
        "is judged on the window figure.",
    ]
