import Foundation
import LoadRunnerModel
import LoadRunnerText
import Testing

/// The split of a run between shards as a pure function: for N = 1...16 every user, arrival, budget unit and unique
/// row goes to exactly one shard, at the time it has in one process.
@Suite struct ShardPlanTests {
    static let counts = Array(1...16)

    static func plans(_ count: Int) -> [ShardPlan] { (0..<count).map { ShardPlan(index: $0, count: count)! } }

    @Test func rejectsAnIndexOutsideTheCount() {
        #expect(ShardPlan(index: 3, count: 3) == nil)
        #expect(ShardPlan(index: 1, count: 0) == nil)
        #expect(ShardPlan(index: -1, count: 2) == nil)
        #expect(ShardPlan(index: 0, count: 1) == .single)
    }

    @Test func dealsAThousandUsersOverThree() {
        #expect(Self.plans(3).map { $0.share(of: 1000) } == [334, 333, 333])
        #expect(Self.plans(3).map { $0.ownedUsers(in: 0..<1000).count } == [334, 333, 333])
        #expect(Self.plans(4).map { $0.share(of: 2) } == [1, 1, 0, 0])
    }

    /// A ramp 0 -> 40 users at 7/s, then down to 13 at 3/s: at every 10 ms the users started over all shards are
    /// exactly 0..<users(t) of one process, each in one shard.
    @Test(arguments: counts)
    func everyUserStartsOnceAtItsSingleProcessTime(count: Int) {
        let schedule = StageSchedule(stages: [
            Stage(users: 40, spawnRate: 7, duration: .seconds(8), warmup: .zero),
            Stage(users: 13, spawnRate: 3, duration: .seconds(12), warmup: .zero),
        ])
        for micros in stride(from: Int64(0), to: schedule.totalMicros, by: 10_000) {
            let users = schedule.users(atMicros: micros)
            let started = Self.plans(count).flatMap { plan in
                let own = plan.ownedUsers(in: 0..<users)
                #expect(own.allSatisfy(plan.owns(user:)))
                #expect(own.map(plan.localIndex(ofUser:)) == Array(0..<own.count))
                return own
            }
            #expect(started.sorted() == Array(0..<users))
        }
    }

    /// Uniform and Poisson stages, a ramp, and a counted stage: the shards' arrivals together are the single-process
    /// plan, arrival for arrival (index, stage and intended time).
    @Test(arguments: counts)
    func everyArrivalIsSentOnceAtItsSingleProcessTime(count: Int) {
        let stages = [
            Stage(rate: ArrivalRate(startPerSecond: 50, endPerSecond: 50), duration: .milliseconds(1_500)),
            Stage(rate: ArrivalRate(startPerSecond: 10, endPerSecond: 90), arrivals: .poisson, duration: .seconds(2)),
            Stage(users: 3, spawnRate: 1, duration: .seconds(1), warmup: .zero),
            Stage(rate: ArrivalRate(startPerSecond: 200, endPerSecond: 200), duration: .seconds(5), requestLimit: 333),
        ]
        let plan = ArrivalPlan(stages: stages, seed: 42)
        let single = Array(plan)
        let sharded = Self.plans(count).flatMap { $0.arrivals(of: plan) }.sorted { $0.index < $1.index }
        #expect(sharded == single)
        for shard in Self.plans(count) { #expect(shard.arrivals(of: plan).allSatisfy { $0.index % count == shard.index }) }
    }

    /// Request budgets: the shards' shares add up to the budget, the remainder to the lowest indices; open stages keep
    /// their count (it sets their length).
    @Test(arguments: counts)
    func budgetsSumToTheTotal(count: Int) {
        for total in [0, 1, 2, 15, 16, 17, 1000, 9_999] {
            let shares = Self.plans(count).map { $0.share(of: total) }
            #expect(shares.reduce(0, +) == total)
            #expect(shares == shares.sorted(by: >))
            #expect((shares.max() ?? 0) - (shares.min() ?? 0) <= 1)
        }
        let stages = [
            Stage(users: 5, spawnRate: 5, duration: .seconds(60), warmup: .zero, requestLimit: 100),
            Stage(rate: ArrivalRate(startPerSecond: 10, endPerSecond: 10), duration: .seconds(60), requestLimit: 100),
        ]
        let split = Self.plans(count).map { $0.stages(stages) }
        #expect(split.map { $0[0].requestLimit ?? -1 }.reduce(0, +) == 100)
        #expect(split.allSatisfy { $0[1] == stages[1] && $0[0].users == 5 })
    }

    /// `unique` rows: disjoint between shards and together every row once; `sequential` (wrapping) rows stay in the
    /// shard's own part while it has one.
    @Test(arguments: counts)
    func uniqueRowsAreDisjointAndComplete(count: Int) {
        for rows: UInt64 in [1, 2, 7, 16, 17, 100] {
            var seen: [UInt64] = []
            for plan in Self.plans(count) {
                var taken: UInt64 = 0
                while let row = plan.row(taken: taken, rows: rows, wraps: false) {
                    #expect(row < rows)
                    seen.append(row)
                    taken += 1
                }
                #expect(Int(taken) == plan.share(of: Int(rows)))
                let own = UInt64(plan.share(of: Int(rows)))
                for n: UInt64 in 0..<(2 * rows) {
                    let row = plan.row(taken: n, rows: rows, wraps: true)
                    #expect(row != nil && row! < rows)
                    if own > 0 { #expect(row! % UInt64(count) == UInt64(plan.index)) }
                }
            }
            #expect(seen.sorted() == Array(0..<rows))
        }
    }

    /// A common start: on time or a little late it stays time zero (the load catches up); past the bound the load
    /// starts now and says so. (startAt, now, origin, late, startedLate), in µs.
    @Test(arguments: [
        (Int64(1_000_000_000), Int64(1_000_000_000), Int64(1_000_000_000), Int64(0), false),
        (1_000_000_000, 1_000_004_000, 1_000_000_000, 4_000, false),
        (1_000_000_000, 1_002_000_000, 1_000_000_000, 2_000_000, false),
        (1_000_000_000, 1_002_000_001, 1_002_000_001, 2_000_001, true),
        (1_000_000_000, 999_000_000, 999_000_000, 0, false),
    ])
    func commonStart(startAt: Int64, now: Int64, origin: Int64, late: Int64, startedLate: Bool) {
        let start = CommonStart(startAtUnixMicros: startAt, nowUnixMicros: now)
        #expect(start.originUnixMicros == origin && start.lateMicros == late && start.startedLate == startedLate)
    }

    /// RFC 3339 times, with `Z` or an offset, to Unix seconds; nil for anything else.
    @Test(arguments: [
        ("2026-12-07T15:00:00Z", 1_765_119_600.0 + 365 * 86_400),
        ("2026-12-07T16:00:00+01:00", 1_765_119_600.0 + 365 * 86_400),
        ("2026-12-07T10:30:00.5-04:30", 1_765_119_600.0 + 365 * 86_400 + 0.5),
        ("2026-12-07t15:00:00z", 1_765_119_600.0 + 365 * 86_400),
        ("2026-12-07 15:00:00Z", 1_765_119_600.0 + 365 * 86_400),
    ] as [(String, Double?)] + [("tomorrow", nil), ("2026-12-07T15:00:00", nil), ("2026-12-07T15:00:00+1:00", nil), ("2026-12-07T15:00:00+-1:00", nil)])
    func rfc3339(text: String, seconds: Double?) {
        #expect(UTCTimestamp.parseRFC3339(text)?.timeIntervalSince1970 == seconds)
    }

    /// FIPS 180-4 test vectors (and NIST's one-million-`a` message).
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ])
    func sha256MatchesTheStandardVectors(message: String, hex: String) {
        #expect(SHA256.hex(Array(message.utf8)) == hex)
    }
}
