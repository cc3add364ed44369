import LoadRunnerModel
import LoadRunnerText

/// The report's title and its summary line: target, start and end (UTC), duration, and whether the run completed.
enum SummarySection {
    static func title(_ result: RunResult) -> String { "LoadRunner report: \(result.provenance.profileName)" }

    static func blocks(_ result: RunResult) -> [Block] {
        let provenance = result.provenance
        return [
            .heading(1, title(result)),
            .paragraph([
                .text("Target "), .code(provenance.target),
                .text(" · \(UTCTimestamp.seconds(provenance.startTime)) to \(UTCTimestamp.seconds(provenance.endTime)) "
                    + "(UTC) · \(ReportText.duration(seconds: result.durationSeconds)) · "),
                result.interrupted ? .strong("interrupted") : .text("completed"),
            ]),
        ]
    }
}
