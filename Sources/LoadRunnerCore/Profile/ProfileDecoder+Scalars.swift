/// Typed readers for single values; each reports what is wrong and returns nil.
extension ProfileDecoder {
    /// A single non-empty value as text (numbers and booleans as written).
    mutating func text(_ value: YAMLValue, expected: String) -> String? {
        guard value.kind == .text, let text = value.text else {
            report(value, ProfileMessage.wrongType(expected: expected, found: value.kind))
            return nil
        }
        return text
    }

    /// A whole number, quoted or not (`12`, `"12"`, `+3`, `1_000`).
    mutating func integer(_ value: YAMLValue, expected: String) -> Int? {
        guard let text = text(value, expected: expected) else { return nil }
        let digits = text.trimmingWhitespace().replacingOccurrences(of: "_", with: "")
        if let number = Int(digits) { return number }
        if let number = Double(digits), number.isFinite {
            report(value, ProfileMessage.notWholeNumber(text))
        } else {
            report(value, ProfileMessage.notANumber(text, expected: expected))
        }
        return nil
    }

    /// A finite number, whole or decimal.
    mutating func number(_ value: YAMLValue, expected: String) -> Double? {
        guard let text = text(value, expected: expected) else { return nil }
        let digits = text.trimmingWhitespace().replacingOccurrences(of: "_", with: "")
        guard let number = Double(digits), number.isFinite, digits.allSatisfy({ !$0.isLetter || $0 == "e" || $0 == "E" })
        else {
            report(value, ProfileMessage.notANumber(text, expected: expected))
            return nil
        }
        return number
    }

    /// `true` or `false` (YAML's `yes`/`no`/`on`/`off` too).
    mutating func bool(_ value: YAMLValue) -> Bool? {
        guard let text = text(value, expected: ProfileMessage.expectBool) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(value, ProfileMessage.notABool(text))
            return nil
        }
    }

    /// A duration such as `10s`, `1m30s` or `1.5s`; a bare number gets the "has no unit" message.
    mutating func duration(_ value: YAMLValue) -> Duration? {
        guard let text = text(value, expected: ProfileMessage.expectDuration) else { return nil }
        if let duration = DurationParser.parse(text) { return duration }
        if DurationParser.isBareNumber(text) {
            report(value, ProfileMessage.durationWithoutUnit(text.trimmingWhitespace()))
        } else {
            report(value, ProfileMessage.notADuration(text))
        }
        return nil
    }

    /// A duration that must be more than zero (timeouts, stage durations, pacing).
    mutating func positiveDuration(_ value: YAMLValue) -> Duration? {
        guard let duration = duration(value) else { return nil }
        guard duration > .zero else {
            report(value, ProfileMessage.durationNotPositive(value.text ?? ""))
            return nil
        }
        return duration
    }

    /// A template: literals and `{{ source }}` / `{{ source.column }}` references to declared data.
    mutating func template(_ value: YAMLValue, expected: String) -> Template? {
        guard let text = text(value, expected: expected) else { return nil }
        switch TemplateParser.parse(text) {
        case .failure(let failure):
            report(value, ProfileMessage.template(failure, in: text))
            return nil
        case .success(let template):
            return checkReferences(template, at: value) ? template : nil
        }
    }
}
