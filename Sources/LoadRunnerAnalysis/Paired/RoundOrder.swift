/// The order of an `ab` run's rounds: pairs alternate baseline-first and candidate-first (A B, B A, A B, ...),
/// so every four rounds read A B B A. Pure.
///
/// Why ABBA: a drift of the machine that is linear in time (a warming cache, a neighbour ramping up) adds
/// +d to the difference of a pair run A then B and -d to a pair run B then A; over an even number of pairs the
/// two cancel in the mean of the differences, where a plain A B A B order would add +d to every pair.
package enum RoundOrder {
    /// The sides of `pairs` pairs in the order they run: 2 x `pairs` entries.
    package static func sides(pairs: Int) -> [CompareSide] {
        (0..<Swift.max(0, pairs)).flatMap { pair in
            pair.isMultiple(of: 2) ? [CompareSide.baseline, .candidate] : [.candidate, .baseline]
        }
    }

    /// The 0-based pair that round `round` (0-based, in running order) belongs to.
    package static func pair(ofRound round: Int) -> Int { round / 2 }
}
