import Foundation

/// Validates `result.json` files against `docs/result.schema.json` with Python's `jsonschema` (installed by
/// `make test-deps`), so every result the tests write is checked against the published schema.
package enum ResultSchema {
    /// `docs/result.schema.json` of this repository (found from this file's path).
    package static var schemaPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/result.schema.json").path
    }

    /// One line per problem (`file: key/path: message`); empty when every file conforms. Files of another
    /// schema version than the schema's are skipped (schema 1 fixtures).
    package static func problems(inFiles paths: [String]) -> [String] {
        guard !paths.isEmpty else { return [] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schemaPath] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return ["cannot run python3 to validate results: \(error); run `make test-deps`"]
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        if process.terminationStatus != 0 && lines.isEmpty { return ["result validation failed (exit \(process.terminationStatus))"] }
        return lines
    }

    /// Validates `data` (one encoded result) through a temporary file.
    package static func problems(inResult data: Data) -> [String] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lr-result-\(UUID().uuidString).json")
        guard (try? data.write(to: path)) != nil else { return ["cannot write \(path.path)"] }
        defer { try? FileManager.default.removeItem(at: path) }
        return problems(inFiles: [path.path])
    }

    /// Every `result.json` in `folders` and one level of subfolders below them.
    package static func resultFiles(in folders: [URL]) -> [String] {
        let manager = FileManager.default
        var found: [String] = []
        for folder in folders {
            let children = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            let candidates = [folder] + children.map { folder.appendingPathComponent($0) }
            for candidate in candidates {
                let file = candidate.appendingPathComponent("result.json").path
                if manager.fileExists(atPath: file) { found.append(file) }
            }
        }
        return found
    }

    private static let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("python3 has no jsonschema module: run `make test-deps` (pip install jsonschema)")
            sys.exit(2)
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            try:
                result = json.load(open(path))
            except Exception as error:
                continue
            if not isinstance(result, dict) or result.get("schemaVersion") != 2:
                continue
            for error in sorted(validator.iter_errors(result), key=lambda e: list(map(str, e.path)))[:5]:
                where = "/".join(map(str, error.path)) or "top level"
                print(f"{path}: {where}: {error.message[:300]}")
        """
}
