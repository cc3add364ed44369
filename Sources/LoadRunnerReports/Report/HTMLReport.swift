import LoadRunnerModel
import LoadRunnerText

/// `report.html`: the content of `report.md` as one self-contained page, with the run's charts inline.
///
/// Built from the result (not from the Markdown): title and summary, warnings first, the thresholds and checks, the
/// stages table, the actions, monitored processes and command monitors, the charts, the requests and failures
/// tables, the environment and the profile. Inline CSS and inline SVG only:
/// no script, no external resource, so it opens offline and can be attached anywhere. Every text is escaped.
package enum HTMLReport {
    /// The whole page.
    package static func render(_ result: RunResult, charts: [ChartFile]) -> String {
        let provenance = result.provenance
        let name = escape(provenance.profileName)
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>LoadRunner report: \(name)</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <h1>LoadRunner report: \(name)</h1>

            """
        page += "<p class=\"summary\">\(summary(result))</p>\n"

        let warnings = ReportWarning.warnings(for: result)
        if !warnings.isEmpty {
            page += "<section class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n"
            for warning in warnings { page += "<li><strong>\(escape(warning.message))</strong></li>\n" }
            page += "</ul>\n</section>\n"
        }

        if let outcomes = result.thresholds, !outcomes.isEmpty {
            page += "<h2>Thresholds</h2>\n<p>\(escape(outcomes.countsText)).</p>\n"
            page += table(MarkdownReport.thresholdsTable(outcomes))
        }
        page += checksSection(result)

        page += "<h2>Stages</h2>\n<p>Measured over each stage's window (warm-up excluded); times in milliseconds.</p>\n"
        page += table(MarkdownReport.stagesTable(result))
        page += countedStagesList(result)
        page += actionsSection(result)

        if let monitors = result.monitors, !monitors.isEmpty {
            page += "<h2>Monitored processes</h2>\n<p>\(escape(MarkdownReport.monitorsNote))</p>\n"
            page += table(MarkdownReport.monitorsTable(monitors))
            for monitor in monitors where monitor.everDown {
                page += "<p><strong>\(escape(monitor.name)) was down</strong> \(escape(MarkdownReport.downText(monitor)))</p>\n"
            }
        }
        page += commandMonitorsSection(result)

        if !charts.isEmpty {
            page += "<h2>Charts</h2>\n<p>\(escape(RunCharts.note(for: result)))</p>\n"
            for chart in charts {
                // The chart's own title (inside the SVG, also its accessible name) is its caption.
                page += "<figure>\n\(chart.svg)</figure>\n"
            }
        }

        page += "<h2>Requests</h2>\n" + table(MarkdownReport.requestsTable(result))

        page += "<h2>Failures</h2>\n"
        if result.failures.isEmpty {
            page += "<p>No failures.</p>\n"
        } else {
            page += "<p>Over the whole run, warm-ups included.</p>\n" + table(MarkdownReport.failuresTable(result))
        }

        page += "<h2>Environment</h2>\n<ul>\n"
        for line in environment(provenance) { page += "<li>\(line)</li>\n" }
        page += "</ul>\n"

        page += "<h2>Profile</h2>\n<pre><code>\(escape(provenance.profileText))</code></pre>\n"
        page += "</body>\n</html>\n"
        return page
    }

    /// `text` safe in HTML content and in quoted attributes: `& < > " '` escaped.
    package static func escape(_ text: String) -> String {
        XMLText.escape(text)
    }

    /// The Markdown report's summary line, with HTML markup.
    private static func summary(_ result: RunResult) -> String {
        let provenance = result.provenance
        return "Target \(code(provenance.target)) · "
            + "\(UTCTimestamp.seconds(provenance.startTime)) to \(UTCTimestamp.seconds(provenance.endTime)) (UTC) · "
            + "\(ReportText.duration(seconds: result.durationSeconds)) · "
            + (result.interrupted ? "<strong>interrupted</strong>" : "completed")
    }

    /// The Markdown report's environment list, with HTML markup.
    private static func environment(_ provenance: Provenance) -> [String] {
        [
            escape("LoadRunner \(provenance.loadRunnerVersion), libcurl \(provenance.libcurlVersion)"),
            "Host \(code(provenance.hostName)): \(provenance.allowedCPUCount) of \(provenance.cpuCount) CPUs allowed "
                + "for the generator",
            "Kernel \(code(provenance.kernel))",
            "Command line: \(code(ReportText.commandLine(provenance.commandLine)))",
            "Profile \(code(provenance.profilePath))",
        ]
    }

    private static func code(_ text: String) -> String { "<code>\(escape(text))</code>" }

    /// The text inside a cell that is one Markdown code span (`` `a` ``, ``` `` a`b `` ```), else nil.
    static func inlineCodeContent(_ text: String) -> String? {
        let fence = text.prefix { $0 == "`" }.count
        guard fence > 0, text.count > 2 * fence, text.hasSuffix(String(repeating: "`", count: fence)),
              text.dropLast(fence).last != "`"
        else { return nil }
        var inner = String(text.dropFirst(fence).dropLast(fence))
        // More than one span (`a` and `b`) is not one span.
        guard !inner.contains(String(repeating: "`", count: fence)) else { return nil }
        if inner.count > 2, inner.hasPrefix(" "), inner.hasSuffix(" ") { inner = String(inner.dropFirst().dropLast()) }
        return inner
    }

    /// A `TextTable` as an HTML table; right-aligned columns get the `num` class. A cell wrapped in `**`
    /// (as in `**SATURATED**`) is shown in bold, one that is all inline code (`ReportText.inlineCode`) as code:
    /// the Markdown tables' only markup.
    static func table(_ table: TextTable) -> String {
        func cell(_ tag: String, _ text: String, _ column: TextTable.Column) -> String {
            let attribute = column.alignment == .right ? " class=\"num\"" : ""
            let bold = text.count > 4 && text.hasPrefix("**") && text.hasSuffix("**")
            let content = if bold {
                "<strong>\(escape(String(text.dropFirst(2).dropLast(2))))</strong>"
            } else if let span = inlineCodeContent(text) {
                code(span)
            } else {
                escape(text)
            }
            return "<\(tag)\(attribute)>\(content)</\(tag)>"
        }
        var html = "<div class=\"table\">\n<table>\n<thead>\n<tr>"
        html += table.columns.map { cell("th", $0.title, $0) }.joined()
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in table.rows {
            let cells = table.columns.indices.map { index in
                cell("td", index < row.count ? row[index] : "", table.columns[index])
            }
            html += "<tr>" + cells.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }

    /// The page's whole style sheet: readable on screen and on paper, no web fonts.
    static let style = """
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #222; background: #fff;
          max-width: 1120px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin-bottom: .3rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
        .summary { color: #444; }
        .warnings { border-left: 4px solid #d55e00; background: #fdf1e8; padding: .2rem 1rem .4rem; margin: 1rem 0; }
        .warnings h2 { border: none; margin-top: .6rem; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; font-size: .88rem; margin: .5rem 0; }
        th, td { border: 1px solid #ccc; padding: .25rem .55rem; text-align: left; white-space: nowrap; }
        th { background: #f0f0f0; }
        tbody tr:nth-child(even) { background: #fafafa; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1rem 0 1.5rem; }
        figure svg { display: block; max-width: 100%; height: auto; border: 1px solid #e3e3e3; }
        figcaption { font-size: .85rem; color: #555; margin-top: .3rem; }
        code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88rem; }
        pre { background: #f6f6f6; border: 1px solid #e3e3e3; padding: .75rem; overflow-x: auto; }
        @media print { body { margin: 0; max-width: none; } figure { break-inside: avoid; } }
        """
}
