/// The largest (and smallest) numbers a profile may hold, in one place: the decoder checks them, docs/profile.md
/// lists them, and every later sum or product over profile numbers relies on them to stay far from overflow.
///
/// Each maximum is beyond what one load generator can do, yet small enough that the derived numbers fit with
/// room to spare: microseconds of a whole run in `Int64` (365 days is 3.2e13 µs of 9.2e18), request counts
/// summed over stages, weight sums in `Int`, users plus the open files each one needs.
package enum ProfileLimits {
    /// Users in one stage. More than one machine's sockets: the open-file limit is checked again at run start.
    package static let maxUsers = 1_000_000
    /// Users started or stopped per second while ramping.
    package static let maxSpawnRate = 1_000_000.0
    /// The slowest ramp, in users per second (one user every 1,000 s); below it a ramp step overflows the clock.
    package static let minSpawnRate = 0.001
    /// An open stage's arrival rate, per second (a million requests per second is beyond one generator).
    package static let maxArrivalRate = 1_000_000.0
    /// The slowest arrival rate, per second: one an hour.
    package static let minArrivalRate = 1.0 / 3600
    /// `max_connections`, the open model's connection cap: like `maxUsers`, checked against open files at run start.
    package static let maxConnections = 1_000_000
    /// The largest `seed` (2^53 - 1): every JSON reader (jq, JavaScript) keeps a number up to it exact.
    package static let maxSeed: UInt64 = (1 << 53) - 1
    /// One request's `weight`.
    package static let maxWeight = 1_000_000
    /// The sum of every request's `weight` (2^31).
    package static let maxWeightSum = 1 << 31
    /// A stage's `requests`, the sum of them over every stage, and an action's `after_requests`.
    package static let maxRequests = 1_000_000_000_000
    /// Any single duration: a stage, a warm-up, think time, a timeout, a monitor interval, an action's time.
    package static let maxDuration = Duration.seconds(30 * 24 * 3600)
    /// The planned run: every stage's duration (or time limit) added up.
    package static let maxRunDuration = Duration.seconds(365 * 24 * 3600)
    /// The shortest duration other than zero: run times are kept in whole microseconds.
    package static let minDuration = Duration.microseconds(1)
    /// The largest magnitude of a `range` bound (10^18), so a range's span fits in `Int`.
    package static let maxRangeMagnitude: Int64 = 1_000_000_000_000_000_000
    /// A latency in a threshold or budget: no request can take longer than the longest timeout.
    package static let maxGateLatency = maxDuration
    /// Requests per second in a threshold or budget.
    package static let maxGateRate = 1_000_000_000.0
    /// A `requests` or `failures` count in a threshold: no run sends more than `maxRequests` per stage.
    package static let maxGateCount = Double(maxRequests)
    /// A budget's relative change, in percent (100 times worse).
    package static let maxGatePercent = 10_000.0
}

extension ProfileLimits {
    /// `maxDuration` as the user would write it.
    package static let maxDurationText = "720h (30 days)"
    /// `maxRunDuration` as the user would write it.
    package static let maxRunDurationText = "8760h (365 days)"
}
