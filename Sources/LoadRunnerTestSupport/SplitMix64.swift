/// A small seeded pseudo-random generator (SplitMix64) that yields the same sequence on every run and
/// every platform, so the demo user table is identical wherever it is built.
///
/// Not for cryptography. `bounded(_:)` is used instead of the standard library's `random(in:using:)`
/// because the latter's algorithm is not guaranteed to stay the same across Swift releases.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose whole sequence is determined by `seed`.
    init(seed: UInt64) {
        self.state = seed
    }

    /// Returns the next 64 pseudo-random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// Returns a value in `0..<upperBound` (0 when `upperBound` is not positive); the modulo bias is
    /// negligible for the small bounds used here.
    mutating func bounded(_ upperBound: Int) -> Int {
        guard upperBound > 0 else { return 0 }
        return Int(next() % UInt64(upperBound))
    }
}
