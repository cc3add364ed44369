import Foundation
import LoadRunnerModel
import LoadRunnerText

/// Parses an open stage's `rate:`: a number of requests per unit of time, `200/s`, `30/m` or `5/h`, or a linear
/// ramp over the stage, `200/s to 1000/s` (each end with its own unit). Numbers may have a fraction or
/// underscores (`1_000/s`, `2.5/s`).
package enum ArrivalRateParser {
    /// What is wrong with a written rate.
    package enum Failure: Error, Sendable, Equatable {
        /// A bare number (`200`): the unit is missing.
        case noUnit(String)
        /// A number over something other than `s`, `m` or `h` (`200/sec`): the unit as written.
        case unknownUnit(String)
        /// Not a number over a unit at all (`fast`, `inf/s`, `200/s to`).
        case notARate
        /// Zero or negative at the start (`0/s`) or the end of a ramp (`200/s to 0/s`): the side as written.
        case notPositive(String, ramp: Bool, atEnd: Bool)
        /// Above `ProfileLimits.maxArrivalRate` (infinite included): the side as written.
        case tooLarge(String)
        /// Above zero but below `ProfileLimits.minArrivalRate`: the side as written.
        case tooSmall(String)
    }

    /// The rate in `text`, or what is wrong with it.
    package static func parse(_ text: String) -> Result<ArrivalRate, Failure> {
        let sides = text.trimmingWhitespace().components(separatedBy: " to ")
        guard sides.count <= 2 else { return .failure(.notARate) }
        let ramp = sides.count == 2
        var rates: [(perSecond: Double, unit: RateUnit)] = []
        for (position, side) in sides.enumerated() {
            switch rate(side.trimmingWhitespace(), ramp: ramp, atEnd: position == 1) {
            case .success(let rate): rates.append(rate)
            case .failure(let failure): return .failure(failure)
            }
        }
        let start = rates[0]
        let end = rates.last ?? start
        return .success(ArrivalRate(startPerSecond: start.perSecond, endPerSecond: end.perSecond, unit: start.unit))
    }

    /// One side: `NUMBER/UNIT` in requests per second, checked against the limits.
    private static func rate(_ side: String, ramp: Bool, atEnd: Bool) -> Result<(perSecond: Double, unit: RateUnit), Failure> {
        let parts = side.split(separator: "/", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        let digits = parts[0].replacingOccurrences(of: "_", with: "")
        guard let number = numeral(digits) else { return .failure(.notARate) }
        guard parts.count == 2 else { return .failure(parts.count == 1 ? .noUnit(side) : .notARate) }
        guard let unit = RateUnit(rawValue: parts[1]) else {
            if parts[1].isEmpty { return .failure(.noUnit(parts[0])) }
            return .failure(parts[1].allSatisfy(\.isLetter) ? .unknownUnit(parts[1]) : .notARate)
        }
        let perSecond = number / unit.seconds
        guard number > 0 else { return .failure(.notPositive(side, ramp: ramp, atEnd: atEnd)) }
        guard perSecond <= ProfileLimits.maxArrivalRate else { return .failure(.tooLarge(side)) }
        // A hair of tolerance, so that exactly 1/h is never refused for a rounding of 1/3600.
        guard perSecond * (1 + 1e-12) >= ProfileLimits.minArrivalRate else { return .failure(.tooSmall(side)) }
        return .success((perSecond, unit))
    }

    /// The value of a decimal numeral (`12`, `-1.5`, `1e300`), infinite beyond `Double`; nil for words (`inf`, `nan`).
    private static func numeral(_ digits: String) -> Double? {
        let allowed = Set("0123456789+-.eE")
        guard digits.contains(where: \.isNumber), digits.allSatisfy({ allowed.contains($0) }),
              let number = Double(digits), !number.isNaN else { return nil }
        return number
    }
}
