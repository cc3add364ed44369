import LoadRunnerText

/// A finished response as captures and assertions read it. The body and the header block are there only
/// when the request keeps them (`RequestSpec.keepsBody`, `keepsHeaders`); otherwise they are empty.
package struct ResponseView {
    package var status: Int
    /// The request's total time in microseconds.
    package var latencyMicros: UInt64
    package var bodyBytes: UInt64
    /// The kept body bytes, valid for the duration of the judging.
    package var body: UnsafeRawBufferPointer
    /// The raw header lines as received (status lines included, CRLF-separated); of several blocks (`100 Continue`
    /// first) the last one counts.
    package var headerText: String

    package init(status: Int, latencyMicros: UInt64, bodyBytes: UInt64, body: UnsafeRawBufferPointer, headerText: String) {
        self.status = status
        self.latencyMicros = latencyMicros
        self.bodyBytes = bodyBytes
        self.body = body
        self.headerText = headerText
    }

    /// The value of the first header `name` (case-insensitive) of the last header block, trimmed; nil when absent.
    package func header(_ name: String) -> String? {
        let lines = headerText.split(separator: "\r\n", omittingEmptySubsequences: true)
        let lastStatus = lines.lastIndex { $0.hasPrefix("HTTP/") } ?? lines.startIndex
        let wanted = name.lowercased()
        for line in lines[lastStatus...] {
            guard let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == wanted else { continue }
            return String(line[line.index(after: colon)...]).trimmingWhitespace()
        }
        return nil
    }

    /// The body as text (invalid UTF-8 replaced).
    package var bodyText: String { String(decoding: body, as: UTF8.self) }
}
