/// An open stage's target arrival rate (`rate:`): requests started per second, constant over the stage or a
/// linear ramp from `startPerSecond` at the stage's start to `endPerSecond` at its planned end.
///
/// Both ends are above zero (a ramp never starts or ends at 0) and within `ProfileLimits`' arrival rates.
package struct ArrivalRate: Sendable, Equatable {
    package var startPerSecond: Double
    package var endPerSecond: Double
    /// The unit the profile wrote (for `validate` and messages); the numbers above are per second whatever it is.
    package var unit: RateUnit

    package init(startPerSecond: Double, endPerSecond: Double, unit: RateUnit = .second) {
        self.startPerSecond = startPerSecond
        self.endPerSecond = endPerSecond
        self.unit = unit
    }

    /// A constant rate.
    package init(perSecond rate: Double, unit: RateUnit = .second) {
        self.init(startPerSecond: rate, endPerSecond: rate, unit: unit)
    }

    /// True for `rate: A to B` with A different from B.
    package var isRamp: Bool { startPerSecond != endPerSecond }

    /// The rate as the profile would write it: `200/s` or `200/s to 1000/s`, in the unit the profile used.
    package var text: String {
        let start = unit.text(perSecond: startPerSecond)
        return isRamp ? "\(start) to \(unit.text(perSecond: endPerSecond))" : start
    }
}

/// The time unit of a written rate: `/s`, `/m` or `/h`.
package enum RateUnit: String, Sendable, Equatable, CaseIterable {
    case second = "s"
    case minute = "m"
    case hour = "h"

    /// Seconds in one unit.
    package var seconds: Double {
        switch self {
        case .second: 1
        case .minute: 60
        case .hour: 3600
        }
    }

    /// `rate` (per second) written in this unit, e.g. `30/m`; at most 6 significant digits.
    package func text(perSecond rate: Double) -> String {
        let value = rate * seconds
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        let number = rounded == rounded.rounded() && abs(rounded) < 1e15 ? "\(Int64(rounded))" : "\(rounded)"
        return "\(number)/\(rawValue)"
    }
}

/// How an open stage spaces its arrivals (`arrivals:`).
package enum ArrivalProcess: String, Sendable, Equatable, CaseIterable {
    /// Evenly: arrival k is due where the integral of the rate reaches k.
    case uniform
    /// At random, as a Poisson process with the stage's (possibly ramping) rate, drawn from the run's seed.
    case poisson
}
