import LoadRunnerModel

/// `think_time:` and `stages:` — when virtual users send and how many there are.
extension ProfileDecoder {
    static let thinkTimeKeys = ["constant", "between", "pacing"]
    static let stageKeys = ["users", "spawn_rate", "rate", "arrivals", "duration", "requests", "warmup"]

    /// `0s` / `2s` (constant), `{ constant: 1s }`, `{ between: [1s, 3s] }` or `{ pacing: 1s }`.
    /// A zero constant wait is `.none`.
    mutating func thinkTime(_ value: YAMLValue) -> ThinkTime? {
        if value.kind == .text {
            return duration(value).map { $0 == .zero ? .none : .constant($0) }
        }
        guard let map = map(value, keys: Self.thinkTimeKeys, expected: ProfileMessage.expectThinkTime) else { return nil }
        guard map.entries.count == 1, let entry = map.entries.first else {
            if map.entries.count > 1 || map.value.node.mapping?.count ?? 0 == 0 {
                report(value, ProfileMessage.thinkTimeNeedsOne(map.entries.map(\.key)))
            }
            return nil
        }
        switch entry.key {
        case "constant":
            return duration(entry.value).map { $0 == .zero ? .none : .constant($0) }
        case "pacing":
            return positiveDuration(entry.value).map { .pacing($0) }
        default:
            return between(entry.value)
        }
    }

    private mutating func between(_ value: YAMLValue) -> ThinkTime? {
        guard let items = list(value, expected: ProfileMessage.expectBetween) else { return nil }
        guard items.count == 2 else {
            report(value, ProfileMessage.betweenNeedsTwo(items.count))
            return nil
        }
        guard let low = duration(items[0]), let high = duration(items[1]) else { return nil }
        guard low <= high else {
            report(value, ProfileMessage.betweenReversed(low: items[0].text ?? "", high: items[1].text ?? ""))
            return nil
        }
        return .between(low, high)
    }

    /// The stage list; at least one. `arrivals` spaces the open stages that do not say.
    mutating func stages(_ value: YAMLValue, arrivals: ArrivalProcess = .uniform) -> [Stage] {
        guard let items = list(value, expected: ProfileMessage.expectStages) else { return [] }
        guard !items.isEmpty else {
            report(value, ProfileMessage.stagesEmpty)
            return []
        }
        let stages = items.compactMap { stage($0, arrivals: arrivals) }
        checkTotals(of: stages, at: value)
        return stages
    }

    /// The planned run and the counted requests, added over the stages, within `ProfileLimits`. Each stage is
    /// already within its own limits, so neither sum can overflow.
    private mutating func checkTotals(of stages: [Stage], at value: YAMLValue) {
        let total = stages.map(\.duration).reduce(.zero, +)
        if total > ProfileLimits.maxRunDuration {
            let seconds = total.components.seconds
            report(value, ProfileMessage.runTooLong(hours: seconds / 3600 + (seconds % 3600 == 0 ? 0 : 1)))
        }
        let requests = stages.compactMap(\.requestLimit).reduce(0, +)
        if requests > ProfileLimits.maxRequests { report(value, ProfileMessage.requestSumTooLarge(requests)) }
    }

    /// `users` (>= 0), `spawn_rate` (> 0; default users, or 1 for 0 users), `duration` (> 0) and/or
    /// `requests` (> 0: the stage ends after that many; `duration` is then its time limit, default 30m),
    /// `warmup` (default 0s; shorter than duration). A stage with `rate` is open (`openStage`).
    private mutating func stage(_ value: YAMLValue, arrivals: ArrivalProcess) -> Stage? {
        guard let map = map(value, keys: Self.stageKeys, expected: ProfileMessage.expectStage) else { return nil }
        if let rate = map["rate"] { return openStage(map, rate: rate, arrivals: arrivals) }
        if let arrivalsValue = map["arrivals"] { report(arrivalsValue, ProfileMessage.arrivalsInClosedStage) }
        let users = required(map, "users", example: ProfileMessage.exampleStageLoad).flatMap { self.users($0) }
        let spawnRate = map["spawn_rate"].map { self.spawnRate($0) }
        let requestLimit = map["requests"].map { self.requestLimit($0) }
        if map["duration"] == nil && map["requests"] == nil && map.value.node.mapping?.count == map.entries.count {
            report(line: map.value.line, column: map.value.column, keyPath: map.keyPath, ProfileMessage.stageNeedsEnd)
            return nil
        }
        let duration = map["duration"].map { positiveDuration($0) } ?? Stage.defaultCountedStageTimeLimit
        let warmup = map["warmup"].map { self.duration($0) } ?? .zero
        if let duration, let warmup, let warmupValue = map["warmup"], warmup >= duration {
            report(warmupValue, ProfileMessage.warmupTooLong(warmup: warmupValue.text ?? "",
                                                             duration: map["duration"]?.text ?? "30m"))
            return nil
        }
        if let users, users == 0, let requestsValue = map["requests"] {
            report(requestsValue, ProfileMessage.countedStageWithoutUsers)
            return nil
        }
        guard let users, let duration, let warmup, spawnRate.map({ $0 != nil }) ?? true,
              requestLimit.map({ $0 != nil }) ?? true else { return nil }
        let rate = (spawnRate ?? nil) ?? Double(max(users, 1))
        return Stage(users: users, spawnRate: rate, duration: duration, warmup: warmup, requestLimit: requestLimit ?? nil)
    }

    mutating func requestLimit(_ value: YAMLValue) -> Int? {
        guard let count = integer(value, expected: ProfileMessage.expectRequestLimit, in: 1...ProfileLimits.maxRequests,
                                  advice: ProfileMessage.adviseRequests) else { return nil }
        guard count > 0 else {
            report(value, ProfileMessage.requestLimitNotPositive(count))
            return nil
        }
        return count
    }

    private mutating func users(_ value: YAMLValue) -> Int? {
        guard let users = integer(value, expected: ProfileMessage.expectUsers, in: 0...ProfileLimits.maxUsers,
                                  advice: ProfileMessage.adviseUsers) else { return nil }
        guard users >= 0 else {
            report(value, ProfileMessage.usersNegative(users))
            return nil
        }
        return users
    }

    private mutating func spawnRate(_ value: YAMLValue) -> Double? {
        guard let rate = number(value, expected: ProfileMessage.expectSpawnRate,
                               in: ProfileLimits.minSpawnRate...ProfileLimits.maxSpawnRate,
                               what: "users per second", advice: ProfileMessage.adviseSpawnRate) else { return nil }
        guard rate > 0 else {
            report(value, ProfileMessage.spawnRateNotPositive(value.text ?? ""))
            return nil
        }
        return rate
    }
}
