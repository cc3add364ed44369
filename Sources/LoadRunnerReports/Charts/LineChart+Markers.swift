/// Action markers on a time-series chart: a dotted vertical line with a small flag at the top of the plot,
/// and the action's name written upwards beside it.
extension LineChart {
    /// One marked moment, e.g. an action that started at `x` seconds.
    package struct Marker: Sendable, Equatable {
        package var x: Double
        /// A short label (the action's name); cut with `…` when it does not fit the plot's height.
        package var label: String
        package init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    static let markerLabelSize = 10.0
    /// Markers closer than this (pixels) share one label, `first, second`, so labels never overlap.
    static let markerLabelSpacing = 14.0

    /// The markers inside `xDomain` (its ends included), in x order.
    var visibleMarkers: [Marker] {
        markers.filter { xDomain.contains($0.x) }.sorted { $0.x < $1.x }
    }

    func drawMarkerLines(frame: PlotFrame, scale: XScale, into document: inout SVGDocument) {
        let style = ChartStyle.action
        for marker in visibleMarkers {
            let x = scale.x(marker.x)
            document.line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, stroke: style.color, width: style.width, dash: style.dash)
            document.flag(x: x, top: frame.top, color: style.color)
        }
    }

    /// One label per group of close markers, left of the first one's line, reading upwards from the plot's top.
    func drawMarkerLabels(frame: PlotFrame, scale: XScale, into document: inout SVGDocument) {
        var groups: [(x: Double, labels: [String])] = []
        for marker in visibleMarkers {
            let x = scale.x(marker.x)
            if let last = groups.last, x - last.x < Self.markerLabelSpacing {
                groups[groups.count - 1].labels.append(marker.label)
            } else {
                groups.append((x, [marker.label]))
            }
        }
        let room = frame.plotHeight - 14
        for group in groups {
            let label = Self.fitted(group.labels.joined(separator: ", "), width: room, size: Self.markerLabelSize)
            guard !label.isEmpty else { continue }
            let x = group.x - 5
            let y = frame.top + 10
            document.element("text", [
                ("x", SVGDocument.number(x)), ("y", SVGDocument.number(y)),
                ("font-size", SVGDocument.number(Self.markerLabelSize)), ("text-anchor", "end"),
                ("fill", ChartStyle.action.color), ("stroke", ChartStyle.background), ("stroke-width", "3"),
                ("stroke-linejoin", "round"), ("paint-order", "stroke"),
                ("transform", "rotate(-90 \(SVGDocument.number(x)) \(SVGDocument.number(y)))"),
            ], text: label)
        }
    }

    /// `text`, cut to fit `width` pixels at `size` with a trailing `…`; empty when not even one character fits.
    static func fitted(_ text: String, width: Double, size: Double) -> String {
        guard ChartStyle.textWidth(text, size: size) > width else { return text }
        let characters = Int(width / ChartStyle.textWidth("x", size: size)) - 1
        guard characters > 0 else { return "" }
        return String(text.prefix(characters)) + "…"
    }
}

extension SVGDocument {
    /// A small filled triangle pointing down, its base centred on (`x`, `top`): the head of a marker line.
    mutating func flag(x: Double, top: Double, color: String) {
        let corners = [(x - 4.5, top), (x + 4.5, top), (x, top + 6)]
        let data = corners.enumerated().map { index, corner in
            (index == 0 ? "M" : "L") + Self.number(corner.0) + " " + Self.number(corner.1)
        }.joined(separator: " ") + " Z"
        element("path", [("d", data), ("fill", color)])
    }
}
