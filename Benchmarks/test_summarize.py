"""Tests for summarize.py on fixed raw outputs: parsing each tool and judging each goal.

    python3 -m unittest discover -s Benchmarks -p 'test_*.py'
"""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep Benchmarks/ free of __pycache__
sys.path.insert(0, HERE)
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

    def add_c(self, users, rps):
        self.add_run(f"c-{users}")
        self.write(f"c-{users}.out", f'{{"tool":"c-curl-multi","concurrency":{users},"seconds":8,'
                                     f'"requests":1,"failures":0,"rps":{rps}}}\n')

    def add_lr(self, name, users, rps, p50=0.5, rss_kb=30 * 1024, failures=0):
        self.add_run(name, rss_kb=rss_kb)
        self.write(f"{name}/stages.csv", STAGES_CSV.format(users=users, rps=rps, p50=p50, failures=failures))

    def add_wrk(self, name, rps, p50="20.00ms", errors=""):
        self.add_run(name)
        self.write(f"{name}.out", WRK_OUT.format(rps=rps, p50=p50, errors=errors))

    def add_everything(self, lr_100=60000, lr_1000=32000, lr_rss_kb=40 * 1024, lr_p50=20.5):
        self.add_c(100, 70000)
        self.add_c(1000, 38000)
        self.add_run("locust-100")
        self.write("locust-100_stats.csv", LOCUST_CSV)
        self.add_wrk("wrk-100", 150000, "350.00us")
        self.add_wrk("wrk-1000", 120000, "8.00ms")
        self.add_wrk("delay-wrk", 2400, "20.00ms")
        self.add_lr("lr-100", 100, lr_100)
        self.add_lr("lr-1000", 1000, lr_1000, rss_kb=lr_rss_kb)
        self.add_lr("delay-lr", 50, 2390, p50=lr_p50)

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
        self.add_wrk("wrk-100", 1000, errors="  Socket errors: connect 1, read 2, write 0, timeout 3\n"
                                              "  Non-2xx or 3xx responses: 4\n")
        run = summarize.load_run(self.raw, "wrk-100", summarize.parse_wrk)
        self.assertEqual((run.rps, run.failures, run.p50_ms), (1000.0, 10, 20.0))

    def test_all_goals_pass(self):
        self.add_everything()
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        self.assertIn("| LoadRunner / C at 100 users | 0.86x | >= 0.8x | PASS |", out)
        self.assertIn("| LoadRunner / Locust FastHttpUser at 100 users | 6.00x | >= 4x | PASS |", out)
        self.assertIn("| LoadRunner / C at 1000 users | 0.84x | >= 0.8x | PASS |", out)
        self.assertIn("| LoadRunner max RSS at 1000 users | 40.0 MB | < 64 MB | PASS |", out)
        self.assertIn("| LoadRunner p50 vs wrk p50, 20 ms server delay | +2.5 % | within ±5 % | PASS |", out)
        self.assertIn("| 100 | 10,000 | 0.14x | 99% | 99.0 | 10.0 | 50% | 1% / 0% | 0 |", out)  # Locust

    def test_each_goal_can_fail(self):
        self.add_everything(lr_100=20000, lr_1000=30000, lr_rss_kb=70 * 1024, lr_p50=22)
        status, out = self.summarize()
        self.assertEqual(status, 1, out)
        self.assertEqual(out.count("**FAIL**"), 5, out)

    def test_goals_are_skipped_without_loadrunner(self):
        self.add_everything()
        for name in ("lr-100", "lr-1000", "delay-lr"):
            os.remove(os.path.join(self.raw, f"{name}.rc"))
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        self.assertEqual(out.count("SKIP (LoadRunner not run)"), 5, out)
        self.assertIn("| LoadRunner | 100 | not run (no binary) |", out)

    def test_a_tool_without_output_is_an_error(self):
        self.add_everything()
        self.add_run("lr-100", rc=1)
        os.remove(os.path.join(self.raw, "lr-100", "stages.csv"))
        status, out = self.summarize()
        self.assertEqual(status, 2, out)
        self.assertIn("no result: exit status 1, see lr-100.log", out)
        self.assertIn("NO RESULT (LoadRunner)", out)


if __name__ == "__main__":
    unittest.main()
