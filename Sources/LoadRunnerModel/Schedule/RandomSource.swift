/// A small, fast, seedable random generator (SplitMix64), one per virtual user so no request
/// shares random state with another thread. Not for cryptography.
package struct RandomSource: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniformly random offset from `range.lowerBound`, 0 through `upperBound - lowerBound`, for any range of
    /// `Int64` (all of it included): the span is computed in `UInt64`, where it cannot overflow.
    package mutating func offset(in range: ClosedRange<Int64>) -> UInt64 {
        let span = UInt64(bitPattern: range.upperBound &- range.lowerBound)
        return span == .max ? next() : next(upperBound: span + 1)
    }
}

extension ClosedRange where Bound == Int64 {
    /// The value `offset` above `lowerBound`; exact for every offset `RandomSource.offset(in:)` returns.
    package func value(atOffset offset: UInt64) -> Int64 {
        lowerBound &+ Int64(bitPattern: offset)
    }
}
