/// What one monitored process tree did during one stage window, folded from its per-second samples.
///
/// A second belongs to the window when its middle lies in `[windowStartSeconds, windowEndSeconds)`,
/// as for `SecondSample.inWindow`. Means and maxima are over the seconds that have the figure (alive,
/// and past the first sample for rates); they are nil when no second had it.
package struct MonitorStageSummary: Codable, Sendable, Equatable {
    /// 1-based stage number.
    package var stage: Int
    /// Seconds of the window that were sampled, and how many of them found the process running.
    package var secondsSampled: Int
    package var secondsAlive: Int
    /// CPU of the whole tree in % of one core.
    package var cpuPercentMean: Double?
    package var cpuPercentMax: Double?
    /// Resident memory of the whole tree, in bytes.
    package var rssBytesMean: Double?
    package var rssBytesMax: UInt64?
    /// Proportional set size of the whole tree (shared memory counted once), in bytes; nil when no second had it.
    package var pssBytesMean: Double?
    package var pssBytesMax: UInt64?
    /// Disk bytes per second, mean over the seconds with known io counters.
    package var readBytesPerSecondMean: Double?
    package var writeBytesPerSecondMean: Double?
    /// Disk bytes over the window (the per-second rates summed).
    package var readBytesTotal: Double?
    package var writeBytesTotal: Double?

    package init(
        stage: Int, secondsSampled: Int, secondsAlive: Int, cpuPercentMean: Double? = nil, cpuPercentMax: Double? = nil,
        rssBytesMean: Double? = nil, rssBytesMax: UInt64? = nil, pssBytesMean: Double? = nil, pssBytesMax: UInt64? = nil,
        readBytesPerSecondMean: Double? = nil,
        writeBytesPerSecondMean: Double? = nil, readBytesTotal: Double? = nil, writeBytesTotal: Double? = nil
    ) {
        self.stage = stage
        self.secondsSampled = secondsSampled
        self.secondsAlive = secondsAlive
        self.cpuPercentMean = cpuPercentMean
        self.cpuPercentMax = cpuPercentMax
        self.rssBytesMean = rssBytesMean
        self.rssBytesMax = rssBytesMax
        self.pssBytesMean = pssBytesMean
        self.pssBytesMax = pssBytesMax
        self.readBytesPerSecondMean = readBytesPerSecondMean
        self.writeBytesPerSecondMean = writeBytesPerSecondMean
        self.readBytesTotal = readBytesTotal
        self.writeBytesTotal = writeBytesTotal
    }

    /// The summary of the samples among `seconds` that lie in `stage`'s statistics window.
    package init(seconds: [MonitorSecond], windowOf stage: StageResult) {
        let inWindow = seconds.filter { Self.isInWindow($0, stage) }
        let cpu = inWindow.compactMap(\.cpuPercent)
        let rss = inWindow.filter(\.alive).compactMap(\.rssBytes)
        let pss = inWindow.filter(\.alive).compactMap(\.pssBytes)
        let read = inWindow.compactMap(\.readBytesPerSecond)
        let write = inWindow.compactMap(\.writeBytesPerSecond)
        self.init(
            stage: stage.number, secondsSampled: inWindow.count, secondsAlive: inWindow.filter(\.alive).count,
            cpuPercentMean: Self.mean(cpu), cpuPercentMax: cpu.max(),
            rssBytesMean: Self.mean(rss.map { Double($0) }), rssBytesMax: rss.max(),
            pssBytesMean: Self.mean(pss.map { Double($0) }), pssBytesMax: pss.max(),
            readBytesPerSecondMean: Self.mean(read), writeBytesPerSecondMean: Self.mean(write),
            readBytesTotal: read.isEmpty ? nil : read.reduce(0, +), writeBytesTotal: write.isEmpty ? nil : write.reduce(0, +))
    }

    /// Whether `second`'s middle lies in `stage`'s statistics window.
    package static func isInWindow(_ second: MonitorSecond, _ stage: StageResult) -> Bool {
        let middle = Double(second.second) + 0.5
        return middle >= stage.windowStartSeconds && middle < stage.windowEndSeconds
    }

    private static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
