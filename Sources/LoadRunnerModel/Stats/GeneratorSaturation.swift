/// Why a stage's generator counts as saturated: the first rule that fired, with the numbers it saw.
///
/// The rules, in the order they are tried (`GeneratorSaturation.cause`):
/// 1. `loopBusy`: a curl loop was at least 90% busy (of its one core) in at least 20% of the window's
///    measured seconds, and in at least 2 of them;
/// 2. `loopStarved`: a loop that sent requests waited runnable for a CPU (its thread on a run queue, other work
///    holding the CPUs it may use) at least 10% of the window's measured time, that much in as many of its seconds
///    as the busy rule asks, and its mean wait each time it got a CPU was at least 10% of the stage's p50 latency
///    (the lag rule's share; in an open stage of its p50 service time, since its latency also holds the waits for a
///    connection that the starved loop caused): each wait delays the sends and receives due in it, by enough to matter against the
///    latencies measured, while the loop's own clocks (busy share, lag of arrivals that found a free connection)
///    count it as idle or as the target's. Tried before the lag rule: a starved loop also lags, and this names why;
/// 3. `loopLag`: a loop that sent requests (it served users, or open arrivals) had a lag (late waits, late
///    request starts, and open arrivals sent late while a connection was free: send − intended time, the open
///    model's own measure of the generator's lateness; at least 100 samples) with a p99 above
///    10% of the stage's p50 latency, and above 2 ms, over the window and in as many of its seconds as the
///    busy rule asks (20% of the seconds with a p99 of their own, at least 2): one burst (the machine busy
///    with something else for a moment) is not a saturated generator;
/// 4. `processCPU`: the process used at least 90% of the cores it may use (affinity and cgroup quota);
/// 5. `timerLag`: a 50 ms timer on Swift's task pool fired 50 ms late or more (p99), and, when the seconds are
///    known, was that late in as many of the window's seconds as the busy rule asks (one stall of the whole
///    machine is not a saturated generator).
package struct SaturationCause: Codable, Sendable, Equatable {
    /// Which rule fired.
    package enum Kind: String, Codable, Sendable {
        case loopBusy = "loop_busy"
        case loopLag = "loop_lag"
        case loopStarved = "loop_starved"
        case processCPU = "process_cpu"
        case timerLag = "timer_lag"
    }

    package var kind: Kind
    /// The loop (from 1) and how many users it served; nil for the process rules (`users` also for a loop that
    /// served only open arrivals).
    package var loop: Int?
    package var users: Int?
    /// For `loopBusy`: the seconds the loop was busy, of the seconds measured, and its busy share over them
    /// (% of one core).
    package var busySeconds: Double?
    package var measuredSeconds: Double?
    package var busyPercent: Double?
    /// For `loopLag`: the loop's lag p99 and the stage's p50 latency it was held against, in microseconds;
    /// and in how many of the seconds with their own lag p99 (`laggingSeconds` of `lagSeconds`) it was above.
    /// For `timerLag`: the timer's lag p99, and the seconds in which it was 50 ms late or more, of those measured.
    package var lagP99Micros: UInt64?
    package var latencyP50Micros: UInt64?
    package var laggingSeconds: Int?
    package var lagSeconds: Int?
    /// For `loopStarved`: the loop's run-queue wait in % of the measured seconds (`measuredSeconds`), and the seconds
    /// in which it waited at least `GeneratorSaturation.runQueueShare` of the time.
    package var runQueuePercent: Double?
    package var starvedSeconds: Double?
    /// For `loopStarved`: the loop's mean wait for a CPU each time it got one, in microseconds (held against
    /// `latencyP50Micros`, which is then the p50 service time in an open stage).
    package var runQueueMeanWaitMicros: Double?

    package init(
        kind: Kind, loop: Int? = nil, users: Int? = nil, busySeconds: Double? = nil, measuredSeconds: Double? = nil,
        busyPercent: Double? = nil, lagP99Micros: UInt64? = nil, latencyP50Micros: UInt64? = nil,
        laggingSeconds: Int? = nil, lagSeconds: Int? = nil, runQueuePercent: Double? = nil, starvedSeconds: Double? = nil,
        runQueueMeanWaitMicros: Double? = nil
    ) {
        self.runQueueMeanWaitMicros = runQueueMeanWaitMicros
        self.runQueuePercent = runQueuePercent
        self.starvedSeconds = starvedSeconds
        self.kind = kind
        self.loop = loop
        self.users = users
        self.busySeconds = busySeconds
        self.measuredSeconds = measuredSeconds
        self.busyPercent = busyPercent
        self.lagP99Micros = lagP99Micros
        self.latencyP50Micros = latencyP50Micros
        self.laggingSeconds = laggingSeconds
        self.lagSeconds = lagSeconds
    }
}

/// The saturation rule: whether a stage's latencies measure the generator rather than the target.
package enum GeneratorSaturation {
    /// Share of the measured seconds a loop must be busy in (and at least `minimumBusySeconds` of them).
    package static let busySecondsShare = 0.20
    package static let minimumBusySeconds = 2.0
    /// A loop's lag p99 above this share of the stage's p50 latency, and above `lagFloorMicros`, fires.
    package static let lagShareOfMedian = 0.10
    package static let lagFloorMicros: UInt64 = 2_000
    /// Fewer lag samples than this say nothing about a p99 (it would be the maximum of a handful).
    package static let minimumLagSamples: UInt64 = 100
    /// Share of a second (0...1) a loop must wait for a CPU for the second to count as starved, and of the window
    /// for the loop to count as starved (in enough seconds, as the busy rule asks).
    package static let runQueueShare = 0.10
    /// CPU share (of what the process may use) above which a stage counts as saturated.
    package static let processCPUShare = 0.90
    /// Task-pool timer lag (p99) at or above which a stage counts as saturated.
    package static let timerLagMicros: UInt64 = 50_000

    /// The first rule that fires for these figures, nil when none does. `loops` may be empty (results of
    /// earlier versions); `latencyP50Micros` is the stage window's p50 over all requests; `serviceP50Micros` (open
    /// stages) its p50 service time (libcurl's, without the wait for a connection that a starved loop itself
    /// causes), which the starved rule judges against in place of the latency.
    package static func cause(
        loops: [LoopLoad], latencyP50Micros: UInt64, cpuPercent: Double, allowedCores: Int, timerLagP99Micros: UInt64,
        timerLagSecondsMax: [UInt64]? = nil, serviceP50Micros: UInt64? = nil
    ) -> SaturationCause? {
        let busy = loops.filter { loop in
            loop.busySeconds >= max(minimumBusySeconds, busySecondsShare * loop.measuredSeconds) - 1e-9
        }
        if let worst = busy.max(by: { ($0.busySeconds, $0.busyPercent) < ($1.busySeconds, $1.busyPercent) }) {
            return SaturationCause(
                kind: .loopBusy, loop: worst.loop, users: worst.users, busySeconds: worst.busySeconds,
                measuredSeconds: worst.measuredSeconds, busyPercent: worst.busyPercent)
        }
        let starved = loops.filter(\.sentRequests).filter { loop in
            guard let percent = loop.runQueuePercent, let seconds = loop.starvedSeconds else { return false }
            return percent >= runQueueShare * 100
                && (loop.runQueueMeanWaitMicros ?? 0) >= lagShareOfMedian * Double(serviceP50Micros ?? latencyP50Micros)
                && seconds >= max(minimumBusySeconds, busySecondsShare * loop.measuredSeconds) - 1e-9
        }
        if let worst = starved.max(by: { ($0.runQueuePercent ?? 0) < ($1.runQueuePercent ?? 0) }) {
            return SaturationCause(
                kind: .loopStarved, loop: worst.loop, users: worst.users > 0 ? worst.users : nil,
                measuredSeconds: worst.measuredSeconds, latencyP50Micros: serviceP50Micros ?? latencyP50Micros,
                runQueuePercent: worst.runQueuePercent, starvedSeconds: worst.starvedSeconds,
                runQueueMeanWaitMicros: worst.runQueueMeanWaitMicros)
        }
        let limit = max(lagFloorMicros, UInt64(Double(latencyP50Micros) * lagShareOfMedian))
        // A loop that sent nothing (no users, no open arrivals): its late polls (an idle loop on a busy machine)
        // delay no request.
        let lagging = loops.filter(\.sentRequests).map { ($0, $0.lag) }
            .filter { $0.1.count >= minimumLagSamples && $0.1.micros(atPercentile: 99) > limit }
            .filter { laggedInEnoughSeconds($0.0, limit: limit) }
        if let (worst, lag) = lagging.max(by: { $0.1.micros(atPercentile: 99) < $1.1.micros(atPercentile: 99) }) {
            return SaturationCause(
                kind: .loopLag, loop: worst.loop, users: worst.users > 0 ? worst.users : nil, lagP99Micros: lag.micros(atPercentile: 99),
                latencyP50Micros: latencyP50Micros, laggingSeconds: worst.lagSecondsP99Micros?.filter { $0 > limit }.count,
                lagSeconds: worst.lagSecondsP99Micros?.count)
        }
        if cpuPercent >= processCPUShare * 100 * Double(max(allowedCores, 1)) {
            return SaturationCause(kind: .processCPU)
        }
        if timerLagP99Micros >= timerLagMicros {
            guard let seconds = timerLagSecondsMax else { return SaturationCause(kind: .timerLag, lagP99Micros: timerLagP99Micros) }
            let late = seconds.filter { $0 >= timerLagMicros }.count
            if inEnoughSeconds(late, of: seconds.count) {
                return SaturationCause(
                    kind: .timerLag, lagP99Micros: timerLagP99Micros, laggingSeconds: late, lagSeconds: seconds.count)
            }
        }
        return nil
    }

    /// Whether `count` of `measured` seconds is the busy rule's share: 20% of them, and at least 2.
    private static func inEnoughSeconds(_ count: Int, of measured: Int) -> Bool {
        Double(count) >= max(minimumBusySeconds, busySecondsShare * Double(measured)) - 1e-9
    }

    /// Whether `loop`'s lag p99 was above `limit` in enough seconds of the window (the busy rule's share);
    /// true for results of earlier versions, which kept no seconds (the window's p99 alone decided then).
    private static func laggedInEnoughSeconds(_ loop: LoopLoad, limit: UInt64) -> Bool {
        guard let seconds = loop.lagSecondsP99Micros else { return true }
        return inEnoughSeconds(seconds.filter { $0 > limit }.count, of: seconds.count)
    }
}
