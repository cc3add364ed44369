import LoadRunnerModel

/// One file LoadRunner writes into a run, comparison or `ab` folder: its name, what it holds, when it is written and
/// the one type that writes it. `OutputFile.all` lists them; the writers, the folder guard and docs/architecture.md
/// read that list, and a CLI test checks it against a real run's folder.
package struct OutputFile: Sendable, Equatable {
    /// Which folder a file goes into.
    package enum Folder: String, Sendable {
        case run, compare, ab
    }

    /// When a file is written.
    package enum Moment: String, Sendable {
        /// Created when the run starts and appended every second, so a killed run keeps what it measured.
        case everySecond = "every second during the run"
        /// At the end of every run (and by `report`).
        case always = "at the end of every run"
        /// At the end of a run that has what the file holds (open stages, monitors, command monitors, checks,
        /// actions).
        case whenPresent = "at the end of a run that has them"
        /// By `compare`.
        case compare = "by compare"
        /// By `ab`.
        case ab = "by ab"
    }

    /// The file name, or for a family of files its pattern with `*` (`chart-*.svg`).
    package var name: String
    package var folder: Folder
    /// What the file holds, in a few words.
    package var holds: String
    package var written: Moment
    /// The type whose code writes the file; no other code writes it.
    package var owner: String

    package init(_ name: String, _ folder: Folder, _ written: Moment, owner: String, holds: String) {
        self.name = name
        self.folder = folder
        self.holds = holds
        self.written = written
        self.owner = owner
    }

    /// True when `fileName` is this file (or, for a pattern, one of its family).
    package func matches(_ fileName: String) -> Bool {
        guard let star = name.firstIndex(of: "*") else { return fileName == name }
        let prefix = name[..<star]
        let suffix = name[name.index(after: star)...]
        return fileName.count > prefix.count + suffix.count && fileName.hasPrefix(prefix) && fileName.hasSuffix(suffix)
    }
}

extension OutputFile {
    /// Every file of a run folder, a comparison folder and an `ab` folder, in the order a reader meets them.
    package static let all: [OutputFile] = [
        OutputFile(RunOutputs.resultJSON, .run, .always, owner: "RunOutputs (ResultJSON)",
                   holds: "everything measured; every other file can be rebuilt from it"),
        OutputFile(RunOutputs.locustHistoryCSV, .run, .everySecond, owner: "HistoryFile (LocustHistoryCSV)",
                   holds: "Locust's _stats_history.csv columns and layout, one block per second"),
        OutputFile(RunOutputs.stagesCSV, .run, .always, owner: "RunOutputs (StagesCSV)",
                   holds: "per stage and request name, over the stage windows"),
        OutputFile(RunOutputs.reportMarkdown, .run, .always, owner: "RunOutputs (RunReport, MarkdownWriter)",
                   holds: "the report a person reads first, linking the charts"),
        OutputFile(RunOutputs.reportHTML, .run, .always, owner: "RunOutputs (RunReport, HTMLWriter)",
                   holds: "the same report as one self-contained page, charts inline"),
        OutputFile(RunCharts.rateFileName, .run, .whenPresent, owner: "RunOutputs (RunCharts)",
                   holds: "open stages: offered (due) against achieved (completed) arrivals per second"),
        OutputFile(RunCharts.latencyServiceFileName, .run, .whenPresent, owner: "RunOutputs (RunCharts)",
                   holds: "open stages: latency p95 from the intended time against service p95 per second"),
        OutputFile("chart-*.svg", .run, .always, owner: "RunOutputs (RunCharts)",
                   holds: "the run over time: throughput, latency, users, monitors"),
        OutputFile(RunOutputs.locustStatsCSV, .run, .always, owner: "RunOutputs (LocustStatsCSV)",
                   holds: "Locust's _stats.csv columns over the whole run"),
        OutputFile(RunOutputs.locustFailuresCSV, .run, .always, owner: "RunOutputs (LocustFailuresCSV)",
                   holds: "Locust's _failures.csv columns"),
        OutputFile(RunOutputs.monitorsCSV, .run, .whenPresent, owner: "RunOutputs (MonitorsCSV)",
                   holds: "the monitored processes, one row per second"),
        OutputFile(RunOutputs.commandMonitorsCSV, .run, .whenPresent, owner: "RunOutputs (CommandMonitorsCSV)",
                   holds: "the command monitors' samples"),
        OutputFile(RunOutputs.checksCSV, .run, .whenPresent, owner: "RunOutputs (ChecksCSV)",
                   holds: "how each check fared"),
        OutputFile(RunOutputs.actionsCSV, .run, .whenPresent, owner: "RunOutputs (ActionsCSV)",
                   holds: "how each action fared"),
        OutputFile(CompareOutputs.json, .compare, .compare, owner: "CompareOutputs (CompareJSON)",
                   holds: "the whole comparison, for machines"),
        OutputFile(CompareOutputs.csv, .compare, .compare, owner: "CompareOutputs (CompareCSV)",
                   holds: "one row per stage, request name and metric"),
        OutputFile("compare-*.svg", .compare, .compare, owner: "CompareOutputs (CompareCharts)",
                   holds: "baseline and candidate per stage"),
        OutputFile(CompareOutputs.markdown, .compare, .compare, owner: "CompareOutputs (CompareReport, MarkdownWriter)",
                   holds: "what a person reads to see what a change did"),
        OutputFile(CompareOutputs.html, .compare, .compare, owner: "CompareOutputs (CompareReport, HTMLWriter)",
                   holds: "the same as one self-contained page, charts inline"),
        OutputFile(AbReport.markdownFileName, .ab, .ab, owner: "AbSession (AbReport, MarkdownWriter)",
                   holds: "each round's A and B values, paired differences, intervals and verdicts"),
        OutputFile(AbJSON.fileName, .ab, .ab, owner: "AbSession (AbJSON)", holds: "the same, for machines"),
        OutputFile("rounds", .ab, .ab, owner: "AbSession (ResultJSON)",
                   holds: "a folder per round (01-a, 01-b, 02-b, ...), each with its result.json"),
    ]

    /// True when LoadRunner writes files named `fileName` into `folder`.
    package static func isListed(_ fileName: String, in folder: Folder? = nil) -> Bool {
        all.contains { ($0.folder == folder || folder == nil) && $0.matches(fileName) }
    }

    /// The names a finished run folder holds for `result`: what `RunOutputs` writes, and the history CSV.
    package static func runFolder(for result: RunResult) -> [String] {
        RunOutputs.fileNames(for: result) + [RunOutputs.locustHistoryCSV]
    }
}
