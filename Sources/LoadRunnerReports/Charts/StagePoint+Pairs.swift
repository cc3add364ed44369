import LoadRunnerModel

extension StagePoint {
    /// One point per stage number present in either run, with each run's figures for the chart.
    package static func pairs(baseline: RunResult, candidate: RunResult) -> [StagePoint] {
        let numbers = Set(baseline.stages.map(\.number)).union(candidate.stages.map(\.number)).sorted()
        return numbers.map { number in
            let before = baseline.stages.first { $0.number == number }
            let after = candidate.stages.first { $0.number == number }
            return StagePoint(
                stage: number, users: (after ?? before)?.users ?? 0,
                baseline: before.map(StageFigures.init), candidate: after.map(StageFigures.init))
        }
    }
}
