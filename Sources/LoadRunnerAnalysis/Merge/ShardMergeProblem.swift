import LoadRunnerModel
import LoadRunnerText

/// Why `merge` refuses a set of shard results: each problem names the shard (by its folder) or the field at fault.
/// Every problem of a set is reported at once; their wording is here and nowhere else.
package enum ShardMergeProblem: Error, Sendable, Equatable {
    /// No result was given.
    case noParts
    /// The result in `source` has no `shard` (a run in one process, or a result merged already).
    case notAShard(source: String)
    /// The result in `source` was stopped early (Ctrl-C, SIGTERM, a killed pod's replacement).
    case interrupted(source: String)
    /// The result in `source` is the minimal one a second signal writes: nothing was measured.
    case measurementsLost(source: String)
    /// The result in `source` has no absolute time zero (a schema 1 file), so its seconds cannot be aligned.
    case noStartTime(source: String)
    /// The parts disagree on `field` (profile hash, seed, shard count or common start); `values` lists each value
    /// with the folders that hold it.
    case mismatch(field: String, values: [(value: String, sources: [String])])
    /// Indices below the shard count that no part holds.
    case missingIndices([Int], count: Int)
    /// An index held by more than one part, with those parts' folders.
    case duplicateIndex(Int, sources: [String])
    /// A part whose index is not below its shard count.
    case indexOutOfRange(source: String, index: Int, count: Int)
    /// The shard in `source` began its load `lateMicros` after the common start, past `CommonStart.lateBoundMicros`:
    /// it took its own time zero, so its arrivals and seconds are not on the others' timeline.
    case startedLate(source: String, lateMicros: Int64)

    /// One line for people: what is wrong, where, and what to do.
    package var message: String {
        switch self {
        case .noParts:
            "no shard results to merge; name each shard's folder (the --out of its run)"
        case .notAShard(let source):
            "\(source) is not a shard's result (it has no \"shard\"); merge takes the results of `run --shard I/N` "
                + "or `run --shards N`, not a run in one process or a merged result"
        case .interrupted(let source):
            "\(source) was interrupted, so its shard sent only part of its load; run the whole set again "
                + "(a re-run of one shard would not start with the others)"
        case .measurementsLost(let source):
            "\(source) holds no measurements (its run was stopped twice); run the whole set again"
        case .noStartTime(let source):
            "\(source) has no startUnixMicros (a schema 1 result), so its seconds cannot be aligned with the others'"
        case .mismatch(let field, let values):
            "the shards differ in \(field): "
                + values.map { "\($0.value) in \($0.sources.joined(separator: ", "))" }.joined(separator: "; ")
                + "; merge only the shards of one `kube` or `run --shards` launch"
        case .missingIndices(let indices, let count):
            "shard\(indices.count == 1 ? "" : "s") \(indices.map(String.init).joined(separator: ", ")) of \(count) "
                + "\(indices.count == 1 ? "is" : "are") missing; name every shard's folder "
                + "(a shard that was killed left none: run the whole set again)"
        case .duplicateIndex(let index, let sources):
            "shard \(index) appears \(sources.count) times: \(sources.joined(separator: ", ")); name each shard once"
        case .indexOutOfRange(let source, let index, let count):
            "\(source) says it is shard \(index) of \(count), but indices run from 0 to \(count - 1)"
        case .startedLate(let source, let lateMicros):
            "\(source) began its load \(ReportNumber.fixed(Double(lateMicros) / 1_000_000, decimals: 1)) s after the "
                + "common start, more than the \(CommonStart.lateBoundMicros / 1_000_000) s a shard may catch up on, so its "
                + "seconds and arrivals are not on the others' timeline; give the launch a later --start-at (or "
                + "`kube --start-in`) so that every shard is ready before it, and run the whole set again"
        }
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.message == rhs.message }
}
