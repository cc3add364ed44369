/// The change from a baseline value to a candidate value, absolute and relative.
enum ValueChange {
    /// `candidate - baseline`, and that as a fraction of the baseline (0 when both are 0; nil when only the
    /// baseline is 0, where no percentage means anything); both nil when either value is missing.
    static func between(_ baseline: Double?, _ candidate: Double?) -> (change: Double?, relative: Double?) {
        guard let baseline, let candidate else { return (nil, nil) }
        let change = candidate - baseline
        return (change, baseline != 0 ? change / baseline : (candidate == 0 ? 0 : nil))
    }
}
