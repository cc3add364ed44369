/// One stage present in both runs: its setting in each run and every compared metric.
package struct StageComparison: Codable, Sendable, Equatable {
    /// The 1-based stage number both runs share.
    package let number: Int
    package let baselineUsers: Int
    package let candidateUsers: Int
    /// Length of each run's statistics window, in seconds.
    package let baselineWindowSeconds: Double
    package let candidateWindowSeconds: Double
    /// Per request name (baseline profile order) then the `Aggregated` row; per row,
    /// `MetricID.comparedRequestMeasures` order.
    package let metrics: [MetricComparison]

    package init(
        number: Int, baselineUsers: Int, candidateUsers: Int, baselineWindowSeconds: Double,
        candidateWindowSeconds: Double, metrics: [MetricComparison]
    ) {
        self.number = number
        self.baselineUsers = baselineUsers
        self.candidateUsers = candidateUsers
        self.baselineWindowSeconds = baselineWindowSeconds
        self.candidateWindowSeconds = candidateWindowSeconds
        self.metrics = metrics
    }

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
