/// The shape drawn at a series' data points, so series differ without colour.
package enum MarkerShape: Sendable, Equatable {
    case circle, square, triangle, diamond
}

/// How one series is drawn: a colour, a dash pattern and a marker shape, each distinct on its own, so a
/// series is still told apart when printed in grey or seen without colour.
package struct SeriesStyle: Sendable, Equatable {
    /// Stroke (and filled-marker) colour, `#RRGGBB`.
    package var color: String
    /// SVG `stroke-dasharray` for lines (`"8 4"`); nil for solid.
    package var dash: String?
    package var marker: MarkerShape
    /// True for a white marker with a coloured outline.
    package var hollowMarker: Bool
    /// Fill of a bar of this series, `#RRGGBB`.
    package var barFill: String

    package init(color: String, dash: String?, marker: MarkerShape, hollowMarker: Bool, barFill: String) {
        self.color = color
        self.dash = dash
        self.marker = marker
        self.hollowMarker = hollowMarker
        self.barFill = barFill
    }
}

/// How a vertical rule across the plot (an action marker) is drawn.
package struct RuleStyle: Sendable, Equatable {
    /// Stroke and label colour, `#RRGGBB`.
    package var color: String
    /// SVG `stroke-dasharray`.
    package var dash: String
    package var width: Double

    package init(color: String, dash: String, width: Double) {
        self.color = color
        self.dash = dash
        self.width = width
    }
}

/// The charts' palette and type: colours from the Okabe-Ito set (safe for colour-blind readers), each paired
/// with its own dash pattern and marker shape, so series are told apart in grey print too.
package enum ChartStyle {
    package static let background = "#FFFFFF"
    /// Titles, tick labels and axes.
    package static let ink = "#222222"
    /// Secondary text and stage boundaries.
    package static let muted = "#555555"
    package static let grid = "#DDDDDD"
    /// Warm-up windows: a light grey that prints as such.
    package static let warmUp = "#E6E6E6"
    /// Action markers: a reddish purple (grey level 96), drawn dotted and 2 px wide with a flag on top, so they
    /// differ from the thin dashed stage boundaries in grey print too.
    package static let action = RuleStyle(color: "#9E3D74", dash: "2 2", width: 2)
    package static let fontFamily = "DejaVu Sans, Verdana, Arial, sans-serif"

    /// Series styles in the order charts use them. Grey levels (0-255): 53, 144, 119, 106: the first two, the pair
    /// most charts use, dark against light; further series differ above all by dash and marker.
    package static let series: [SeriesStyle] = [
        // Dark blue, solid, filled circles.
        SeriesStyle(color: "#0B3C7D", dash: nil, marker: .circle, hollowMarker: false, barFill: "#0B3C7D"),
        // Orange (darkened from Okabe-Ito #E69F00 for contrast on white), long dashes, hollow squares.
        SeriesStyle(color: "#D08C00", dash: "9 4", marker: .square, hollowMarker: true, barFill: "#F5CB6E"),
        // Vermillion, dots, filled triangles.
        SeriesStyle(color: "#D55E00", dash: "2 3", marker: .triangle, hollowMarker: false, barFill: "#EDA77A"),
        // Bluish green, dash-dot, hollow diamonds.
        SeriesStyle(color: "#009E73", dash: "8 3 2 3", marker: .diamond, hollowMarker: true, barFill: "#7FCDB8"),
    ]

    /// The style of the `index`-th series, repeating after the last.
    package static func series(at index: Int) -> SeriesStyle {
        series[((index % series.count) + series.count) % series.count]
    }

    /// A comparison's baseline: light (orange, dashed, hollow squares).
    package static let baseline = series[1]
    /// A comparison's candidate: dark (blue, solid, filled circles), the run being judged.
    package static let candidate = series[0]

    /// An estimate of `text`'s width in pixels at `size`, for layout decisions (label fits, legend rows);
    /// generous, so estimates err towards more room.
    package static func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        Double(text.count) * size * (bold ? 0.68 : 0.62)
    }
}
