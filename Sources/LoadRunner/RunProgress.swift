import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText
import Synchronization

/// Shows the run's progress: a live line each second (redrawn in place on a terminal, plain lines in a
/// CI log) and the per-second history file. Called from the engine's reporter task.
final class RunProgress: RunObserver {
    private let console: Console
    private let quiet: Bool
    private let history: HistoryFile
    private let stageCount: Int
    /// Per stage, an open stage's target rate as the profile writes it (`200/s`); nil for a closed stage.
    private let stageRates: [String?]
    private let state = Mutex(State())

    private struct State {
        var lineShown = false
        var historyFailed = false
    }

    init(console: Console, quiet: Bool, history: HistoryFile, stages: [Stage]) {
        self.console = console
        self.quiet = quiet
        self.history = history
        stageCount = stages.count
        stageRates = stages.map { $0.rate?.text }
    }

    func runStarted(at date: Date) {}

    func secondCompleted(_ sample: SecondSample) {
        do {
            try history.append(sample)
        } catch {
            let first = state.withLock { state in
                defer { state.historyFailed = true }
                return !state.historyFailed
            }
            if first { report(CLIMessages.cannotAppendHistory(reason: OutputFolder.reason(error))) }
        }
        guard !quiet else { return }
        let rate = sample.stage >= 1 && sample.stage <= stageRates.count ? stageRates[sample.stage - 1] : nil
        let line = LiveLine.format(
            elapsedSeconds: sample.second + 1, stage: sample.stage, stageCount: stageCount, users: sample.users,
            rate: rate, sample: sample)
        if console.isTerminal {
            console.writeOut("\r\u{1B}[2K" + line)
            state.withLock { $0.lineShown = true }
        } else {
            console.line(line)
        }
    }

    /// Ends the live line and prints `diagnostic`, its texts sanitized (they may quote a command's output).
    func report(_ diagnostic: Diagnostic) {
        endLiveLine()
        var shown = diagnostic
        shown.message = TerminalText.sanitized(diagnostic.message)
        shown.hint = diagnostic.hint.map(TerminalText.sanitized)
        console.report(shown)
    }

    /// Ends the live line so what follows starts on a fresh line.
    func finish() { endLiveLine() }

    private func endLiveLine() {
        let shown = state.withLock { state in
            defer { state.lineShown = false }
            return state.lineShown
        }
        if shown { console.writeOut("\n") }
    }
}
