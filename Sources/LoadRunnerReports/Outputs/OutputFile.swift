import LoadRunnerModel

/// One file LoadRunner writes into a run or comparison folder: its name, what it holds, when it is written and
/// the one type that writes it. `OutputFile.all` lists them; the writers, the folder guard and docs/architecture.md
/// read that list, and a CLI test checks it against a real run's folder.
package struct OutputFile: Sendable, Equatable {
    /// Which folder a file goes into.
    package enum Folder: String, Sendable {
        case run, compare
    }

    /// When a file is written.
    package enum Moment: String, Sendable {
        /// Created when the run starts and appended every second, so a killed run keeps what it measured.
        case everySecond = "every second during the run"
        /// At the end of every run (and by `report`).
        case always = "at the end of every run"
        /// At the end of a run that has what the file holds (monitors, command monitors, checks, actions).
        case whenPresent = "at the end of a run that has them"
        /// By `compare`.
        case compare = "by compare"
    }

    /// The file name, or for a family of files its pattern with `*` (`chart-*.svg`).
    package var name: String
    package var folder: Folder
    /// What the file holds, in a few words.
    package var holds: String
    package var written: Moment
    /// The type whose code writes the file; no other code writes it.
    package var owner: String

    /// True when `fileName` is this file (or, for a pattern, one of its family).
    package func matches(_ fileName: String) -> Bool {
        guard let star = name.firstIndex(of: "*") else { return fileName == name }
        let prefix = name[..<star]
        let suffix = name[name.index(after: star)...]
        return fileName.count > prefix.count + suffix.count && fileName.hasPrefix(prefix) && fileName.hasSuffix(suffix)
    }
}

extension OutputFile {
    /// Every file of a run folder and of a comparison folder, in the order a reader meets them.
    package static let all: [OutputFile] = [
        OutputFile(name: RunOutputs.resultJSON, folder: .run, holds: "everything measured; every other file can be rebuilt from it",
                   written: .always, owner: "RunOutputs (ResultJSON)"),
        OutputFile(name: RunOutputs.locustHistoryCSV, folder: .run, holds: "Locust's _stats_history.csv columns, one row per second and name",
                   written: .everySecond, owner: "HistoryFile (LocustHistoryCSV)"),
        OutputFile(name: RunOutputs.stagesCSV, folder: .run, holds: "per stage and request name, over the stage windows",
                   written: .always, owner: "RunOutputs (StagesCSV)"),
        OutputFile(name: RunOutputs.reportMarkdown, folder: .run, holds: "the report a person reads first, linking the charts",
                   written: .always, owner: "RunOutputs (RunReport, MarkdownWriter)"),
        OutputFile(name: RunOutputs.reportHTML, folder: .run, holds: "the same report as one self-contained page, charts inline",
                   written: .always, owner: "RunOutputs (RunReport, HTMLWriter)"),
        OutputFile(name: "chart-*.svg", folder: .run, holds: "the run over time: throughput, latency, users, monitors",
                   written: .always, owner: "RunOutputs (RunCharts)"),
        OutputFile(name: RunOutputs.locustStatsCSV, folder: .run, holds: "Locust's _stats.csv columns over the merged windows",
                   written: .always, owner: "RunOutputs (LocustStatsCSV)"),
        OutputFile(name: RunOutputs.locustFailuresCSV, folder: .run, holds: "Locust's _failures.csv columns",
                   written: .always, owner: "RunOutputs (LocustFailuresCSV)"),
        OutputFile(name: RunOutputs.monitorsCSV, folder: .run, holds: "the monitored processes, one row per second",
                   written: .whenPresent, owner: "RunOutputs (MonitorsCSV)"),
        OutputFile(name: RunOutputs.commandMonitorsCSV, folder: .run, holds: "the command monitors' samples",
                   written: .whenPresent, owner: "RunOutputs (CommandMonitorsCSV)"),
        OutputFile(name: RunOutputs.checksCSV, folder: .run, holds: "how each check fared",
                   written: .whenPresent, owner: "RunOutputs (ChecksCSV)"),
        OutputFile(name: RunOutputs.actionsCSV, folder: .run, holds: "how each action fared",
                   written: .whenPresent, owner: "RunOutputs (ActionsCSV)"),
        OutputFile(name: CompareOutputs.json, folder: .compare, holds: "the whole comparison, for machines",
                   written: .compare, owner: "CompareOutputs (CompareJSON)"),
        OutputFile(name: CompareOutputs.csv, folder: .compare, holds: "one row per stage, request name and metric",
                   written: .compare, owner: "CompareOutputs (CompareCSV)"),
        OutputFile(name: "compare-*.svg", folder: .compare, holds: "baseline and candidate per stage",
                   written: .compare, owner: "CompareOutputs (CompareCharts)"),
        OutputFile(name: CompareOutputs.markdown, folder: .compare, holds: "what a person reads to see what a change did",
                   written: .compare, owner: "CompareOutputs (CompareReport, MarkdownWriter)"),
        OutputFile(name: CompareOutputs.html, folder: .compare, holds: "the same as one self-contained page, charts inline",
                   written: .compare, owner: "CompareOutputs (CompareReport, HTMLWriter)"),
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
