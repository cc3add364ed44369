import CCurl
import LoadRunnerModel

/// Everything needed to send one profile request, compiled once before the run: the URL template
/// (target + path + query), the headers (a shared libcurl list when they are constant), the body.
struct RequestPlan: Sendable {
    let name: String
    let method: String
    let url: CompiledTemplate
    let body: CompiledTemplate?
    /// Header lines `Name: value`, in order; templated ones are rendered per request.
    let headerLines: [CompiledTemplate]
    /// Per header line, the failure recorded (and the request not sent) when the rendered line holds
    /// CR, LF or NUL; nil for lines without data values, which the profile check already covered.
    let headerRefusals: [RequestFailure?]
    /// The constant header list shared read-only by every transfer, or nil when headers are templated.
    let sharedHeaders: HeaderList?
    /// What to keep of the response and the assertions' right-hand sides; nil for a plain request.
    let response: ResponsePlan?

    /// `variables` are the run's captured variables (`VariableNames`), which templates may use.
    init(request: RequestSpec, profile: Profile, sources: [SourceValues], variables: [String] = []) throws(EngineError) {
        name = request.name
        method = request.method
        var urlSegments: [Template.Segment] = [.literal(profile.target.description)]
        urlSegments += request.path.segments
        let pathHasQuery = request.path.segments.contains { if case .literal(let text) = $0 { text.contains("?") } else { false } }
        for (position, parameter) in request.query.enumerated() {
            let separator = position == 0 && !pathHasQuery ? "?" : "&"
            urlSegments.append(.literal(separator + URLEncoding.encode(parameter.name) + "="))
            urlSegments += parameter.value.segments
        }
        url = try CompiledTemplate(Template(segments: urlSegments), sources: sources, variables: variables, encoded: true)
        body = try request.body.map { template throws(EngineError) in
            try CompiledTemplate(template, sources: sources, variables: variables, encoded: false)
        }
        response = try ResponsePlan(request: request, sources: sources, variables: variables)

        var headers: [HeaderSpec] = profile.headers.filter { header in
            !request.headers.contains { $0.name.lowercased() == header.name.lowercased() }
        }
        headers += request.headers
        var lines: [CompiledTemplate] = []
        var refusals: [RequestFailure?] = []
        for header in headers {
            let line = Template(segments: [.literal(header.name + ": ")] + header.value.segments)
            lines.append(try CompiledTemplate(line, sources: sources, variables: variables, encoded: false))
            refusals.append(Self.refusal(header))
        }
        if request.body != nil, !headers.contains(where: { $0.name.lowercased() == "expect" }) {
            // No "Expect: 100-continue" round trip before bodies: it would add a wait to every request.
            lines.append(try CompiledTemplate(.literal("Expect:"), sources: sources, encoded: false))
            refusals.append(nil)
        }
        headerLines = lines
        headerRefusals = refusals
        sharedHeaders = lines.allSatisfy(\.isConstant) ? HeaderList(lines: lines.map { line in
            var text = ""
            var rows: [Int] = []
            var random = RandomSource(seed: 0)
            line.render(into: &text, sources: sources, rows: &rows, random: &random)
            return text
        }) : nil
    }

    /// The `invalid_value` failure for `header` when its template takes data values or captured variables; nil when
    /// it takes none.
    private static func refusal(_ header: HeaderSpec) -> RequestFailure? {
        var sources: [String] = []
        for case .reference(let source, _) in header.value.segments where !sources.contains(source) { sources.append(source) }
        let variables = header.value.variableNames
        if !variables.isEmpty {
            return RequestFailure(category: .invalidValue, message: Messages.headerVariableRefused(
                header: header.name, sources: sources, variables: variables))
        }
        guard !sources.isEmpty else { return nil }
        return RequestFailure(category: .invalidValue, message: Messages.headerValueRefused(header: header.name, sources: sources))
    }
}

/// A libcurl header list that lives as long as the run and is only read by transfers.
final class HeaderList: @unchecked Sendable {
    let list: UnsafeMutablePointer<curl_slist>?

    init(lines: [String]) {
        list = Self.build(lines)
    }

    deinit { if let list { curl_slist_free_all(list) } }

    static func build(_ lines: [String]) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines { list = curl_slist_append(list, line) }
        return list
    }
}
