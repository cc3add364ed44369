import LoadRunnerAnalysis
import LoadRunnerModel
import LoadRunnerText

/// The **Monitored processes** of a comparison: stage-window means of each process both runs monitored;
/// nothing unless both runs monitored the same processes.
enum CompareResourcesSection {
    static let resourcesHeading = "Monitored processes"
    static let resourcesNote = "Stage-window means of each process tree both runs monitored: CPU in % of one core, "
        + "resident memory in MB, disk reads in MB/s (10^6 bytes). Report-only (no budget; they never fail the "
        + "comparison); lower is better."

    static func blocks(_ result: CompareResult) -> [Block] {
        guard let resources = result.resources, !resources.isEmpty else { return [] }
        return [.heading(2, resourcesHeading), .paragraph(resourcesNote), .table(table(resources))]
    }

    static func table(_ resources: [MetricComparison]) -> ReportTable {
        var table = ReportTable(columns: [
            .init("Stage", .right), .init("Process"), .init("Resource"), .init("Baseline", .right),
            .init("Candidate", .right), .init("Change", .right), .init("Change % [CI]", .right), .init("Verdict"),
        ])
        for resource in resources {
            table.append([
                String(resource.stage), resource.name, resourceName(resource),
                value(resource.baseline, resource.metric), value(resource.candidate, resource.metric),
                resource.change.map { CompareFormat.signed(value($0, resource.metric), $0) } ?? "-",
                changeWithInterval(resource), verdict(resource),
            ])
        }
        return table
    }

    /// `12.3 %`, `104.5 MB`, `0.12 MB/s`; `-` when missing.
    static func value(_ value: Double?, _ metric: MetricID) -> String {
        guard let value else { return "-" }
        switch metric.unit() {
        case .percent: return ReportNumber.fixed(value, decimals: 1) + " %"
        case .bytes: return ReportNumber.fixed(value / 1e6, decimals: 1) + " MB"
        case .bytesPerSecond: return ReportNumber.fixed(value / 1e6, decimals: 2) + " MB/s"
        default: return ReportNumber.fixed(value, decimals: 1)
        }
    }

    /// `cpu_pct`, ...; a command monitor's `mean (bytes)`.
    static func resourceName(_ resource: MetricComparison) -> String {
        guard let unit = resource.commandUnit else { return resource.metric.compareName }
        return unit.isEmpty ? resource.metric.compareName : "\(resource.metric.compareName) (\(unit))"
    }

    private static func changeWithInterval(_ resource: MetricComparison) -> String {
        let point = CompareFormat.percent(resource.relativeChange)
        guard resource.change != nil else { return point }
        guard let interval = resource.interval else {
            return point + " " + CompareMessages.noInterval(seconds: min(resource.baselineSeconds, resource.candidateSeconds))
        }
        if let low = interval.relativeLow, let high = interval.relativeHigh {
            return "\(point) [\(CompareFormat.percent(low)), \(CompareFormat.percent(high))]"
        }
        let metric = resource.metric
        return "\(point) [\(CompareFormat.signed(value(interval.low, metric), interval.low)), "
            + "\(CompareFormat.signed(value(interval.high, metric), interval.high))]"
    }

    private static func verdict(_ resource: MetricComparison) -> String {
        switch resource.verdict {
        case .worse: "worse"
        case .better: "better"
        case .noSignificantChange: "no significant change"
        case .notComparable: "not comparable"
        case .tooShort: CompareMessages.tooShortVerdict
        }
    }
}
