import LoadRunnerAnalysis

/// **Flows and visibility**: per stage, each `await:` read both runs have (time to visibility, stale and
/// not-visible shares), every read together, and each flow (iteration time, completed iterations, skipped share),
/// with baseline, candidate, change and verdict; nothing unless both runs have them.
enum CompareFlowsSection {
    static func blocks(_ result: CompareResult) -> [Block] {
        guard let flows = result.flows, !flows.isEmpty else { return [] }
        return [.heading(2, CompareMessages.flowsHeading), .paragraph(CompareMessages.flowsNote), .table(table(flows))]
    }

    /// One row per stage, read or flow and metric (the stage and name on their first row only).
    static func table(_ comparisons: [MetricComparison]) -> ReportTable {
        var table = ReportTable(columns: [
            .init("Stage", .right), .init("Name"), .init("Metric"), .init("Baseline", .right), .init("Candidate", .right),
            .init("Change", .right), .init("Change % [CI]", .right), .init("Budget"), .init("Verdict"),
        ])
        var previous: (stage: Int, name: String)?
        for comparison in comparisons {
            let first = previous.map { $0.stage != comparison.stage || $0.name != comparison.name } ?? true
            previous = (comparison.stage, comparison.name)
            table.append(cells: [
                [.text(first ? String(comparison.stage) : "")], [.text(first ? label(comparison) : "")],
            ] + [[.text(comparison.metric.measure.name)]]
                + CompareChangesSection.metricCells(comparison, withVerdict: true).dropFirst())
        }
        return table
    }

    /// `read user/get`, `all reads`, `flow checkout`.
    private static func label(_ comparison: MetricComparison) -> String {
        switch comparison.metric.subject {
        case .flow: "flow " + comparison.name
        case .visibility(nil, _): comparison.name
        default: "read " + comparison.name
        }
    }
}
