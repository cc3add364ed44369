/// Bars grouped by category (one group per stage, labelled by its users), one bar per series in each group:
/// for comparing runs stage by stage. The categories are not a scale: 1, 10, 100 and 1000 users sit at
/// equal distances.
///
/// Each bar carries its value when the bar is wide enough for it; a missing value (a stage one run lacks)
/// shows `n/a` instead of a bar. The value axis is logarithmic when the values span orders of magnitude
/// (`AxisScale.automatic`); there a zero is a flat stub on the axis's `0` floor, labelled `0`.
package struct GroupedBarChart: Sendable, Equatable {
    /// One group: its label under the axis (`20 users`) and smaller lines under it (`stage 2`, `+12.0%`).
    package struct Category: Sendable, Equatable {
        package var label: String
        package var details: [String]
        package init(label: String, details: [String] = []) {
            self.label = label
            self.details = details
        }
    }

    /// One bar per category; `values[i]` belongs to `categories[i]`, nil when missing.
    package struct Series: Sendable, Equatable {
        package var name: String
        package var style: SeriesStyle
        package var values: [Double?]
        package init(name: String, style: SeriesStyle, values: [Double?]) {
            self.name = name
            self.style = style
            self.values = values
        }
    }

    package var title: String
    package var width: Double = 860
    package var height: Double = 340
    package var categories: [Category]
    package var categoryAxisTitle: String
    package var valueAxisTitle: String
    package var valueUnit: ChartUnit
    package var series: [Series]
    /// Linear, logarithmic, or chosen from the values (the default).
    package var valueScale = AxisScale.automatic
    /// Shown in the plot when there is no category.
    package var emptyNote = "No stages to compare"

    package init(
        title: String, categories: [Category], categoryAxisTitle: String, valueAxisTitle: String,
        valueUnit: ChartUnit, series: [Series]
    ) {
        self.title = title
        self.categories = categories
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxisTitle = valueAxisTitle
        self.valueUnit = valueUnit
        self.series = series
    }

    private static let valueSize = 10.0
    private static let detailSize = 10.0

    /// The chart as a standalone SVG document.
    package func render() -> String {
        var document = SVGDocument(width: width, height: height, title: title)
        let legend = Legend(entries: series.map { Legend.Entry(label: $0.name, swatch: .bar($0.style)) })
        let values = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        let detailLines = Double(categories.map(\.details.count).max() ?? 0)
        let frame = PlotFrame(
            width: width, height: height, legend: legend, stripHeight: 14,
            bottomHeight: 46 + detailLines * (Self.detailSize + 3)
        ) { intervals in
            Axis(title: valueAxisTitle, unit: valueUnit, values: values, maxIntervals: intervals, scale: valueScale)
        }
        frame.drawHeader(title: title, legend: legend, into: &document)
        frame.drawValueGrid(into: &document)
        frame.drawAxisLines(into: &document)
        guard !categories.isEmpty else {
            frame.drawNote(emptyNote, into: &document)
            return document.rendered
        }
        let groupWidth = frame.plotWidth / Double(categories.count)
        // Bars take 70% of a group (at most 56 px each); the rest separates groups.
        let barWidth = Swift.min(56, groupWidth * 0.7 / Double(Swift.max(1, series.count)))
        for (index, category) in categories.enumerated() {
            let centre = frame.left + groupWidth * (Double(index) + 0.5)
            let firstBar = centre - barWidth * Double(series.count) / 2
            for (seriesIndex, bars) in series.enumerated() {
                let value = index < bars.values.count ? bars.values[index] : nil
                drawBar(value, x: firstBar + Double(seriesIndex) * barWidth, width: barWidth, style: bars.style,
                        frame: frame, into: &document)
            }
            drawCategoryLabels(category, centre: centre, room: groupWidth - 6, frame: frame, into: &document)
        }
        document.text(
            categoryAxisTitle, x: (frame.left + frame.right) / 2, y: height - 10, size: PlotFrame.axisTitleSize,
            anchor: "middle")
        return document.rendered
    }

    private func drawBar(
        _ value: Double?, x: Double, width: Double, style: SeriesStyle, frame: PlotFrame,
        into document: inout SVGDocument
    ) {
        let middle = x + width / 2
        guard let value, value.isFinite else {
            document.text(
                "n/a", x: middle, y: frame.bottom - 4, size: Self.valueSize, anchor: "middle", fill: ChartStyle.muted)
            return
        }
        let zero = frame.y(0)
        if frame.valueAxis.isLogarithmic, value <= 0 {
            // A log axis has no height for 0: a flat stub on its floor says "0" without pretending a bar.
            document.rect(x: x + 0.5, y: zero - 3, width: width - 1, height: 3, fill: style.color)
            document.text("0", x: middle, y: zero - 7, size: Self.valueSize, anchor: "middle")
            return
        }
        let top = frame.y(value)
        // A 1 px gap between neighbouring bars keeps them apart in grey.
        document.rect(
            x: x + 0.5, y: Swift.min(top, zero), width: width - 1, height: abs(zero - top), fill: style.barFill,
            stroke: style.color, strokeWidth: 1.5)
        let label = frame.valueAxis.valueLabel(value)
        if ChartStyle.textWidth(label, size: Self.valueSize) <= width + 2 {
            document.text(label, x: middle, y: Swift.min(top, zero) - 4, size: Self.valueSize, anchor: "middle")
        }
    }

    private func drawCategoryLabels(
        _ category: Category, centre: Double, room: Double, frame: PlotFrame, into document: inout SVGDocument
    ) {
        let lines = [(category.label, PlotFrame.tickSize, ChartStyle.ink)]
            + category.details.map { ($0, Self.detailSize, ChartStyle.muted) }
        var y = frame.bottom + 16
        for (text, size, fill) in lines {
            if ChartStyle.textWidth(text, size: size) <= room {
                document.text(text, x: centre, y: y, size: size, anchor: "middle", fill: fill)
            }
            y += size + 3
        }
    }
}
