import LoadRunnerModel

/// How fast one loop's open-model pool may grow: a token bucket sized by Little's law (connections needed ≈ the
/// loop's arrival rate × the observed service time × `headroom`, plus `spare`). Pure: no clock, no libcurl.
///
/// `spare` plays the part of k6's `preAllocatedVUs`: a few dozen connections cost any server nothing, so the pool
/// grows to them on demand whatever it has measured, and no burst opens more than that many at once.
///
/// Each arrival that becomes due adds a token while the pool is below the estimate and a tenth of one above it;
/// the bucket holds at most `spare`. Opening a connection spends a token; an idle connection costs none and is
/// always taken first. So a backlog (a stalled generator, a paused target) opens at most a bucketful at once and
/// then one connection per ten arrivals, never one per waiting arrival: each new connect costs the generator and
/// the target far more than a reused one, and the next connection to come free serves the oldest waiting arrival.
/// An arrival the loop itself admitted late (its thread was busy or off the CPU: the generator is behind) adds
/// nothing: its service times include the generator's own delay, and more connections would cost the generator
/// more CPU and put it further behind, the spiral this type exists to prevent.
struct ConnectionBudget: Sendable, Equatable {
    /// Connections beyond the bare Little's-law need, so that a backlog drains at least as fast as it built up.
    static let headroom = 2.0
    /// Connections always allowed, and the bucket's size, whatever the rate and service time.
    static let spare = 32
    /// Tenths of a token an arrival adds once the pool has reached the estimate: one connection per ten arrivals.
    static let growthTenthsPerArrival = 1
    /// An arrival admitted this late (µs) adds no token: the late-start limit of `pacing` users.
    static let lateAdmissionMicros = Int64(RequestStats.lateStartMicros)
    /// How much a new service time moves the mean: 1/8, as TCP smooths its round-trip time.
    static let serviceWeight = 0.125

    /// The smoothed service time of this loop's answered arrivals, in microseconds; nil before the first answer.
    private(set) var serviceMicros: Double?
    /// Connections the pool may still open now, in tenths (whole numbers: no rounding drift over millions of arrivals).
    private(set) var tokenTenths = Self.spare * 10

    /// Connections this loop needs at `ratePerSecond` arrivals per second by Little's law, with headroom and spare.
    func estimate(ratePerSecond: Double) -> Int {
        let busy = max(0, ratePerSecond) * (serviceMicros ?? 0) / 1_000_000
        return Int((busy * Self.headroom).rounded(.up)) + Self.spare
    }

    /// One arrival became due, and the loop admitted it `lateMicros` after its time, while the loop's rate is
    /// `ratePerSecond` and its pool holds `poolSize` connections.
    mutating func arrivalDue(ratePerSecond: Double, poolSize: Int, lateMicros: Int64 = 0) {
        guard lateMicros <= Self.lateAdmissionMicros else { return }
        let added = poolSize < estimate(ratePerSecond: ratePerSecond) ? 10 : Self.growthTenthsPerArrival
        tokenTenths = max(tokenTenths, min(tokenTenths + added, Self.spare * 10))
    }

    /// An answered arrival took `micros` from its send to its end (libcurl's total time).
    mutating func observe(serviceMicros micros: UInt64) {
        let sample = Double(micros)
        guard let mean = serviceMicros else {
            serviceMicros = sample
            return
        }
        serviceMicros = mean + Self.serviceWeight * (sample - mean)
    }

    /// Spends a token to open one connection; false (nothing spent) when the bucket is empty.
    mutating func takeToken() -> Bool {
        guard tokenTenths >= 10 else { return false }
        tokenTenths -= 10
        return true
    }
}
