import LoadRunnerModel
import LoadRunnerText

/// What a profile becomes in one shard of a sharded run: shard 0 alone runs its actions (only those at a time),
/// no shard runs its checks or judges its thresholds (`merge` judges them on the whole).
enum ShardedProfile {
    /// Why `profile` cannot be split into `plan.count` shards: an action not at a time, or checks; empty when it can.
    static func refusals(_ profile: Profile, plan: ShardPlan) -> [Diagnostic] {
        guard plan.isSharded else { return [] }
        var problems: [Diagnostic] = []
        for (index, action) in profile.actions.enumerated() {
            switch action.trigger {
            case .atTime, .atShare: continue
            case .afterRequests, .end: problems.append(CLIMessages.shardedActionRefused(action, index: index, count: plan.count))
            }
        }
        if !profile.checks.isEmpty { problems.append(CLIMessages.shardedChecksRefused(profile.checks, count: plan.count)) }
        return problems
    }

    /// `profile` as shard `plan` runs it: without thresholds and checks, and without actions outside shard 0.
    static func own(_ profile: Profile, plan: ShardPlan) -> Profile {
        var own = profile
        own.thresholds = []
        own.checks = []
        if plan.index != 0 { own.actions = [] }
        return own
    }
}
