import LoadRunnerModel
import Synchronization

/// Chooses which row (or, for a `range`, which offset from its low end) of one data source a request uses, as the
/// source's `pick:` says. Shared by every user and loop of a run; `sequential` and `unique` count on one atomic
/// counter (no lock), `random` and `zipf` draw from the caller's own generator while rendering.
struct RowPicker: Sendable {
    let pick: RowPick
    /// Rows of a table, or values of a range (high - low + 1).
    let count: UInt64
    /// Draws a `range` source's value by Zipf's law instead of uniformly; nil otherwise.
    let zipf: ZipfSampler?
    /// Requests that took a row so far, for `sequential` and `unique` closed users.
    private let taken = RowCounter()
    /// Which rows of a `sequential` or `unique` source this process's closed users take (`ShardPlan.row`).
    let shard: ShardPlan

    init(pick: RowPick, count: UInt64, zipfExponent: Double? = nil, shard: ShardPlan = .single) {
        self.pick = pick
        self.count = count
        self.shard = shard
        zipf = zipfExponent.map { ZipfSampler(count: count, exponent: $0) }
    }

    /// Whether rows are chosen while rendering, from the caller's generator (`random`, `zipf`); the others are
    /// chosen up front (`row(forUser:)`, `row(forArrival:)`) and draw nothing, so they leave every other random choice as it was.
    var drawsAtRandom: Bool { pick == .random }

    /// The row a closed user's request takes, for every pick but `random`; nil when a `unique` source that ends the
    /// stage has used every row. `user` is the user's index (0-based, in start order).
    func row(forUser user: Int) -> UInt64? {
        switch pick {
        case .perUser:
            return UInt64(user) % count
        case .unique(whenExhausted: .endStage):
            let n = taken.next()
            guard shard.isSharded else { return n < count ? n : nil }
            return shard.row(taken: n, rows: count, wraps: false)
        case .random, .sequential, .unique(whenExhausted: .wrap):
            let n = taken.next()
            guard shard.isSharded, count > 0 else { return n % count }
            return shard.row(taken: n, rows: count, wraps: true)
        }
    }

    /// The row open arrival k takes, for every pick but `random`: row k mod rows, so that (seed, k) alone decides
    /// it. Validation keeps `per_user` and stage-ending `unique` sources out of profiles with open stages.
    func row(forArrival k: Int) -> UInt64 {
        UInt64(k) % count
    }

    /// A random row (tables) or offset (ranges; by Zipf's law when `zipf` is set: rank 1 is offset 0).
    func randomRow(using random: inout RandomSource) -> UInt64 {
        if let zipf { return zipf.rank(using: &random) - 1 }
        return count == 0 ? random.next() : random.next(upperBound: count)
    }
}

/// A run-wide counter of the rows taken from one source.
final class RowCounter: Sendable {
    private let value = Atomic<UInt64>(0)

    /// The number of rows taken before this one (0 for the first).
    func next() -> UInt64 { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}
