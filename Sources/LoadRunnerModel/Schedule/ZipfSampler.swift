import Foundation

/// Draws ranks 1...n with Zipf's law, P(r) = r^-s / H(n, s), in constant time and memory whatever n: the
/// rejection-inversion method of Hörmann and Derflinger ("Rejection-inversion to generate variates from monotone
/// discrete distributions", 1996), as Apache Commons RNG implements it. Each draw takes one uniform number, and
/// more only when it is rejected (rarely). Ranks above 2^53 are as close as a `Double` can say.
package struct ZipfSampler: Sendable, Equatable {
    /// The number of ranks, n >= 1.
    package let count: UInt64
    /// The exponent s > 0: the larger, the more the first ranks dominate.
    package let exponent: Double
    private let hIntegralX1: Double
    private let hIntegralCount: Double
    private let squeeze: Double

    package init(count: UInt64, exponent: Double) {
        precondition(count >= 1 && exponent > 0, "a Zipf sampler needs n >= 1 and s > 0")
        self.count = count
        self.exponent = exponent
        hIntegralX1 = Self.hIntegral(1.5, exponent: exponent) - 1
        hIntegralCount = Self.hIntegral(Double(count) + 0.5, exponent: exponent)
        squeeze = 2 - Self.hIntegralInverse(
            Self.hIntegral(2.5, exponent: exponent) - Self.h(2, exponent: exponent), exponent: exponent)
    }

    /// A rank from 1 through `count`; rank 1 is the most likely.
    package func rank(using random: inout RandomSource) -> UInt64 {
        while true {
            // u is uniform in (hIntegralX1, hIntegralCount]: the area under the hat function h.
            let u = hIntegralCount + random.unitInterval() * (hIntegralX1 - hIntegralCount)
            let x = Self.hIntegralInverse(u, exponent: exponent)
            var k = (x + 0.5).rounded(.down)
            if k < 1 { k = 1 } else if k > Double(count) { k = Double(count) }
            // Accept at once inside the squeeze; otherwise when u falls under the histogram bar of k.
            if k - x <= squeeze || u >= Self.hIntegral(k + 0.5, exponent: exponent) - Self.h(k, exponent: exponent) {
                return min(count, UInt64(k))
            }
        }
    }

    /// The exact probability of `rank` (for tests and documentation): rank^-s over the sum of every r^-s.
    package static func probability(ofRank rank: UInt64, count: UInt64, exponent: Double) -> Double {
        var total = 0.0
        for r in stride(from: count, through: 1, by: -1) { total += pow(Double(r), -exponent) }
        return pow(Double(rank), -exponent) / total
    }

    /// h(x) = x^-s, the hat function.
    private static func h(_ x: Double, exponent: Double) -> Double { exp(-exponent * log(x)) }

    /// H(x) = (x^(1-s) - 1) / (1 - s), an integral of h (log x when s = 1), computed without cancellation.
    private static func hIntegral(_ x: Double, exponent: Double) -> Double {
        let logX = log(x)
        return helper2((1 - exponent) * logX) * logX
    }

    /// The inverse of `hIntegral`.
    private static func hIntegralInverse(_ x: Double, exponent: Double) -> Double {
        var t = x * (1 - exponent)
        if t < -1 { t = -1 }  // rounding could take it just past the pole
        return exp(helper1(t) * x)
    }

    /// log(1 + x) / x, accurate near 0.
    private static func helper1(_ x: Double) -> Double {
        abs(x) > 1e-8 ? log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x))
    }

    /// (exp(x) - 1) / x, accurate near 0.
    private static func helper2(_ x: Double) -> Double {
        abs(x) > 1e-8 ? expm1(x) / x : 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x))
    }
}
