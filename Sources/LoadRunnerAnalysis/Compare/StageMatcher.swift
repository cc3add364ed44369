import LoadRunnerModel

/// Lines up the stages and request names of two runs and says what does not line up. Pure.
///
/// Stages match by number (users, or an open stage's target rate, are checked, not required to agree). Within a stage, request names match by
/// name and method first, then by name alone (a changed method is reported, and still compared).
enum StageMatcher {
    /// A stage both runs have.
    struct StagePair {
        var baseline: StageResult
        var candidate: StageResult
    }

    /// A request name both stages have: its statistics in each run.
    struct RequestPair {
        var baseline: RequestStats
        var candidate: RequestStats
    }

    /// Stages in both runs (by number, ascending) and the mismatches between the stage lists.
    static func stages(baseline: RunResult, candidate: RunResult) -> (pairs: [StagePair], mismatches: [CompareMismatch]) {
        let baselineStages = Dictionary(baseline.stages.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let candidateStages = Dictionary(candidate.stages.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var pairs: [StagePair] = []
        var mismatches: [CompareMismatch] = []
        for number in Set(baselineStages.keys).union(candidateStages.keys).sorted() {
            switch (baselineStages[number], candidateStages[number]) {
            case let (base?, cand?):
                pairs.append(StagePair(baseline: base, candidate: cand))
                let (baseRate, candRate) = (TargetRate(base), TargetRate(cand))
                if baseRate != nil || candRate != nil {
                    // An open stage has no users: its load is its rate, and an open/closed pair differs in both.
                    if baseRate != candRate {
                        mismatches.append(CompareMismatch(
                            kind: .targetRateDiffers, stage: number, baselineUsers: base.users, candidateUsers: cand.users,
                            baselineRate: baseRate, candidateRate: candRate))
                    }
                } else if base.users != cand.users {
                    mismatches.append(CompareMismatch(
                        kind: .usersDiffer, stage: number, baselineUsers: base.users, candidateUsers: cand.users))
                }
            case let (base?, nil):
                mismatches.append(CompareMismatch(kind: .stageOnlyInBaseline, stage: number, baselineUsers: base.users))
            case let (nil, cand?):
                mismatches.append(CompareMismatch(kind: .stageOnlyInCandidate, stage: number, candidateUsers: cand.users))
            case (nil, nil):
                break
            }
        }
        return (pairs, mismatches)
    }

    /// Request names in both stages (baseline order) and the mismatches between the two name lists.
    static func requests(of pair: StagePair) -> (pairs: [RequestPair], mismatches: [CompareMismatch]) {
        let stage = pair.baseline.number
        var unmatched = pair.candidate.requests
        var pairs: [RequestPair] = []
        var mismatches: [CompareMismatch] = []
        for base in pair.baseline.requests {
            let index = unmatched.firstIndex { $0.name == base.name && $0.method == base.method }
                ?? unmatched.firstIndex { $0.name == base.name }
            guard let index else {
                mismatches.append(CompareMismatch(
                    kind: .requestOnlyInBaseline, stage: stage, name: base.name, baselineMethod: base.method))
                continue
            }
            let cand = unmatched.remove(at: index)
            if cand.method != base.method {
                mismatches.append(CompareMismatch(
                    kind: .methodDiffers, stage: stage, name: base.name, baselineMethod: base.method,
                    candidateMethod: cand.method))
            }
            pairs.append(RequestPair(baseline: base, candidate: cand))
        }
        for cand in unmatched {
            mismatches.append(CompareMismatch(
                kind: .requestOnlyInCandidate, stage: stage, name: cand.name, candidateMethod: cand.method))
        }
        return (pairs, mismatches)
    }
}
