/// Something that does not line up between the two runs: a stage or request name only one run has, or a stage
/// run with a different number of users. Data for machines; `message` for people.
public struct CompareMismatch: Codable, Sendable, Equatable {
    /// What kind of mismatch.
    public enum Kind: String, Codable, Sendable {
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
    }

    public let kind: Kind
    public let stage: Int
    /// The request name, for the request kinds.
    public let name: String?
    /// Users per run, for stage kinds (nil for the run without the stage).
    public let baselineUsers: Int?
    public let candidateUsers: Int?
    /// HTTP methods per run, for request kinds (nil for the run without the name).
    public let baselineMethod: String?
    public let candidateMethod: String?

    public init(
        kind: Kind, stage: Int, name: String? = nil, baselineUsers: Int? = nil, candidateUsers: Int? = nil,
        baselineMethod: String? = nil, candidateMethod: String? = nil
    ) {
        self.kind = kind
        self.stage = stage
        self.name = name
        self.baselineUsers = baselineUsers
        self.candidateUsers = candidateUsers
        self.baselineMethod = baselineMethod
        self.candidateMethod = candidateMethod
    }
}

/// Something about one run that makes its figures less trustworthy, found while comparing.
public struct CompareCaveat: Codable, Sendable, Equatable {
    /// What kind of caveat.
    public enum Kind: String, Codable, Sendable {
        /// The generator was saturated in this stage: its latencies measure the generator.
        case generatorSaturated = "generator_saturated"
        /// The stage's window is empty: nothing was measured.
        case emptyWindow = "empty_window"
        /// The run was interrupted (its last stage is short).
        case interrupted
    }

    public let kind: Kind
    public let side: CompareSide
    /// The stage, or nil for the whole run.
    public let stage: Int?

    public init(kind: Kind, side: CompareSide, stage: Int?) {
        self.kind = kind
        self.side = side
        self.stage = stage
    }
}
