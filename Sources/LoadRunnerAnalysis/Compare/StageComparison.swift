/// One stage present in both runs: its setting in each run and every compared metric.
package struct StageComparison: Codable, Sendable, Equatable {
    /// The 1-based stage number both runs share.
    package let number: Int
    package let baselineUsers: Int
    package let candidateUsers: Int
    /// Length of each run's statistics window, in seconds.
    package let baselineWindowSeconds: Double
    package let candidateWindowSeconds: Double
    /// Each run's target rate when its stage is open (`rate:`); nil for a closed stage (and in files written
    /// before compare kept it).
    package let baselineRate: TargetRate?
    package let candidateRate: TargetRate?
    /// Per request name (baseline profile order) then the `Aggregated` row; per row,
    /// `MetricID.comparedRequestMeasures` order.
    package let metrics: [MetricComparison]

    package init(
        number: Int, baselineUsers: Int, candidateUsers: Int, baselineWindowSeconds: Double,
        candidateWindowSeconds: Double, baselineRate: TargetRate? = nil, candidateRate: TargetRate? = nil,
        metrics: [MetricComparison]
    ) {
        self.number = number
        self.baselineUsers = baselineUsers
        self.candidateUsers = candidateUsers
        self.baselineWindowSeconds = baselineWindowSeconds
        self.candidateWindowSeconds = candidateWindowSeconds
        self.baselineRate = baselineRate
        self.candidateRate = candidateRate
        self.metrics = metrics
    }

    /// True when the stage is open in either run: the compare report then shows its open figures.
    package var isOpen: Bool { baselineRate != nil || candidateRate != nil }

    /// The compared rows in order, each with its metrics: `(name, method, metrics)`.
    package var rows: [(name: String, method: String, metrics: [MetricComparison])] {
        var rows: [(name: String, method: String, metrics: [MetricComparison])] = []
        for metric in metrics {
            if let last = rows.last, last.name == metric.name, last.method == metric.method {
                rows[rows.count - 1].metrics.append(metric)
            } else {
                rows.append((metric.name, metric.method, [metric]))
            }
        }
        return rows
    }
}
