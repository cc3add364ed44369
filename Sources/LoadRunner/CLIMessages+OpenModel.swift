import LoadRunnerModel

/// How `validate` describes a profile's open stages (`rate:`); part of `CLIMessages`.
extension CLIMessages {
    /// "up to 10 users" for closed stages alone; with open stages their peak rate too ("up to 1000/s").
    static func load(_ profile: Profile, peakUsers: Int) -> String {
        guard profile.hasOpenStages else { return "up to \(peakUsers) users" }
        let peakRate = profile.stages.compactMap(\.rate).map { max($0.startPerSecond, $0.endPerSecond) }.max() ?? 0
        let rate = "up to \(RateUnit.second.text(perSecond: peakRate))"
        return profile.stages.allSatisfy(\.isOpen) ? rate : "up to \(peakUsers) users and \(rate)"
    }

    /// One line per open stage (its rate, spacing and how many requests it plans), and one for the open model's
    /// settings; empty when every stage is closed.
    static func openStagesOf(_ profile: Profile) -> [String] {
        guard profile.hasOpenStages else { return [] }
        let plan = ArrivalPlan(stages: profile.stages, seed: profile.seed ?? 0)
        let lines = plan.parts.map { part -> String in
            let stage = profile.stages[part.stage]
            let requests = part.count.map { "\($0) requests" } ?? "about \(Int(part.total.rounded())) requests"
            let length = exactDuration(part.lengthMicros)
            let warmup = stage.warmup > .zero ? " (warm-up \(exactDuration(stage.warmup.micros)))" : ""
            return "  stage \(part.stage + 1): open, \(stage.rate?.text ?? ""), \(stage.arrivals.rawValue) arrivals: "
                + "\(requests) over \(length)\(warmup)"
        }
        let seed = profile.seed.map { "seed \($0)" } ?? "a seed drawn per run (set `seed:` or --seed to repeat one)"
        return ["open stages (requests arrive by rate, whatever the answers do):"] + lines
            + ["  at most \(profile.maxConnections) connections; an arrival unsent "
                + "\(exactDuration(profile.maxLag.micros)) after it is due counts as missed; \(seed)"]
    }

    /// `1m30s` for whole seconds, `2.5s` or `0.25s` (to the millisecond) otherwise.
    static func exactDuration(_ micros: Int64) -> String {
        guard micros % 1_000_000 != 0 else { return formatDuration(Double(micros) / 1_000_000) }
        let seconds = (Double(micros) / 1_000).rounded() / 1_000
        return "\(seconds)s"
    }
}
