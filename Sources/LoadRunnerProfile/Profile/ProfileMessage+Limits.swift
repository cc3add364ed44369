import LoadRunnerModel

/// Messages about numbers beyond `ProfileLimits`: the value, the limit, and what to do instead.
extension ProfileMessage {
    static func tooLarge(_ text: String, max: String, advice: String) -> String {
        "\"\(text)\" is too large; the most is \(max)\(advice.isEmpty ? "" : "; \(advice)")"
    }

    static func tooSmall(_ text: String, min: String) -> String { "\"\(text)\" is too small; the least is \(min)" }

    static func durationTooLong(_ text: String, max: String) -> String {
        "\"\(text)\" is too long (max \(max)); split a longer test into several runs"
    }

    static func durationRoundsToZero(_ text: String) -> String {
        "\"\(text)\" rounds to 0µs; the smallest is 1µs (write 0s for none, or e.g. \"1ms\")"
    }

    static func weightSumTooLarge(_ sum: Int) -> String {
        "have weights adding up to \(sum); the most is \(ProfileLimits.maxWeightSum); divide them by a common factor"
    }

    static func requestSumTooLarge(_ sum: Int) -> String {
        "ask for \(sum) requests in all; the most is \(ProfileLimits.maxRequests); split the test into several runs"
    }

    static func runTooLong(hours: Int64) -> String {
        "add up to \(hours)h (a stage that ends by count counts its time limit, 30m by default); "
            + "the most is \(ProfileLimits.maxRunDurationText); split the test into several runs"
    }

    static let adviseUsers = "run several generators (or profiles) side by side for more users"
    static let adviseSpawnRate = "a higher rate starts every user at once anyway"
    static let adviseWeight = "weights are relative: divide them by a common factor"
    static let adviseRequests = "split the test into several runs"
    static let adviseRange = "the bounds are within ±10^18"
    static let advisePid = "process ids are positive 32-bit numbers"
}
