import Foundation
import LoadRunnerText

/// Small text pieces shared by the human-readable reports (Markdown and console).
enum ReportText {
    /// A duration for people: `6.0 s`, `1 min 30 s`, `1 h 02 min 03 s`.
    static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 60 else { return ReportNumber.fixed(max(0, seconds), decimals: 1) + " s" }
        let total = Int(seconds.rounded(.toNearestOrAwayFromZero))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        guard hours > 0 else { return "\(minutes) min \(secs) s" }
        return "\(hours) h \(twoDigits(minutes)) min \(twoDigits(secs)) s"
    }

    /// `00:42`, or `1:02:03` past an hour; negative times count as 0.
    static func clock(seconds: Int) -> String {
        let seconds = max(0, seconds)
        let (hours, minutes, secs) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        let minutesAndSeconds = "\(twoDigits(minutes)):\(twoDigits(secs))"
        return hours > 0 ? "\(hours):" + minutesAndSeconds : minutesAndSeconds
    }

    /// A command line as a person would type it: arguments with spaces or quotes single-quoted.
    static func commandLine(_ arguments: [String]) -> String {
        arguments.map { argument in
            let safe = !argument.isEmpty && argument.unicodeScalars.allSatisfy { scalar in
                scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || "-_./=:,@%+".unicodeScalars.contains(scalar)
            }
            guard !safe else { return argument }
            return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    /// Inline Markdown code that survives backticks in `text`.
    static func inlineCode(_ text: String) -> String {
        let fence = String(repeating: "`", count: longestBacktickRun(in: text) + 1)
        let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + padding + text + padding + fence
    }

    /// A fence for a Markdown code block longer than any backtick run inside `text` (at least three).
    static func codeFence(for text: String) -> String {
        String(repeating: "`", count: max(3, longestBacktickRun(in: text) + 1))
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
