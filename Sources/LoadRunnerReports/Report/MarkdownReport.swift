import LoadRunnerModel
import LoadRunnerText

/// `report.md`: what a person reads first after a run.
///
/// Title and summary line, then Warnings (when any: saturated generator, error rate above 1%, a request count
/// not reached, interruption), the thresholds and the checks (when any), the per-stage table (with a line per
/// stage that ends by count), the actions, monitored processes and command monitors (when any), the charts,
/// the per-request table (measured windows only, milliseconds with 3 decimals), the failures, the environment,
/// and the profile. Renders the same from a live result and from a decoded `result.json`.
package enum MarkdownReport {
    /// Writes the whole report.
    package static func write(_ result: RunResult, to output: inout some TextOutputStream) {
        let provenance = result.provenance
        output.write("# LoadRunner report: \(TextTable.markdownCell(provenance.profileName))\n\n")
        output.write(summaryLine(result) + "\n")

        let warnings = ReportWarning.warnings(for: result)
        if !warnings.isEmpty {
            output.write("\n## Warnings\n\n")
            for warning in warnings { output.write("- **\(warning.message)**\n") }
        }
        writeThresholds(result, to: &output)
        writeChecks(result, to: &output)

        output.write("\n## Stages\n\n")
        output.write("Measured over each stage's window (warm-up excluded); times in milliseconds.\n\n")
        stagesTable(result).writeMarkdown(to: &output)
        writeCountedStages(result, to: &output)
        writeActions(result, to: &output)
        writeMonitors(result, to: &output)
        writeCommandMonitors(result, to: &output)
        writeRunCharts(result, to: &output)

        output.write("\n## Requests\n\n")
        requestsTable(result).writeMarkdown(to: &output)

        output.write("\n## Failures\n\n")
        if result.failures.isEmpty {
            output.write("No failures.\n")
        } else {
            output.write("Over the whole run, warm-ups included.\n\n")
            failuresTable(result).writeMarkdown(to: &output)
        }

        output.write("\n## Environment\n\n")
        writeEnvironment(provenance, to: &output)

        output.write("\n## Profile\n\n")
        let profile = provenance.profileText.hasSuffix("\n") ? provenance.profileText : provenance.profileText + "\n"
        let fence = ReportText.codeFence(for: profile)
        output.write("\(fence)yaml\n\(profile)\(fence)\n")
    }

    /// The whole report as a string.
    package static func render(_ result: RunResult) -> String {
        var text = ""
        write(result, to: &text)
        return text
    }

    /// Target, start and end (UTC), duration, and whether the run completed.
    static func summaryLine(_ result: RunResult) -> String {
        let provenance = result.provenance
        return "Target \(ReportText.inlineCode(provenance.target)) · "
            + "\(UTCTimestamp.seconds(provenance.startTime)) to \(UTCTimestamp.seconds(provenance.endTime)) (UTC) · "
            + "\(ReportText.duration(seconds: result.durationSeconds)) · "
            + (result.interrupted ? "**interrupted**" : "completed")
    }

    static func stagesTable(_ result: RunResult) -> TextTable {
        var table = TextTable(columns: [
            .init("Stage", .right), .init("Users", .right), .init("Window s", .left), .init("Requests", .right),
            .init("RPS", .right), .init("p50", .right), .init("p95", .right), .init("p99", .right),
            .init("Max", .right), .init("Errors %", .right), .init("Generator CPU", .right), .init("Saturated"),
        ])
        for stage in result.stages {
            let stats = stage.aggregated
            let generator = stage.generator
            let window = "\(ReportNumber.fixed(stage.windowStartSeconds, decimals: 1))-"
                + "\(ReportNumber.fixed(stage.windowEndSeconds, decimals: 1))"
            table.append(
                [String(stage.number), String(stage.users), window, String(stats.requests)]
                    + latencyCells(stats, windowSeconds: stage.windowSeconds)
                    + [
                        "\(ReportNumber.fixed(generator.cpuPercent, decimals: 1))% of "
                            + (generator.allowedCores == 1 ? "1 core" : "\(generator.allowedCores) cores"),
                        generator.saturated ? "**SATURATED**" : "no",
                    ])
        }
        return table
    }

    static func requestsTable(_ result: RunResult) -> TextTable {
        var table = TextTable(columns: [
            .init("Stage", .right), .init("Name"), .init("Method"), .init("Requests", .right), .init("RPS", .right),
            .init("p50", .right), .init("p95", .right), .init("p99", .right), .init("Max", .right),
            .init("Errors %", .right), .init("First byte", .right), .init("New conns", .right),
        ])
        for stage in result.stages {
            for stats in stage.requests {
                table.append(
                    [String(stage.number), stats.name, stats.method, String(stats.requests)]
                        + latencyCells(stats, windowSeconds: stage.windowSeconds)
                        + [
                            stats.requests == 0 ? "-" : ReportNumber.millis(micros: stats.meanFirstByteMicros),
                            String(stats.newConnections),
                        ])
            }
        }
        return table
    }

    static func failuresTable(_ result: RunResult) -> TextTable {
        var table = TextTable(columns: [
            .init("Name"), .init("Method"), .init("Category"), .init("Message"), .init("Occurrences", .right),
            .init("First seen"), .init("Last seen"),
        ])
        for failure in LocustFailuresCSV.sorted(result.failures) {
            table.append([
                failure.name, failure.method, failure.category.rawValue, failure.message, String(failure.occurrences),
                UTCTimestamp.seconds(failure.firstSeen), UTCTimestamp.seconds(failure.lastSeen),
            ])
        }
        return table
    }

    /// RPS, p50, p95, p99, max (ms) and error percentage; `-` for latencies when there were no requests.
    static func latencyCells(_ stats: RequestStats, windowSeconds: Double) -> [String] {
        let latency = stats.latency
        let millis = { (micros: UInt64) in stats.requests == 0 ? "-" : ReportNumber.millis(micros: micros) }
        return [
            ReportNumber.fixed(stats.throughput(overSeconds: windowSeconds), decimals: 2),
            millis(latency.micros(atPercentile: 50)),
            millis(latency.micros(atPercentile: 95)),
            millis(latency.micros(atPercentile: 99)),
            millis(latency.maxMicros),
            ReportNumber.percent(stats.errorRate),
        ]
    }

    private static func writeEnvironment(_ provenance: Provenance, to output: inout some TextOutputStream) {
        let lines = [
            "LoadRunner \(provenance.loadRunnerVersion), libcurl \(provenance.libcurlVersion)",
            "Host \(ReportText.inlineCode(provenance.hostName)): \(provenance.allowedCPUCount) of "
                + "\(provenance.cpuCount) CPUs allowed for the generator",
            "Kernel \(ReportText.inlineCode(provenance.kernel))",
            "Command line: \(ReportText.inlineCode(ReportText.commandLine(provenance.commandLine)))",
            "Profile \(ReportText.inlineCode(provenance.profilePath))",
        ]
        for line in lines { output.write("- \(line)\n") }
    }
}
