import LoadRunnerModel
import LoadRunnerText

/// The `requests:` section: the request mix.
extension ProfileDecoder {
    static let requestKeys = [
        "name", "method", "path", "query", "headers", "body", "weight", "expect", "capture", "assert", "max_body",
    ]

    /// Reads every request; also reports duplicate names (the statistics keys must be unique).
    mutating func requests(_ value: YAMLValue) -> [RequestSpec] {
        guard let items = list(value, expected: ProfileMessage.expectRequests) else { return [] }
        guard !items.isEmpty else {
            report(value, ProfileMessage.requestsEmpty)
            return []
        }
        var specs: [RequestSpec] = []
        var firstIndexByName: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard !reportAwaitOutsideFlows(item),
                  let map = map(item, keys: Self.requestKeys, expected: ProfileMessage.expectRequest) else { continue }
            if let nameValue = map["name"], let name = nameValue.text, nameValue.kind == .text {
                if let first = firstIndexByName[name] {
                    report(nameValue, ProfileMessage.duplicateRequestName(name, firstIndex: first))
                } else {
                    firstIndexByName[name] = index
                }
            }
            if let spec = request(map) { specs.append(spec) }
        }
        // Each weight is at most ProfileLimits.maxWeight, so the sum cannot overflow `Int`.
        let weightSum = specs.map(\.weight).reduce(0, +)
        if weightSum > ProfileLimits.maxWeightSum { report(value, ProfileMessage.weightSumTooLarge(weightSum)) }
        return specs
    }

    /// One request entry (also a flow step's request): what to send, and what to take from and check on the answer.
    mutating func request(_ map: YAMLMap) -> RequestSpec? {
        let name = required(map, "name", example: ProfileMessage.exampleRequestName)
            .flatMap { text($0, expected: ProfileMessage.expectRequestName) }
        let method = map["method"].map { self.method($0) } ?? "GET"
        let path = required(map, "path", example: ProfileMessage.examplePath).flatMap { self.path($0) }
        let query = map["query"].map { self.query($0) } ?? []
        let headers = map["headers"].map { self.headers($0) } ?? []
        let body = map["body"].map { template($0, expected: ProfileMessage.expectBody) }
        let weight = map["weight"].map { self.weight($0) } ?? 1
        let expect = map["expect"].map { statusSet($0) } ?? .defaultSuccess
        let captures = map["capture"].map { self.captures($0) } ?? []
        let assertions = map["assert"].map { self.assertions($0) } ?? []
        let maxBody = map["max_body"].map { self.maxBody($0) } ?? profileMaxBodyBytes
        guard let name, let method, let path, let weight, let expect, body.map({ $0 != nil }) ?? true,
              let captures, let assertions, let maxBody else { return nil }
        var spec = RequestSpec(name: name, method: method, path: path, query: query, headers: headers,
                               body: body ?? nil, weight: weight, expect: expect)
        spec.captures = captures
        spec.assertions = assertions
        spec.maxBodyBytes = maxBody
        return spec
    }

    private mutating func method(_ value: YAMLValue) -> String? {
        guard let text = text(value, expected: ProfileMessage.expectMethod) else { return nil }
        let method = text.trimmingWhitespace().uppercased()
        guard HTTPToken.isValid(method) else {
            report(value, ProfileMessage.invalidMethod(text))
            return nil
        }
        return method
    }

    /// A request path: starts with `/`, no spaces, line breaks or NUL in its literal parts, references allowed.
    private mutating func path(_ value: YAMLValue) -> Template? {
        guard let template = template(value, expected: ProfileMessage.expectPath), let text = value.text else { return nil }
        guard text.hasPrefix("/") else {
            report(value, ProfileMessage.pathNotAbsolute(text))
            return nil
        }
        guard requestLineIsOneLine(template, at: value) else { return nil }
        for case .literal(let literal) in template.segments where literal.contains(where: { $0.isWhitespace }) {
            report(value, ProfileMessage.pathHasSpace(text))
            return nil
        }
        return template
    }

    /// Reports literal text of a path or query value that holds CR, LF or NUL (bytes, so CRLF is found),
    /// which would end the request line early. Values from data sources are percent-encoded there.
    private mutating func requestLineIsOneLine(_ template: Template, at value: YAMLValue) -> Bool {
        for case .literal(let literal) in template.segments where HeaderValueSafety.hasLineBreakOrNUL(literal) {
            report(value, ProfileMessage.requestLineHasLineBreak)
            return false
        }
        return true
    }

    private mutating func query(_ value: YAMLValue) -> [QueryParameter] {
        guard value.kind != .empty, let map = namedMap(value, expected: ProfileMessage.expectQuery) else { return [] }
        var parameters: [QueryParameter] = []
        for entry in map.entries {
            if entry.key.isEmpty { report(entry.keyValue, ProfileMessage.emptyParameterName) }
            guard let template = template(entry.value, expected: ProfileMessage.expectQueryValue),
                  requestLineIsOneLine(template, at: entry.value) else { continue }
            parameters.append(QueryParameter(name: entry.key, value: template))
        }
        return parameters
    }

    mutating func weight(_ value: YAMLValue) -> Int? {
        guard let weight = integer(value, expected: ProfileMessage.expectWeight, in: 1...ProfileLimits.maxWeight,
                                   advice: ProfileMessage.adviseWeight) else { return nil }
        guard weight >= 1 else {
            report(value, ProfileMessage.weightTooSmall(weight))
            return nil
        }
        return weight
    }
}
