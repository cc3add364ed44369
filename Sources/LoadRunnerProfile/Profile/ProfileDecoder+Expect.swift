import LoadRunnerModel
import LoadRunnerText

/// `expect:` — the status codes counted as success: `200`, `[200, 404]`, `"200-299"` or a list
/// mixing codes and ranges.
extension ProfileDecoder {
    static let statusCodes = 100...599

    mutating func statusSet(_ value: YAMLValue) -> StatusSet? {
        let items: [YAMLValue]
        if value.kind == .list {
            items = list(value, expected: ProfileMessage.expectStatus) ?? []
            guard !items.isEmpty else {
                report(value, ProfileMessage.expectEmpty)
                return nil
            }
        } else {
            items = [value]
        }
        let ranges = items.map { statusRange($0) }
        let valid = ranges.compactMap { $0 }
        return valid.count == ranges.count ? StatusSet(ranges: valid) : nil
    }

    /// One code (`404`) or range (`"200-299"`).
    private mutating func statusRange(_ value: YAMLValue) -> ClosedRange<Int>? {
        guard let text = text(value, expected: ProfileMessage.expectStatus) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            .map { String($0).trimmingWhitespace() }
        let numbers = parts.compactMap { Int($0) }
        guard (1...2).contains(parts.count), numbers.count == parts.count else {
            report(value, ProfileMessage.invalidStatus(text))
            return nil
        }
        guard numbers.allSatisfy(Self.statusCodes.contains) else {
            report(value, ProfileMessage.statusOutOfRange(text))
            return nil
        }
        guard numbers[0] <= numbers[numbers.count - 1] else {
            report(value, ProfileMessage.statusRangeReversed(text))
            return nil
        }
        return numbers[0]...numbers[numbers.count - 1]
    }
}
