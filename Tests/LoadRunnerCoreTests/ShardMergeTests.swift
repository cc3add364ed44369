import Foundation
import LoadRunnerAnalysis
import LoadRunnerModel
import Testing

/// `ShardMerger` against ground truth: real results (the report fixtures: closed, open and command-monitored runs)
/// split at random into N shards (`ShardSplitter`) merge back to the original, bucket for bucket, per stage and per
/// second; the figures that are not sums follow their rule (saturated if any shard was, peaks add).
@Suite struct ShardMergeTests {
    static let originals: [(name: String, result: RunResult)] = [
        ("closed", ReportFixtures.result(interrupted: false)), ("open", OpenReportFixtures.result()),
        ("commands", CommandReportFixtures.result()),
    ]

    static func parts(_ shards: [RunResult]) -> [ShardPart] {
        shards.enumerated().map { ShardPart(source: "shard-\($0.offset)", result: $0.element) }
    }

    @Test(arguments: [1, 2, 3, 7])
    func randomSplitsMergeBackExactly(shardCount: Int) throws {
        for (name, original) in Self.originals {
            for seed in UInt64(1)...2 {
                var splitter = ShardSplitter(seed: seed &* 7919 &+ UInt64(shardCount), count: shardCount)
                let shards = splitter.split(original)
                // Any order: merge sorts by index.
                let merged = try ShardMerger.merge(Self.parts(shards).shuffled())
                Self.expectSame(merged, original, "\(name), \(shardCount) shards, seed \(seed)")
                #expect(merged.shards?.map(\.index) == Array(0..<shardCount))
                #expect(merged.shard == nil && merged.interrupted == false)
            }
        }
    }

    /// A shard whose time zero is one second later than the others' (a late start): its second N is merged second
    /// N + 1, and its stage times move by the same second.
    @Test func aLateShardIsAlignedByAbsoluteSecond() throws {
        let original = ReportFixtures.result(interrupted: false)
        var splitter = ShardSplitter(seed: 99, count: 2)
        var shards = splitter.split(original)
        // Shard 1 started 1 s late: what it did in the original's second 0 moves to shard 0, the rest one second on.
        for row in shards[0].series[0].requests.indices {
            shards[0].series[0].requests[row] = Self.add(shards[0].series[0].requests[row], shards[1].series[0].requests[row])
        }
        shards[0].series[0].users += shards[1].series[0].users
        shards[1].series.removeFirst()
        for index in shards[1].series.indices { shards[1].series[index].second -= 1 }
        for index in shards[1].stages.indices {
            shards[1].stages[index].startSeconds -= 1
            shards[1].stages[index].endSeconds -= 1
            shards[1].stages[index].windowStartSeconds -= 1
            shards[1].stages[index].windowEndSeconds -= 1
        }
        shards[1].startUnixMicros! += 1_000_000
        shards[1].shard?.lateStartMicros = 1_000_000
        let merged = try ShardMerger.merge(Self.parts(shards))
        #expect(merged.series.count == original.series.count)
        for (second, sample) in merged.series.enumerated() {
            for (row, expected) in original.series[second].requests.enumerated() {
                #expect(sample.requests[row].latency == expected.latency, "second \(second)")
                #expect(sample.requests[row].requests == expected.requests, "second \(second)")
            }
            #expect(sample.users == original.series[second].users)
        }
        for (stage, expected) in zip(merged.stages, original.stages) {
            #expect(stage.windowStartSeconds == expected.windowStartSeconds && stage.windowEndSeconds == expected.windowEndSeconds)
        }
        #expect(merged.shards?.map(\.lateStartMicros) == [0, 1_000_000])
        #expect(merged.startUnixMicros == shards[0].startUnixMicros)
    }

    /// A stage is saturated when any shard's generator was, with that shard's cause; in-flight peaks add.
    @Test func saturationIsAnyShardsAndPeaksAdd() throws {
        var splitter = ShardSplitter(seed: 5, count: 3)
        var shards = splitter.split(OpenReportFixtures.result())
        for index in shards.indices { shards[index].stages[0].generator.saturated = false }
        shards[2].stages[0].generator.saturated = true
        shards[2].stages[0].generator.saturationCause = shards[0].stages[0].generator.saturationCause
        shards[0].stages[0].open?.peakInFlight = 3
        shards[1].stages[0].open?.peakInFlight = 4
        shards[2].stages[0].open?.peakInFlight = 5
        let merged = try ShardMerger.merge(Self.parts(shards))
        #expect(merged.stages[0].generator.saturated)
        #expect(merged.stages[0].open?.peakInFlight == 12)
        #expect(merged.shards?.map { $0.stages[0].saturated } == [false, false, true])
    }

    static func add(_ a: IntervalStats, _ b: IntervalStats) -> IntervalStats {
        var latency = a.latency?.histogram ?? LatencyHistogram()
        if let other = b.latency { latency.add(other.histogram) }
        var sum = IntervalStats(
            name: a.name, method: a.method, requests: a.requests + b.requests, failures: a.failures + b.failures,
            bodyBytes: a.bodyBytes + b.bodyBytes, latency: latency, total: a.total)
        sum.missed = a.missed + b.missed
        return sum
    }

    /// Every stage and second of `merged` is `original`'s: counts, buckets (latency, service, lag), the
    /// generator's verdict, the open stages' dispatch, flows, failures.
    static func expectSame(_ merged: RunResult, _ original: RunResult, _ context: String) {
        let comment = Comment(rawValue: context)
        #expect(merged.stages.count == original.stages.count, comment)
        for (stage, expected) in zip(merged.stages, original.stages) {
            #expect(stage.users == expected.users && stage.spawnRate == expected.spawnRate, comment)
            #expect(stage.windowStartSeconds == expected.windowStartSeconds, comment)
            #expect(stage.windowEndSeconds == expected.windowEndSeconds, comment)
            for (row, expectedRow) in zip(stage.requests + [stage.aggregated], expected.requests + [expected.aggregated]) {
                #expect(LatencyBuckets(row.latency) == LatencyBuckets(expectedRow.latency), comment)
                #expect(row.service.map(LatencyBuckets.init) == expectedRow.service.map(LatencyBuckets.init), comment)
                #expect(row.lag.map(LatencyBuckets.init) == expectedRow.lag.map(LatencyBuckets.init), comment)
                #expect(row.requests == expectedRow.requests && row.failures == expectedRow.failures, comment)
                #expect(row.bodyBytes == expectedRow.bodyBytes && row.newConnections == expectedRow.newConnections, comment)
                #expect(row.timing == expectedRow.timing && row.failuresByCategory == expectedRow.failuresByCategory, comment)
            }
            #expect(stage.requests.count == expected.requests.count, comment)
            #expect(stage.open == expected.open, comment)
            #expect(stage.flows == expected.flows && stage.visibility == expected.visibility, comment)
            #expect(stage.inFlightAtEnd == expected.inFlightAtEnd, comment)
            #expect(stage.requestLimit == expected.requestLimit && stage.requestsSent == expected.requestsSent, comment)
            #expect(stage.generator.saturated == expected.generator.saturated, comment)
            #expect(stage.generator.cpuPercent == expected.generator.cpuPercent, comment)
            #expect(stage.generator.schedulingLag.map(LatencyBuckets.init) == expected.generator.schedulingLag.map(LatencyBuckets.init), comment)
        }
        #expect(merged.series.count == original.series.count, comment)
        for (sample, expected) in zip(merged.series, original.series) {
            #expect(sample.second == expected.second && sample.users == expected.users, comment)
            #expect(sample.stage == expected.stage && sample.inWindow == expected.inWindow, comment)
            #expect(sample.requests.count == expected.requests.count, comment)
            for (row, expectedRow) in zip(sample.requests + [sample.aggregated], expected.requests + [expected.aggregated]) {
                #expect(row.latency == expectedRow.latency, comment)
                #expect(row.service == expectedRow.service && row.lag == expectedRow.lag, comment)
                #expect(row.requests == expectedRow.requests && row.failures == expectedRow.failures, comment)
                #expect(row.bodyBytes == expectedRow.bodyBytes && row.missed == expectedRow.missed, comment)
                #expect(row.percentileMicros == expectedRow.percentileMicros, comment)
                #expect(row.minMicros == expectedRow.minMicros && row.maxMicros == expectedRow.maxMicros, comment)
                #expect(row.total.requests == expectedRow.total.requests, comment)
                #expect(row.total.failures == expectedRow.total.failures, comment)
                #expect(row.total.medianMicros == expectedRow.total.medianMicros, comment)
                #expect(row.total.minMicros == expectedRow.total.minMicros && row.total.maxMicros == expectedRow.total.maxMicros, comment)
                #expect(abs(row.total.meanMicros - expectedRow.total.meanMicros) < 1e-6 * max(1, expectedRow.total.meanMicros), comment)
            }
        }
        let key = { (failure: FailureRecord) in "\(failure.name) \(failure.method) \(failure.message)" }
        #expect(merged.failures.sorted { key($0) < key($1) } == original.failures.sorted { key($0) < key($1) }, comment)
        #expect(merged.monitors == original.monitors && merged.commandMonitors == original.commandMonitors, comment)
        #expect(merged.actions == original.actions && merged.checks == original.checks, comment)
    }
}
