import LoadRunnerModel
import LoadRunnerText

/// Checks the `target` URL (from the profile or `--target`) and splits it into a `TargetURL`.
///
/// Accepts `http://` or `https://`, a host (name, IPv4, or IPv6 in brackets), an optional port
/// (default 80 / 443) and an optional base path; rejects user info, query and fragment.
enum TargetURLParser {
    /// The parsed URL, or what is wrong with it (worded by `ProfileMessage.target(_:)`).
    static func parse(_ text: String) -> Result<TargetURL, TargetURLFailure> {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return .failure(.empty) }
        guard let schemeEnd = trimmed.range(of: "://") else {
            if let suggestion = repairedScheme(trimmed) { return .failure(.misspelledScheme(trimmed, suggestion: suggestion)) }
            return .failure(.noScheme(trimmed))
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            // Only a one-letter slip (`htp`, `htttp`): `ftp` or `ws` are other schemes, not typos.
            if let near = ["http", "https"].first(where: { DidYouMean.editDistance(Array(scheme), Array($0)) <= 1 }) {
                return .failure(.misspelledScheme(trimmed, suggestion: near + "://" + trimmed[schemeEnd.upperBound...]))
            }
            return .failure(.unsupportedScheme(scheme))
        }
        let rest = trimmed[schemeEnd.upperBound...]
        guard !rest.contains(where: { $0 == "?" || $0 == "#" }) else { return .failure(.hasQueryOrFragment) }
        guard !rest.contains(where: \.isWhitespace) else { return .failure(.hasWhitespace) }
        let authority = rest.prefix { $0 != "/" }
        let path = rest[authority.endIndex...]
        guard !authority.contains("@") else { return .failure(.hasUserInfo) }

        let hostAndPort: (host: Substring, port: Substring?)
        switch splitHostAndPort(authority) {
        case .some(let split): hostAndPort = split
        case .none: return .failure(.invalidHost(String(authority)))
        }
        let host = hostAndPort.host
        guard !host.isEmpty else { return .failure(.noHost) }
        guard host.contains(":") || host.allSatisfy(isHostCharacter) else {
            return .failure(.invalidHost(String(host)))
        }
        var port = scheme == "https" ? 443 : 80
        if let portText = hostAndPort.port {
            guard let value = Int(portText), portText.allSatisfy(\.isASCII), (1...65535).contains(value) else {
                return .failure(.invalidPort(String(portText)))
            }
            port = value
        }
        var basePath = String(path)
        while basePath.hasSuffix("/") { basePath.removeLast() }
        return .success(TargetURL(scheme: scheme, host: String(host), port: port, basePath: basePath))
    }

    /// `http:/host` or `http:host` (a slash short) written out as `http://host`; nil when `text` does not
    /// start with `http:` or `https:`.
    private static func repairedScheme(_ text: String) -> String? {
        for scheme in ["https", "http"] where text.lowercased().hasPrefix(scheme + ":") {
            let rest = text.dropFirst(scheme.count + 1).drop { $0 == "/" || $0 == "\\" }
            return rest.isEmpty ? nil : scheme + "://" + rest
        }
        return nil
    }

    /// `host[:port]` or `[v6]` `[:port]`; nil when brackets are unbalanced or junk follows `]`.
    private static func splitHostAndPort(_ authority: Substring) -> (host: Substring, port: Substring?)? {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            let host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else { return nil }
            return (host, after.dropFirst())
        }
        guard let colon = authority.lastIndex(of: ":") else { return (authority, nil) }
        return (authority[..<colon], authority[authority.index(after: colon)...])
    }

    private static func isHostCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "-" || character == "_")
    }
}

/// What is wrong with a target URL; `ProfileMessage.target(_:)` words it.
enum TargetURLFailure: Error, Equatable {
    case empty
    case noScheme(String)
    case unsupportedScheme(String)
    /// `http:/host`, `http:host`, `htp://host`: `suggestion` is the URL as probably meant.
    case misspelledScheme(String, suggestion: String)
    case hasQueryOrFragment
    case hasWhitespace
    case hasUserInfo
    case noHost
    case invalidHost(String)
    case invalidPort(String)
}
