"""Tests for delay_server.py's pause rule (when a held reply goes out), without a server or a clock.

    python3 -m unittest discover -s Benchmarks -p 'test_*.py'
"""
import os
import sys
import unittest

sys.dont_write_bytecode = True  # keep Benchmarks/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from delay_server import Pauses  # noqa: E402


class PausesTests(unittest.TestCase):
    def test_replies_due_in_the_last_second_of_each_cycle_wait_for_its_end(self):
        pauses = Pauses(start=100.0, every=4.0, pause_for=1.0)  # pauses [103, 104), [107, 108), ...
        due = [100.0, 102.9, 103.0, 103.5, 103.999, 104.0, 106.0, 107.25, 111.0]
        self.assertEqual([pauses.release_time(t) for t in due],
                         [100.0, 102.9, 104.0, 104.0, 104.0, 104.0, 106.0, 108.0, 112.0])

    def test_without_pauses_every_reply_goes_out_when_due(self):
        self.assertEqual(Pauses(start=5.0, every=0.0, pause_for=0.0).release_time(7.5), 7.5)

    def test_a_quarter_of_evenly_spread_replies_wait_evenly_up_to_one_second(self):
        # The analytic truth of README.md: 1 s pauses every 4 s, arrivals every 5 ms over 5 cycles.
        pauses = Pauses(start=0.0, every=4.0, pause_for=1.0)
        waits = sorted(pauses.release_time(k * 0.005) - k * 0.005 for k in range(4000))
        self.assertEqual(sum(1 for w in waits if w > 0), 1000)
        self.assertAlmostEqual(waits[int(0.95 * 4000) - 1], 0.8, places=2)  # p95 (rank 3800)
        self.assertAlmostEqual(waits[int(0.99 * 4000) - 1], 0.96, places=2)  # p99 (rank 3960)


if __name__ == "__main__":
    unittest.main()
