import Foundation
import LoadRunnerAnalysis

/// Reads and writes `compare.json`, the comparison for machines: pretty-printed, sorted keys, UTC dates with
/// microseconds, the same conventions as `result.json` (`ResultJSON`).
package enum CompareJSON {
    /// The comparison as UTF-8 JSON, ending with a newline.
    package static func encode(_ result: CompareResult) throws -> Data {
        var data = try ResultJSON.encoder().encode(result)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Decodes a `compare.json`; throws `CompareFileError` for a file written by a newer LoadRunner, and the
    /// decoder's error for anything else that is not a comparison.
    package static func decode(_ data: Data, source: String = "compare.json") throws -> CompareResult {
        if let header = try? ResultJSON.decoder().decode(Header.self, from: data),
            header.schemaVersion > CompareResult.currentSchemaVersion
        {
            throw CompareFileError.newerSchema(
                source: source, found: header.schemaVersion, supported: CompareResult.currentSchemaVersion)
        }
        return try ResultJSON.decoder().decode(CompareResult.self, from: data)
    }

    /// Just the version of a comparison file.
    private struct Header: Decodable {
        var schemaVersion: Int
    }
}

/// Why a `compare.json` could not be read.
package enum CompareFileError: Error, Equatable, CustomStringConvertible {
    case newerSchema(source: String, found: Int, supported: Int)

    package var description: String {
        switch self {
        case .newerSchema(let source, let found, let supported):
            return "\(source): written by a newer LoadRunner (compare schema version \(found); "
                + "this one reads up to \(supported)); upgrade LoadRunner to read it"
        }
    }
}
