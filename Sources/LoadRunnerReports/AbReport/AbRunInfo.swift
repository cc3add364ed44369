import Foundation
import LoadRunnerAnalysis

/// What an `ab` run was, beside its statistics: the profile, the two targets, the seed every round used, and
/// its round folders in running order. Written into `ab.json` with the comparison (`AbJSON`).
package struct AbRunInfo: Codable, Sendable, Equatable {
    package var profileName: String
    package var baselineTarget: String
    package var candidateTarget: String
    /// The seed of every round (`--seed`, or drawn and printed).
    package var seed: UInt64
    /// Pairs asked for (`--rounds`).
    package var roundsPlanned: Int
    /// The round folders under `rounds/`, in the order they ran (`01-a`, `01-b`, `02-b`, ...).
    package var roundFolders: [String]
    /// True when a signal stopped the run before every round was done.
    package var interrupted: Bool

    package init(
        profileName: String, baselineTarget: String, candidateTarget: String, seed: UInt64, roundsPlanned: Int,
        roundFolders: [String], interrupted: Bool
    ) {
        self.profileName = profileName
        self.baselineTarget = baselineTarget
        self.candidateTarget = candidateTarget
        self.seed = seed
        self.roundsPlanned = roundsPlanned
        self.roundFolders = roundFolders
        self.interrupted = interrupted
    }

    /// `rounds/01-a`: the folder of pair `pair` (0-based) on `side`, numbered from 1, at least two digits.
    package static func roundFolder(pair: Int, side: CompareSide) -> String {
        let number = String(pair + 1)
        return "rounds/" + String(repeating: "0", count: Swift.max(0, 2 - number.count)) + number
            + (side == .baseline ? "-a" : "-b")
    }
}
