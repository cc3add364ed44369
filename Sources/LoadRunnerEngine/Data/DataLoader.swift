import Foundation
import LoadRunnerModel
import LoadRunnerProfile
import LoadRunnerText

/// Loads every data source of a profile before stage 1: reads CSV files, expands value lists, and
/// fetches `fetch` sources from the target.
struct DataLoader: Sendable {
    var profile: Profile
    var fetcher: BodyFetcher
    /// Which rows of `sequential` and `unique` sources this process takes.
    var shard: ShardPlan = .single

    func load() async throws(EngineError) -> [SourceValues] {
        var sources: [SourceValues] = []
        for spec in profile.data {
            sources.append(try await load(spec).picking(as: spec, shard: shard))
        }
        return sources
    }

    private func load(_ spec: DataSourceSpec) async throws(EngineError) -> SourceValues {
        switch spec.kind {
        case .values(let values):
            let rows = values.map { [$0] }
            try refuseHeaderBreaks(source: spec.name, columns: [""], rows: rows) { index, _ in Messages.valuesItem(index) }
            return .table(name: spec.name, columns: [""], rows: rows)
        case .range(let range):
            return SourceValues(name: spec.name, values: .range(range))
        case .csv(let path, _):
            let resolved = path  // the profile loader already resolved it against the profile's folder
            do {
                let table = try CSVTable.load(path: resolved, files: DiskFiles())
                guard !table.rows.isEmpty else {
                    throw EngineError.dataSource(Messages.csvWithoutRows(spec.name, path: resolved))
                }
                try refuseHeaderBreaks(source: spec.name, columns: table.columns, rows: table.rows) { index, column in
                    Messages.csvPlace(
                        path: resolved, line: index < table.rowLines.count ? table.rowLines[index] : nil, column: column)
                }
                return .table(name: spec.name, columns: table.columns, rows: table.rows)
            } catch let error as EngineError {
                throw error
            } catch {
                throw .dataSource(Messages.csvUnreadable(spec.name, path: resolved, reason: OutputFolder.reason(error)))
            }
        case .fetch(let path, let maxBytes):
            let url = profile.target.description + path
            let name = spec.name
            let values = try await fetcher.fetch(url: url, sourceName: name, maxBytes: maxBytes) { body throws(EngineError) in
                try FetchedArray.parse(body, sourceName: name, url: url)
            }
            // A signal that came while the body was being read: stop before any load is sent.
            if fetcher.stop?.isRequested == true { throw .interrupted(Messages.fetchInterrupted(name)) }
            return values
        }
    }

    /// The profile's top-level headers that need no data source (`${ENV}` secrets are already in
    /// them), as `Name: value` lines for `fetch` requests.
    static func fetchHeaderLines(_ profile: Profile) -> [String] {
        profile.headers.compactMap { header in
            var value = ""
            for segment in header.value.segments {
                guard case .literal(let text) = segment else { return nil }
                value += text
            }
            return header.name + ": " + value
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
