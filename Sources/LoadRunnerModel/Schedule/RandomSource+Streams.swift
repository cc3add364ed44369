import Foundation

extension RandomSource {
    /// What a derived stream of random numbers is for, so that two uses of one seed never share numbers.
    package enum Purpose: UInt64, Sendable {
        /// The gaps between one open stage's Poisson arrivals (stream: the stage index).
        case arrivalGaps = 1
        /// The request and data rows of one open-model arrival (stream: the arrival index k).
        case arrivalChoice = 2
        /// The choices of one closed-model virtual user: requests, data rows, think times (stream: the user index).
        case closedUser = 3
    }

    /// The generator of stream `stream` of `seed` for `purpose`: the same on every run, and unrelated to every
    /// other (seed, purpose, stream). The three are mixed through SplitMix64's finalizer, a bijection, so nearby
    /// streams (k and k + 1) start far apart instead of one step of the same sequence apart.
    package init(seed: UInt64, purpose: Purpose, stream: UInt64) {
        self.init(seed: Self.mixed(seed ^ Self.mixed(purpose.rawValue &* 0x9E37_79B9_7F4A_7C15 ^ Self.mixed(stream))))
    }

    /// SplitMix64's output function: a bijection of `UInt64` that spreads every input bit over the output.
    package static func mixed(_ value: UInt64) -> UInt64 {
        var mixed = value &+ 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniformly random number in (0, 1]: 53 random bits, never 0, so its logarithm is finite.
    package mutating func unitInterval() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// An exponentially distributed number with mean 1 (the gap between two arrivals of a unit-rate Poisson process).
    package mutating func exponential() -> Double {
        -Foundation.log(unitInterval())
    }
}
