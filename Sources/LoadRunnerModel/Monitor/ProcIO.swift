/// The byte counters of `/proc/<pid>/io` (see proc(5)), all cumulative since the process started.
///
/// They include the counters of exited threads and of the children this process has waited for,
/// so a reaped child's whole I/O lands in its parent's figures.
package struct ProcIO: Sendable, Equatable {
    /// Bytes fetched from the storage layer (`read_bytes`): real disk reads, not page-cache hits.
    package var readBytes: UInt64
    /// Bytes sent to the storage layer (`write_bytes`), including writes later cancelled by truncation.
    package var writeBytes: UInt64
    /// Bytes passed to `read(2)` and friends (`rchar`), from disk or cache.
    package var readChars: UInt64
    /// Bytes passed to `write(2)` and friends (`wchar`).
    package var writtenChars: UInt64

    package init(readBytes: UInt64, writeBytes: UInt64, readChars: UInt64 = 0, writtenChars: UInt64 = 0) {
        self.readBytes = readBytes
        self.writeBytes = writeBytes
        self.readChars = readChars
        self.writtenChars = writtenChars
    }

    /// Parses `key: value` lines; nil unless `read_bytes`, `write_bytes`, `rchar` and `wchar` are all there.
    /// Unknown keys are ignored.
    package static func parse(_ text: String) -> ProcIO? {
        var values: [Substring: UInt64] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":"),
                  let value = UInt64(ProcText.trimmed(line[line.index(after: colon)...]))
            else { continue }
            values[ProcText.trimmed(line[..<colon])] = value
        }
        guard let read = values["read_bytes"], let write = values["write_bytes"],
              let rchar = values["rchar"], let wchar = values["wchar"]
        else { return nil }
        return ProcIO(readBytes: read, writeBytes: write, readChars: rchar, writtenChars: wchar)
    }
}
