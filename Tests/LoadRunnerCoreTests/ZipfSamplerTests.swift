import Foundation
import LoadRunnerModel
import Testing

/// The Zipf sampler against the exact Zipf probabilities: rank frequencies over many draws fall within a few
/// standard deviations of n·P(r), and the draws follow the seed.
@Suite struct ZipfSamplerTests {
    /// Counts of each rank over `draws` draws from one seeded stream.
    static func counts(count: UInt64, exponent: Double, draws: Int, seed: UInt64 = 11) -> [UInt64: Int] {
        let sampler = ZipfSampler(count: count, exponent: exponent)
        var random = RandomSource(seed: seed, purpose: .closedUser, stream: 0)
        var counts: [UInt64: Int] = [:]
        for _ in 0..<draws { counts[sampler.rank(using: &random), default: 0] += 1 }
        return counts
    }

    /// Ranks 1 to 5 (and the rest together) each within 5 binomial standard deviations of draws·P(r): a correct
    /// sampler fails this about once in 1.7 million runs per rank; a sampler off by 1% of P(1) fails it for
    /// s = 1.1 (5σ there is 0.5% of the expected count).
    @Test(arguments: [(1_000_000, 1.1), (1000, 1.0), (1000, 0.5), (50, 2.0), (1_000_000_000_000, 1.3)] as [(UInt64, Double)])
    func rankFrequenciesMatchTheExactProbabilities(count: UInt64, exponent: Double) {
        let draws = 200_000
        let counts = Self.counts(count: count, exponent: exponent, draws: draws)
        #expect(counts.keys.allSatisfy { (1...count).contains($0) })
        let total = Self.harmonic(count: count, exponent: exponent)
        var head = 0.0
        for rank: UInt64 in 1...5 {
            let p = pow(Double(rank), -exponent) / total
            head += p
            Self.expectWithin(observed: counts[rank, default: 0], draws: draws, probability: p, "rank \(rank)")
        }
        let tail = counts.filter { $0.key > 5 }.values.reduce(0, +)
        Self.expectWithin(observed: tail, draws: draws, probability: 1 - head, "ranks above 5")
    }

    @Test func theExactProbabilityHelperSumsToOne() {
        let sum = (1...100).map { ZipfSampler.probability(ofRank: UInt64($0), count: 100, exponent: 1.1) }.reduce(0, +)
        #expect(abs(sum - 1) < 1e-12)
        // H(3, 1) = 1 + 1/2 + 1/3 = 11/6.
        #expect(abs(ZipfSampler.probability(ofRank: 1, count: 3, exponent: 1) - 6.0 / 11) < 1e-15)
    }

    @Test func oneRankIsAlwaysDrawn() {
        #expect(Self.counts(count: 1, exponent: 1.1, draws: 1000) == [1: 1000])
    }

    @Test func theSameSeedDrawsTheSameRanksAndAnotherSeedOthers() {
        func ranks(seed: UInt64) -> [UInt64] {
            let sampler = ZipfSampler(count: 1_000_000, exponent: 1.1)
            var random = RandomSource(seed: seed, purpose: .arrivalChoice, stream: 7)
            return (0..<1000).map { _ in sampler.rank(using: &random) }
        }
        #expect(ranks(seed: 3) == ranks(seed: 3))
        #expect(ranks(seed: 3) != ranks(seed: 4))
    }

    /// H(n, s) = Σ r^-s; beyond 10^6 terms the tail is the Euler-Maclaurin integral (error far below 1e-9).
    static func harmonic(count: UInt64, exponent: Double) -> Double {
        let exact = min(count, 1_000_000)
        var sum = 0.0
        for r in stride(from: exact, through: 1, by: -1) { sum += pow(Double(r), -exponent) }
        guard count > exact else { return sum }
        let a = Double(exact) + 0.5, b = Double(count) + 0.5
        return sum + (pow(b, 1 - exponent) - pow(a, 1 - exponent)) / (1 - exponent)
    }

    static func expectWithin(
        observed: Int, draws: Int, probability p: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = Double(draws) * p
        let sigma = (Double(draws) * p * (1 - p)).squareRoot()
        #expect(abs(Double(observed) - expected) <= 5 * sigma + 1, "\(what): \(observed) drawn, \(expected) expected",
                sourceLocation: sourceLocation)
    }
}
