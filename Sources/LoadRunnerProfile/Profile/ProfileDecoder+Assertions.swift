import LoadRunnerModel
import LoadRunnerText

/// `assert:` on a request: each entry parsed by `AssertionParser`, its right-hand side read by subject.
extension ProfileDecoder {
    /// Reads a request's `assert:` list; nil (reported) when any entry is invalid.
    mutating func assertions(_ value: YAMLValue) -> [AssertionSpec]? {
        guard value.kind != .empty, let items = list(value, expected: ProfileMessage.expectAssertions) else { return [] }
        var specs: [AssertionSpec] = []
        var valid = true
        for item in items {
            guard let text = text(item, expected: ProfileMessage.expectAssertion), let spec = assertion(text, at: item) else {
                valid = false
                continue
            }
            specs.append(spec)
        }
        return valid ? specs : nil
    }

    mutating func assertion(_ text: String, at value: YAMLValue) -> AssertionSpec? {
        let parts: AssertionParser.Parts
        switch AssertionParser.parse(text) {
        case .success(let parsed): parts = parsed
        case .failure(let failure):
            report(value, ProfileMessage.assertionInvalid(text, failure))
            return nil
        }
        guard let operand = operand(parts, text: text, at: value) else { return nil }
        return AssertionSpec(subject: parts.subject, comparison: parts.comparison, expected: operand, text: text.trimmingWhitespace())
    }

    /// The right-hand side: a status or range for `status`, a size for `size`, a duration for `latency`, `null` or
    /// a template for the rest.
    private mutating func operand(_ parts: AssertionParser.Parts, text: String, at value: YAMLValue) -> AssertionSpec.Operand? {
        let written = parts.operand.trimmingWhitespace()
        switch parts.subject {
        case .status:
            if parts.comparison == .within {
                let bounds = written.split(separator: "-", omittingEmptySubsequences: false).map { Int(String($0).trimmingWhitespace()) }
                if bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high { return .range(low...high) }
                if let status = Int(written) { return .range(status...status) }
            } else if let status = Int(written) {
                return .number(Double(status))
            }
            report(value, ProfileMessage.assertionValueInvalid(text, subject: "status", expected: "a status such as 201 (or a range such as 200-299 after `in`)"))
        case .size:
            if let bytes = ByteSize.parse(written) { return .number(Double(bytes)) }
            report(value, ProfileMessage.assertionValueInvalid(text, subject: "size", expected: "a size such as 10kB or 512"))
        case .latency:
            if let duration = DurationParser.parse(written), duration > .zero { return .number(Double(duration.micros)) }
            report(value, ProfileMessage.assertionValueInvalid(text, subject: "latency", expected: "a duration such as 200ms"))
        case .body, .header, .json:
            if !parts.quoted, written == "null", parts.comparison == .equal || parts.comparison == .notEqual,
               parts.subject != .body {
                return .null
            }
            guard let template = template(parsing: parts.operand, at: value) else { return nil }
            if parts.comparison == .matches, template.isConstant {
                let pattern = template.segments.map { if case .literal(let literal) = $0 { literal } else { "" } }.joined()
                guard (try? Regex(pattern)) != nil else {
                    report(value, ProfileMessage.badRegex(pattern))
                    return nil
                }
            }
            return .text(template)
        }
        return nil
    }
}
