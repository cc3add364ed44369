import Foundation
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerText

/// `locust_stats_history.csv`, appended and flushed every second while the run goes, so even a
/// killed run keeps what it measured; its one owner (`OutputFile.all`), also when `report` rebuilds it.
/// Locust's default layout, or its full-history layout with `--csv-full-history`.
final class HistoryFile: @unchecked Sendable {
    static let fileName = RunOutputs.locustHistoryCSV
    private let handle: FileHandle
    private let lock = NSLock()
    /// The rows' state (the last seconds, cumulative latencies); guarded by `lock`.
    private var history: LocustHistoryCSV

    /// Creates the file with its header line; throws `POSIXError` with the system's reason (a full disk is
    /// `ENOSPC`, not a permission problem).
    init(path: String, fullHistory: Bool) throws {
        history = LocustHistoryCSV(fullHistory: fullHistory)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data((LocustHistoryCSV.header + LocustCSV.lineEnd).utf8))
        } catch {
            try? handle.close()
            throw error
        }
    }

    /// Appends one second's rows; a failed write is reported once by the caller, not fatal.
    func append(_ sample: SecondSample) throws {
        try lock.withLock {
            let text = history.rows(for: sample).map { $0 + LocustCSV.lineEnd }.joined()
            try handle.write(contentsOf: Data(text.utf8))
        }
    }

    /// Writes the whole file from a result's per-second series into `directory`, atomically (for `report`).
    static func rewrite(_ series: [SecondSample], fullHistory: Bool, in directory: String) throws(RunOutputsError) {
        var history = ""
        LocustHistoryCSV.write(series, fullHistory: fullHistory, to: &history)
        try OutputFolder.write([(fileName, Data(history.utf8))], to: directory)
    }

    func close() {
        lock.withLock { try? handle.close() }
    }
}
