import NIOCore

/// Decides whether a host is on the loopback interface, so the demo server can refuse to listen where
/// the network could reach it.
package enum LoopbackHost {
    /// The address to bind for `host` when it is loopback, else nil.
    ///
    /// `localhost` (any case) gives `127.0.0.1`; any IPv4 address in 127.0.0.0/8 gives itself in dotted
    /// form; any spelling of `::1`, bracketed or not, gives `::1`. Other names are not resolved.
    package static func bindAddress(for host: String) -> String? {
        if host.lowercased() == "localhost" {
            return "127.0.0.1"
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard let address = try? SocketAddress(ipAddress: bare, port: 0), let canonical = address.ipAddress else {
            return nil
        }
        switch address {
        case .v4 where canonical.hasPrefix("127."):
            return canonical
        case .v6 where canonical == "::1":
            return canonical
        default:
            return nil
        }
    }
}
