/// When every open-stage request of a run is due: a pure function of the stages and the seed, with no clock.
///
/// Uniform arrivals: arrival k is due where the integral of the rate, taken over the run's open stages one after
/// another, reaches k (arrival 0 at the first open stage's start). The fraction an open stage leaves over carries
/// into the next one, so three stages of 0.5 s at 3/s send 2, 1 and 2 requests (k6's ramping-arrival-rate carries
/// fractions the same way, counting from 1; here the first arrival is at the start, and a stage is the half-open
/// span `[start, end)`). A stage of 200/s for 10 s sends exactly 2000, and so does 100/s to 300/s over 10 s.
///
/// Poisson arrivals: gaps are exponential at the instantaneous rate, by time change: a unit-rate Poisson process
/// mapped through the inverse of the rate's integral, so a ramp needs no thinning. Each stage draws from its own
/// stream of the seed (`RandomSource.Purpose.arrivalGaps`), so one stage's arrivals do not depend on another's.
/// A counted Poisson stage (`requests: N`) lasts as long as N arrivals take on average and sends N on average.
///
/// Pull arrivals with the iterator (constant memory, O(1) per arrival: an hour at 10,000/s is 36M arrivals, never
/// an array), or take those of a window with `arrivals(inMicros:)`.
package struct ArrivalPlan: Sendable, Sequence {
    /// One open stage's part of the plan.
    package struct Part: Sendable, Equatable {
        /// 0-based index of the stage in the profile.
        package var stage: Int
        package var startMicros: Int64
        /// The stage's length on the timeline (shorter than its duration when a count ends it).
        package var lengthMicros: Int64
        package var curve: RateCurve
        package var process: ArrivalProcess
        /// The integral of the rate over the stage (its count, when a count ends it).
        package var total: Double
        /// Uniform: the integral, from the stage's start, at which its first arrival is due, in [0, 1) (the fraction
        /// the open stages before it left over). Poisson stages start afresh: the process is memoryless.
        package var firstAt: Double
        /// Uniform: how many arrivals the stage sends; nil for Poisson, whose count is drawn.
        package var count: Int?
    }

    package let seed: UInt64
    /// The open stages, in order; closed stages have none.
    package let parts: [Part]

    /// The plan of `schedule`'s open stages (`Stage.rate`), with Poisson gaps drawn from `seed`.
    package init(schedule: StageSchedule, seed: UInt64) {
        self.seed = seed
        var parts: [Part] = []
        var carried = 0.0
        for slot in schedule.slots {
            guard let rate = slot.stage.rate else { continue }
            let curve = RateCurve(rate, duration: slot.stage.duration)
            let total = slot.stage.expectedArrivals
            // Arrivals due at firstAt, firstAt + 1, ... while below total; the next stage's first is where this one's next would be.
            let due = RateCurve.snapped(total - carried)
            let count = due > 0 ? Int(due.rounded(.up)) : 0
            parts.append(Part(
                stage: slot.index, startMicros: slot.startMicros, lengthMicros: slot.endMicros - slot.startMicros,
                curve: curve, process: slot.stage.arrivals, total: total, firstAt: carried,
                count: slot.stage.arrivals == .uniform ? count : nil))
            carried = Swift.min(Swift.max(RateCurve.snapped(carried + Double(count) - total), 0), 1.0.nextDown)
        }
        self.parts = parts
    }

    /// The plan of `stages` laid out from the run's start.
    package init(stages: [Stage], seed: UInt64) {
        self.init(schedule: StageSchedule(stages: stages), seed: seed)
    }

    package func makeIterator() -> Iterator { Iterator(plan: self) }

    /// Every arrival due in `window` (run microseconds), in order. Uniform stages are entered at the window
    /// (O(arrivals in it)); a Poisson stage before or around the window is replayed from its start, to count its
    /// arrivals and so know each k.
    package func arrivals(inMicros window: Range<Int64>) -> [Arrival] {
        var found: [Arrival] = []
        var index = 0
        for part in parts {
            guard part.startMicros < window.upperBound else { break }
            if let count = part.count, part.startMicros + part.lengthMicros <= window.lowerBound {
                index += count
                continue
            }
            var stream = PartStream(part: part, seed: seed)
            index += stream.skip(toMicros: window.lowerBound - part.startMicros)
            while let offset = stream.next() {
                let due = part.startMicros + offset
                if due >= window.upperBound { return found }
                if due >= window.lowerBound {
                    found.append(Arrival(index: index, stage: part.stage, offsetMicros: offset, intendedMicros: due))
                }
                index += 1
            }
        }
        return found
    }

    /// Pulls arrivals in order, one stage after another, drawing Poisson gaps as it goes.
    package struct Iterator: IteratorProtocol, Sendable {
        private let plan: ArrivalPlan
        private var partIndex = 0
        private var stream: PartStream?
        private var index = 0

        init(plan: ArrivalPlan) {
            self.plan = plan
            stream = plan.parts.first.map { PartStream(part: $0, seed: plan.seed) }
        }

        package mutating func next() -> Arrival? {
            while var current = stream {
                if let offset = current.next() {
                    stream = current
                    defer { index += 1 }
                    return Arrival(
                        index: index, stage: current.part.stage, offsetMicros: offset,
                        intendedMicros: current.part.startMicros + offset)
                }
                partIndex += 1
                stream = partIndex < plan.parts.count ? PartStream(part: plan.parts[partIndex], seed: plan.seed) : nil
            }
            return nil
        }
    }
}

/// The arrivals of one open stage in order, as offsets (µs) from its start.
struct PartStream: Sendable {
    let part: ArrivalPlan.Part
    /// Arrivals returned (or skipped) so far.
    private(set) var number = 0
    /// Poisson: the integral at which the last arrival was due.
    private var reached = 0.0
    private var random: RandomSource

    init(part: ArrivalPlan.Part, seed: UInt64) {
        self.part = part
        random = RandomSource(seed: seed, purpose: .arrivalGaps, stream: UInt64(part.stage))
    }

    /// The next arrival's offset, or nil once the stage has no more.
    mutating func next() -> Int64? {
        let integral: Double
        switch part.process {
        case .uniform:
            guard number < part.count ?? 0 else { return nil }
            integral = part.firstAt + Double(number)
        case .poisson:
            let candidate = reached + random.exponential()
            guard candidate < part.total else { return nil }
            reached = candidate
            integral = candidate
        }
        number += 1
        return micros(atIntegral: integral)
    }

    /// Moves a uniform stream to just before the first arrival due at or after `offsetMicros` (an arrival or two
    /// early, never late) and returns how many it passed; a Poisson stream stays (its gaps must be drawn in order).
    mutating func skip(toMicros offsetMicros: Int64) -> Int {
        guard part.process == .uniform, offsetMicros > 0, let count = part.count else { return 0 }
        let integral = part.curve.integral(toSeconds: Double(offsetMicros) / 1_000_000)
        let passed = min(max(Int((integral - part.firstAt).rounded(.down)) - 1, 0), count)
        number = passed
        return passed
    }

    /// The offset of the moment the integral reaches `integral`, rounded to the microsecond and kept inside the stage.
    private func micros(atIntegral integral: Double) -> Int64 {
        let micros = Int64((part.curve.seconds(atIntegral: integral) * 1_000_000).rounded())
        return min(max(micros, 0), part.lengthMicros - 1)
    }
}
