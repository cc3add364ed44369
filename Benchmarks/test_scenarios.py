"""Tests for scenarios.py (the scenarios part of summarize.py) on fixed raw outputs.

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
import scenarios  # noqa: E402
import summarize  # noqa: E402

CPU_SECONDS = 9.9  # every run's /usr/bin/time says 9.00 user + 0.90 system


def result_json(window_requests, completed, by_name=None, failures=0, flow=None):
    """A minimal result.json with one 10 s stage window, as LoadRunner writes it (only what scenarios.py reads).

    completed: requests the whole run completed (series' last total); flow: (completed, skipped) iterations.
    """
    rows = [{"name": name, "requests": count, "failures": 0} for name, count in (by_name or {}).items()]
    stage = {"number": 1, "windowStartSeconds": 2, "windowEndSeconds": 12, "requests": rows,
             "aggregated": {"name": "Aggregated", "requests": window_requests, "failures": failures}}
    if flow:
        stage["flows"] = [{"name": "create then read", "iterationsCompleted": flow[0], "iterationsSkipped": flow[1],
                           "iterationTime": {"buckets": []}}]
    return json.dumps({"schemaVersion": 2, "stages": [stage], "series": [
        {"second": 0, "aggregated": {"total": {"requests": 10, "failures": 0}}},
        {"second": 11, "aggregated": {"total": {"requests": completed + failures, "failures": failures}}}]})


class ScenariosTests(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.raw = self.directory.name
        self.write("meta.txt", "parts=scenarios\nscenario_seconds=10\nwarmup_seconds=2\nscenario_rounds=3\n")

    def tearDown(self):
        self.directory.cleanup()

    def write(self, name, text):
        path = os.path.join(self.raw, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    def add(self, name, result, rss_kb=40 * 1024, rc=0):
        self.write(f"{name}.rc", f"{rc}\n")
        self.write(f"{name}.time", f"{rss_kb} 99% 12.00 9.00 0.90\n")
        self.write(f"{name}.server", "1000 1600 100 12.0\n")
        self.write(f"{name}.cores", "100 1000 100 1000 100 2000 600 2000\n")
        if result is not None:
            self.write(f"{name}/result.json", result)

    def add_rounds(self, plain=(1080000, 1050000, 1100000), kept=(1090000, 1060000, 1080000),
                   flow=(770000, 700000, 760000), kept_rss_kb=40 * 1024, flow_failures=0):
        """Three rounds of each case. Whole-run completions set CPU per request (9.9 s / completed):
        plain 9.17, 9.43, 9 µs (best 9, spread 0.43 / 9 = 4.8%); the best kept round 9.9 / 1,090,000 s, the
        best flow round 9.9 / 770,000 s. Window requests are completions // 11, over a 10 s window."""
        for round_number in range(3):
            n = round_number + 1
            self.add(f"scenario-plain-{n}", result_json(plain[round_number] // 11, plain[round_number],
                                                        {"json": plain[round_number] // 11}))
            window = kept[round_number] // 11
            self.add(f"scenario-kept-{n}", result_json(window, kept[round_number],
                                                       {"json": window - window // 100, "json/checked": window // 100}),
                     rss_kb=kept_rss_kb)
            window = flow[round_number] // 11
            self.add(f"scenario-flow-{n}", result_json(window, flow[round_number], {"item/create": window // 3},
                                                       failures=flow_failures if n == 2 else 0,
                                                       flow=(window // 3, 0)))

    def summarize(self):
        result = subprocess.run(
            [sys.executable, os.path.join(HERE, "summarize.py"), self.raw, os.path.join(self.raw, "summary.md")],
            capture_output=True, text=True, timeout=60,
        )
        return result.returncode, result.stdout

    def test_run_names_are_found_and_ordered_by_round_then_case(self):
        for name in ("scenario-flow-2", "scenario-plain-2", "scenario-kept-1", "scenario-plain-10", "lr-100"):
            self.write(f"{name}.rc", "0\n")
        self.write("scenario-plain-3.time", "1 99% 1 1 1\n")  # no .rc: the run did not take place
        self.assertEqual([name for _, _, name in scenarios.run_names(self.raw)],
                         ["scenario-kept-1", "scenario-plain-2", "scenario-flow-2", "scenario-plain-10"])

    def test_result_json_is_read_into_rate_cpu_per_request_and_checks(self):
        self.add("scenario-kept-1", result_json(50000, 540000, {"json": 49500, "json/checked": 500}))
        self.add("scenario-flow-1", result_json(30000, 330000, {"item/create": 10000}, flow=(10000, 0)))
        kept = summarize.load_run(self.raw, "scenario-kept-1", scenarios.parse_result)
        self.assertEqual((kept.rps, kept.failures, kept.scenario_figures.kept_share), (5000.0, 0, 0.01))
        self.assertAlmostEqual(scenarios.cpu_micros_per_completed(kept), CPU_SECONDS / 540000 * 1e6)
        self.assertIsNone(kept.scenario_figures.requests_per_iteration)
        flow = summarize.load_run(self.raw, "scenario-flow-1", scenarios.parse_result)
        self.assertEqual((flow.scenario_figures.requests_per_iteration, flow.scenario_figures.iterations_skipped),
                         (3.0, 0))
        self.assertEqual(flow.rss_mb, 40.0)

    def test_goals_pass_on_the_medians_of_the_rounds(self):
        self.add_rounds()
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        # Best rounds: flow 9.9 / 770,000 s against plain 9.9 / 1,100,000 s per request: 1,100 / 770 = 1.429.
        self.assertIn("| Scenarios: CPU per request, flow (3 steps, 1 JSON capture) / plain | 1.43x | <= 1.50x "
                      "| PASS |", out)
        self.assertIn("| Scenarios: CPU per request, plain beside a kept body / plain | 1.009x | <= 1.05x | PASS |",
                      out)  # 1,100 / 1,090
        # Best window requests/s: 1,090,000 // 11 / 10 s against 1,100,000 // 11 / 10 s.
        self.assertIn("| Scenarios: requests/s, plain beside a kept body / plain | 0.991x | >= 0.95x | PASS |", out)
        self.assertIn("| Scenarios: max RSS, plain beside a kept body / plain | 1.000x | <= 1.05x | PASS |", out)
        # Plain's rounds: 9,818, 9,545, 10,000 requests/s and 9.17, 9.43, 9 µs per request.
        self.assertIn("| plain: plain mix: GET /json under two names (99% and 1%), no body kept | 3 | 10,000 / 9,818 | 9.00 / 9.17 | 4.8% | 40.0 | 1.000x "
                      "| 1.000x | 1.000x |", out)
        self.assertIn("| `scenario-kept-1` | 9,909 | 1,090,000 | 9.90 | 9.08 | 99% | 40.0 | 50% | 0 "
                      "| kept share 1.00% |", out)
        self.assertIn("| 3.000 requests / iteration, 0 skipped |", out)
        self.assertLess(out.index("`scenario-flow-1`"), out.index("`scenario-plain-2`"))  # by round
        self.assertNotIn("## Throughput", out)  # parts=scenarios: no closed-part tables

    def test_each_goal_can_fail(self):
        self.add_rounds(kept=(1020000, 980000, 990000), flow=(680000, 660000, 600000), kept_rss_kb=44 * 1024)
        status, out = self.summarize()
        self.assertEqual(status, 1, out)
        self.assertEqual(out.count("**FAIL**"), 4, out)
        self.assertIn("| 1.62x | <= 1.50x | **FAIL** |", out)  # 1,100 / 680
        self.assertIn("| 1.078x | <= 1.05x | **FAIL** |", out)  # 1,100 / 1,020
        self.assertIn("| 0.927x | >= 0.95x | **FAIL** |", out)  # 92,727 / 100,000
        self.assertIn("| 1.100x | <= 1.05x | **FAIL** |", out)  # RSS 44 / 40 MB

    def test_kept_goals_are_not_judged_when_the_rounds_differ_more_than_they_may(self):
        self.add_rounds(plain=(990000, 900000, 1100000))  # 10, 11, 9 µs per request: spread (11 - 9) / 9
        status, out = self.summarize()
        self.assertEqual(status, 1, out)
        reason = "**NOT JUDGED**: rounds differ by more than 5% (CPU spread: plain 22.2%); rerun on a quiet machine |"
        self.assertIn(f"| Scenarios: CPU per request, plain beside a kept body / plain | 1.009x | <= 1.05x | {reason}",
                      out)
        self.assertIn(f"| Scenarios: requests/s, plain beside a kept body / plain | 0.991x | >= 0.95x | {reason}", out)
        self.assertIn("| Scenarios: max RSS, plain beside a kept body / plain | 1.000x | <= 1.05x | PASS |", out)
        self.assertIn("| 1.43x | <= 1.50x | PASS |", out)  # the flow's 1.5x is far above such noise

    def test_failed_requests_mean_the_case_was_not_measured_as_designed(self):
        self.add_rounds(flow_failures=12)
        status, out = self.summarize()
        self.assertEqual(status, 1, out)
        self.assertIn("| Scenarios: CPU per request, flow (3 steps, 1 JSON capture) / plain | 1.43x | <= 1.50x "
                      "| **NOT JUDGED**: 12 failed requests in `scenario-flow-2` |", out)
        self.assertIn("| Scenarios: CPU per request, plain beside a kept body / plain | 1.009x | <= 1.05x | PASS |",
                      out)

    def test_goals_are_skipped_without_runs_and_a_run_without_result_is_an_error(self):
        status, out = self.summarize()
        self.assertEqual(status, 0, out)
        self.assertEqual(out.count("| SKIP (plain, "), 4, out)
        self.add_rounds()
        self.add("scenario-flow-3", None, rc=1)
        os.remove(os.path.join(self.raw, "scenario-flow-3", "result.json"))
        status, out = self.summarize()
        self.assertEqual(status, 2, out)
        self.assertIn("NO RESULT (flow)", out)
        self.assertIn("| `scenario-flow-3` | no result: exit status 1, see scenario-flow-3.log |", out)


if __name__ == "__main__":
    unittest.main()
