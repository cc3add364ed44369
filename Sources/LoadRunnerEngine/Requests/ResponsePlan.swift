import LoadRunnerModel

/// The sending side of a request's captures and assertions, compiled once: what of the response to keep, and the
/// assertions' right-hand sides to render with each request. Plain requests have none (`RequestPlan.response` nil).
struct ResponsePlan: Sendable {
    let keepsBody: Bool
    let keepsHeaders: Bool
    let maxBodyBytes: Int
    /// Per assertion, then per `until` assertion of an await's read (`probe`), its right-hand side as a template; nil
    /// for operands that are not text (`null`, numbers, ranges).
    let expected: [CompiledTemplate?]

    /// nil when `request` neither captures nor asserts, nor is an await's read.
    init?(request: RequestSpec, sources: [SourceValues], variables: [String]) throws(EngineError) {
        guard !request.captures.isEmpty || !request.assertions.isEmpty || request.probe != nil else { return nil }
        keepsBody = request.keepsBody
        keepsHeaders = request.keepsHeaders
        maxBodyBytes = request.maxBodyBytes
        var expected: [CompiledTemplate?] = []
        for assertion in request.assertions + (request.probe?.until ?? []) {
            if case .text(let template) = assertion.expected {
                expected.append(try CompiledTemplate(template, sources: sources, variables: variables, encoded: false))
            } else {
                expected.append(nil)
            }
        }
        self.expected = expected
    }
}
