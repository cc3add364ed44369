import Foundation
import LoadRunnerModel
import LoadRunnerText

/// The command line's messages about sharded runs (`--shard`, `--shards`, `JOB_COMPLETION_INDEX`, `--start-at`) and
/// what a profile may do in one; part of `CLIMessages`.
extension CLIMessages {
    static let shardHelp = "Run shard I of N of the profile (I from 0), e.g. 2/8: its part of the users, arrivals, "
        + "budgets and unique rows (docs/sharding.md). Thresholds and checks are left to `merge`."
    static let shardsHelp = "Run one of N shards, its index read from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)."
    static let startAtHelp = "Wait until this RFC 3339 time (e.g. 2026-12-07T15:00:00Z), then start the load with it "
        + "as time zero, so that the shards' seconds align; at most 24 h ahead."

    static func shardFlagsBoth() -> Diagnostic {
        .error("--shard and --shards were both given", hint: "give --shard I/N, or --shards N with JOB_COMPLETION_INDEX set")
    }

    static func shardNotAFraction(_ text: String) -> Diagnostic {
        .error("--shard \(text) is not I/N", hint: "write the shard's index from 0 and the shard count, e.g. --shard 0/3")
    }

    static func shardOutOfRange(_ text: String, index: Int, count: Int) -> Diagnostic {
        let problem = count < 1 ? "the shard count must be at least 1" : "the index must be from 0 to \(count - 1)"
        return .error("--shard \(text): \(problem)", hint: "shards are numbered from 0: --shard 0/\(max(count, 1)) is the first")
    }

    static func shardsNotPositive(_ count: Int) -> Diagnostic {
        .error("--shards \(count): the shard count must be at least 1")
    }

    static func jobIndexMissing(count: Int) -> Diagnostic {
        .error("--shards \(count) reads this shard's index from \(ShardOptions.indexVariable), which is not set",
               hint: "run it in a Kubernetes Indexed Job, set \(ShardOptions.indexVariable)=0..\(max(count - 1, 0)), or give --shard I/\(count)")
    }

    static func jobIndexNotANumber(_ text: String) -> Diagnostic {
        .error("\(ShardOptions.indexVariable)=\(text) is not a number", hint: "set it to the shard's index, from 0")
    }

    static func jobIndexOutOfRange(_ text: String, count: Int) -> Diagnostic {
        .error("\(ShardOptions.indexVariable)=\(text) is not below --shards \(count)",
               hint: "the index must be from 0 to \(count - 1): is the Job's `completions` the same as --shards?")
    }

    static func startAtUnparsable(_ text: String) -> Diagnostic {
        .error("--start-at \(text) is not an RFC 3339 time", hint: "write e.g. 2026-12-07T15:00:00Z or 2026-12-07T16:00:00+01:00")
    }

    static func startAtTooFar(_ text: String) -> Diagnostic {
        .error("--start-at \(text) is more than 24 h ahead", hint: "check the date and the time zone (Z is UTC)")
    }

    /// An action that is not time-triggered, in a profile split into `count` shards.
    static func shardedActionRefused(_ action: ActionSpec, index: Int, count: Int) -> Diagnostic {
        .error("actions[\(index)] `\(action.name)` (\(action.when)) cannot run in a run split into \(count) shards: "
            + "only actions at a time (`at: 90s`, `at: 40%`) do, in shard 0",
            hint: "give it a time, or run it from outside the shards (after the merge for `at: end`)")
    }

    /// A profile with checks, split into `count` shards.
    static func shardedChecksRefused(_ checks: [CheckSpec], count: Int) -> Diagnostic {
        .error("checks (\(checks.map { "`\($0.name)`" }.joined(separator: ", "))) cannot run in a run split into \(count) "
            + "shards: each shard sees only its part of the load",
            hint: "remove `checks:` for the sharded run and check the merged result instead")
    }

    /// Said before a shard's load: which part it is, and that its thresholds are judged by `merge`.
    static func shardStarting(_ plan: ShardPlan, thresholds: Int, startAt: Int64?) -> String {
        var line = "shard \(plan.index) of \(plan.count) (0-based)"
        if let startAt { line += ", starting at \(UTCTimestamp.micros(Date(timeIntervalSince1970: Double(startAt) / 1_000_000)))" }
        if thresholds > 0 { line += "; its \(thresholds) thresholds are judged by `LoadRunner merge`, not here" }
        return line
    }
}
