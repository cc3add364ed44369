import Foundation
import LoadRunnerText

/// What the live view and the Prometheus pusher tell a person.
package enum LiveMessages {
    static func pushFailed(url: String, reason: String) -> Diagnostic {
        .warning(
            "--out-prometheus: pushing to \(url) failed: \(reason)",
            hint: "the run goes on; later failures are counted and told at the end. Is the receiver up "
                + "(prometheus --web.enable-remote-write-receiver, path /api/v1/write)?")
    }

    static func pushStatus(_ status: Int, body: String) -> String {
        let excerpt = body.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(200)
        return excerpt.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(excerpt)"
    }

    static let pushNoCurl = "libcurl could not make a transfer"

    static func pushIncomplete(url: String, dropped: Int, failed: Int, unsent: Int) -> Diagnostic {
        var parts: [String] = []
        if failed > 0 { parts.append("\(failed) push\(failed == 1 ? "" : "es") failed") }
        if dropped > 0 { parts.append("\(dropped) second\(dropped == 1 ? " was" : "s were") dropped (the receiver was slower than the run)") }
        if unsent > 0 { parts.append("\(unsent) second\(unsent == 1 ? " was" : "s were") still unsent at the end") }
        return .warning("--out-prometheus: \(parts.joined(separator: ", ")); \(url) lacks those seconds (result.json has them all)")
    }
}

/// The URL of `--out-prometheus`: http or https with a host.
package enum RemoteWriteURL {
    /// True when `text` is an absolute http or https URL with a host.
    package static func isValid(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace), let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), let host = components.host
        else { return false }
        return (scheme == "http" || scheme == "https") && !host.isEmpty
    }
}
