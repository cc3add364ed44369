import Foundation
import LoadRunnerModel

/// The `data:` section: named value sources (`fetch`, `csv`, `range`, `values`).
extension ProfileDecoder {
    static let sourceKinds = ["fetch", "csv", "range", "values"]

    /// Reads every source; fills `declaredSources` (all names) and `sources` (the valid ones).
    mutating func dataSources(_ value: YAMLValue?) -> [DataSourceSpec] {
        guard let value, value.kind != .empty,
              let map = namedMap(value, expected: ProfileMessage.expectDataMap) else { return [] }
        declaredSources = map.entries.map(\.key)
        var specs: [DataSourceSpec] = []
        for entry in map.entries {
            if !TemplateParser.isValidSourceName(entry.key) {
                report(entry.keyValue, ProfileMessage.invalidSourceName(entry.key))
            }
            guard let spec = source(named: entry.key, entry.value) else { continue }
            specs.append(spec)
            sources[entry.key] = spec
        }
        return specs
    }

    /// One source: its kind, and how it picks rows (`pick:`, `when_exhausted:`, `zipf:`).
    private mutating func source(named name: String, _ value: YAMLValue) -> DataSourceSpec? {
        guard let map = map(value, keys: Self.sourceKinds + ["max_bytes"] + Self.pickKeys, expected: ProfileMessage.expectSource)
        else { return nil }
        let kind = sourceKind(map)
        let pick = rowPick(map, source: name, kind: map.entries.first { Self.sourceKinds.contains($0.key) }?.key)
        guard let kind, let pick else { return nil }
        return DataSourceSpec(name: name, kind: kind, pick: pick.pick, zipfExponent: pick.zipfExponent)
    }

    private mutating func sourceKind(_ map: YAMLMap) -> DataSourceSpec.Kind? {
        let value = map.value
        let kinds = map.entries.filter { Self.sourceKinds.contains($0.key) }
        let maxBytes = map.entries.first { $0.key == "max_bytes" }
        guard let first = kinds.first else {
            // Unknown keys were reported already; say what is needed only when no other key was written.
            if map.value.node.mapping?.count ?? 0 == map.entries.count { report(value, ProfileMessage.sourceKindMissing) }
            return nil
        }
        guard kinds.count == 1 else {
            report(value, ProfileMessage.sourceKindAmbiguous(kinds.map(\.key)))
            return nil
        }
        if let maxBytes, first.key != "fetch" {
            report(maxBytes.keyValue, ProfileMessage.maxBytesOnlyForFetch(kind: first.key))
            return nil
        }
        switch first.key {
        case "fetch": return fetch(first.value, maxBytes: maxBytes?.value)
        case "csv": return csv(first.value)
        case "range": return range(first.value)
        default: return values(first.value)
        }
    }

    private mutating func fetch(_ value: YAMLValue, maxBytes limitValue: YAMLValue?) -> DataSourceSpec.Kind? {
        let path = text(value, expected: ProfileMessage.expectFetchPath)
        if let path, !path.hasPrefix("/") || path.contains(where: \.isWhitespace) {
            report(value, ProfileMessage.fetchPathInvalid(path))
            return nil
        }
        var maxBytes = DataSourceSpec.defaultFetchMaxBytes
        if let limitValue {
            guard let written = text(limitValue, expected: ProfileMessage.expectMaxBytes) else { return nil }
            guard let bytes = ByteSize.parse(written) else {
                report(limitValue, ProfileMessage.maxBytesUnreadable(written))
                return nil
            }
            guard (1...DataSourceSpec.largestFetchMaxBytes).contains(bytes) else {
                report(limitValue, ProfileMessage.maxBytesOutOfRange(written, bytes: bytes))
                return nil
            }
            maxBytes = bytes
        }
        guard let path else { return nil }
        return .fetch(path: path, maxBytes: maxBytes)
    }

    private mutating func csv(_ value: YAMLValue) -> DataSourceSpec.Kind? {
        guard let written = text(value, expected: ProfileMessage.expectCSVPath) else { return nil }
        let path = resolve(written)
        let table: CSVTable
        do {
            table = try CSVTable.load(path: path, files: files)
        } catch let error as CSVTableError {
            let shown = error.line == nil ? CSVTableError(path: absolute(path), line: nil, message: error.message) : error
            report(value, ProfileMessage.csvUnusable(shown))
            return nil
        } catch {
            report(value, ProfileMessage.csvUnusable(CSVTableError(path: absolute(path), line: nil, message: ProfileMessage.csvUnreadable(error))))
            return nil
        }
        guard !table.rows.isEmpty else {
            report(value, ProfileMessage.csvHasNoRows(path))
            return nil
        }
        csvTables[path] = table
        return .csv(path: path, columns: table.columns)
    }

    private mutating func range(_ value: YAMLValue) -> DataSourceSpec.Kind? {
        guard let items = list(value, expected: ProfileMessage.expectRange) else { return nil }
        guard items.count == 2 else {
            report(value, ProfileMessage.rangeNeedsTwo(items.count))
            return nil
        }
        let bound = Int(ProfileLimits.maxRangeMagnitude)
        let low = rangeBound(items[0], within: bound)
        let high = rangeBound(items[1], within: bound)
        guard let low, let high else { return nil }
        guard low <= high else {
            report(value, ProfileMessage.rangeReversed(low: low, high: high))
            return nil
        }
        return .range(Int64(low)...Int64(high))
    }

    /// One bound of a `range`, within ±`bound`.
    private mutating func rangeBound(_ value: YAMLValue, within bound: Int) -> Int? {
        guard let number = integer(value, expected: ProfileMessage.expectRangeBound, in: -bound...bound,
                                   advice: ProfileMessage.adviseRange) else { return nil }
        guard number >= -bound else {
            report(value, ProfileMessage.tooSmall(value.text ?? "", min: "\(-bound)"))
            return nil
        }
        return number
    }

    private mutating func values(_ value: YAMLValue) -> DataSourceSpec.Kind? {
        guard let items = list(value, expected: ProfileMessage.expectValues) else { return nil }
        guard !items.isEmpty else {
            report(value, ProfileMessage.valuesEmpty)
            return nil
        }
        let texts = items.map { text($0, expected: ProfileMessage.expectValue) }
        let valid = texts.compactMap { $0 }
        return valid.count == texts.count ? .values(valid) : nil
    }

    /// A path from the profile, resolved against the profile's folder unless absolute.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || baseDirectory.isEmpty || baseDirectory == "." { return path }
        return baseDirectory.hasSuffix("/") ? baseDirectory + path : baseDirectory + "/" + path
    }

    /// `path` made absolute against the working directory, for messages about missing files.
    private func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
