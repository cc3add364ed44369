"""Tests for summarize.py on fixed raw outputs: parsing each tool and judging each goal.

    python3 -m unittest discover -s Benchmarks -p 'test_*.py'
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep Benchmarks/ free of __pycache__
sys.path.insert(0, HERE)
import open_model  # noqa: E402
import summarize  # noqa: E402

WRK_OUT = """Running 8s test @ http://127.0.0.1:40000/json
  1 threads and 100 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   {p50}  100.00us   5.00ms   90.00%
  Latency Distribution
     50%  {p50}
     75%    1.00ms
  800000 requests in 8.00s, 100.00MB read
{errors}Requests/sec: {rps}
Transfer/sec:     12.00MB
"""
LOCUST_CSV = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
    "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
    "99.99%,100%\n"
    "GET,/json,80000,0,6,6.4,0.2,51,50.0,10000.0,0.0,6,7,8,8,9,10,18,22,36,49,51\n"
    ",Aggregated,80000,0,6,6.4,0.2,51,50.0,10000.0,0.0,6,7,8,8,9,10,18,22,36,49,51\n"
)
# Coordinated omission: 75 replies at the server's 5 ms, 25 held by pauses, evenly 45..1005 ms,
# so p95 (rank 95) is the 20th held one, 805 ms, and p99 the 24th, 965 ms: the analytic truth.
CO_OPEN_BUCKETS = [[5000, 75]] + [[5000 + 40000 * i, 1] for i in range(1, 26)]


def result_json(buckets, window=(2, 32), open_stage=None, lag=None, service=None, saturated=False,
                cause=None, total=(100000, 0), cpu_percent=33.0):
    """A minimal result.json with one stage, as LoadRunner writes it (only what open_model reads)."""
    def histogram(pairs):
        return {"unit": "us", "significantDigits": 3, "count": sum(c for _, c in pairs), "buckets": pairs}

    aggregated = {"name": "Aggregated", "requests": sum(c for _, c in buckets), "failures": 0,
                  "newConnections": 3, "latency": histogram(buckets)}
    if lag is not None:
        aggregated["lag"] = histogram(lag)
    if service is not None:
        aggregated["service"] = histogram(service)
    generator = {"cpuPercent": cpu_percent, "saturated": saturated, "loops": [{"loop": 1}]}
    if cause:
        generator["saturationCause"] = {"kind": cause}
    stage = {"number": 1, "windowStartSeconds": window[0], "windowEndSeconds": window[1],
             "aggregated": aggregated, "generator": generator}
    if open_stage:
        stage["open"] = open_stage
    return json.dumps({"schemaVersion": 2, "stages": [stage], "series": [
        {"second": 0, "aggregated": {"total": {"requests": 10, "failures": 0}}},
        {"second": 1, "aggregated": {"total": {"requests": total[0], "failures": total[1]}}}]})


def open_counts(rate, sent, window_seconds=30):
    return {"targetStartPerSecond": rate, "targetEndPerSecond": rate, "due": rate * window_seconds,
            "sent": sent, "completed": sent, "missed": rate * window_seconds - sent, "peakInFlight": 7,
            "connectionsOpened": 7, "maxConnections": 10000, "reachedMaxConnections": False}


STAGES_CSV = (
    "stage,users,name,method,requests,failures,error_rate,rps,p50_ms,p95_ms\n"
    "1,{users},json,GET,1,0,0,{rps},{p50},1\n"
    "1,{users},Aggregated,,1,{failures},0,{rps},{p50},1\n"
)


class SummarizeTests(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.raw = self.directory.name

    def tearDown(self):
        self.directory.cleanup()

    def write(self, name, text):
        path = os.path.join(self.raw, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    def add_run(self, name, rss_kb=10240, cpu="99%", rc=0):
        self.write(f"{name}.rc", f"{rc}\n")
        self.write(f"{name}.time", f"{rss_kb} {cpu} 10.00 9.00 0.90\n")
        self.write(f"{name}.server", "1000 1500 100 10.0\n")  # 5 s of 10: 50%
        self.write(f"{name}.cores", "100 1000 100 1000 100 2000 600 2000\n")  # core 0 100%, 1 50%

    def add_c(self, users, rps, round=1):
        self.add_run(f"c-{users}-{round}")
        self.write(f"c-{users}-{round}.out", f'{{"tool":"c-curl-multi","concurrency":{users},"seconds":8,'
                                             f'"requests":1,"failures":0,"rps":{rps}}}\n')

    def add_lr(self, name, users, rps, p50=0.5, rss_kb=30 * 1024, failures=0):
        self.add_run(name, rss_kb=rss_kb)
        self.write(f"{name}/stages.csv", STAGES_CSV.format(users=users, rps=rps, p50=p50, failures=failures))

    def add_wrk(self, name, rps, p50="20.00ms", errors=""):
        self.add_run(name)
        self.write(f"{name}.out", WRK_OUT.format(rps=rps, p50=p50, errors=errors))

    def add_everything(self, lr_100=60000, lr_1000=56000, lr_10000=50000, lr_rss_kb=40 * 1024,
                       lr_10000_rss_kb=100 * 1024, lr_p50=20.5):
        self.add_c(100, 58000)
        self.add_c(1000, 38000)
        self.add_c(10000, 9000)
        self.add_run("locust-100-1")
        self.write("locust-100-1_stats.csv", LOCUST_CSV)
        self.add_wrk("wrk-100-1", 150000, "350.00us")
        self.add_wrk("wrk-1000-1", 120000, "8.00ms")
        self.add_wrk("wrk-10000-1", 110000, "90.00ms")
        self.add_wrk("delay-wrk", 2400, "20.00ms")
        self.add_lr("lr-100-1", 100, lr_100)
        self.add_lr("lr-1000-1", 1000, lr_1000, rss_kb=lr_rss_kb)
        self.add_lr("lr-10000-1", 10000, lr_10000, rss_kb=lr_10000_rss_kb)
        self.add_lr("delay-lr", 50, 2390, p50=lr_p50)

    def add_open(self, name, text):
        self.add_run(name)
        self.write(f"{name}/result.json", text)

    def add_open_part(self, sent_10000=300000, lag_10000=None, saturated_10000=False, closed_completed=100000,
                      closed_window_cpu=None):
        """Every run of the open part, all goals met unless told otherwise; meta says parts=open.

        The closed run's CPU per request follows `closed_completed` in the load window too (the same CPU over fewer
        requests), unless `closed_window_cpu` gives its window CPU (% of a core; the open run's is 33%)."""
        self.write("meta.txt", "parts=open\nopen_seconds=30\nwarmup_seconds=2\nco_seconds=20\n"
                               "co_delay_ms=5\nco_pause_every=4\nco_pause_for=1\n")
        good_lag = [[50, 98], [900, 1], [2000, 1]]  # p99 0.9 ms
        self.add_open("open-1000", result_json([[300, 30000]], open_stage=open_counts(1000, 30000),
                                               lag=good_lag, service=[[250, 30000]], total=(110000, 10000)))
        self.add_open("open-10000", result_json(
            [[300, sent_10000]], open_stage=open_counts(10000, sent_10000), lag=lag_10000 or good_lag,
            service=[[250, sent_10000]], saturated=saturated_10000, cause="loop_busy" if saturated_10000 else None))
        self.add_open("closed-pacing-1000", result_json(
            [[300, 30000]], lag=[[10, 1]], total=(closed_completed, 0),
            cpu_percent=closed_window_cpu or 33.0 * 100000 / closed_completed))
        self.add_open("co-open-200", result_json(CO_OPEN_BUCKETS, window=(2, 22), open_stage=open_counts(200, 100, 20)))
        self.add_open("co-closed-10", result_json([[5000, 999], [1005000, 1]], window=(2, 22)))

    def summarize(self):
        result = subprocess.run(
            [sys.executable, os.path.join(HERE, "summarize.py"), self.raw, os.path.join(self.raw, "summary.md")],
            capture_output=True, text=True, timeout=60,
        )
        return result.returncode, result.stdout

    def test_wrk_durations_convert_to_milliseconds(self):
        self.assertAlmostEqual(summarize.wrk_duration_ms("352.00us"), 0.352)
        self.assertAlmostEqual(summarize.wrk_duration_ms("20.99ms"), 20.99)
        self.assertAlmostEqual(summarize.wrk_duration_ms("1.02s"), 1020.0)

    def test_wrk_socket_errors_and_non_2xx_count_as_failures(self):
        self.add_wrk("wrk-100-1", 1000, errors="  Socket errors: connect 1, read 2, write 0, timeout 3\n"
                                              "  Non-2xx or 3xx responses: 4\n")
        run = summarize.load_run(self.raw, "wrk-100-1", summarize.parse_wrk)
        self.assertEqual((run.rps, run.failures, run.p50_ms), (1000.0, 10, 20.0))

    def test_all_goals_pass(self):
        self.add_everything()
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        self.assertIn("| LoadRunner / C at 100 users | 1.03x | >= 1.0x | PASS |", out)
        self.assertIn("| LoadRunner / Locust FastHttpUser at 100 users | 6.00x | >= 4x | PASS |", out)
        self.assertIn("| LoadRunner / C at 1000 users | 1.47x | >= 0.8x | PASS |", out)
        self.assertIn("| LoadRunner at 1000 users / LoadRunner at 100 users | 0.93x | >= 0.9x | PASS |", out)
        self.assertIn("| LoadRunner at 10000 users / LoadRunner at 100 users | 0.83x | >= 0.8x | PASS |", out)
        self.assertIn("| LoadRunner max RSS at 1000 users | 40.0 MB | < 48 MB | PASS |", out)
        self.assertIn("| LoadRunner max RSS at 10000 users | 100.0 MB | < 128 MB | PASS |", out)
        # Every generator's CPU per request at 10,000 users (9.9 CPU s over 10 s wall).
        self.assertIn("| C, libcurl multi (Benchmarks/curl-multi.c) | 10000 | 9,000 | 1.00x | 9,000 | 99% | 110.0 |", out)
        self.assertIn("| LoadRunner | 10000 | 50,000 | 5.56x | 50,000 | 99% | 19.8 |", out)
        self.assertIn("| wrk -t1 | 10000 | 110,000 | 12.22x | 110,000 | 99% | 9.0 |", out)
        self.assertIn("Profiles of LoadRunner: none in this run.", out)
        self.assertIn("| LoadRunner p50 vs wrk p50, 20 ms server delay | +2.5 % | within ±5 % | PASS |", out)
        self.assertIn("| 100 | 10,000 | 0.17x | 10,000 | 99% | 99.0 | 10.0 | 50% | 1% / 0% | 0 |", out)  # Locust

    def test_each_tool_stands_for_its_median_round(self):
        # Three interleaved rounds: the goals take the median round by requests/s, and the median max RSS.
        self.add_everything()
        for round, rps in ((2, 50000), (3, 70000)):
            self.add_c(100, rps, round=round)
        for round, rps, rss_mb in ((2, 62000, 39), (3, 50000, 45)):
            self.add_lr(f"lr-100-{round}", 100, rps, rss_kb=rss_mb * 1024)
        status, out = self.summarize()
        self.assertIn("| LoadRunner / C at 100 users | 1.03x | >= 1.0x | PASS |", out)  # 60,000 / 58,000
        self.assertIn("| C, libcurl multi (Benchmarks/curl-multi.c) | 100 | 58,000 | 1.00x | 58,000 / 50,000 / 70,000 |",
                      out)
        self.assertIn("| LoadRunner | 100 | 60,000 | 1.03x | 60,000 / 62,000 / 50,000 | 99% | 16.5 | 39.0 |", out)
        self.assertEqual(status, 0, out)

    def test_a_failed_round_is_reported_not_outvoted(self):
        self.add_everything()
        self.add_c(1000, 40000, round=2)
        self.add_c(1000, 39000, round=3)
        self.add_run("c-1000-2", rc=1)
        os.remove(os.path.join(self.raw, "c-1000-2.out"))
        status, out = self.summarize()
        self.assertEqual(status, 2, out)
        self.assertIn("| C, libcurl multi (Benchmarks/curl-multi.c) | 1000 | no result: exit status 1, see c-1000-2.log "
                      "(`c-1000-2`) |", out)
        self.assertIn("| LoadRunner / C at 1000 users | - | >= 0.8x | NO RESULT (C) |", out)

    def test_each_goal_can_fail(self):
        self.add_everything(lr_100=20000, lr_1000=17000, lr_10000=15000, lr_rss_kb=70 * 1024,
                            lr_10000_rss_kb=130 * 1024, lr_p50=22)
        status, out = self.summarize()
        self.assertEqual(status, 1, out)
        self.assertEqual(out.count("**FAIL**"), 8, out)

    def test_the_flat_and_memory_goals_sit_on_their_edges(self):
        # 0.9x and 0.8x of the 100-user rate pass, just below fails; 48 MB and 128 MB fail, just below passes.
        self.add_everything(lr_100=60000, lr_1000=53999, lr_10000=48000, lr_rss_kb=48 * 1024,
                            lr_10000_rss_kb=128 * 1024 - 1)
        status, out = self.summarize()
        self.assertEqual(status, 1, out)
        self.assertIn("| LoadRunner at 1000 users / LoadRunner at 100 users | 0.90x | >= 0.9x | **FAIL** |", out)
        self.assertIn("| LoadRunner at 10000 users / LoadRunner at 100 users | 0.80x | >= 0.8x | PASS |", out)
        self.assertIn("| LoadRunner max RSS at 1000 users | 48.0 MB | < 48 MB | **FAIL** |", out)
        self.assertIn("| LoadRunner max RSS at 10000 users | 128.0 MB | < 128 MB | PASS |", out)

    def test_kept_profiles_are_named(self):
        self.add_everything()
        self.write("profile-lr-100.txt", "# profile\n")
        self.write("profile-lr-10000.txt", "# profile\n")
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        self.assertIn("`profile-lr-100.txt`, `profile-lr-10000.txt`", out)

    def test_a_missing_perf_is_a_note(self):
        self.add_everything()
        self.write("meta.txt", "parts=closed\nprofile_note=not taken: perf is not installed\n")
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        self.assertIn("Profiles of LoadRunner: not taken: perf is not installed.", out)

    def test_goals_are_skipped_without_loadrunner(self):
        self.add_everything()
        for name in ("lr-100-1", "lr-1000-1", "lr-10000-1", "delay-lr"):
            os.remove(os.path.join(self.raw, f"{name}.rc"))
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        self.assertEqual(out.count("SKIP (LoadRunner not run)"), 8, out)
        self.assertIn("| LoadRunner | 100 | not run (no binary) |", out)

    def test_a_tool_without_output_is_an_error(self):
        self.add_everything()
        self.add_run("lr-100-1", rc=1)
        os.remove(os.path.join(self.raw, "lr-100-1", "stages.csv"))
        status, out = self.summarize()
        self.assertEqual(status, 2, out)
        self.assertIn("no result: exit status 1, see lr-100-1.log", out)
        self.assertIn("NO RESULT (LoadRunner)", out)

    def test_open_percentiles_follow_the_rank_rule_of_results_md(self):
        histogram = {"buckets": [[100, 1], [200, 2], [300, 1]]}
        self.assertEqual([open_model.percentile_micros(histogram, p) for p in (25, 50, 75, 76, 100)],
                         [100, 200, 200, 300, 300])
        self.assertIsNone(open_model.percentile_micros({"buckets": []}, 99))
        self.assertIsNone(open_model.percentile_micros(None, 99))

    def test_coordinated_omission_truth_is_pause_share_times_uniform_wait(self):
        p95, p99 = open_model.co_truth_ms({"co_delay_ms": "5", "co_pause_every": "4", "co_pause_for": "1"})
        self.assertAlmostEqual(p95, 805.0)
        self.assertAlmostEqual(p99, 965.0)

    def test_open_result_json_is_read_from_its_buckets_and_counts(self):
        self.add_open_part()
        run = summarize.load_run(self.raw, "open-1000", open_model.parse_result)
        figures = run.open_figures
        self.assertEqual((figures.target_per_second, figures.achieved_per_second), (1000, 1000.0))
        self.assertEqual((figures.latency_ms(99, figures.lag), figures.run_completed, figures.loops), (0.9, 100000, 1))
        self.assertAlmostEqual(open_model.cpu_micros_per_completed(run), 9.9 / 100000 * 1e6)
        closed = summarize.load_run(self.raw, "co-closed-10", open_model.parse_result)
        self.assertIsNone(closed.open_figures.open)
        self.assertEqual((closed.rps, closed.open_figures.latency_ms(95), closed.open_figures.latency_ms(100)),
                         (50.0, 5.0, 1005.0))

    def test_open_goals_pass(self):
        self.add_open_part()
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        self.assertIn("| Open model 1,000/s: achieved (sent) / target rate | +0.00 % | within ±0.5 % | PASS |", out)
        self.assertIn("| Open model 10,000/s: lag p99 | 0.900 ms | < 1 ms | PASS |", out)
        self.assertIn("| Open model p95 vs truth, 1 s pause every 4 s, 200/s | +0.0 % | within ±10 % of 0.805 s "
                      "| PASS |", out)
        self.assertIn("| Open model p99 vs truth, 1 s pause every 4 s, 200/s | +0.0 % | within ±10 % of 0.965 s "
                      "| PASS |", out)
        self.assertIn("| CPU per request, open / closed model at 1,000/s | 1.00x | <= 1.10x | PASS |", out)
        self.assertIn("| `co-closed-10` | closed, 10 users, no think time | 1,000 | 50.0 | 5.000 | 5.000 | 5.000 "
                      "| 1,005.000 |", out)
        self.assertIn("Open / closed: p95 161.0x, p99 193.0x.", out)
        self.assertIn("| `open-1000` | open, 1,000/s | 100,000 | 9.90 | 99.0 | 99% | 1 | 3 | 1% / 0% |", out)
        self.assertNotIn("## Throughput", out)  # parts=open: no closed-part tables, no closed goals
        self.assertNotIn("LoadRunner / C", out)

    def test_open_goals_fail_and_a_saturated_generator_is_said(self):
        self.add_open_part(sent_10000=297000, lag_10000=[[50, 90], [5000, 10]], saturated_10000=True,
                           closed_completed=80000)
        status, out = self.summarize()
        self.assertEqual(status, 1, out)
        self.assertIn("| Open model 10,000/s: achieved (sent) / target rate | -1.00 % | within ±0.5 % "
                      "| **FAIL** |", out)
        self.assertIn("| Open model 10,000/s: lag p99 | 5.000 ms | < 1 ms | **NOT JUDGED**: generator saturated "
                      "(loop_busy) |", out)
        self.assertIn("| CPU per request, open / closed model at 1,000/s | 0.80x | <= 1.10x | PASS |", out)

    def test_open_cpu_goal_is_judged_on_the_load_window_and_the_whole_process_ratio_is_printed(self):
        # Whole process: 9.9 s over 100,000 (open) and 50,000 (closed) completed requests: 0.50x. Load window: 33% and
        # 31% of a core over 30 s and 30,000 requests each: 330 and 310 µs per request, 1.06x: the goal's figure.
        self.add_open_part(closed_completed=50000, closed_window_cpu=31.0)
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        self.assertIn("| CPU per request, open / closed model at 1,000/s | 1.06x | <= 1.10x | PASS |", out)
        self.assertIn("| 30,000 | 33.0% | 330.0 |", out)
        self.assertIn("| 30,000 | 31.0% | 310.0 |", out)
        self.assertIn("Open / closed CPU per request: load window 1.06x (the goal), whole process 0.50x.", out)

    def test_open_cpu_goal_fails_on_the_load_window(self):
        self.add_open_part(closed_window_cpu=25.0)
        status, out = self.summarize()
        self.assertEqual(status, 1, out)
        self.assertIn("| CPU per request, open / closed model at 1,000/s | 1.32x | <= 1.10x | **FAIL** |", out)
        self.assertIn("Open / closed CPU per request: load window 1.32x (the goal), whole process 1.00x.", out)

    def test_open_goals_are_skipped_without_their_runs(self):
        self.add_open_part()
        os.remove(os.path.join(self.raw, "open-10000.rc"))
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        self.assertEqual(out.count("SKIP (LoadRunner not run)"), 2, out)
        self.assertIn("| `open-10000` | not run |", out)


if __name__ == "__main__":
    unittest.main()
