/// The largest (and smallest) numbers a profile may hold, in one place: the decoder checks them, docs/profile.md
/// lists them, and every later sum or product over profile numbers relies on them to stay far from overflow.
///
/// Each maximum is beyond what one load generator can do, yet small enough that the derived numbers fit with
/// room to spare: microseconds of a whole run in `Int64` (365 days is 3.2e13 µs of 9.2e18), request counts
/// summed over stages, weight sums in `Int`, users plus the open files each one needs.
public enum ProfileLimits {
    /// Users in one stage. More than one machine's sockets: the open-file limit is checked again at run start.
    public static let maxUsers = 1_000_000
    /// Users started or stopped per second while ramping.
    public static let maxSpawnRate = 1_000_000.0
    /// The slowest ramp, in users per second (one user every 1,000 s); below it a ramp step overflows the clock.
    public static let minSpawnRate = 0.001
    /// One request's `weight`.
    public static let maxWeight = 1_000_000
    /// The sum of every request's `weight` (2^31).
    public static let maxWeightSum = 1 << 31
    /// A stage's `requests`, the sum of them over every stage, and an action's `after_requests`.
    public static let maxRequests = 1_000_000_000_000
    /// Any single duration: a stage, a warm-up, think time, a timeout, a monitor interval, an action's time.
    public static let maxDuration = Duration.seconds(30 * 24 * 3600)
    /// The planned run: every stage's duration (or time limit) added up.
    public static let maxRunDuration = Duration.seconds(365 * 24 * 3600)
    /// The shortest duration other than zero: run times are kept in whole microseconds.
    public static let minDuration = Duration.microseconds(1)
    /// The largest magnitude of a `range` bound (10^18), so a range's span fits in `Int`.
    public static let maxRangeMagnitude: Int64 = 1_000_000_000_000_000_000
    /// A latency in a threshold or budget: no request can take longer than the longest timeout.
    public static let maxGateLatency = maxDuration
    /// Requests per second in a threshold or budget.
    public static let maxGateRate = 1_000_000_000.0
    /// A `requests` or `failures` count in a threshold: no run sends more than `maxRequests` per stage.
    public static let maxGateCount = Double(maxRequests)
    /// A budget's relative change, in percent (100 times worse).
    public static let maxGatePercent = 10_000.0
}

extension ProfileLimits {
    /// `maxDuration` as the user would write it.
    public static let maxDurationText = "720h (30 days)"
    /// `maxRunDuration` as the user would write it.
    public static let maxRunDurationText = "8760h (365 days)"
}
