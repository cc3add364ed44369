import LoadRunnerAnalysis
import LoadRunnerText

/// The messages of `merge`; part of `CLIMessages`.
extension CLIMessages {
    /// One reason the shard results cannot be merged (`ShardMergeProblem.message`).
    static func shardsRefused(_ problem: ShardMergeProblem) -> Diagnostic { .error(problem.message) }

    /// The count line after the refusals.
    static func shardsRefusedSummary(_ count: Int) -> Diagnostic {
        .error("nothing merged: \(count) problem\(count == 1 ? "" : "s") (exit \(ExitStatus.mergeRefused.rawValue))",
               hint: "merge the result folders of every shard of one launch, none interrupted")
    }

    /// Shard 0's profile text did not yield its thresholds (it was edited by hand, or written by another version).
    static func mergeThresholdsUnreadable(_ source: String) -> Diagnostic {
        .error("the profile kept in \(source) has thresholds that do not parse, so the merged result cannot be judged",
               hint: "merge results written by one LoadRunner version, unedited")
    }

    static func merged(_ count: Int, into folder: String) -> String {
        "\(count) shard\(count == 1 ? "" : "s") merged; results in \(folder) (open report.md first)"
    }
}
