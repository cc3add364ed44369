import LoadRunnerModel

/// Messages about open stages (`rate:`, `arrivals:`), the open model's settings and the run's `seed`.
extension ProfileMessage {
    static let expectRate = "a rate such as `200/s`, or a ramp over the stage such as `200/s to 1000/s`"
    static let expectArrivals = "`uniform` or `poisson`"
    static let expectMaxConnections = "a whole number of connections, 1 or more"
    static let expectSeed = "a whole number, e.g. `42`"
    static let exampleStageLoad = "`users: 10` (closed: users that wait for each answer) or `rate: 100/s` (open)"

    static func rate(_ failure: ArrivalRateParser.Failure, in text: String) -> String {
        switch failure {
        case .noUnit(let number):
            return "\"\(text)\" has no unit; write \"\(number)/s\" (requests per second), or per minute (/m) or hour (/h)"
        case .unknownUnit(let unit):
            return "\"\(text)\" has the unit \"\(unit)\"; write /s, /m or /h, e.g. \"200/s\""
        case .notARate:
            return "\"\(text)\" is not a rate; write e.g. \"200/s\", or \"200/s to 1000/s\" for a ramp over the stage"
        case .notPositive(let side, let ramp, let atEnd):
            guard ramp else {
                return "\"\(text)\" must be more than 0; for a pause in the load, use a stage with `users: 0`"
            }
            let end = atEnd ? "ends at \"\(side)\"" : "starts at \"\(side)\""
            return "\"\(text)\" \(end); both ends of a ramp must be more than 0 (e.g. \"1/s\"), "
                + "and a pause in the load is a stage with `users: 0`"
        case .tooLarge(let side):
            return tooLarge(side, max: "\(Int(ProfileLimits.maxArrivalRate))/s",
                            advice: "run several generators side by side for more")
        case .tooSmall(let side):
            return tooSmall(side, min: "1/h")
        }
    }

    static let usersAndRate =
        "and `users` are both set; a stage is closed (`users`: each user waits for its answer) or open (`rate`: "
            + "requests arrive on schedule whatever the answers do); keep one"

    static let spawnRateInOpenStage =
        "sets how fast users start, but this stage is open (`rate`) and has no users; remove it (a ramp is `rate: 10/s to 100/s`)"

    static let arrivalsInClosedStage =
        "spaces the arrivals of an open stage, but this stage has `users`; remove it, or give the stage a `rate` instead"

    static func unknownArrivals(_ text: String) -> String {
        "\"\(text)\" is not a way to space arrivals; write `uniform` (evenly, the default) or `poisson` (at random, seeded)"
    }

    static let rampNeedsDuration =
        "is a ramp, which needs a `duration` to ramp over; add one, e.g. `duration: 1m` (with `requests` the stage ends at whichever comes first)"

    static func warmupNotShorterThanCount(warmup: String, requests: Int, seconds: String) -> String {
        "\"\(warmup)\" is not shorter than the stage: its \(requests) requests at its rate end it after \(seconds); "
            + "shorten the warm-up or raise `requests`"
    }

    static func connectionsTooFew(_ count: Int) -> String {
        "is \(count); it must be 1 or more (the most connections open stages may hold open at once)"
    }

    static func seedNegative(_ seed: Int) -> String { "is \(seed); it must be 0 or more" }

    static let adviseConnections = "run several generators side by side for more connections"
    static let adviseSeed = "larger numbers would not survive JSON readers such as jq"

    static let pacingWithOpenStages =
        "is pacing, which spaces a closed user's requests, but this profile has open stages (`rate`), which send on "
            + "their own schedule; give the closed stages a fixed think time, or set their rate with `rate`"

    static let thinkTimeWithoutClosedStages =
        "applies to users, but every stage is open (`rate`): requests arrive by rate, not after a think time; remove it"
}
