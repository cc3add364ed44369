

/// Turns a fetched JSON array into a data source: scalars become one column, objects one column per key.
enum FetchedArray {
    static func parse(_ body: UnsafeBufferPointer<UInt8>, sourceName: String, url: String) throws(EngineError) -> SourceValues {
        do {
            return SourceValues(name: sourceName, values: .table(try JSONArrayReader.read(body)))
        } catch {
            throw .dataSource(Messages.invalidJSON(sourceName, url: url, error))
        }
    }
}
