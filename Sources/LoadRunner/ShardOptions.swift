import Foundation
import LoadRunnerModel
import LoadRunnerText

/// `run`'s sharding options as given (`--shard I/N`, `--shards N` with `JOB_COMPLETION_INDEX`, `--start-at`), and
/// what they select: which shard this process is and when its load starts. Checked before the profile is read.
struct ShardOptions: Equatable {
    /// `--shard I/N`, as written.
    var shard: String?
    /// `--shards N`: the index then comes from `JOB_COMPLETION_INDEX` (set by a Kubernetes Indexed Job).
    var shards: Int?
    /// `--start-at`, as written (RFC 3339).
    var startAt: String?

    /// The environment variable a Kubernetes Indexed Job sets to each pod's index.
    static let indexVariable = "JOB_COMPLETION_INDEX"

    /// What the options select.
    struct Selection: Equatable {
        /// This process's shard; nil for a run in one process.
        var plan: ShardPlan?
        /// The common start, Unix microseconds; nil to start at once.
        var startAtUnixMicros: Int64?
    }

    /// The selection, or every problem with the options (in `environment`, at `nowUnixMicros`).
    func select(environment: [String: String], nowUnixMicros: Int64) -> Result<Selection, ShardRefusal> {
        var problems: [Diagnostic] = []
        var plan: ShardPlan?
        switch (shard, shards) {
        case (.some, .some): problems.append(CLIMessages.shardFlagsBoth())
        case (.some(let text), nil):
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) {
                plan = ShardPlan(index: index, count: count)
                if plan == nil { problems.append(CLIMessages.shardOutOfRange(text, index: index, count: count)) }
            } else {
                problems.append(CLIMessages.shardNotAFraction(text))
            }
        case (nil, .some(let count)):
            if count < 1 {
                problems.append(CLIMessages.shardsNotPositive(count))
            } else if let text = environment[Self.indexVariable] {
                if let index = Int(text.trimmingCharacters(in: .whitespaces)) {
                    plan = ShardPlan(index: index, count: count)
                    if plan == nil { problems.append(CLIMessages.jobIndexOutOfRange(text, count: count)) }
                } else {
                    problems.append(CLIMessages.jobIndexNotANumber(text))
                }
            } else {
                problems.append(CLIMessages.jobIndexMissing(count: count))
            }
        case (nil, nil): break
        }
        var startAtUnixMicros: Int64?
        if let startAt {
            if let date = UTCTimestamp.parseRFC3339(startAt) {
                let micros = RunResult.unixMicros(date)
                if micros - nowUnixMicros > CommonStart.farBoundMicros {
                    problems.append(CLIMessages.startAtTooFar(startAt))
                } else {
                    startAtUnixMicros = micros
                }
            } else {
                problems.append(CLIMessages.startAtUnparsable(startAt))
            }
        }
        guard problems.isEmpty else { return .failure(ShardRefusal(problems: problems)) }
        return .success(Selection(plan: plan, startAtUnixMicros: startAtUnixMicros))
    }
}

/// Why the sharding options, or a profile in a shard, were refused: every problem at once.
struct ShardRefusal: Error, Equatable {
    var problems: [Diagnostic]
}
