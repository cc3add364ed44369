import Foundation
import LoadRunnerCore

/// `locust_stats_history.csv`, appended and flushed every second while the run goes, so even a
/// killed run keeps what it measured.
final class HistoryFile: @unchecked Sendable {
    static let fileName = "locust_stats_history.csv"
    private let handle: FileHandle
    private let lock = NSLock()

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data((LocustHistoryCSV.header + "\n").utf8)) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
    }

    /// Appends one second's rows; a failed write is reported once by the caller, not fatal.
    func append(_ sample: SecondSample) throws {
        let text = LocustHistoryCSV.rows(for: sample).map { $0 + "\n" }.joined()
        try lock.withLock { try handle.write(contentsOf: Data(text.utf8)) }
    }

    func close() {
        lock.withLock { try? handle.close() }
    }
}
