import Foundation
import LoadRunnerCore

/// Loads every data source of a profile before stage 1: reads CSV files, expands value lists, and
/// fetches `fetch` sources from the target.
struct DataLoader: Sendable {
    var profile: Profile
    var fetcher: BodyFetcher

    func load() async throws(EngineError) -> [SourceValues] {
        var sources: [SourceValues] = []
        for spec in profile.data {
            sources.append(try await load(spec))
        }
        return sources
    }

    private func load(_ spec: DataSourceSpec) async throws(EngineError) -> SourceValues {
        switch spec.kind {
        case .values(let values):
            let rows = values.map { [$0] }
            try refuseHeaderBreaks(source: spec.name, columns: [""], rows: rows) { index, _ in "item \(index + 1)" }
            return .table(name: spec.name, columns: [""], rows: rows)
        case .range(let range):
            return SourceValues(name: spec.name, values: .range(range))
        case .csv(let path, _):
            let resolved = path  // the profile loader already resolved it against the profile's folder
            do {
                let table = try CSVTable.load(path: resolved)
                guard !table.rows.isEmpty else {
                    throw EngineError.dataSource("data.\(spec.name): \(resolved) has a header but no rows; add at least one row")
                }
                try refuseHeaderBreaks(source: spec.name, columns: table.columns, rows: table.rows) { index, column in
                    let line = index < table.rowLines.count ? " line \(table.rowLines[index])" : ""
                    return "\(resolved)\(line)" + (column.map { ", column \"\($0)\"" } ?? "")
                }
                return .table(name: spec.name, columns: table.columns, rows: table.rows)
            } catch let error as EngineError {
                throw error
            } catch {
                throw .dataSource("data.\(spec.name): cannot read \(resolved): \(OutputFolder.reason(error))")
            }
        case .fetch(let path):
            let url = profile.target.description + path
            let body = try await fetcher.fetch(url: url, sourceName: spec.name)
            return try FetchedArray.parse(body, sourceName: spec.name, url: url)
        }
    }

    /// Refuses a CSV or `values:` source when a header template would send one of its values holding
    /// CR, LF or NUL (the line would split on the wire). `validate` reports the same; this catches a file
    /// changed since. `place` names the row (0-based index) and column for the message.
    private func refuseHeaderBreaks(
        source: String, columns: [String], rows: [[String]], place: (Int, String?) -> String
    ) throws(EngineError) {
        let headers = profile.headers + profile.requests.flatMap(\.headers)
        for header in headers {
            guard let bad = HeaderValueSafety.firstUnsafeRow(in: header.value, source: source, columns: columns, rows: rows)
            else { continue }
            throw .dataSource(Messages.headerDataHasLineBreak(
                source: source, place: place(bad.rowIndex, bad.column), header: header.name))
        }
    }
}

/// Turns a fetched JSON array into a table: scalars become one column, objects one column per key.
enum FetchedArray {
    static func parse(_ body: [UInt8], sourceName: String, url: String) throws(EngineError) -> SourceValues {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw .dataSource("data.\(sourceName): \(url) did not answer JSON (\(body.count) bytes); it must return a JSON array")
        }
        guard let array = json as? [Any] else {
            throw .dataSource("data.\(sourceName): \(url) answered JSON that is not an array; it must return a JSON array")
        }
        guard !array.isEmpty else {
            throw .dataSource("data.\(sourceName): \(url) answered an empty array; the source needs at least one value")
        }
        if let objects = array as? [[String: Any]] {
            let columns = Array(Set(objects.flatMap(\.keys))).sorted()
            let rows = objects.map { object in columns.map { text(object[$0]) } }
            return .table(name: sourceName, columns: columns, rows: rows)
        }
        return .table(name: sourceName, columns: [""], rows: array.map { [text($0)] })
    }

    private static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let string as String: return string
        case let number as NSNumber: return number.stringValue
        case let other?:
            if let data = try? JSONSerialization.data(withJSONObject: other, options: [.fragmentsAllowed]) {
                return String(decoding: data, as: UTF8.self)
            }
            return "\(other)"
        }
    }
}
