/// Schema 2 writes a second's latency as buckets and no summary (the summary is derived on reading);
/// schema 1 wrote only the summary, which is read as it is. `missed` is written only when it is not 0.
extension IntervalStats: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, method, requests, failures, bodyBytes, latency, percentileMicros, minMicros, maxMicros, meanMicros,
            total, service, lag, missed
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let method = try container.decode(String.self, forKey: .method)
        let requests = try container.decode(UInt64.self, forKey: .requests)
        let failures = try container.decode(UInt64.self, forKey: .failures)
        let bodyBytes = try container.decode(UInt64.self, forKey: .bodyBytes)
        let total = try container.decode(RunningTotals.self, forKey: .total)
        if let buckets = try container.decodeIfPresent(LatencyBuckets.self, forKey: .latency) {
            self.init(
                name: name, method: method, requests: requests, failures: failures, bodyBytes: bodyBytes,
                latency: buckets.histogram, total: total)
        } else {
            self.init(
                name: name, method: method, requests: requests, failures: failures, bodyBytes: bodyBytes,
                percentileMicros: try container.decode([UInt64].self, forKey: .percentileMicros),
                minMicros: try container.decode(UInt64.self, forKey: .minMicros),
                maxMicros: try container.decode(UInt64.self, forKey: .maxMicros),
                meanMicros: try container.decode(Double.self, forKey: .meanMicros), total: total)
        }
        service = try container.decodeIfPresent(LatencyBuckets.self, forKey: .service)
        lag = try container.decodeIfPresent(LatencyBuckets.self, forKey: .lag)
        missed = try container.decodeIfPresent(UInt64.self, forKey: .missed) ?? 0
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(method, forKey: .method)
        try container.encode(requests, forKey: .requests)
        try container.encode(failures, forKey: .failures)
        try container.encode(bodyBytes, forKey: .bodyBytes)
        try container.encode(total, forKey: .total)
        if let latency {
            try container.encode(latency, forKey: .latency)
        } else {
            try container.encode(percentileMicros, forKey: .percentileMicros)
            try container.encode(minMicros, forKey: .minMicros)
            try container.encode(maxMicros, forKey: .maxMicros)
            try container.encode(meanMicros, forKey: .meanMicros)
        }
        try container.encodeIfPresent(service, forKey: .service)
        try container.encodeIfPresent(lag, forKey: .lag)
        // Written only when an arrival of the second was missed: closed runs' files stay as they were.
        if missed > 0 { try container.encode(missed, forKey: .missed) }
    }
}
