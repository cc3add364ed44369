import LoadRunnerModel

/// Something that does not line up between the two runs: a stage or request name only one run has, a stage
/// run with a different number of users, or at a different target rate (open stages). Data for machines;
/// `message` for people.
package struct CompareMismatch: Codable, Sendable, Equatable {
    /// What kind of mismatch.
    package enum Kind: String, Codable, Sendable {
        /// The stage is only in the baseline (not compared).
        case stageOnlyInBaseline = "stage_only_in_baseline"
        /// The stage is only in the candidate (not compared).
        case stageOnlyInCandidate = "stage_only_in_candidate"
        /// Both runs have the stage with different user counts (compared anyway: read with care).
        case usersDiffer = "users_differ"
        /// The request name is only in the baseline's stage (not compared).
        case requestOnlyInBaseline = "request_only_in_baseline"
        /// The request name is only in the candidate's stage (not compared).
        case requestOnlyInCandidate = "request_only_in_candidate"
        /// The request name is in both with a different HTTP method (compared anyway).
        case methodDiffers = "method_differs"
        /// The stage is open in either run and the target rates differ, or it is open in one run and closed in the
        /// other (compared anyway: latencies measured at different loads).
        case targetRateDiffers = "target_rate_differs"
    }

    package let kind: Kind
    package let stage: Int
    /// The request name, for the request kinds.
    package let name: String?
    /// Users per run, for stage kinds (nil for the run without the stage).
    package let baselineUsers: Int?
    package let candidateUsers: Int?
    /// HTTP methods per run, for request kinds (nil for the run without the name).
    package let baselineMethod: String?
    package let candidateMethod: String?
    /// Target rates per run, for `targetRateDiffers` (nil for a run whose stage is closed).
    package let baselineRate: TargetRate?
    package let candidateRate: TargetRate?

    package init(
        kind: Kind, stage: Int, name: String? = nil, baselineUsers: Int? = nil, candidateUsers: Int? = nil,
        baselineMethod: String? = nil, candidateMethod: String? = nil, baselineRate: TargetRate? = nil,
        candidateRate: TargetRate? = nil
    ) {
        self.kind = kind
        self.stage = stage
        self.name = name
        self.baselineUsers = baselineUsers
        self.candidateUsers = candidateUsers
        self.baselineMethod = baselineMethod
        self.candidateMethod = candidateMethod
        self.baselineRate = baselineRate
        self.candidateRate = candidateRate
    }
}

/// An open stage's target rate, arrivals per second: at its start and at its end (equal unless a ramp).
package struct TargetRate: Codable, Sendable, Equatable {
    package var startPerSecond: Double
    package var endPerSecond: Double

    package init(startPerSecond: Double, endPerSecond: Double) {
        self.startPerSecond = startPerSecond
        self.endPerSecond = endPerSecond
    }

    /// The target of an open stage; nil for a closed one.
    package init?(_ stage: StageResult) {
        guard let open = stage.open else { return nil }
        self.init(startPerSecond: open.targetStartPerSecond, endPerSecond: open.targetEndPerSecond)
    }
}

/// Something about one run that makes its figures less trustworthy, found while comparing.
package struct CompareCaveat: Codable, Sendable, Equatable {
    /// What kind of caveat.
    package enum Kind: String, Codable, Sendable {
        /// The generator was saturated in this stage: its latencies measure the generator.
        case generatorSaturated = "generator_saturated"
        /// The stage's window is empty: nothing was measured.
        case emptyWindow = "empty_window"
        /// The run was interrupted (its last stage is short).
        case interrupted
    }

    package let kind: Kind
    package let side: CompareSide
    /// The stage, or nil for the whole run.
    package let stage: Int?

    package init(kind: Kind, side: CompareSide, stage: Int?) {
        self.kind = kind
        self.side = side
        self.stage = stage
    }
}
