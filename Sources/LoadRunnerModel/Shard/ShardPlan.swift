/// Which part of a run one process of a sharded run sends (`run --shard I/N`): a pure function of the profile, the
/// seed and (index, count), so that the shards together send exactly what one process would.
///
/// Rules (docs/sharding.md): closed (and flow) users are dealt round-robin, global user u to shard u mod N, each
/// starting when it would in one process, so a ramp's spawn rate splits the same way; a closed stage's request
/// budget (`requests:`) splits as evenly, the remainder to the lowest indices; open arrival k goes to shard k mod N
/// at its single-process time, with its request and rows still picked by (seed, k); a `unique` or `sequential` data
/// source gives shard I the rows r with r mod N = I. Random picks need no split: they draw from the user's or the
/// arrival's own stream, keyed by the global user index or k. `single` (0 of 1) is a run in one process.
package struct ShardPlan: Sendable, Equatable {
    /// This shard's index, in 0..<count.
    package let index: Int
    /// How many shards the run is split into; at least 1.
    package let count: Int

    /// A run in one process: it owns everything.
    package static let single = ShardPlan(unchecked: 0, count: 1)

    /// Shard `index` of `count`; nil unless 0 <= index < count.
    package init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    private init(unchecked index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// True for a run split into more than one process.
    package var isSharded: Bool { count > 1 }

    /// Whether global user `user` (0-based, in start order over the whole run) runs in this shard.
    package func owns(user: Int) -> Bool { user % count == index }

    /// Whether open arrival `k` (`Arrival.index`) is sent by this shard.
    package func owns(arrival k: Int) -> Bool { k % count == index }

    /// This shard's part of `total` things dealt round-robin (users, a request budget, rows): total / N, and one
    /// more for the lowest total mod N indices. The parts of every shard add up to `total`.
    package func share(of total: Int) -> Int {
        total / count + (index < total % count ? 1 : 0)
    }

    /// The position of owned global user `user` among this shard's users (0, 1, ...).
    package func localIndex(ofUser user: Int) -> Int { user / count }

    /// The stages as this shard runs them: a closed stage's request budget becomes its share; open stages keep
    /// their count (it sets how long they last; their arrivals are dealt by `owns(arrival:)`).
    package func stages(_ stages: [Stage]) -> [Stage] {
        guard isSharded else { return stages }
        return stages.map { stage in
            guard !stage.isOpen, let limit = stage.requestLimit else { return stage }
            var own = stage
            own.requestLimit = share(of: limit)
            return own
        }
    }

    /// The row of a `unique` or `sequential` source with `rows` rows that this shard's `taken`-th pick (0-based)
    /// gets: the shard's rows are I, I + N, I + 2N, ...; with `wraps` they repeat in that order, without it the
    /// pick after the last is nil (the source ran out). A source with fewer rows than shards leaves some shards
    /// none: those then run out at once, or (wrapping) cycle over every row from row I.
    package func row(taken: UInt64, rows: UInt64, wraps: Bool) -> UInt64? {
        guard rows > 0 else { return nil }
        let shards = UInt64(count)
        let own = UInt64(share(of: Int(min(rows, UInt64(Int.max)))))
        if taken < own { return taken * shards + UInt64(index) }
        guard wraps else { return nil }
        if own == 0 { return (taken + UInt64(index)) % rows }
        return (taken % own) * shards + UInt64(index)
    }
}

extension ShardPlan {
    /// The global users in `range` that run in this shard, in order: those the engine starts when the schedule's
    /// user count passes them (the same moment as in one process).
    package func ownedUsers(in range: Range<Int>) -> [Int] {
        guard !range.isEmpty else { return [] }
        let first = range.lowerBound + ((index - range.lowerBound % count) + count) % count
        return Array(stride(from: first, to: range.upperBound, by: count))
    }

    /// The arrivals of `plan` this shard sends, at their single-process times.
    package func arrivals(of plan: ArrivalPlan) -> [Arrival] {
        plan.filter { owns(arrival: $0.index) }
    }
}
