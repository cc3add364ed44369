/// Turns each second's merged per-request statistics into a `SecondSample`, keeping the running totals
/// (a cumulative histogram per request name) that Locust's history columns need. Pure: no clock.
package struct SecondSampleBuilder: Sendable {
    /// The run's timeline; replaced when a stage that ends by count ends early (`update(schedule:)`).
    private var schedule: StageSchedule
    private let startUnixTime: Double
    private var totals: [RequestStats]
    private var aggregateTotal: RequestStats

    package init(schedule: StageSchedule, requests: [RequestSpec], startUnixTime: Double) {
        self.schedule = schedule
        self.startUnixTime = startUnixTime
        totals = requests.map { RequestStats(name: $0.name, method: $0.method) }
        aggregateTotal = RequestStats(name: RequestStats.aggregatedName, method: "")
    }

    /// Uses `schedule` from now on: the live timeline, once a stage that ends by count has ended.
    package mutating func update(schedule: StageSchedule) {
        self.schedule = schedule
    }

    /// The sample for `second` (0-based since the run started) from what completed in it.
    package mutating func sample(
        second: Int, requests: [RequestStats], users: Int, generatorCPUPercent: Double, schedulingLagMicros: UInt64
    ) -> SecondSample {
        var aggregate = RequestStats(name: RequestStats.aggregatedName, method: "")
        var perRequest: [IntervalStats] = []
        for (index, stats) in requests.enumerated() {
            totals[index].add(stats)
            aggregate.add(stats)
            perRequest.append(Self.interval(stats, total: totals[index]))
        }
        aggregateTotal.add(aggregate)
        let middleMicros = Int64(second) * 1_000_000 + 500_000
        let slot = schedule.slot(atMicros: middleMicros) ?? schedule.slots.last
        return SecondSample(
            second: second,
            unixTime: Int((startUnixTime + Double(second + 1)).rounded(.down)),
            users: users,
            stage: (slot?.index ?? 0) + 1,
            inWindow: slot.map { middleMicros >= $0.windowStartMicros && middleMicros < $0.endMicros } ?? false,
            requests: perRequest,
            aggregated: Self.interval(aggregate, total: aggregateTotal, keepingBuckets: false),
            generatorCPUPercent: generatorCPUPercent,
            schedulingLagMicros: schedulingLagMicros)
    }

    /// The running totals are exact: the mean from the summed request times, the min and max as recorded (not
    /// bucket edges), as Locust's `Total ...` history columns and `locust_stats.csv` show them.
    ///
    /// The aggregate row keeps only its summary (`keepingBuckets: false`): its buckets are the sum of the
    /// request rows' buckets, so storing them would only grow `result.json` and the series in memory.
    private static func interval(_ stats: RequestStats, total: RequestStats, keepingBuckets: Bool = true) -> IntervalStats {
        var interval = IntervalStats(
            name: stats.name, method: stats.method, requests: stats.requests, failures: stats.failures,
            bodyBytes: stats.bodyBytes, latency: stats.latency,
            total: RunningTotals(
                requests: total.requests, failures: total.failures, bodyBytes: total.bodyBytes,
                medianMicros: total.latency.micros(atPercentile: 50), meanMicros: total.meanMicros,
                minMicros: total.latency.exactMinMicros, maxMicros: total.latency.exactMaxMicros))
        interval.missed = stats.failuresByCategory[.missed] ?? 0
        if keepingBuckets {
            // Open rows only (they have a service time): a pacing user's lag stays in its stage rows, as before.
            if let service = stats.service {
                interval.service = LatencyBuckets(service)
                interval.lag = stats.lag.map(LatencyBuckets.init)
            }
        } else {
            interval.latency = nil
        }
        return interval
    }
}
