import LoadRunnerModel
import LoadRunnerText

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

    /// A whole number, quoted or not (`12`, `"12"`, `+3`, `1_000`), at most `bounds.upperBound`.
    ///
    /// Above the maximum (however many digits) it reports "too large" with `advice`; below the minimum it
    /// reports "too small" only when the text is beyond `Int` and otherwise returns the number, so that the
    /// caller says why the key needs more (`weight` 0 is not a share of the mix).
    mutating func integer(_ value: YAMLValue, expected: String, in bounds: ClosedRange<Int>, advice: String) -> Int? {
        guard let text = text(value, expected: expected) else { return nil }
        let digits = text.trimmingWhitespace().replacingOccurrences(of: "_", with: "")
        if let number = Int(digits) {
            guard number > bounds.upperBound else { return number }
            report(value, ProfileMessage.tooLarge(text, max: "\(bounds.upperBound)", advice: advice))
            return nil
        }
        switch Self.numeral(digits) {
        case let number? where number > Double(bounds.upperBound):
            report(value, ProfileMessage.tooLarge(text, max: "\(bounds.upperBound)", advice: advice))
        case let number? where number < Double(bounds.lowerBound) && number == number.rounded():
            report(value, ProfileMessage.tooSmall(text, min: "\(bounds.lowerBound)"))
        case _?:
            report(value, ProfileMessage.notWholeNumber(text))
        case nil:
            report(value, ProfileMessage.notANumber(text, expected: expected))
        }
        return nil
    }

    /// A number within `bounds`, whole or decimal; `what` names the unit in the messages (`users per second`).
    mutating func number(_ value: YAMLValue, expected: String, in bounds: ClosedRange<Double>, what: String,
                         advice: String) -> Double? {
        guard let text = text(value, expected: expected) else { return nil }
        let digits = text.trimmingWhitespace().replacingOccurrences(of: "_", with: "")
        guard let number = Self.numeral(digits), !number.isNaN else {
            report(value, ProfileMessage.notANumber(text, expected: expected))
            return nil
        }
        if number > bounds.upperBound {
            report(value, ProfileMessage.tooLarge(text, max: "\(Self.plain(bounds.upperBound)) \(what)", advice: advice))
            return nil
        }
        // Zero and negatives keep the key's own message; only a positive number below the minimum is "too small".
        if number > 0, number < bounds.lowerBound {
            report(value, ProfileMessage.tooSmall(text, min: "\(Self.plain(bounds.lowerBound)) \(what)"))
            return nil
        }
        return number
    }

    /// The value of a decimal numeral (`12`, `-1.5`, `1e300`), infinite when it is beyond `Double`;
    /// nil for anything else, including `nan`, `inf` and `.inf`, which are words, not numerals.
    static func numeral(_ digits: String) -> Double? {
        let allowed = Set("0123456789+-.eE")
        guard digits.contains(where: \.isNumber), digits.allSatisfy({ allowed.contains($0) }),
              let number = Double(digits) else { return nil }
        return number
    }

    /// `1000000.0` as `1000000`, `0.001` as is.
    private static func plain(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? "\(Int64(number))" : "\(number)"
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

    /// A duration such as `10s`, `1m30s` or `1.5s`, at most `max` and, unless zero, at least 1µs (run times are
    /// whole microseconds); a bare number gets the "has no unit" message.
    mutating func duration(_ value: YAMLValue, max: Duration = ProfileLimits.maxDuration) -> Duration? {
        guard let text = text(value, expected: ProfileMessage.expectDuration) else { return nil }
        return checkedDuration(text, at: value, max: max) {
            DurationParser.isBareNumber(text)
                ? ProfileMessage.durationWithoutUnit(text.trimmingWhitespace()) : ProfileMessage.notADuration(text)
        }
    }

    /// The duration in `text`, reported at `value` when it is too long, rounds to 0µs, or is not a duration
    /// (with `invalid`'s message).
    mutating func checkedDuration(_ text: String, at value: YAMLValue, max: Duration, invalid: () -> String) -> Duration? {
        let maxText = max == ProfileLimits.maxDuration ? ProfileLimits.maxDurationText : ProfileLimits.maxRunDurationText
        switch DurationParser.read(text) {
        case .invalid:
            report(value, invalid())
        case .tooLong:
            report(value, ProfileMessage.durationTooLong(text.trimmingWhitespace(), max: maxText))
        case .duration(let duration) where duration > max:
            report(value, ProfileMessage.durationTooLong(text.trimmingWhitespace(), max: maxText))
        case .duration(let duration) where duration > .zero && duration < ProfileLimits.minDuration:
            report(value, ProfileMessage.durationRoundsToZero(text.trimmingWhitespace()))
        case .duration(let duration):
            return duration
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

    /// A template: literals and `{{ source }}` / `{{ source.column }}` references to declared data, and
    /// `{{ name }}` references to captured variables.
    mutating func template(_ value: YAMLValue, expected: String) -> Template? {
        guard let text = text(value, expected: expected) else { return nil }
        return template(parsing: text, at: value)
    }

    /// `text` as a template, its problems reported at `value`.
    mutating func template(parsing text: String, at value: YAMLValue) -> Template? {
        switch TemplateParser.parse(text) {
        case .failure(let failure):
            report(value, ProfileMessage.template(failure, in: text))
            return nil
        case .success(let template):
            return checkReferences(template, at: value) ? resolvingVariables(template) : nil
        }
    }
}
