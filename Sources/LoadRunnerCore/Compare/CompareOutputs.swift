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
            throw RunOutputsError.cannotEncode(path: OutputFolder.path(json, in: directory), reason: "\(error)")
        }
        try OutputFolder.write(fileNames.map { ($0, files[$0, default: Data()]) }, to: directory)
    }
}
