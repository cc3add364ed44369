/// How a value axis maps values to heights: linear, base-10 logarithmic, or chosen from the values shown.
///
/// `automatic` picks `logarithmic` when the positive values span at least `logarithmicSpan` (50x) from the
/// smallest to the largest, and none is negative: at that span a linear axis leaves the small values as bars
/// of a few pixels that read `0.00`. Zeros do not count towards the span; a log axis shows them at its floor.
package enum AxisScale: Sendable, Equatable {
    case linear
    case logarithmic
    case automatic

    /// The smallest ratio of the largest to the smallest positive value at which `automatic` is logarithmic.
    package static let logarithmicSpan = 50.0

    /// `linear` or `logarithmic` for `values` (non-finite ones ignored); `automatic` decided as the type says.
    package func resolved(for values: [Double]) -> AxisScale {
        switch self {
        case .linear, .logarithmic:
            return self
        case .automatic:
            let finite = values.filter(\.isFinite)
            guard !finite.contains(where: { $0 < 0 }) else { return .linear }
            let positive = finite.filter { $0 > 0 }
            guard let smallest = positive.min(), let largest = positive.max() else { return .linear }
            return largest / smallest >= Self.logarithmicSpan ? .logarithmic : .linear
        }
    }
}
