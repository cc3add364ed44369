import LoadRunnerModel

/// The sending side of a request's captures and assertions, compiled once: what of the response to keep, and the
/// assertions' right-hand sides to render with each request. Plain requests have none (`RequestPlan.response` nil).
struct ResponsePlan: Sendable {
    let keepsBody: Bool
    let keepsHeaders: Bool
    let maxBodyBytes: Int
    /// Per assertion, its right-hand side as a template; nil for operands that are not text (`null`, numbers, ranges).
    let expected: [CompiledTemplate?]

    /// nil when `request` neither captures nor asserts.
    init?(request: RequestSpec, sources: [SourceValues], variables: [String]) throws(EngineError) {
        guard !request.captures.isEmpty || !request.assertions.isEmpty else { return nil }
        keepsBody = request.keepsBody
        keepsHeaders = request.keepsHeaders
        maxBodyBytes = request.maxBodyBytes
        var expected: [CompiledTemplate?] = []
        for assertion in request.assertions {
            if case .text(let template) = assertion.expected {
                expected.append(try CompiledTemplate(template, sources: sources, variables: variables, encoded: false))
            } else {
                expected.append(nil)
            }
        }
        self.expected = expected
    }
}
