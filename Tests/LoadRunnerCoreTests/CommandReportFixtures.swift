import Foundation
import LoadRunnerModel

/// `ReportFixtures`' run told as a database failover under write load: stage 1 ends by count (reached), stage 2
/// by count too but its time limit comes first; five actions (replica stopped, replica promoted, a failed
/// optional one, a failed required one `at end`, one that never ran); three command monitors in two units
/// (replica2's lag has no value once it is stopped, and the monitors sample past the load); three checks (one
/// passes, one gets the wrong count, one's command fails). Fixed values only.
enum CommandReportFixtures {
    static func result() -> RunResult {
        var result = ReportFixtures.result(interrupted: false)
        result.provenance.profileName = "failover under writes"
        result.provenance.profileText = profileText
        result.provenance.endTime = ReportFixtures.start.addingTimeInterval(8)
        result.stages[0].requestLimit = 13
        result.stages[0].requestsSent = 13
        result.stages[0].reachedRequestLimit = true
        result.stages[1].requestLimit = 25
        result.stages[1].requestsSent = 19
        result.stages[1].reachedRequestLimit = false
        result.actions = actions
        result.commandMonitors = commandMonitors(windowsOf: result.stages)
        result.checks = checks
        return result
    }

    static let profileText = """
        name: failover under writes
        target: http://127.0.0.1:8085
        requests:
          - name: list items
            path: /items
          - name: 'search, "fuzzy"'
            method: POST
            path: /search
        stages:
          - { users: 10, requests: 13, duration: 3s, warmup: 1s }
          - { users: 20, requests: 25, duration: 3s, warmup: 1s }
        actions:
          - { name: stop replica2, after_requests: 12, run: docker stop replica2, required: true }
          - { name: promote replica1, at: 50%, run: ./lab/promote.sh replica1, required: true }
          - { name: snapshot metrics, at: 4s, run: curl -fsS http://127.0.0.1:9187/metrics -o metrics.txt }
          - { name: start replica2, at: end, run: docker start replica2, required: true }
          - { name: restore network, at: 90s, run: ./lab/net.sh restore }
        monitors:
          - { name: replica1 lag, run: ./lab/lag.sh replica1, unit: bytes }
          - { name: replica2 lag, run: ./lab/lag.sh replica2, unit: bytes }
          - { name: rows on replica1, run: ./lab/rows.sh replica1, unit: rows }
        checks:
          - { name: rows on primary, run: ./lab/rows.sh primary, equals: "{{ total.ok }}" }
          - { name: rows on replica1, run: "psql -h replica1 -tAc 'select count(*) from items' | tr -d ' '", equals: "{{ total.ok }}" }
          - { name: replica2 caught up, run: ./lab/lag.sh replica2, at_most: 0 }
        """

    static func run(
        _ start: Double, _ end: Double, exit: Int? = 0, stdout: String = "", stderr: String = ""
    ) -> ShellOutcome {
        ShellOutcome(
            startSeconds: start, endSeconds: end, exitStatus: exit, signal: nil, timedOut: false, launchError: nil,
            stdout: stdout, stderr: stderr)
    }

    static let actions = [
        ActionResult(
            name: "stop replica2", command: "docker stop replica2", when: "after 12 requests", required: true,
            run: run(2.4, 2.9, stdout: "replica2\n"), skippedBecause: nil),
        ActionResult(
            name: "promote replica1", command: "./lab/promote.sh replica1", when: "at 50%", required: true,
            run: run(3.25, 4.125, stdout: "server promoting\nwaiting for server to promote.... done\nserver promoted\n"),
            skippedBecause: nil),
        ActionResult(
            name: "snapshot metrics", command: "curl -fsS http://127.0.0.1:9187/metrics -o metrics.txt", when: "at 4s",
            required: false,
            run: run(4.0, 4.05, exit: 7, stderr: "curl: (7) Failed to connect to 127.0.0.1 port 9187: Connection refused\n"),
            skippedBecause: nil),
        ActionResult(
            name: "start replica2", command: "docker start replica2", when: "at end", required: true,
            run: run(6.0, 7.5, exit: 1, stdout: "", stderr: "Error response from daemon: container replica2 is restarting\nError: failed to start containers: replica2\n"),
            skippedBecause: nil),
        ActionResult(
            name: "restore network", command: "./lab/net.sh restore", when: "at 90s", required: false, run: nil,
            skippedBecause: "the run ended before its moment"),
    ]

    /// Samples at 0, 1, ... 7 s: past the load's end (6 s), as the monitors keep sampling through the `at end` actions.
    static func commandMonitors(windowsOf stages: [StageResult]) -> [CommandMonitorSeries] {
        func samples(_ values: [(Double?, String?)]) -> [CommandMonitorSample] {
            values.enumerated().map { CommandMonitorSample(atSeconds: Double($0.offset), value: $0.element.0, problem: $0.element.1) }
        }
        let replica1: [(Double?, String?)] = [(0, nil), (1_200, nil), (4_800, nil), (96_000, nil), (0, nil), (0, nil), (0, nil), (0, nil)]
        let replica2: [(Double?, String?)] = [
            (0, nil), (2_048, nil), (8_192, nil), (nil, "exit 2"), (nil, "exit 2"), (nil, "\"psql:\" is not a number"),
            (nil, "exit 2"), (nil, "still running from the last sample"),
        ]
        let rows: [(Double?, String?)] = [(0, nil), (7, nil), (13, nil), (15, nil), (20, nil), (26, nil), (26, nil), (26, nil)]
        return [
            CommandMonitorSeries(
                name: "replica1 lag", command: "./lab/lag.sh replica1", unit: "bytes", intervalSeconds: 1,
                samples: samples(replica1), windowsOf: stages),
            CommandMonitorSeries(
                name: "replica2 lag", command: "./lab/lag.sh replica2", unit: "bytes", intervalSeconds: 1,
                samples: samples(replica2), windowsOf: stages),
            CommandMonitorSeries(
                name: "rows on replica1", command: "./lab/rows.sh replica1", unit: "rows", intervalSeconds: 1,
                samples: samples(rows), windowsOf: stages),
        ]
    }

    static let checks = [
        CheckResult(
            name: "rows on primary", command: "./lab/rows.sh primary", comparison: .equals,
            expression: "{{ total.ok }}", expected: "28", actual: "28", passed: true, problem: nil,
            run: run(7.5, 7.625, stdout: "28\n")),
        CheckResult(
            name: "rows on replica1", command: "psql -h replica1 -tAc 'select count(*) from items' | tr -d ' '",
            comparison: .equals, expression: "{{ total.ok }}", expected: "28", actual: "26", passed: false,
            problem: "got 26, expected 28", run: run(7.625, 7.75, stdout: "26\n")),
        CheckResult(
            name: "replica2 caught up", command: "./lab/lag.sh replica2", comparison: .atMost, expression: "0",
            expected: "0", actual: nil, passed: false, problem: "exit 2",
            run: run(7.75, 7.875, exit: 2, stderr: "psql: error: connection to server at \"replica2\" (172.18.0.4), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n")),
    ]
}
