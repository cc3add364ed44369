/// What `PrometheusText` writes, kept both ways: the text exposition and the samples it holds, so that pushing
/// (`--out-prometheus`, `RemoteWriteRequest`) sends exactly the series `/metrics` serves.
package struct PrometheusExposition: Sendable, Equatable {
    /// One sample: its metric name, labels in the order written, and value.
    package struct Sample: Sendable, Equatable {
        package var name: String
        package var labels: [(String, String)]
        package var value: Double

        package init(name: String, labels: [(String, String)], value: Double) {
            self.name = name
            self.labels = labels
            self.value = value
        }

        package static func == (lhs: Sample, rhs: Sample) -> Bool {
            lhs.name == rhs.name && lhs.value.bitPattern == rhs.value.bitPattern
                && lhs.labels.map(\.0) == rhs.labels.map(\.0) && lhs.labels.map(\.1) == rhs.labels.map(\.1)
        }
    }

    /// The text exposition without timestamps.
    package var text = ""
    package var samples: [Sample] = []

    package init() {}
}
