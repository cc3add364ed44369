from locust import FastHttpUser, constant, task


class LoadRunnerEquivalent(FastHttpUser):
    wait_time = constant(0)

    @task(3)
    def delay(self):
        self.client.get("/delay/20", name="delay")

    @task(1)
    def fail(self):
        self.client.get("/status/503", name="fail")