/// Takes a request's captures from its response and judges its assertions: pure, on a `ResponseView`.
///
/// Failure messages stay low-cardinality, since the failures table has one row per message: a capture's says
/// which capture and what was missing, an assertion's is its text plus, at most, a reason from a fixed set
/// (`got 503` for a status, `not found`, `body is not JSON`, `no such header`), never a body or JSON value.
package struct ResponseJudge {
    private let captures: [CaptureSpec]
    private let captureRegexes: [Regex<AnyRegexOutput>?]
    private let assertions: [AssertionSpec]

    /// `request`'s captures and assertions; regular expressions were checked when the profile was read.
    package init(request: RequestSpec) {
        captures = request.captures
        captureRegexes = request.captures.map { capture in
            if case .regex(let pattern) = capture.source { try? Regex(pattern) } else { nil }
        }
        assertions = request.assertions
    }

    /// The captured values, in the order of the request's captures; or the first capture that found nothing.
    package func capture(from response: ResponseView) -> Captured {
        var values: [String] = []
        values.reserveCapacity(captures.count)
        for (capture, regex) in zip(captures, captureRegexes) {
            let found: Result<String, CaptureMiss>
            switch capture.source {
            case .json(let path):
                switch JSONPathReader.value(at: path, in: response.body) {
                case .success(let value): found = value.text.map { .success($0) } ?? .failure(.null)
                case .failure(.notJSON): found = .failure(.notJSON)
                case .failure(.notFound): found = .failure(.notFound)
                }
            case .header(let name):
                found = response.header(name).map { .success($0) } ?? .failure(.notFound)
            case .regex:
                found = regex.flatMap { Self.firstMatch(of: $0, in: response.bodyText) }.map { .success($0) } ?? .failure(.notFound)
            }
            switch found {
            case .success(let value): values.append(value)
            case .failure(let miss):
                return .failed(RequestFailure(category: .capture, message: ScenarioMessage.captureMissed(capture, miss)))
            }
        }
        return .values(values)
    }

    /// The first assertion that does not hold, as a failure; nil when all hold. `expected` holds, per assertion,
    /// its right-hand side rendered for this request (only read for `.text` operands).
    package func judge(_ response: ResponseView, expected: [String]) -> RequestFailure? {
        var bodyText: String?
        for (index, assertion) in assertions.enumerated() {
            let rendered = index < expected.count ? expected[index] : ""
            if let reason = AssertionCheck.failure(of: assertion, on: response, expected: rendered, bodyText: &bodyText) {
                return RequestFailure(category: .assertion, message: reason.isEmpty ? assertion.text : assertion.text + ": " + reason)
            }
        }
        return nil
    }

    /// The first capture group of the first match (the whole match when there is no group); nil without a match.
    static func firstMatch(of regex: Regex<AnyRegexOutput>, in text: String) -> String? {
        guard let match = try? regex.firstMatch(in: text) else { return nil }
        let output = match.output
        if output.count > 1, let group = output[1].substring { return String(group) }
        return output[0].substring.map(String.init)
    }
}

/// What the captures of one response found.
package enum Captured: Sendable, Equatable {
    /// Every capture's value, in order.
    case values([String])
    /// The first capture that found nothing (category `capture`).
    case failed(RequestFailure)
}

/// Why a capture found no value.
package enum CaptureMiss: Error, Sendable, Equatable {
    case notFound
    case null
    case notJSON
}
