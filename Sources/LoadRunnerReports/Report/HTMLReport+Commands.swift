import LoadRunnerModel

/// The sections of `report.html` about the profile's commands and counted stages; the same content as in
/// `report.md`, from the same tables and lines.
extension HTMLReport {
    /// The Checks section; empty without checks.
    static func checksSection(_ result: RunResult) -> String {
        guard let checks = result.checks, !checks.isEmpty else { return "" }
        return "<h2>Checks</h2>\n<p>\(MarkdownHTML.inline(MarkdownReport.checksLine(checks)))</p>\n"
            + table(MarkdownReport.checksTable(checks))
    }

    /// One list item per stage that ends by count; empty when none does.
    static func countedStagesList(_ result: RunResult) -> String {
        list(MarkdownReport.countedStageLines(result))
    }

    /// The Actions section; empty without actions.
    static func actionsSection(_ result: RunResult) -> String {
        guard let actions = result.actions, !actions.isEmpty else { return "" }
        var html = "<h2>Actions</h2>\n<p>\(escape(MarkdownReport.actionsNote))</p>\n"
        if let line = MarkdownReport.failedActionsLine(actions) { html += "<p>\(MarkdownHTML.inline(line))</p>\n" }
        return html + table(MarkdownReport.actionsTable(actions))
    }

    /// The Command monitors section; empty without command monitors.
    static func commandMonitorsSection(_ result: RunResult) -> String {
        guard let monitors = result.commandMonitors, !monitors.isEmpty else { return "" }
        return "<h2>Command monitors</h2>\n<p>\(escape(MarkdownReport.commandMonitorsNote))</p>\n"
            + table(MarkdownReport.commandMonitorsTable(monitors, stages: result.stages))
            + list(monitors.compactMap(MarkdownReport.missingValuesText))
    }

    /// Markdown lines (bold and code only) as a list; empty for none.
    private static func list(_ lines: [String]) -> String {
        guard !lines.isEmpty else { return "" }
        return "<ul>\n" + lines.map { "<li>\(MarkdownHTML.inline($0))</li>\n" }.joined() + "</ul>\n"
    }
}
