/// The shapes charts draw, each a thin layer over `element(_:_:text:)`.
extension SVGDocument {
    /// A rectangle; `stroke` nil for none.
    package mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
        strokeWidth: Double = 1
    ) {
        var attributes: [Attribute] = [
            ("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(max(0, width))),
            ("height", Self.number(max(0, height))), ("fill", fill),
        ]
        if let stroke { attributes += [("stroke", stroke), ("stroke-width", Self.number(strokeWidth))] }
        element("rect", attributes)
    }

    /// A straight line; `dash` is an SVG `stroke-dasharray` (`"4 3"`), nil for solid.
    package mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil
    ) {
        var attributes: [Attribute] = [
            ("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2)),
            ("stroke", stroke), ("stroke-width", Self.number(width)),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        element("line", attributes)
    }

    /// An open polyline through `points` (at least two), round joins so a dash pattern stays readable at turns.
    package mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double, dash: String?) {
        guard points.count >= 2 else { return }
        let data = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
        var attributes: [Attribute] = [
            ("points", data), ("fill", "none"), ("stroke", stroke), ("stroke-width", Self.number(width)),
            ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        element("polyline", attributes)
    }

    /// Text at (`x`, `y`) (the baseline); `anchor` is `start`, `middle` or `end`; `rotation` in degrees around (`x`, `y`).
    package mutating func text(
        _ content: String, x: Double, y: Double, size: Double, anchor: String = "start", fill: String = ChartStyle.ink,
        bold: Bool = false, rotation: Double? = nil
    ) {
        var attributes: [Attribute] = [("x", Self.number(x)), ("y", Self.number(y)), ("font-size", Self.number(size))]
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        if bold { attributes.append(("font-weight", "bold")) }
        attributes.append(("fill", fill))
        if let rotation {
            attributes.append(("transform", "rotate(\(Self.number(rotation)) \(Self.number(x)) \(Self.number(y)))"))
        }
        element("text", attributes, text: content)
    }

    /// A data marker of `style`'s shape centred on (`x`, `y`), `radius` pixels from centre to edge.
    package mutating func marker(x: Double, y: Double, style: SeriesStyle, radius: Double = 3.5) {
        let fill = style.hollowMarker ? ChartStyle.background : style.color
        let paint: [Attribute] = [("fill", fill), ("stroke", style.color), ("stroke-width", "1.5")]
        let r = radius
        switch style.marker {
        case .circle:
            element("circle", [("cx", Self.number(x)), ("cy", Self.number(y)), ("r", Self.number(r))] + paint)
        case .square:
            let side = r * 1.8
            element("rect", [
                ("x", Self.number(x - side / 2)), ("y", Self.number(y - side / 2)), ("width", Self.number(side)),
                ("height", Self.number(side)),
            ] + paint)
        case .triangle:
            let r = r * 1.25
            path([(x, y - r), (x + r * 0.87, y + r * 0.5), (x - r * 0.87, y + r * 0.5)], paint)
        case .diamond:
            let r = r * 1.3
            path([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], paint)
        }
    }

    private mutating func path(_ corners: [(Double, Double)], _ paint: [Attribute]) {
        let data = corners.enumerated().map { index, corner in
            (index == 0 ? "M" : "L") + Self.number(corner.0) + " " + Self.number(corner.1)
        }.joined(separator: " ") + " Z"
        element("path", [("d", data)] + paint)
    }
}
