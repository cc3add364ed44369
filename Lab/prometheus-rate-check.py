#!/usr/bin/env python3
"""Prometheus' rate(loadrunner_requests_total[5s]) against the run's own per-second figures, within 5%.

Usage: Lab/prometheus-rate-check.py HISTORY_CSV PROMETHEUS_PORT   (Lab/test-live.sh, Lab/test-push.sh)

Every sample LoadRunner exposes or pushes carries the end of its second, so the window (T-5, T] at a whole second T
of the run's steady part holds the seconds whose history Timestamp (that end, rounded down) is T-5 ... T-1, and
rate() is their slope: (count[T-1] - count[T-5]) / 4, from the cumulative counts of locust_stats_history.csv.
Exits 0 when the means over at least 5 evaluations agree within 5%.
"""
import csv
import json
import sys
import urllib.parse
import urllib.request

history, port = sys.argv[1], sys.argv[2]
rows = [r for r in csv.DictReader(open(history)) if r["Name"] == "Aggregated"]
counts = {int(r["Timestamp"]): int(r["Total Request Count"]) for r in rows}
first, last = min(counts), max(counts)
query = urllib.parse.urlencode({"query": "sum(rate(loadrunner_requests_total[5s]))", "start": first + 9, "end": last, "step": 1})
answer = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/query_range?{query}"))
pairs = []
for t, value in answer["data"]["result"][0]["values"]:
    t = int(float(t))
    if t - 5 in counts and t - 1 in counts:
        pairs.append(((counts[t - 1] - counts[t - 5]) / 4, float(value)))
run_rate = sum(p[0] for p in pairs) / len(pairs)
prom_rate = sum(p[1] for p in pairs) / len(pairs)
print(f"mean over {len(pairs)} evaluations: run {run_rate:.2f}/s, Prometheus {prom_rate:.2f}/s")
if abs(prom_rate - run_rate) > 0.05 * run_rate:
    print("(run, Prometheus) at each second:", pairs)
sys.exit(0 if len(pairs) >= 5 and abs(prom_rate - run_rate) <= 0.05 * run_rate else 1)
