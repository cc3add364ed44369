import Foundation
import LoadRunnerAnalysis

/// Writes `ab.json`: the run (`AbRunInfo`) and its comparison (`PairedComparison`), with the conventions of
/// `result.json` (pretty-printed, sorted keys).
package enum AbJSON {
    package static let fileName = "ab.json"

    private struct File: Encodable {
        var schemaVersion = PairedComparison.currentSchemaVersion
        var run: AbRunInfo
        var comparison: PairedComparison
    }

    /// The file as UTF-8 JSON, ending with a newline.
    package static func encode(_ comparison: PairedComparison, run: AbRunInfo) throws -> Data {
        var data = try ResultJSON.encoder().encode(File(run: run, comparison: comparison))
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
