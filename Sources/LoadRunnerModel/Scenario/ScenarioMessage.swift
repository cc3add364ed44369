/// The messages of capture and assertion failures, in one place; each is a row of the failures table, so none
/// holds a value taken from a response.
package enum ScenarioMessage {
    static func captureMissed(_ capture: CaptureSpec, _ miss: CaptureMiss) -> String {
        let what = switch miss {
        case .notFound: "not found in the response"
        case .null: "is null"
        case .notJSON: "not found: the body is not JSON"
        }
        return "capture \(capture.variable): \(capture.text) \(what)"
    }

    /// A request whose template needs a variable this user has not captured yet (not sent).
    package static func variableUnset(_ name: String) -> String {
        "not sent: {{ \(name) }} has no value yet (no earlier response of this user captured it)"
    }

    /// A body above `max_body` of a request that keeps it.
    package static func bodyTooLarge(limitText: String) -> String {
        "response body above max_body (\(limitText)); raise max_body if it is expected"
    }

    /// An await's last poll: its deadline (`within` after the write) passed and the write was still not visible.
    package static let notVisible = "not visible within the await's `within`: the read still did not see the write"
}
