import LoadRunnerModel

/// What `PrometheusText` writes, kept three ways: the text exposition, the samples it holds (so that pushing,
/// `--out-prometheus` with `RemoteWriteRequest`, sends exactly the series `/metrics` serves) and the metric
/// families with their latency histograms whole (what `PrometheusProtobuf` encodes, native histograms included).
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

    /// A metric family: its name, type (`counter`, `gauge` or `histogram`), help, and one metric per label set.
    package struct Family: Sendable, Equatable {
        package var name: String
        package var type: String
        package var help: String
        package var metrics: [Metric] = []
    }

    /// One metric of a family: a counter's or gauge's value, or a histogram's latencies.
    package struct Metric: Sendable, Equatable {
        package var labels: [(String, String)]
        package var value: Double
        /// A histogram family's latencies (in microseconds); nil for a counter or gauge.
        package var latency: LatencyHistogram?

        package static func == (lhs: Metric, rhs: Metric) -> Bool {
            lhs.value.bitPattern == rhs.value.bitPattern && lhs.latency == rhs.latency
                && lhs.labels.map(\.0) == rhs.labels.map(\.0) && lhs.labels.map(\.1) == rhs.labels.map(\.1)
        }
    }

    /// The text exposition without timestamps.
    package var text = ""
    package var samples: [Sample] = []
    package var families: [Family] = []

    package init() {}
}
