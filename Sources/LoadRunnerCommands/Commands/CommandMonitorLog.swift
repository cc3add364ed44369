import Foundation
import LoadRunnerEngine
import LoadRunnerModel

/// One command monitor's samples in the order they were taken, and what the observer was told: a
/// monitor's first failed sample (exit status, timeout, output that is no number), and again only after it
/// gave a value; a sample missing because the previous command was still running is told once per run,
/// since a command slower than its interval would otherwise be told every few samples.
struct CommandMonitorLog: Sendable {
    let name: String
    let interval: Duration
    private(set) var samples: [CommandMonitorSample] = []
    private var failing = false
    private var toldStillRunning = false

    /// How much of the first line of a failing command's standard error a sample keeps.
    static let maxStderrCharacters = 120

    init(name: String, interval: Duration) {
        self.name = name
        self.interval = interval
    }

    /// Records the sample of `run`; returns the message for the observer when the monitor started failing.
    mutating func record(_ run: ShellOutcome) -> String? {
        append(Self.sample(of: run))
    }

    /// Records a sample missing because the previous run was still going at `atSeconds`; returns the message
    /// for the observer the first time in the run. Neither a failure nor a recovery of the monitor.
    mutating func recordStillRunning(atSeconds: Double) -> String? {
        samples.append(CommandMonitorSample(atSeconds: atSeconds, value: nil, problem: CommandMessages.commandMonitorStillRunning))
        guard !toldStillRunning else { return nil }
        toldStillRunning = true
        return CommandMessages.commandMonitorSlow(
            name, atSeconds: atSeconds, intervalSeconds: Double(CommandRunner.micros(interval)) / 1_000_000)
    }

    /// The value a run printed, or why there is none: how it failed (`exit 3: permission denied`,
    /// `timed out after 5s`, `could not start: ...`) or why its output is no number.
    static func sample(of run: ShellOutcome) -> CommandMonitorSample {
        let problem: String?
        var value: Double?
        if let status = run.exitStatus, status != 0, !run.timedOut {
            problem = CommandMessages.commandMonitorExit(status, stderrLine: firstLine(of: run.stderr))
        } else if !run.succeeded {
            problem = run.outcome
        } else {
            (value, problem) = CommandMonitorReading.value(stdout: run.stdout)
        }
        return CommandMonitorSample(atSeconds: run.startSeconds, value: value, problem: problem)
    }

    /// The first non-blank line, trimmed and cut to `maxStderrCharacters`.
    static func firstLine(of text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline)
            .lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        return String(line.prefix(maxStderrCharacters))
    }

    private mutating func append(_ sample: CommandMonitorSample) -> String? {
        samples.append(sample)
        guard sample.value == nil else {
            failing = false
            return nil
        }
        guard !failing else { return nil }
        failing = true
        return CommandMessages.commandMonitorProblem(name, problem: sample.problem ?? "no value", atSeconds: sample.atSeconds)
    }
}
