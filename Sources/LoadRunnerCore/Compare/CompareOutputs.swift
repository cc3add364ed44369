import Foundation

/// Writes the files of a comparison folder: the only file I/O of the compare code.
///
/// - `compare.md`: what a person reads (`CompareMarkdown`).
/// - `compare.csv`: one row per stage, request name and metric (`CompareCSV`).
/// - `compare.json`: everything, for machines (`CompareJSON`).
public enum CompareOutputs {
    public static let markdown = "compare.md"
    public static let csv = "compare.csv"
    public static let json = "compare.json"

    /// The files `write(_:to:)` creates, in the order it writes them.
    public static let fileNames = [json, csv, markdown]

    /// Every file's contents keyed by file name; pure. `charts` go into `compare.md` (see `CompareMarkdown`).
    public static func contents(
        of result: CompareResult, charts: [(title: String, file: String)] = []
    ) throws -> [String: Data] {
        [
            json: try CompareJSON.encode(result),
            csv: Data(CompareCSV.render(result).utf8),
            markdown: Data(CompareMarkdown.render(result, charts: charts).utf8),
        ]
    }

    /// Creates `directory` (and its parents) when missing and writes every file of `fileNames` into it,
    /// replacing earlier ones, each atomically. Throws `RunOutputsError` naming the path and the system's reason.
    public static func write(
        _ result: CompareResult, to directory: String, charts: [(title: String, file: String)] = []
    ) throws(RunOutputsError) {
        let files: [String: Data]
        do {
            files = try contents(of: result, charts: charts)
        } catch {
            throw RunOutputsError.cannotEncode(path: path(json, in: directory), reason: "\(error)")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RunOutputsError.cannotCreateDirectory(path: directory, reason: reason(error))
        }
        for name in fileNames {
            let filePath = path(name, in: directory)
            do {
                try files[name, default: Data()].write(to: URL(fileURLWithPath: filePath), options: .atomic)
            } catch {
                throw RunOutputsError.cannotWrite(path: filePath, reason: reason(error))
            }
        }
    }

    private static func path(_ name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The system's reason (`Permission denied`) rather than Foundation's generic text.
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}
