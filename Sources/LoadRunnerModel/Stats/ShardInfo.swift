/// Which part of a sharded run a result is (`run --shard I/N`, or `--shards N` with `JOB_COMPLETION_INDEX`), and
/// what `merge` checks before it adds the parts together: the same profile, seed, shard count and common start.
package struct ShardInfo: Codable, Sendable, Equatable {
    /// This shard's index, from 0.
    package var index: Int
    /// How many shards the run was split into.
    package var count: Int
    /// `sha256:` and the hex SHA-256 of the profile's bytes as read, so that shards of different profiles are
    /// never merged.
    package var profileHash: String
    /// The common start every shard waited for (`--start-at`), Unix time in microseconds; nil when the shard
    /// started at once.
    package var startAtUnixMicros: Int64?
    /// How late this shard's load began after `startAtUnixMicros`, in microseconds (0 when on time); nil when no
    /// common start was asked for.
    package var lateStartMicros: Int64?

    package init(index: Int, count: Int, profileHash: String, startAtUnixMicros: Int64? = nil, lateStartMicros: Int64? = nil) {
        self.index = index
        self.count = count
        self.profileHash = profileHash
        self.startAtUnixMicros = startAtUnixMicros
        self.lateStartMicros = lateStartMicros
    }
}
