import LoadRunnerModel

/// Open stages (`rate:`, `arrivals:`), the open model's settings (`max_connections:`, `max_lag:`) and `seed:`.
extension ProfileDecoder {
    /// An open stage: `rate` (with its `arrivals`, else the profile's), `duration` and/or `requests`, `warmup`.
    /// `users` and `spawn_rate` belong to closed stages; a ramp needs a `duration` to ramp over.
    mutating func openStage(_ map: YAMLMap, rate rateValue: YAMLValue, arrivals defaultArrivals: ArrivalProcess) -> Stage? {
        if map["users"] != nil {
            report(rateValue, ProfileMessage.usersAndRate)
            return nil
        }
        if let spawnRate = map["spawn_rate"] { report(spawnRate, ProfileMessage.spawnRateInOpenStage) }
        let rate = arrivalRate(rateValue)
        let arrivals = map["arrivals"].map { arrivalProcess($0) } ?? defaultArrivals
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
        if let rate, rate.isRamp, map["duration"] == nil {
            report(rateValue, ProfileMessage.rampNeedsDuration)
            return nil
        }
        guard let rate, let arrivals, let duration, let warmup, requestLimit.map({ $0 != nil }) ?? true else { return nil }
        let stage = Stage(rate: rate, arrivals: arrivals, duration: duration, warmup: warmup, requestLimit: requestLimit ?? nil)
        if let limit = stage.requestLimit, let warmupValue = map["warmup"], warmup > .zero,
           stage.plannedMicros <= warmup.micros {
            report(warmupValue, ProfileMessage.warmupNotShorterThanCount(
                warmup: warmupValue.text ?? "", requests: limit, seconds: Self.seconds(stage.plannedMicros)))
            return nil
        }
        return stage
    }

    /// `200/s`, `30/m`, `5/h`, or a ramp `200/s to 1000/s`.
    mutating func arrivalRate(_ value: YAMLValue) -> ArrivalRate? {
        guard let text = text(value, expected: ProfileMessage.expectRate) else { return nil }
        switch ArrivalRateParser.parse(text) {
        case .success(let rate):
            return rate
        case .failure(let failure):
            report(value, ProfileMessage.rate(failure, in: text.trimmingWhitespace()))
            return nil
        }
    }

    /// `uniform` or `poisson`.
    mutating func arrivalProcess(_ value: YAMLValue) -> ArrivalProcess? {
        guard let text = text(value, expected: ProfileMessage.expectArrivals) else { return nil }
        guard let process = ArrivalProcess(rawValue: text.trimmingWhitespace()) else {
            report(value, ProfileMessage.unknownArrivals(text))
            return nil
        }
        return process
    }

    /// `max_connections`: 1 to `ProfileLimits.maxConnections`.
    mutating func maxConnections(_ value: YAMLValue) -> Int? {
        guard let count = integer(value, expected: ProfileMessage.expectMaxConnections, in: 1...ProfileLimits.maxConnections,
                                  advice: ProfileMessage.adviseConnections) else { return nil }
        guard count >= 1 else {
            report(value, ProfileMessage.connectionsTooFew(count))
            return nil
        }
        return count
    }

    /// `seed`: 0 to `ProfileLimits.maxSeed`.
    mutating func seed(_ value: YAMLValue) -> UInt64? {
        guard let seed = integer(value, expected: ProfileMessage.expectSeed, in: 0...Int(ProfileLimits.maxSeed),
                                 advice: ProfileMessage.adviseSeed) else { return nil }
        guard seed >= 0 else {
            report(value, ProfileMessage.seedNegative(seed))
            return nil
        }
        return UInt64(seed)
    }

    /// `think_time` paces closed users only: pacing (a closed user's way to a rate) beside open stages, or any think
    /// time when every stage is open, is a mistake.
    mutating func checkThinkTime(_ thinkTime: ThinkTime, at value: YAMLValue?, stages: [Stage]) {
        guard let value, stages.contains(where: \.isOpen) else { return }
        if case .pacing = thinkTime {
            report(value, ProfileMessage.pacingWithOpenStages)
        } else if thinkTime != .none, stages.allSatisfy(\.isOpen) {
            report(value, ProfileMessage.thinkTimeWithoutClosedStages)
        }
    }

    /// `2.5s` from microseconds, for messages.
    static func seconds(_ micros: Int64) -> String {
        let seconds = Double(micros) / 1_000_000
        let rounded = (seconds * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? "\(Int64(rounded))s" : "\(rounded)s"
    }
}
