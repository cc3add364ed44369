/// What `compare` concluded about one metric of one stage and request name.
package enum CompareVerdict: String, Codable, Sendable, CaseIterable {
    /// The change is beyond the budget in the good direction and its confidence interval lies wholly on that side.
    case better
    /// The change is beyond the budget in the bad direction and its confidence interval lies wholly on that side.
    case worse
    /// Within the budget, or not credible: the interval reaches the other side of zero.
    case noSignificantChange = "no_significant_change"
    /// One run has no value for the metric (no request completed in its window), so nothing can be said.
    case notComparable = "not_comparable"
    /// A window holds fewer than `BlockBootstrap.minimumBlocks` blocks of whole seconds: no interval, and so no
    /// verdict either way; never a regression.
    case tooShort = "too_short_to_judge"
}

/// Which of the two compared runs something belongs to.
package enum CompareSide: String, Codable, Sendable {
    case baseline, candidate
}
