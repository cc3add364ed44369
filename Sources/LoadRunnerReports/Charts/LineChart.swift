/// A time-series chart: several lines over a numeric x axis (seconds since the start, by default), with
/// optional shaded bands (warm-ups), sections (stages: a dashed boundary line and a label above the plot) and
/// markers (actions: a dotted line with a flag and a label inside the plot, `LineChart+Markers.swift`).
///
/// A point without a value (`y == nil`, a second with no request) breaks its line rather than
/// pretending a value. Markers sit on every point of short series and on a dozen evenly spread points of long
/// ones, so each line is identified by its marker as well as its colour and dash.
package struct LineChart: Sendable, Equatable {
    /// One data point; `y` nil leaves a gap.
    package struct Point: Sendable, Equatable {
        package var x: Double
        package var y: Double?
        package init(x: Double, y: Double?) {
            self.x = x
            self.y = y
        }
    }

    /// One line of the chart.
    package struct Series: Sendable, Equatable {
        package var name: String
        package var style: SeriesStyle
        /// Points in ascending `x`.
        package var points: [Point]
        package init(name: String, style: SeriesStyle, points: [Point]) {
            self.name = name
            self.style = style
            self.points = points
        }
    }

    /// A shaded range of x, `[from, to)`.
    package struct Band: Sendable, Equatable {
        package var from: Double
        package var to: Double
        package init(from: Double, to: Double) {
            self.from = from
            self.to = to
        }
    }

    /// A part of the x range starting at `start` (a stage): a dashed boundary line there (unless at the
    /// start of the axis) and the first of `labels` that fits its width, above the plot.
    package struct Section: Sendable, Equatable {
        package var start: Double
        /// Labels from longest to shortest (`Stage 2: 20 users`, `20 users`, `S2`); none is shown when none fits.
        /// Every section shows the same form; a section with a single label is left out of that choice.
        package var labels: [String]
        package init(start: Double, labels: [String]) {
            self.start = start
            self.labels = labels
        }
    }

    package var title: String
    package var width: Double = 860
    package var height: Double = 320
    package var xAxisTitle: String
    package var xUnit: ChartUnit = .elapsedSeconds
    /// The x range shown; ticks are drawn only inside it.
    package var xDomain: ClosedRange<Double>
    package var yAxisTitle: String
    package var yUnit: ChartUnit
    /// Linear (the default), logarithmic, or chosen from the values; on a log axis a zero sits on its `0` floor.
    package var yScale = AxisScale.linear
    package var series: [Series]
    package var bands: [Band] = []
    /// The legend entry of the bands.
    package var bandLabel = "Warm-up (not in the statistics)"
    package var sections: [Section] = []
    /// Moments marked with a dotted vertical line (actions); none by default.
    package var markers: [Marker] = []
    /// The legend entry of the markers, shown when one is inside `xDomain`.
    package var markerLegendLabel = "Action started"
    /// Shown in the plot when no series has a value.
    package var emptyNote = "No samples"

    package init(
        title: String, xAxisTitle: String, xDomain: ClosedRange<Double>, yAxisTitle: String, yUnit: ChartUnit,
        series: [Series]
    ) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.xDomain = xDomain
        self.yAxisTitle = yAxisTitle
        self.yUnit = yUnit
        self.series = series
    }

    /// The chart as a standalone SVG document.
    package func render() -> String {
        var document = SVGDocument(width: width, height: height, title: title)
        var entries = series.map { Legend.Entry(label: $0.name, swatch: .line($0.style)) }
        if !bands.isEmpty { entries.append(Legend.Entry(label: bandLabel, swatch: .band(fill: ChartStyle.warmUp))) }
        if !visibleMarkers.isEmpty { entries.append(Legend.Entry(label: markerLegendLabel, swatch: .rule(ChartStyle.action))) }
        let legend = Legend(entries: entries)
        let values = series.flatMap { $0.points.compactMap(\.y) }.filter(\.isFinite)
        let frame = PlotFrame(
            width: width, height: height, legend: legend, stripHeight: sections.isEmpty ? 0 : 18, bottomHeight: 50
        ) { intervals in
            Axis(title: yAxisTitle, unit: yUnit, values: values, maxIntervals: intervals, scale: yScale)
        }
        let scale = XScale(domain: xDomain, left: frame.left, right: frame.right)
        frame.drawHeader(title: title, legend: legend, into: &document)
        for band in bands {
            let from = scale.x(Swift.max(band.from, xDomain.lowerBound))
            let to = scale.x(Swift.min(band.to, xDomain.upperBound))
            guard to > from else { continue }
            document.rect(x: from, y: frame.top, width: to - from, height: frame.plotHeight, fill: ChartStyle.warmUp)
        }
        frame.drawValueGrid(into: &document)
        drawXAxis(frame: frame, scale: scale, into: &document)
        frame.drawAxisLines(into: &document)
        drawSections(frame: frame, scale: scale, into: &document)
        drawMarkerLines(frame: frame, scale: scale, into: &document)
        for (index, line) in series.enumerated() {
            drawSeries(line, index: index, frame: frame, scale: scale, into: &document)
        }
        // Labels over the lines, each on a white halo, so neither hides the other.
        drawMarkerLabels(frame: frame, scale: scale, into: &document)
        if values.isEmpty { frame.drawNote(emptyNote, into: &document) }
        return document.rendered
    }

    private func drawXAxis(frame: PlotFrame, scale: XScale, into document: inout SVGDocument) {
        // A clock label is at most 7 characters: a tick every 80 px or more keeps them apart.
        let axis = Axis(
            title: xAxisTitle, unit: xUnit, minimum: xDomain.lowerBound, maximum: xDomain.upperBound,
            maxIntervals: Swift.max(1, Int(frame.plotWidth / 80)), includeZero: false)
        for value in axis.ticks.values where xDomain.contains(value) {
            let x = scale.x(value)
            document.line(x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + 5, stroke: ChartStyle.ink)
            document.text(
                axis.tickLabel(value), x: x, y: frame.bottom + 18, size: PlotFrame.tickSize, anchor: "middle")
        }
        document.text(
            axis.fullTitle, x: (frame.left + frame.right) / 2, y: frame.bottom + 38, size: PlotFrame.axisTitleSize,
            anchor: "middle")
    }

    private func drawSections(frame: PlotFrame, scale: XScale, into document: inout SVGDocument) {
        let visible = sections.filter { $0.start < xDomain.upperBound }.sorted { $0.start < $1.start }
        let spans = visible.indices.map { index in
            let start = scale.x(Swift.max(visible[index].start, xDomain.lowerBound))
            let end = index + 1 < visible.count ? scale.x(visible[index + 1].start) : frame.right
            return (start: start, room: end - start - 8)
        }
        // One label form for every section (the longest that fits them all), so stages read alike. A section
        // with a single label takes no part: it shows its label when it fits.
        let forms = visible.map(\.labels.count).max() ?? 0
        let fits = { (label: String, span: (start: Double, room: Double)) in ChartStyle.textWidth(label, size: 11) <= span.room }
        let form = (0..<forms).first { form in
            zip(visible, spans).allSatisfy { section, span in
                section.labels.count == 1 || form >= section.labels.count || fits(section.labels[form], span)
            }
        }
        for (section, span) in zip(visible, spans) {
            if section.start > xDomain.lowerBound {
                document.line(
                    x1: span.start, y1: frame.top - 16, x2: span.start, y2: frame.bottom, stroke: ChartStyle.muted,
                    dash: "4 3")
            }
            let label: String? = if section.labels.count == 1 {
                fits(section.labels[0], span) ? section.labels[0] : nil
            } else if let form, form < section.labels.count {
                section.labels[form]
            } else {
                nil
            }
            if let label {
                document.text(label, x: span.start + 4, y: frame.top - 6, size: 11, fill: ChartStyle.muted)
            }
        }
    }

    private func drawSeries(
        _ line: Series, index: Int, frame: PlotFrame, scale: XScale, into document: inout SVGDocument
    ) {
        var runs: [[(x: Double, y: Double)]] = [[]]
        for point in line.points {
            guard let y = point.y, y.isFinite, xDomain.contains(point.x) else {
                if !(runs.last?.isEmpty ?? true) { runs.append([]) }
                continue
            }
            runs[runs.count - 1].append((scale.x(point.x), frame.y(y)))
        }
        runs = runs.filter { !$0.isEmpty }
        for run in runs {
            document.polyline(Self.thinned(run), stroke: line.style.color, width: 2, dash: line.style.dash)
        }
        let count = runs.reduce(0) { $0 + $1.count }
        // Long series: about 12 markers, shifted per series so markers of different lines do not coincide.
        let every = count <= 60 ? 1 : (count + 11) / 12
        let offset = every == 1 ? 0 : (index * every / Swift.max(1, series.count)) % every
        var position = 0
        for run in runs {
            for point in run {
                if run.count == 1 || (position - offset) % every == 0 {
                    document.marker(x: point.x, y: point.y, style: line.style)
                }
                position += 1
            }
        }
    }
}

extension LineChart {
    /// `points` (pixels, ascending x) with at most 4 per pixel column: the first, lowest, highest and last, in
    /// their order. Draws the same line as all of them (spikes kept), so a day of seconds stays a small file.
    package static func thinned(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        guard points.count > 1_000 else { return points }
        var kept: [(x: Double, y: Double)] = []
        var start = 0
        while start < points.count {
            let column = points[start].x.rounded(.down)
            var end = start + 1
            while end < points.count, points[end].x.rounded(.down) == column { end += 1 }
            let group = start..<end
            // In SVG, y grows downwards: the smallest y is the highest value.
            let highest = group.min { points[$0].y < points[$1].y }!
            let lowest = group.max { points[$0].y < points[$1].y }!
            for index in Set([start, lowest, highest, end - 1]).sorted() { kept.append(points[index]) }
            start = end
        }
        return kept
    }
}

/// Maps x values of a domain onto pixels between `left` and `right`.
struct XScale {
    let domain: ClosedRange<Double>
    let left: Double
    let right: Double

    func x(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        return left + (span > 0 ? (value - domain.lowerBound) / span : 0) * (right - left)
    }
}
