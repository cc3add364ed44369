/// A TCP address of a database node, parsed from `host:port`.
struct NodeAddress: Sendable, Equatable, CustomStringConvertible {
    var host: String
    var port: Int

    /// Parses `host:port` (the last colon separates the port); `nil` when the port is missing or not 1...65535.
    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = String(text[..<colon])
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            return nil
        }
        self.host = host
        self.port = port
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    var description: String { "\(host):\(port)" }
}
