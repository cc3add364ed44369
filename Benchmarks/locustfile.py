"""Locust's fastest user type against the benchmark route, for Benchmarks/run.sh.

FastHttpUser (geventhttpclient) with no think time and one task, so Locust does the same
work per request as LoadRunner and the C baseline: a keep-alive GET of /json.
run.sh starts it as:
    taskset -c 0 locust -f Benchmarks/locustfile.py --headless -u 100 -r 100 -t 15s \
        --host http://127.0.0.1:PORT --csv Benchmarks/results/locust --only-summary --reset-stats
and reads "Requests/s" from the Aggregated row of Benchmarks/results/locust_stats.csv.
"""
from locust import FastHttpUser, constant, task


class JsonUser(FastHttpUser):
    """A user that GETs /json back to back, on one keep-alive connection."""

    wait_time = constant(0)

    @task
    def json(self):
        self.client.get("/json")
