import LoadRunnerAnalysis
import LoadRunnerModel

/// The compare charts of monitors: one chart per process and resource, and one per command monitor, stage by stage.
extension CompareCharts {
    /// CPU (%), resident memory (bytes), PSS (bytes, when compared) and disk reads (bytes/s) of each process in
    /// `resources`, as extra series for `charts(stages:baselineLabel:candidateLabel:extra:)`; ids `cpu-<process>`,
    /// `memory-<process>`, `memory-pss-<process>`, `disk-read-<process>`; the mean of each command monitor, id `command-<name>`. `users` gives each stage's users
    /// (the baseline's) for the bar labels.
    package static func series(resources: [MetricComparison], users: [Int: Int]) -> [ComparedSeries] {
        var processes: [String] = []
        for resource in resources where !processes.contains(resource.name) { processes.append(resource.name) }
        return processes.flatMap { process in
            let isCommand = resources.contains { $0.name == process && $0.metric == MetricID(.command(process), .mean) }
            let measures: [MetricMeasure] = isCommand ? [.mean] : MetricID.comparedProcessMeasures
            return measures.compactMap { measure -> ComparedSeries? in
                let metric = MetricID(isCommand ? .command(process) : .monitor(process), measure)
                let points = resources.filter { $0.metric == metric }.map {
                    ComparedPoint(stage: $0.stage, users: users[$0.stage] ?? 0, baseline: $0.baseline, candidate: $0.candidate)
                }
                return switch measure {
                case .cpu:
                    ComparedSeries(
                        id: "cpu-\(process)", title: "\(process): CPU per stage", axisTitle: "CPU (of one core)",
                        unit: .percent, points: points)
                case .rss:
                    ComparedSeries(
                        id: "memory-\(process)", title: "\(process): resident memory per stage",
                        axisTitle: "Resident memory", unit: .bytes, points: points)
                case .pss:
                    points.isEmpty ? nil : ComparedSeries(
                        id: "memory-pss-\(process)", title: "\(process): proportional memory (PSS) per stage",
                        axisTitle: "PSS", unit: .bytes, points: points)
                case .diskRead:
                    ComparedSeries(
                        id: "disk-read-\(process)", title: "\(process): disk reads per stage", axisTitle: "Disk reads",
                        unit: .bytesPerSecond, points: points)
                default:
                    points.isEmpty ? nil : ComparedSeries(
                        id: "command-\(process)", title: "\(process): mean per stage",
                        axisTitle: resources.first { $0.name == process }?.commandUnit ?? "", unit: .count, points: points)
                }
            }
        }
    }
}
