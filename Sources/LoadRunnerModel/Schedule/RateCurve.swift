/// One open stage's arrival rate as a function of time, and its integral: how many arrivals are due by a moment,
/// and when the x-th is due. Seconds from the stage's start; pure arithmetic on doubles.
///
/// The rate runs linearly from `startRate` to `endRate` over `durationSeconds` (the stage's planned length, which
/// a ramp spans even when a count ends the stage earlier). Both rates are above zero (`ProfileLimits`), so the
/// integral rises strictly and every x in `0...integral(durationSeconds)` has exactly one moment.
package struct RateCurve: Sendable, Equatable {
    /// Arrivals per second at the stage's start and at `durationSeconds`.
    package var startRate: Double
    package var endRate: Double
    package var durationSeconds: Double

    package init(startRate: Double, endRate: Double, durationSeconds: Double) {
        self.startRate = startRate
        self.endRate = endRate
        self.durationSeconds = durationSeconds
    }

    /// The curve of an open stage's `rate` over its `duration`.
    package init(_ rate: ArrivalRate, duration: Duration) {
        self.init(
            startRate: rate.startPerSecond, endRate: rate.endPerSecond, durationSeconds: Double(duration.micros) / 1_000_000)
    }

    /// How fast the rate changes, per second per second (0 for a constant rate).
    private var slope: Double { durationSeconds > 0 ? (endRate - startRate) / durationSeconds : 0 }

    /// Arrivals per second at `seconds` from the stage's start (the end rate after a ramp's end).
    package func rate(atSeconds seconds: Double) -> Double {
        startRate + slope * min(max(seconds, 0), durationSeconds)
    }

    /// Arrivals due from the stage's start to `seconds`: a·t + s·t²/2.
    package func integral(toSeconds seconds: Double) -> Double {
        startRate * seconds + slope * seconds * seconds / 2
    }

    /// Arrivals due over the whole planned stage, (a + b)/2 · D, snapped to a whole number when it is one but
    /// for rounding (200/m for 60 s is 200, not 200.00000000000003: the stage must hold 200 uniform arrivals).
    package var total: Double { Self.snapped(durationSeconds * (startRate + endRate) / 2) }

    /// The moment (seconds from the stage's start) at which the integral reaches `integral`, for 0 ≤ integral ≤
    /// `total`: the root of a·t + s·t²/2 = x written as 2x / (a + √(a² + 2sx)), which loses no digits when a ramp
    /// goes down and is x / a for a constant rate.
    package func seconds(atIntegral integral: Double) -> Double {
        let discriminant = max(0, startRate * startRate + 2 * slope * integral)
        return 2 * integral / (startRate + discriminant.squareRoot())
    }

    /// `value` rounded to the nearest whole number when within a billionth (relative) of it; as is otherwise.
    package static func snapped(_ value: Double) -> Double {
        let whole = value.rounded()
        return abs(value - whole) <= 1e-9 * max(1, abs(value)) ? whole : value
    }
}

extension Stage {
    /// How long the stage lasts on the timeline, in microseconds: its `duration`, except an open stage with
    /// `requests: N` that its rate brings to N arrivals sooner: it ends where the integral of its rate reaches N
    /// (at least 1µs in).
    package var plannedMicros: Int64 {
        let durationMicros = duration.micros
        guard let rate, let limit = requestLimit else { return durationMicros }
        let curve = RateCurve(rate, duration: duration)
        guard Double(limit) < curve.total else { return durationMicros }
        let micros = Int64((curve.seconds(atIntegral: Double(limit)) * 1_000_000).rounded())
        return min(max(micros, 1), durationMicros)
    }

    /// Arrivals an open stage is due over its planned length: the integral of its rate, or its count when that
    /// ends it sooner; 0 for a closed stage.
    package var expectedArrivals: Double {
        guard let rate else { return 0 }
        let total = RateCurve(rate, duration: duration).total
        return requestLimit.map { min(Double($0), total) } ?? total
    }
}
