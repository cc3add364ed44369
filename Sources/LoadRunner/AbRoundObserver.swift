import Foundation
import LoadRunnerEngine
import LoadRunnerModel
import LoadRunnerText

/// What `ab` shows of a round while it runs: its warnings and notes only (one line per round follows at its end).
struct AbRoundObserver: RunObserver {
    var console: Console

    func runStarted(at date: Date) {}
    func secondCompleted(_ sample: SecondSample) {}

    func report(_ diagnostic: Diagnostic) {
        var shown = diagnostic
        shown.message = TerminalText.sanitized(diagnostic.message)
        shown.hint = diagnostic.hint.map(TerminalText.sanitized)
        console.report(shown)
    }
}
