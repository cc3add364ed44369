import Foundation
import LoadRunnerModel
import LoadRunnerText

/// Reads and writes `result.json`, the file every other output (and `compare`) can be rebuilt from.
///
/// Pretty-printed with sorted keys, so two results diff line by line; dates are UTC ISO-8601 with
/// microseconds (`2024-05-01T12:00:00.250000Z`), so a date survives a round trip to the microsecond.
/// Histograms keep every non-zero bucket, so every percentile can be recomputed exactly.
package enum ResultJSON {
    /// The result as UTF-8 JSON, ending with a newline.
    package static func encode(_ result: RunResult) throws -> Data {
        var data = try encoder().encode(result)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The result as JSON text, ending with a newline.
    package static func string(_ result: RunResult) throws -> String {
        String(decoding: try encode(result), as: UTF8.self)
    }

    /// Decodes a result file; `source` (a path, say) names it in error messages.
    ///
    /// Throws `ResultFileError` for a file that is not JSON, not a LoadRunner result, written by a newer
    /// LoadRunner (a higher `schemaVersion`), or damaged.
    package static func decode(_ data: Data, source: String = "result.json") throws(ResultFileError) -> RunResult {
        let version: Int
        do {
            let header = try decoder().decode(Header.self, from: data)
            guard let found = header.schemaVersion, header.provenance != nil else {
                throw ResultFileError.notAResult(source: source)
            }
            guard case .whole(let whole) = found else {
                throw ResultFileError.unsupportedSchema(
                    source: source, found: found.text, supported: RunResult.currentSchemaVersion)
            }
            version = whole
        } catch let error as ResultFileError {
            throw error
        } catch DecodingError.dataCorrupted {
            throw ResultFileError.notJSON(source: source)
        } catch {
            throw ResultFileError.notAResult(source: source)
        }
        guard version <= RunResult.currentSchemaVersion else {
            throw ResultFileError.newerSchema(source: source, found: version, supported: RunResult.currentSchemaVersion)
        }
        guard version >= 1 else {
            throw ResultFileError.unsupportedSchema(
                source: source, found: String(version), supported: RunResult.currentSchemaVersion)
        }
        do {
            return try decoder().decode(RunResult.self, from: data)
        } catch let error as DecodingError {
            throw ResultFileError.damaged(source: source, reason: describe(error))
        } catch {
            throw ResultFileError.damaged(source: source, reason: "\(error)")
        }
    }

    /// The encoder `result.json` is written with.
    package static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(UTCTimestamp.micros(date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The decoder `result.json` is read with.
    package static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = UTCTimestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\"\(text)\" is not a UTC date like 2024-05-01T12:00:00.000000Z")
            }
            return date
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// True when `data` is a LoadRunner result of any version (it has `schemaVersion` and `provenance`).
    package static func isResult(_ data: Data) -> Bool {
        guard let header = try? decoder().decode(Header.self, from: data) else { return false }
        return header.schemaVersion != nil && header.provenance != nil
    }

    /// Just enough of a result to tell whether this is one, and which version.
    private struct Header: Decodable {
        var schemaVersion: SchemaVersion?
        var provenance: AnyKeys?
    }

    /// `schemaVersion` as written: a whole number, or anything else (`1.5`, `"x"`) kept as text for the message.
    private enum SchemaVersion: Decodable {
        case whole(Int)
        case other(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let whole = try? container.decode(Int.self) {
                self = .whole(whole)
            } else if let number = try? container.decode(Double.self) {
                self = .other(String(number))
            } else if let text = try? container.decode(String.self) {
                self = .other("\"\(text)\"")
            } else {
                self = .other(container.decodeNil() ? "null" : "of another kind")
            }
        }

        var text: String {
            switch self {
            case .whole(let value): String(value)
            case .other(let text): text
            }
        }
    }

    /// Accepts any JSON object.
    private struct AnyKeys: Decodable {}

    /// `stages[1].requests[0].latency: "unit" is missing` from a `DecodingError`.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "top level" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath)): \"\(key.stringValue)\" is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// Why a result file could not be read; each message names the file and says what to do.
package enum ResultFileError: Error, Equatable, CustomStringConvertible {
    case notJSON(source: String)
    case notAResult(source: String)
    case newerSchema(source: String, found: Int, supported: Int)
    case unsupportedSchema(source: String, found: String, supported: Int)
    case damaged(source: String, reason: String)

    package var description: String {
        switch self {
        case .notJSON(let source):
            return "\(source): not a JSON file; expected a LoadRunner result.json"
        case .notAResult(let source):
            return "\(source): not a LoadRunner result (no \"schemaVersion\" and \"provenance\"); "
                + "expected the result.json of a run folder"
        case .newerSchema(let source, let found, let supported):
            return "\(source): written by a newer LoadRunner (schema version \(found); "
                + "this one reads up to \(supported)); upgrade LoadRunner to read it"
        case .unsupportedSchema(let source, let found, let supported):
            return "\(source) has schemaVersion \(found), which this LoadRunner does not read (it reads 1 to \(supported)); "
                + "LoadRunner never wrote that version, so the file was edited or comes from another tool: "
                + "use the result.json a run wrote"
        case .damaged(let source, let reason):
            return "\(source): damaged LoadRunner result: \(reason)"
        }
    }
}
