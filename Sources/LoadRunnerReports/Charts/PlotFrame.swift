import Foundation

/// The layout every chart shares, top to bottom: title, legend rows, an optional label strip (stage names),
/// the plot with a value axis on the left (grid lines, ticks, rotated title), and room below for the
/// category or time axis. Sizes are fixed pixels, so output is the same on every machine.
struct PlotFrame {
    static let margin = 16.0
    static let titleSize = 15.0
    static let tickSize = 11.0
    static let axisTitleSize = 12.0

    let width: Double
    let height: Double
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double
    let legendTop: Double
    let valueAxis: Axis

    /// Lays out a chart of `width` x `height`; `makeAxis` gets the most tick intervals that fit the plot's height.
    init(
        width: Double, height: Double, legend: Legend, stripHeight: Double, bottomHeight: Double,
        makeAxis: (Int) -> Axis
    ) {
        self.width = width
        self.height = height
        right = width - 24
        legendTop = Self.margin + Self.titleSize + 16
        let legendHeight = legend.entries.isEmpty ? 0 : legend.height(width: width - 2 * Self.margin)
        top = legendTop - Legend.rowHeight / 2 + legendHeight + stripHeight + 6
        bottom = Swift.max(top + 40, height - bottomHeight)
        // At most one tick every 30 px keeps labels apart and the grid light.
        valueAxis = makeAxis(Swift.max(2, Int((bottom - top) / 30)))
        let labelWidth = valueAxis.tickLabels.map { ChartStyle.textWidth($0, size: Self.tickSize) }.max() ?? 0
        left = Self.margin + Self.axisTitleSize + 10 + labelWidth + 8
    }

    var plotWidth: Double { right - left }
    var plotHeight: Double { bottom - top }

    /// Height of the band under a logarithmic axis's first positive tick where its `0` floor is.
    static let zeroBand = 16.0

    /// The vertical pixel of `value` on the value axis. On a logarithmic axis, zero and negative values are
    /// at the floor (the bottom, labelled `0` when the axis has a zero band).
    func y(_ value: Double) -> Double {
        let ticks = valueAxis.ticks
        guard ticks.isLogarithmic else {
            let span = ticks.upper - ticks.lower
            return bottom - (span > 0 ? (value - ticks.lower) / span : 0) * plotHeight
        }
        guard value > 0, let low = ticks.values.first(where: { $0 > 0 }), ticks.upper > low else { return bottom }
        let band = ticks.lower == 0 ? Self.zeroBand : 0
        let share = (log10(value) - log10(low)) / (log10(ticks.upper) - log10(low))
        return bottom - band - Swift.max(0, share) * (plotHeight - band)
    }

    /// Title and legend.
    func drawHeader(title: String, legend: Legend, into document: inout SVGDocument) {
        document.text(title, x: Self.margin, y: Self.margin + Self.titleSize - 2, size: Self.titleSize, bold: true)
        legend.draw(into: &document, x: Self.margin, y: legendTop, width: width - 2 * Self.margin)
    }

    /// Horizontal grid lines at the value ticks, their labels, and the value axis title.
    func drawValueGrid(into document: inout SVGDocument) {
        for (value, label) in zip(valueAxis.ticks.values, valueAxis.tickLabels) {
            let y = y(value)
            if value != valueAxis.ticks.lower {
                document.line(x1: left, y1: y, x2: right, y2: y, stroke: ChartStyle.grid)
            }
            document.text(label, x: left - 8, y: y + Self.tickSize * 0.35, size: Self.tickSize, anchor: "end")
        }
        let middle = (top + bottom) / 2
        document.text(
            valueAxis.fullTitle, x: Self.margin + Self.axisTitleSize - 2, y: middle, size: Self.axisTitleSize,
            anchor: "middle", rotation: -90)
    }

    /// The two axis lines, left and bottom.
    func drawAxisLines(into document: inout SVGDocument) {
        document.line(x1: left, y1: top, x2: left, y2: bottom, stroke: ChartStyle.ink)
        document.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: ChartStyle.ink)
    }

    /// A note in the middle of the plot (`No samples`), for a chart without data.
    func drawNote(_ note: String, into document: inout SVGDocument) {
        document.text(
            note, x: (left + right) / 2, y: (top + bottom) / 2, size: 13, anchor: "middle", fill: ChartStyle.muted)
    }
}
