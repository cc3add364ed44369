import NIOCore

/// Where `run --listen` serves: `HOST:PORT`, `[IPv6]:PORT`, `:PORT` or `PORT` (the last two on 127.0.0.1).
package struct ListenAddress: Sendable, Equatable {
    package var host: String
    /// 0 lets the system choose a free port.
    package var port: Int

    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The address `text` names; nil when it is not one of the forms above or the port is outside 0...65535.
    package init?(_ text: String) {
        let hostPart: Substring
        let portPart: Substring
        if let colon = text.lastIndex(of: ":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        } else {
            hostPart = ""
            portPart = Substring(text)
        }
        guard let port = Int(portPart), (0...65535).contains(port) else { return nil }
        var host = String(hostPart)
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "127.0.0.1" }
        if host.contains(":"), (try? SocketAddress(ipAddress: host, port: 0)) == nil { return nil }
        if host.contains(where: { $0 == " " || $0 == "/" || $0 == "[" || $0 == "]" }) { return nil }
        self.host = host
        self.port = port
    }

    /// True for `localhost`, 127.0.0.0/8 and `::1`: only this machine can reach it.
    package var isLoopback: Bool {
        if host.lowercased() == "localhost" { return true }
        guard let address = try? SocketAddress(ipAddress: host, port: 0), let canonical = address.ipAddress else {
            return false
        }
        switch address {
        case .v4: return canonical.hasPrefix("127.")
        case .v6: return canonical == "::1"
        default: return false
        }
    }

    /// The URL of the dashboard on `port` (the bound one), IPv6 hosts bracketed.
    package func url(port: Int) -> String {
        host.contains(":") ? "http://[\(host)]:\(port)/" : "http://\(host):\(port)/"
    }
}
